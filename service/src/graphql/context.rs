//! What every resolver reads from the request context.

use async_graphql::Context;

use std::sync::Arc;

use crate::analysis::Analysis;
use crate::auth::{Viewer, ViewerCache};
use crate::error::ServiceError;
use crate::mail::Outbox;
use crate::services::reports::BaselineCache;
use crate::services::{Ctx, Services};
use crate::store::Store;

/// The verified viewer; the HTTP layer only executes requests that have one.
pub fn viewer<'a>(ctx: &Context<'a>) -> Result<&'a Viewer, ServiceError> {
    ctx.data_opt::<Viewer>()
        .ok_or_else(|| ServiceError::Unauthenticated("authentication required".into()))
}

pub fn analysis<'a>(ctx: &Context<'a>) -> &'a Analysis {
    ctx.data_unchecked::<Arc<Analysis>>()
}

/// The organisation-wide comparisons shared by all requests.
pub fn baselines<'a>(ctx: &Context<'a>) -> &'a BaselineCache {
    services(ctx).baselines()
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

/// Viewers loaded recently; a change of people or settings forgets them.
pub fn viewers<'a>(ctx: &Context<'a>) -> &'a ViewerCache {
    ctx.data_unchecked::<Arc<ViewerCache>>()
}

pub fn store<'a>(ctx: &Context<'a>) -> &'a Store {
    ctx.data_unchecked::<Store>()
}

/// The e-mail outbox, when SMTP is configured.
pub fn outbox<'a>(ctx: &Context<'a>) -> Option<&'a Outbox> {
    ctx.data_opt::<Outbox>()
}
