//! Calls: import, the call history, a call's transcript and analysis,
//! re-analysis.

pub mod ingest;

use std::collections::HashMap;

use crate::domain::{CallId, Participant};
use crate::error::ServiceResult;
use crate::services::Ctx;
use crate::store::calls;

pub use crate::store::calls::StoredCall;

/// The calls of `ids` the caller may see (missing ones left out).
pub async fn get_many(ctx: Ctx<'_>, ids: &[CallId]) -> ServiceResult<Vec<StoredCall>> {
    calls::get_many(ctx.store().db(), ctx.scope(), ids).await
}

/// One call the caller may see.
pub async fn get(ctx: Ctx<'_>, id: CallId) -> ServiceResult<StoredCall> {
    calls::get(ctx.store().db(), ctx.scope(), id).await
}

/// The participants of calls the caller has read, by call, in one query
/// (a call id is only asked for once its call was read through the scope).
pub async fn participants_of(
    ctx: Ctx<'_>,
    calls: &[CallId],
) -> ServiceResult<HashMap<CallId, Vec<Participant>>> {
    calls::participants_of(ctx.store().db(), calls).await
}
