//! What every resolver reads from the request context.

use async_graphql::Context;

use crate::auth::Viewer;
use crate::error::ServiceError;
use crate::mail::Outbox;
use crate::services::{Ctx, Services};
use crate::store::Store;

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

pub fn store<'a>(ctx: &Context<'a>) -> &'a Store {
    ctx.data_unchecked::<Store>()
}

/// The e-mail outbox, when SMTP is configured.
pub fn outbox<'a>(ctx: &Context<'a>) -> Option<&'a Outbox> {
    ctx.data_opt::<Outbox>()
}
