//! Comments on moments of a call: threads, replies, read marks, and who
//! hears of them (docs/security.md#comment-visibility).

use std::collections::{BTreeSet, HashMap};

use tracing::instrument;

use super::notice::{self, NoticeKind, Quote};
use crate::domain::{
    CallId, CommentBody, CommentEdit, CommentId, CommentVisibility, NewComment, UserId,
};
use crate::error::{ServiceError, ServiceResult};
use crate::services::calls::{self, StoredCall};
use crate::services::{Ctx, people};
use crate::store::comments;
use crate::store::outbox::OutgoingEmail;

pub use crate::store::comments::Comment;

/// The comments the caller may read on calls, by call, in anchor order.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn of_calls(
    ctx: Ctx<'_>,
    calls: &[CallId],
) -> ServiceResult<HashMap<CallId, Vec<Comment>>> {
    comments::of_calls(ctx.store().db(), ctx.scope(), calls).await
}

/// The replies the caller may read to each of `threads`, oldest first.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn replies(
    ctx: Ctx<'_>,
    threads: &[CommentId],
) -> ServiceResult<HashMap<CommentId, Vec<Comment>>> {
    comments::replies(ctx.store().db(), ctx.scope(), threads).await
}

/// One comment the caller may read.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn get(ctx: Ctx<'_>, id: CommentId) -> ServiceResult<Comment> {
    comments::get(ctx.store().db(), ctx.scope(), id).await
}

/// How many comments on `seller`'s calls the caller has not read, and the
/// newest `limit` of them.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn unread(
    ctx: Ctx<'_>,
    seller: UserId,
    limit: u64,
) -> ServiceResult<(u64, Vec<Comment>)> {
    comments::unread(ctx.store().db(), ctx.scope(), seller, limit).await
}

/// Starts a thread on a moment of a call the caller sees (managers and
/// admins). A shared one is e-mailed to the seller when mail is on.
#[instrument(skip(ctx, new), fields(org = %ctx.scope().org(), call = %new.call))]
pub async fn add(ctx: Ctx<'_>, new: NewComment) -> ServiceResult<Comment> {
    ctx.scope().require_manager("starting a comment thread")?;
    let call = calls::get(ctx, new.call).await?;
    let placed = comments::place(ctx.store().db(), &call, new.anchor).await?;
    let notices = if new.visibility == CommentVisibility::Shared {
        let quote = Quote {
            offset_ms: placed.offset_ms,
            body: new.body.as_str(),
        };
        notices(ctx, NoticeKind::Comment, &call, quote, [call.seller()]).await?
    } else {
        Vec::new()
    };
    let added = comments::add_thread(
        ctx.store(),
        ctx.scope(),
        &call,
        placed,
        new.body,
        new.visibility,
        notices,
    )
    .await?;
    wake_mail(ctx);
    Ok(added)
}

/// Replies to a thread the caller reads (a reply to a reply joins its
/// thread); sellers reply to shared threads on their own calls. The
/// thread's author and, when shared, the seller hear of it.
#[instrument(skip(ctx, body), fields(org = %ctx.scope().org(), to = %to))]
pub async fn reply(ctx: Ctx<'_>, to: CommentId, body: CommentBody) -> ServiceResult<Comment> {
    let parent = get(ctx, to).await?;
    let root = match parent.parent() {
        Some(root) => get(ctx, root).await?,
        None => parent,
    };
    if root.is_deleted() {
        return Err(ServiceError::BadUserInput(format!(
            "comment {} was deleted; it takes no new replies",
            root.id()
        )));
    }
    let call = calls::get(ctx, root.call()).await?;
    let mut to = vec![root.author()];
    if root.visibility() == CommentVisibility::Shared {
        to.push(root.seller());
    }
    let quote = Quote {
        offset_ms: root.offset_ms(),
        body: body.as_str(),
    };
    let notices = notices(ctx, NoticeKind::Reply, &call, quote, to).await?;
    let added = comments::add_reply(ctx.store(), ctx.scope(), &root, body, notices).await?;
    wake_mail(ctx);
    Ok(added)
}

