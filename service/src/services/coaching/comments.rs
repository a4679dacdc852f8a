//! Comments on moments of a call: threads, replies, read marks.

use std::collections::HashMap;

use crate::domain::CallId;
use crate::error::ServiceResult;
use crate::services::Ctx;
use crate::store::comments;

pub use crate::store::comments::Comment;

/// The comments the caller may read on calls, by call, in anchor order.
pub async fn of_calls(
    ctx: Ctx<'_>,
    calls: &[CallId],
) -> ServiceResult<HashMap<CallId, Vec<Comment>>> {
    comments::of_calls(ctx.store().db(), ctx.scope(), calls).await
}

/// The replies the caller may read to each of `threads`, oldest first.
pub async fn replies(ctx: Ctx<'_>, threads: &[i64]) -> ServiceResult<HashMap<i64, Vec<Comment>>> {
    comments::replies(ctx.store().db(), ctx.scope(), threads).await
}
