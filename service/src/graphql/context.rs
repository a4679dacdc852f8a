//! What every resolver reads from the request context.

use async_graphql::Context;

use crate::auth::Viewer;
use crate::error::ServiceError;
use crate::services::{Ctx, Services};

/// The verified viewer; the HTTP layer only executes requests that have one.
pub fn viewer<'a>(ctx: &Context<'a>) -> Result<&'a Viewer, ServiceError> {
    ctx.data_opt::<Viewer>()
        .ok_or_else(|| ServiceError::Unauthenticated("authentication required".into()))
}

/// The service layer.
pub fn services<'a>(ctx: &Context<'a>) -> &'a Services {
    ctx.data_unchecked::<Services>()
}

/// The signed-in viewer's service context: what every service function
/// takes.
pub fn service<'a>(ctx: &Context<'a>) -> Result<Ctx<'a>, ServiceError> {
    Ok(Ctx::new(services(ctx), viewer(ctx)?))
}