/// Changes the caller's own comment. Making a private thread shared shares
/// it: the seller hears of it as of a new comment.
#[instrument(skip(ctx, change), fields(org = %ctx.scope().org(), id = %id))]
pub async fn edit(ctx: Ctx<'_>, id: CommentId, change: CommentEdit) -> ServiceResult<Comment> {
    let current = own(ctx, id, "edits").await?;
    let visibility = change.visibility.filter(|v| *v != current.visibility());
    if visibility.is_some() && current.parent().is_some() {
        return Err(ServiceError::BadUserInput(
            "visibility: a reply has its thread's visibility; change the thread's first comment"
                .into(),
        ));
    }
    if change.body.is_none() && visibility.is_none() {
        return Ok(current);
    }
    let notices = if visibility == Some(CommentVisibility::Shared) {
        let call = calls::get(ctx, current.call()).await?;
        let quote = Quote {
            offset_ms: current.offset_ms(),
            body: change
                .body
                .as_ref()
                .map_or(current.body(), CommentBody::as_str),
        };
        notices(ctx, NoticeKind::Shared, &call, quote, [call.seller()]).await?
    } else {
        Vec::new()
    };
    let change = CommentEdit {
        body: change.body,
        visibility,
    };
    let edited = comments::edit(ctx.store(), ctx.scope(), &current, change, notices).await?;
    wake_mail(ctx);
    Ok(edited)
}

/// Deletes the caller's own comment; a thread with replies stays, marked
/// deleted. Returns the comment as it stays, or `None` when it is gone.
#[instrument(skip(ctx), fields(org = %ctx.scope().org(), id = %id))]
pub async fn delete(ctx: Ctx<'_>, id: CommentId) -> ServiceResult<Option<Comment>> {
    let current = own(ctx, id, "deletes").await?;
    comments::delete(ctx.store(), &current).await
}

/// Marks comments read for the caller: every one of `call` they may read,
/// and those of `ids` (each one they may read, or nothing is marked).
/// Returns how many were newly marked.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn mark_read(
    ctx: Ctx<'_>,
    call: Option<CallId>,
    ids: &[CommentId],
) -> ServiceResult<u64> {
    if call.is_none() && ids.is_empty() {
        return Err(ServiceError::BadUserInput(
            "name a callId or at least one of commentIds".into(),
        ));
    }
    let call = match call {
        Some(call) => Some(calls::get(ctx, call).await?),
        None => None,
    };
    comments::mark_read(ctx.store(), ctx.scope(), call.as_ref(), ids).await
}

/// The caller's own, undeleted comment; someone else's is forbidden.
async fn own(ctx: Ctx<'_>, id: CommentId, verb: &str) -> ServiceResult<Comment> {
    let comment = get(ctx, id).await?;
    if comment.author() != ctx.scope().author()? {
        return Err(ServiceError::Forbidden(format!(
            "only its author {verb} a comment"
        )));
    }
    if comment.is_deleted() {
        return Err(ServiceError::BadUserInput(format!(
            "comment {id} was deleted"
        )));
    }
    Ok(comment)
}

/// The e-mails telling each of `to` but the caller about a comment, when
/// mail is on.
async fn notices(
    ctx: Ctx<'_>,
    kind: NoticeKind,
    call: &StoredCall,
    quote: Quote<'_>,
    to: impl IntoIterator<Item = UserId>,
) -> ServiceResult<Vec<OutgoingEmail>> {
    let author = ctx.scope().author()?;
    let mut to: BTreeSet<UserId> = to.into_iter().collect();
    to.remove(&author);
    if ctx.services().outbox().is_none() || to.is_empty() {
        return Ok(Vec::new());
    }
    let mut ids: Vec<UserId> = to.iter().copied().collect();
    ids.push(author);
    let people = people::authors(ctx, &ids).await?;
    let Some(author) = people.iter().find(|u| u.id == author) else {
        return Ok(Vec::new());
    };
    Ok(people
        .iter()
        .filter(|u| to.contains(&u.id))
        .map(|recipient| notice::email(kind, author, recipient, call, quote))
        .collect())
}

/// Tells the mail worker a message may be waiting.
fn wake_mail(ctx: Ctx<'_>) {
    if let Some(outbox) = ctx.services().outbox() {
        outbox.wake();
    }
}
