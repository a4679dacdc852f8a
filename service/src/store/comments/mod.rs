//! Comments on moments of a call: managers' notes, shared with the seller
//! or private to managers, and their replies (docs/security.md#comment-visibility).
//! Reads here; writes in [`write`]. The rules of who may write what are the
//! service layer's (services/coaching/comments.rs).

mod write;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

pub use write::{add_reply, add_thread, delete, edit, mark_read, place};

use super::entity::{comment, comment_read};
use crate::domain::{CallId, CommentId, CommentVisibility, Scope, UserId, UserRole};
use crate::error::{ServiceError, ServiceResult};

/// A stored comment, read through a scope: only the reads of this module
/// make one (its fields are private), so holding it proves the viewer may
/// read it. Deleted ones keep their place in a thread without their text.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    id: CommentId,
    call: CallId,
    seller: UserId,
    author: UserId,
    parent: Option<CommentId>,
    offset_ms: i64,
    duration_ms: i64,
    segment_from: Option<i32>,
    segment_to: Option<i32>,
    body: String,
    visibility: CommentVisibility,
    created_at: DateTime<Utc>,
    edited_at: Option<DateTime<Utc>>,
    deleted_at: Option<DateTime<Utc>>,
}

impl Comment {
    pub fn id(&self) -> CommentId {
        self.id
    }

    pub fn call(&self) -> CallId {
        self.call
    }

    /// The seller of the call.
    pub fn seller(&self) -> UserId {
        self.seller
    }

    pub fn author(&self) -> UserId {
        self.author
    }

    /// The thread's first comment, for a reply.
    pub fn parent(&self) -> Option<CommentId> {
        self.parent
    }

    pub fn offset_ms(&self) -> i64 {
        self.offset_ms
    }

    pub fn duration_ms(&self) -> i64 {
        self.duration_ms
    }

    /// The first and last segment, when anchored to segments.
    pub fn segments(&self) -> Option<(i32, i32)> {
        self.segment_from.zip(self.segment_to)
    }

    /// Empty when deleted.
    pub fn body(&self) -> &str {
        &self.body
    }

    pub fn visibility(&self) -> CommentVisibility {
        self.visibility
    }

    pub fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }

    pub fn edited_at(&self) -> Option<DateTime<Utc>> {
        self.edited_at
    }

    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }
}

impl TryFrom<comment::Model> for Comment {
    type Error = ServiceError;

    fn try_from(row: comment::Model) -> Result<Self, Self::Error> {
        let visibility = row
            .visibility
            .parse()
            .map_err(|err| ServiceError::Internal(anyhow::anyhow!("comment {}: {err}", row.id)))?;
        Ok(Self {
            id: CommentId(row.id),
            call: CallId(row.call_id),
            seller: UserId(row.seller_id),
            author: UserId(row.author_id),
            parent: row.parent_id.map(CommentId),
            offset_ms: row.offset_ms,
            duration_ms: row.duration_ms,
            segment_from: row.segment_from,
            segment_to: row.segment_to,
            body: if row.deleted_at.is_some() {
                String::new()
            } else {
                row.body
            },
            visibility,
            created_at: row.created_at,
            edited_at: row.edited_at,
            deleted_at: row.deleted_at,
        })
    }
}

/// The comments of calls the viewer has read through their scope, each
/// call's in anchor order then time, in one query; a seller never receives
/// a private one.
pub async fn of_calls(
    db: &impl ConnectionTrait,
    scope: &Scope,
    calls: &[CallId],
) -> ServiceResult<HashMap<CallId, Vec<Comment>>> {
    let mut by_call: HashMap<CallId, Vec<Comment>> = HashMap::new();
    let rows = readable(scope)
        .filter(comment::Column::CallId.is_in(calls.iter().map(|c| c.0)))
        .order_by_asc(comment::Column::OffsetMs)
        .order_by_asc(comment::Column::CreatedAt)
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await?;
    for row in rows {
        let comment = Comment::try_from(row)?;
        by_call.entry(comment.call).or_default().push(comment);
    }
    Ok(by_call)
}

/// The replies to each of `threads` the viewer may read, oldest first,
/// in one query.
pub async fn replies(
    db: &impl ConnectionTrait,
    scope: &Scope,
    threads: &[CommentId],
) -> ServiceResult<HashMap<CommentId, Vec<Comment>>> {
    let mut by_thread: HashMap<CommentId, Vec<Comment>> = HashMap::new();
    let rows = readable(scope)
        .filter(comment::Column::ParentId.is_in(threads.iter().map(|t| t.0)))
        .order_by_asc(comment::Column::CreatedAt)
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await?;
    for row in rows {
        let reply = Comment::try_from(row)?;
        if let Some(thread) = reply.parent {
            by_thread.entry(thread).or_default().push(reply);
        }
    }
    Ok(by_thread)
}

/// One comment the viewer may read: on a call of a seller they see, and
/// shared unless they are a manager or admin. Anything else is not found.
pub async fn get(
    db: &impl ConnectionTrait,
    scope: &Scope,
    id: CommentId,
) -> ServiceResult<Comment> {
    readable(scope)
        .filter(comment::Column::Id.eq(id.0))
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("comment {id}")))?
        .try_into()
}

/// The comments on `seller`'s calls the viewer has not read: written by
/// someone else, not deleted, and readable by the viewer. Returns how many
/// there are and the newest `limit` of them.
pub async fn unread(
    db: &impl ConnectionTrait,
    scope: &Scope,
    seller: UserId,
    limit: u64,
) -> ServiceResult<(u64, Vec<Comment>)> {
    if !scope.can_see(seller) {
        return Err(ServiceError::not_found(format!("seller {seller}")));
    }
    let read_by_viewer = Query::select()
        .column(comment_read::Column::CommentId)
        .from(comment_read::Entity)
        .and_where(comment_read::Column::UserId.eq(scope.author()?.0))
        .to_owned();
    let query = readable(scope)
        .filter(comment::Column::SellerId.eq(seller.0))
        .filter(comment::Column::AuthorId.ne(scope.author()?.0))
        .filter(comment::Column::DeletedAt.is_null())
        .filter(comment::Column::Id.not_in_subquery(read_by_viewer));
    let count = query.clone().count(db).await?;
    let newest = query
        .order_by_desc(comment::Column::CreatedAt)
        .order_by_desc(comment::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(Comment::try_from)
        .collect::<ServiceResult<_>>()?;
    Ok((count, newest))
}

/// Comments the scope may read (docs/security.md#comment-visibility): its organisation, sellers it
/// sees, and for a seller only what was shared with them.
fn readable(scope: &Scope) -> sea_orm::Select<comment::Entity> {
    let mut query = comment::Entity::find().filter(comment::Column::OrgId.eq(scope.org().0));
    if let crate::domain::Visibility::Users(ids) = scope.visibility() {
        query = query.filter(comment::Column::SellerId.is_in(ids.iter().map(|id| id.0)));
    }
    if scope.role() == UserRole::Seller {
        query = query.filter(comment::Column::Visibility.eq(CommentVisibility::Shared.as_str()));
    }
    query
}
