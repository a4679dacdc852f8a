//! Follow-ups on the action items of calls: whoever sees a call sees and
//! moves its follow-ups along.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use tracing::instrument;

use crate::domain::{CallId, FollowUpId, FollowUpPatch, FollowUpStatus, NewFollowUp, UserId};
use crate::error::ServiceResult;
use crate::services::Ctx;
use crate::store::follow_ups;

pub use crate::store::follow_ups::FollowUp;

/// The follow-ups of calls the caller sees, by call, by due date.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn of_calls(
    ctx: Ctx<'_>,
    calls: &[CallId],
) -> ServiceResult<HashMap<CallId, Vec<FollowUp>>> {
    follow_ups::of_calls(ctx.store().db(), ctx.scope(), calls).await
}

/// One follow-up the caller sees.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn get(ctx: Ctx<'_>, id: FollowUpId) -> ServiceResult<FollowUp> {
    follow_ups::get(ctx.store().db(), ctx.scope(), id).await
}

/// The follow-ups on `seller`'s calls the caller sees, by due date: of
/// one status, due in `[from, to)`, at most `limit`.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn of_seller(
    ctx: Ctx<'_>,
    seller: UserId,
    status: Option<FollowUpStatus>,
    due: Option<(DateTime<Utc>, DateTime<Utc>)>,
    limit: u64,
) -> ServiceResult<Vec<FollowUp>> {
    follow_ups::of_seller(ctx.store().db(), ctx.scope(), seller, status, due, limit).await
}

/// Turns an action item of a call the caller sees into an open follow-up.
#[instrument(skip(ctx, new), fields(org = %ctx.scope().org(), call = %new.call))]
pub async fn create(ctx: Ctx<'_>, new: NewFollowUp) -> ServiceResult<FollowUp> {
    new.kind.check_duration(new.duration_minutes)?;
    follow_ups::create(ctx.store(), ctx.scope(), new).await
}

/// Changes a follow-up of a call the caller sees (a seller closes their
/// own).
#[instrument(skip(ctx, patch), fields(org = %ctx.scope().org(), id = %id))]
pub async fn update(ctx: Ctx<'_>, id: FollowUpId, patch: FollowUpPatch) -> ServiceResult<FollowUp> {
    follow_ups::update(ctx.store(), ctx.scope(), id, patch).await
}
