//! Adding, replying to, editing, deleting and reading comments. Each write
//! checks the whole request before its transaction, writes the comment and
//! the e-mails it causes together, and raises its event after commit.

use std::collections::BTreeSet;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

use super::notice::{self, NoticeKind};
use super::{Comment, CommentVisibility, get, readable};
use crate::domain::{CallId, Scope, UserId, UserRole};
use crate::error::{ServiceError, ServiceResult};
use crate::store::Store;
use crate::store::calls::{self, StoredCall};
use crate::store::entity::{comment, comment_read, segment};
use crate::store::events::Event;
use crate::store::outbox;
use crate::store::users;

/// The longest comment body, in characters (DESIGN §9: body-size limits).
pub const MAX_BODY_CHARS: usize = 10_000;

/// The Markdown text of a comment: not blank, at most [`MAX_BODY_CHARS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentBody(String);

impl CommentBody {
    /// Trims surrounding whitespace; `field` names the input in errors.
    pub fn parse(text: &str, field: &str) -> ServiceResult<Self> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ServiceError::BadUserInput(format!("{field} is empty")));
        }
        let chars = text.chars().count();
        if chars > MAX_BODY_CHARS {
            return Err(ServiceError::BadUserInput(format!(
                "{field} has {chars} characters; a comment may have at most {MAX_BODY_CHARS}"
            )));
        }
        Ok(Self(text.to_owned()))
    }
}

/// The moment of a call a comment is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// A stretch of time from the start of the call.
    Span { offset_ms: i64, duration_ms: i64 },
    /// Transcript segments `from..=to`, by position.
    Segments { from: i32, to: i32 },
}

/// A new thread on a call.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub call: CallId,
    pub anchor: Anchor,
    pub body: CommentBody,
    pub visibility: CommentVisibility,
}

/// What an author changes in their comment.
#[derive(Debug, Clone, Default)]
pub struct CommentEdit {
    pub body: Option<CommentBody>,
    /// Threads only; replies follow their thread.
    pub visibility: Option<CommentVisibility>,
}

