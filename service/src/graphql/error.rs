//! Service errors become GraphQL errors with `extensions.code`; internal
//! causes are logged with an id and never shown.

use async_graphql::{ErrorExtensions, Response};

use crate::error::ServiceError;

impl From<ServiceError> for async_graphql::Error {
    fn from(err: ServiceError) -> Self {
        let code = err.code();
        if let ServiceError::Internal(cause) = &err {
            tracing::error!(
                error = format!("{cause:#}"),
                "internal error while resolving a GraphQL field"
            );
        }
        async_graphql::Error::new(err.to_string()).extend_with(|_, ext| ext.set("code", code))
    }
}

/// Errors async-graphql raises itself (syntax, validation, input coercion,
/// limits) are the request's fault: they get `BAD_USER_INPUT`, so every
/// error a client sees carries a code.
pub fn tag_request_errors(mut response: Response) -> Response {
    for error in &mut response.errors {
        let has_code = error
            .extensions
            .as_ref()
            .is_some_and(|ext| ext.get("code").is_some());
        if !has_code {
            error
                .extensions
                .get_or_insert_with(Default::default)
                .set("code", "BAD_USER_INPUT");
        }
    }
    response
}
