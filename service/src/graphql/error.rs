//! Service errors become GraphQL errors with `extensions.code`; an
//! internal one is logged with its cause chain under an id, which the
//! client gets as `extensions.errorId` beside a generic message.

use async_graphql::{ErrorExtensions, Response};

use crate::error::ServiceError;

impl From<ServiceError> for async_graphql::Error {
    fn from(err: ServiceError) -> Self {
        let code = err.code();
        let id = err.log_internal("internal error while resolving a GraphQL field");
        async_graphql::Error::new(err.to_string()).extend_with(|_, ext| {
            ext.set("code", code);
            if let Some(id) = &id {
                ext.set("errorId", id.as_str());
            }
        })
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

#[cfg(test)]
mod tests {
    use async_graphql::Value;

    use super::*;

    fn extensions(err: ServiceError) -> (String, async_graphql::ErrorExtensionValues) {
        let err = async_graphql::Error::from(err);
        (err.message, err.extensions.unwrap_or_default())
    }

    #[test]
    fn an_internal_error_carries_an_id_and_no_cause() {
        let cause = anyhow::anyhow!("no such table: users").context("loading the viewer");
        let (message, ext) = extensions(ServiceError::Internal(cause));
        assert_eq!(message, "internal error");
        assert_eq!(ext.get("code"), Some(&Value::from("INTERNAL")));
        let Some(Value::String(id)) = ext.get("errorId") else {
            panic!("no errorId: {ext:?}");
        };
        assert_eq!(id.len(), 16);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
        let (_, again) = extensions(ServiceError::Internal(anyhow::anyhow!("again")));
        assert_ne!(again.get("errorId"), ext.get("errorId"), "one id per error");
    }

    #[test]
    fn a_client_error_has_no_id() {
        let (message, ext) = extensions(ServiceError::BadUserInput("a name is needed".into()));
        assert_eq!(message, "a name is needed");
        assert_eq!(ext.get("code"), Some(&Value::from("BAD_USER_INPUT")));
        assert_eq!(ext.get("errorId"), None);
    }
}