/// Starts a thread on a call the viewer sees (managers and admins). With
/// `email`, a shared comment e-mails the seller through the outbox.
pub async fn add(
    store: &Store,
    scope: &Scope,
    new: NewComment,
    email: bool,
) -> ServiceResult<Comment> {
    if scope.role() == UserRole::Seller {
        return Err(ServiceError::Forbidden(
            "managers and admins start comment threads; a seller replies to shared ones".into(),
        ));
    }
    let call = calls::get(store.db(), scope, new.call).await?;
    let (offset_ms, duration_ms, segments) = place(store.db(), &call, new.anchor).await?;
    let now = Utc::now();
    let txn = store.begin_write().await?;
    let row = comment::ActiveModel {
        org_id: Set(scope.org().0),
        call_id: Set(call.id().0),
        seller_id: Set(call.seller().0),
        author_id: Set(scope.author()?.0),
        parent_id: Set(None),
        offset_ms: Set(offset_ms),
        duration_ms: Set(duration_ms),
        segment_from: Set(segments.map(|(from, _)| from)),
        segment_to: Set(segments.map(|(_, to)| to)),
        body: Set(new.body.0),
        visibility: Set(new.visibility.as_str().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let added = Comment::try_from(row)?;
    if email && added.visibility == CommentVisibility::Shared {
        let to = BTreeSet::from([call.seller()]);
        send(&txn, scope, &call, &added, NoticeKind::Comment, to).await?;
    }
    txn.commit().await?;
    store
        .publish(Event::comment_added(scope.org(), &added))
        .await;
    Ok(added)
}

/// Replies to a thread the viewer reads (a reply to a reply joins its
/// thread). Sellers reply to shared threads on their own calls. With
/// `email`, the thread's author and, when shared, the seller hear of it.
pub async fn reply(
    store: &Store,
    scope: &Scope,
    to: i64,
    body: CommentBody,
    email: bool,
) -> ServiceResult<Comment> {
    let parent = get(store.db(), scope, to).await?;
    let root = match parent.parent {
        Some(root) => get(store.db(), scope, root).await?,
        None => parent,
    };
    if root.deleted_at.is_some() {
        return Err(ServiceError::BadUserInput(format!(
            "comment {} was deleted; it takes no new replies",
            root.id
        )));
    }
    let call = calls::get(store.db(), scope, root.call).await?;
    let txn = store.begin_write().await?;
    let row = comment::ActiveModel {
        org_id: Set(scope.org().0),
        call_id: Set(root.call.0),
        seller_id: Set(root.seller.0),
        author_id: Set(scope.author()?.0),
        parent_id: Set(Some(root.id)),
        offset_ms: Set(root.offset_ms),
        duration_ms: Set(root.duration_ms),
        segment_from: Set(root.segment_from),
        segment_to: Set(root.segment_to),
        body: Set(body.0),
        visibility: Set(root.visibility.as_str().to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let added = Comment::try_from(row)?;
    if email {
        let mut to = BTreeSet::from([root.author]);
        if root.visibility == CommentVisibility::Shared {
            to.insert(root.seller);
        }
        send(&txn, scope, &call, &added, NoticeKind::Reply, to).await?;
    }
    txn.commit().await?;
    store
        .publish(Event::comment_added(scope.org(), &added))
        .await;
    Ok(added)
}

/// Changes the viewer's own comment. Making a private thread shared shares
/// it: with `email`, the seller hears of it as of a new comment.
pub async fn edit(
    store: &Store,
    scope: &Scope,
    id: i64,
    change: CommentEdit,
    email: bool,
) -> ServiceResult<Comment> {
    let current = own(store, scope, id, "edits").await?;
    let visibility = change.visibility.filter(|v| *v != current.visibility);
    if visibility.is_some() && current.parent.is_some() {
        return Err(ServiceError::BadUserInput(
            "visibility: a reply has its thread's visibility; change the thread's first comment"
                .into(),
        ));
    }
    if change.body.is_none() && visibility.is_none() {
        return Ok(current);
    }
    let txn = store.begin_write().await?;
    let mut row = comment::ActiveModel {
        id: Set(current.id),
        ..Default::default()
    };
    if let Some(body) = change.body {
        row.body = Set(body.0);
        row.edited_at = Set(Some(Utc::now()));
    }
    if let Some(visibility) = visibility {
        row.visibility = Set(visibility.as_str().to_owned());
        comment::Entity::update_many()
            .col_expr(
                comment::Column::Visibility,
                sea_orm::sea_query::Expr::value(visibility.as_str()),
            )
            .filter(comment::Column::ParentId.eq(current.id))
            .exec(&txn)
            .await?;
    }
    let edited = Comment::try_from(row.update(&txn).await?)?;
    let shared_now = visibility == Some(CommentVisibility::Shared);
    if email && shared_now {
        let call = calls::get(&txn, scope, current.call).await?;
        let to = BTreeSet::from([call.seller()]);
        send(&txn, scope, &call, &edited, NoticeKind::Shared, to).await?;
    }
    txn.commit().await?;
    Ok(edited)
}

/// Deletes the viewer's own comment. A thread with replies stays, marked
/// deleted and without its text, so the replies keep their context; the
/// last reply of such a thread takes the thread with it. Returns the
/// comment as it stays, or `None` when it is gone.
pub async fn delete(store: &Store, scope: &Scope, id: i64) -> ServiceResult<Option<Comment>> {
    let current = own(store, scope, id, "deletes").await?;
    let txn = store.begin_write().await?;
    let replies = comment::Entity::find()
        .filter(comment::Column::ParentId.eq(current.id))
        .count(&txn)
        .await?;
    let kept = if replies > 0 {
        let row = comment::ActiveModel {
            id: Set(current.id),
            body: Set(String::new()),
            deleted_at: Set(Some(Utc::now())),
            ..Default::default()
        };
        Some(Comment::try_from(row.update(&txn).await?)?)
    } else {
        comment::Entity::delete_by_id(current.id).exec(&txn).await?;
        if let Some(root) = current.parent {
            // A deleted thread whose last reply just went goes too.
            let orphan = comment::Entity::find_by_id(root)
                .filter(comment::Column::DeletedAt.is_not_null())
                .one(&txn)
                .await?
                .is_some();
            let left = comment::Entity::find()
                .filter(comment::Column::ParentId.eq(root))
                .count(&txn)
                .await?;
            if orphan && left == 0 {
                comment::Entity::delete_by_id(root).exec(&txn).await?;
            }
        }
        None
    };
    txn.commit().await?;
    Ok(kept)
}

/// Marks comments read for the viewer: all those of `call` they may read,
/// and those named in `ids` (each must be one they may read, or nothing is
/// marked). Returns how many were newly marked.
pub async fn mark_read(
    store: &Store,
    scope: &Scope,
    call: Option<CallId>,
    ids: &[i64],
) -> ServiceResult<u64> {
    let mut targets = BTreeSet::new();
    if let Some(call) = call {
        let call = calls::get(store.db(), scope, call).await?;
        let of_call = readable(scope)
            .filter(comment::Column::CallId.eq(call.id().0))
            .all(store.db())
            .await?;
        targets.extend(of_call.into_iter().map(|c| c.id));
    }
    if !ids.is_empty() {
        let found: BTreeSet<i64> = readable(scope)
            .filter(comment::Column::Id.is_in(ids.iter().copied()))
            .all(store.db())
            .await?
            .into_iter()
            .map(|c| c.id)
            .collect();
        if let Some(missing) = ids.iter().find(|id| !found.contains(id)) {
            return Err(ServiceError::not_found(format!("comment {missing}")));
        }
        targets.extend(found);
    }
    if targets.is_empty() {
        return Ok(0);
    }
    let now = Utc::now();
    let reader = scope.author()?;
    let rows = targets.into_iter().map(|id| comment_read::ActiveModel {
        user_id: Set(reader.0),
        comment_id: Set(id),
        read_at: Set(now),
    });
    let txn = store.begin_write().await?;
    let inserted = comment_read::Entity::insert_many(rows)
        .on_conflict_do_nothing_on([
            comment_read::Column::UserId,
            comment_read::Column::CommentId,
        ])
        .exec_without_returning(&txn)
        .await?;
    txn.commit().await?;
    Ok(match inserted {
        sea_orm::TryInsertResult::Inserted(n) => n,
        _ => 0,
    })
}

/// The viewer's own, undeleted comment; someone else's is forbidden.
async fn own(store: &Store, scope: &Scope, id: i64, verb: &str) -> ServiceResult<Comment> {
    let comment = get(store.db(), scope, id).await?;
    if comment.author != scope.author()? {
        return Err(ServiceError::Forbidden(format!(
            "only its author {verb} a comment"
        )));
    }
    if comment.deleted_at.is_some() {
        return Err(ServiceError::BadUserInput(format!(
            "comment {id} was deleted"
        )));
    }
    Ok(comment)
}

/// Where `anchor` lies in `call`: offset, duration and the segments, or a
/// BAD_USER_INPUT naming the field that points outside the call.
async fn place(
    db: &impl ConnectionTrait,
    call: &StoredCall,
    anchor: Anchor,
) -> ServiceResult<(i64, i64, Option<(i32, i32)>)> {
    match anchor {
        Anchor::Span {
            offset_ms,
            duration_ms,
        } => {
            if offset_ms < 0 || duration_ms < 0 {
                return Err(ServiceError::BadUserInput(
                    "anchor.span: offsetMs and durationMs may not be negative".into(),
                ));
            }
            let end = offset_ms.saturating_add(duration_ms);
            if end > call.duration_ms() {
                return Err(ServiceError::BadUserInput(format!(
                    "anchor.span ends at {end} ms, after the end of the call ({} ms)",
                    call.duration_ms()
                )));
            }
            Ok((offset_ms, duration_ms, None))
        }
        Anchor::Segments { from, to } => {
            if from < 0 || to < from {
                return Err(ServiceError::BadUserInput(format!(
                    "anchor.segments: from ({from}) must be at least 0 and at most to ({to})"
                )));
            }
            let rows = segment::Entity::find()
                .filter(segment::Column::CallId.eq(call.id().0))
                .filter(segment::Column::Ordinal.between(from, to))
                .order_by_asc(segment::Column::Ordinal)
                .all(db)
                .await?;
            let wanted = i64::from(to) - i64::from(from) + 1;
            if rows.len() as i64 != wanted {
                let total = segment::Entity::find()
                    .filter(segment::Column::CallId.eq(call.id().0))
                    .count(db)
                    .await?;
                return Err(ServiceError::BadUserInput(format!(
                    "anchor.segments: the call has {total} segments (0 to {}), not {from} to {to}",
                    total.saturating_sub(1)
                )));
            }
            let start = rows.iter().map(|s| s.start_ms).min().unwrap_or(0);
            let end = rows.iter().map(|s| s.end_ms).max().unwrap_or(start);
            Ok((start, end - start, Some((from, to))))
        }
    }
}

/// Queues the notice of `comment` to each of `to` but its author.
async fn send(
    txn: &impl ConnectionTrait,
    scope: &Scope,
    call: &StoredCall,
    comment: &Comment,
    kind: NoticeKind,
    mut to: BTreeSet<UserId>,
) -> ServiceResult<()> {
    to.remove(&comment.author);
    if to.is_empty() {
        return Ok(());
    }
    let mut ids: Vec<UserId> = to.iter().copied().collect();
    ids.push(comment.author);
    let people = users::authors(txn, scope, &ids).await?;
    let Some(author) = people.iter().find(|u| u.id == comment.author) else {
        return Ok(());
    };
    for recipient in people.iter().filter(|u| to.contains(&u.id)) {
        let email = notice::email(kind, author, recipient, call, comment);
        outbox::enqueue(txn, scope.org(), &email).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_trimmed_and_bounded() {
        assert_eq!(
            CommentBody::parse("  **Nice** close  ", "body").unwrap(),
            CommentBody("**Nice** close".into())
        );
        let empty = CommentBody::parse(" \n\t", "body").unwrap_err();
        assert_eq!(empty.to_string(), "body is empty");
        assert!(CommentBody::parse(&"é".repeat(MAX_BODY_CHARS), "body").is_ok());
        let long = CommentBody::parse(&"é".repeat(MAX_BODY_CHARS + 1), "body").unwrap_err();
        assert!(long.to_string().contains("10001 characters"), "{long}");
    }
}
