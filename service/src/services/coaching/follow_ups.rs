//! Follow-ups on the action items of calls.

use std::collections::HashMap;

use crate::domain::CallId;
use crate::error::ServiceResult;
use crate::services::Ctx;
use crate::store::follow_ups;

pub use crate::store::follow_ups::FollowUp;

/// The follow-ups of calls the caller sees, by call, by due date.
pub async fn of_calls(
    ctx: Ctx<'_>,
    calls: &[CallId],
) -> ServiceResult<HashMap<CallId, Vec<FollowUp>>> {
    follow_ups::of_calls(ctx.store().db(), ctx.scope(), calls).await
}
