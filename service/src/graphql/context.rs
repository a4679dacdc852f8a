//! What every resolver reads from the request context.

use async_graphql::Context;

use crate::auth::Viewer;
use crate::error::ServiceError;
use crate::store::Store;

/// The verified viewer; the HTTP layer only executes requests that have one.
pub fn viewer<'a>(ctx: &Context<'a>) -> Result<&'a Viewer, ServiceError> {
    ctx.data_opt::<Viewer>()
        .ok_or_else(|| ServiceError::Unauthenticated("authentication required".into()))
}

pub fn store<'a>(ctx: &Context<'a>) -> &'a Store {
    ctx.data_unchecked::<Store>()
}
