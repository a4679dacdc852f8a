//! Writing comments and read marks. The service layer decides who may
//! write what and whom it tells (services/coaching/comments.rs); each write
//! here stores the comment and the e-mails it causes in one transaction and
//! raises its event after commit.

use std::collections::BTreeSet;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

use super::{Comment, readable};
use crate::domain::{
    Anchor, CommentBody, CommentEdit, CommentId, CommentVisibility, Placed, Scope,
    check_segment_range,
};
use crate::error::{ServiceError, ServiceResult};
use crate::store::Store;
use crate::store::calls::StoredCall;
use crate::store::entity::{comment, comment_read, segment};
use crate::store::events::Event;
use crate::store::outbox::{self, OutgoingEmail};

/// Starts a thread on `call` at `placed`, with the e-mails it causes.
pub async fn add_thread(
    store: &Store,
    scope: &Scope,
    call: &StoredCall,
    placed: Placed,
    body: CommentBody,
    visibility: CommentVisibility,
    notices: Vec<OutgoingEmail>,
) -> ServiceResult<Comment> {
    let row = comment::ActiveModel {
        org_id: Set(scope.org().0),
        call_id: Set(call.id().0),
        seller_id: Set(call.seller().0),
        author_id: Set(scope.author()?.0),
        parent_id: Set(None),
        offset_ms: Set(placed.offset_ms),
        duration_ms: Set(placed.duration_ms),
        segment_from: Set(placed.segments.map(|(from, _)| from)),
        segment_to: Set(placed.segments.map(|(_, to)| to)),
        body: Set(body.into_string()),
        visibility: Set(visibility.as_str().to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    insert(store, scope, row, notices).await
}

/// Replies to the thread `root`, at its moment and with its visibility.
pub async fn add_reply(
    store: &Store,
    scope: &Scope,
    root: &Comment,
    body: CommentBody,
    notices: Vec<OutgoingEmail>,
) -> ServiceResult<Comment> {
    let row = comment::ActiveModel {
        org_id: Set(scope.org().0),
        call_id: Set(root.call.0),
        seller_id: Set(root.seller.0),
        author_id: Set(scope.author()?.0),
        parent_id: Set(Some(root.id.0)),
        offset_ms: Set(root.offset_ms),
        duration_ms: Set(root.duration_ms),
        segment_from: Set(root.segment_from),
        segment_to: Set(root.segment_to),
        body: Set(body.into_string()),
        visibility: Set(root.visibility.as_str().to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    insert(store, scope, row, notices).await
}

async fn insert(
    store: &Store,
    scope: &Scope,
    row: comment::ActiveModel,
    notices: Vec<OutgoingEmail>,
) -> ServiceResult<Comment> {
    let txn = store.begin_write().await?;
    let added = Comment::try_from(row.insert(&txn).await?)?;
    for email in &notices {
        outbox::enqueue(&txn, scope.org(), email).await?;
    }
    txn.commit().await?;
    store
        .publish(Event::comment_added(scope.org(), &added))
        .await;
    Ok(added)
}

/// Changes `current`: its text, and a thread's visibility with its
/// replies', with the e-mails the change causes. `change` holds only what
/// differs.
pub async fn edit(
    store: &Store,
    scope: &Scope,
    current: &Comment,
    change: CommentEdit,
    notices: Vec<OutgoingEmail>,
) -> ServiceResult<Comment> {
    let txn = store.begin_write().await?;
    let mut row = comment::ActiveModel {
        id: Set(current.id.0),
        ..Default::default()
    };
    if let Some(body) = change.body {
        row.body = Set(body.into_string());
        row.edited_at = Set(Some(Utc::now()));
    }
    if let Some(visibility) = change.visibility {
        row.visibility = Set(visibility.as_str().to_owned());
        comment::Entity::update_many()
            .col_expr(
                comment::Column::Visibility,
                sea_orm::sea_query::Expr::value(visibility.as_str()),
            )
            .filter(comment::Column::ParentId.eq(current.id.0))
            .exec(&txn)
            .await?;
    }
    let edited = Comment::try_from(row.update(&txn).await?)?;
    for email in &notices {
        outbox::enqueue(&txn, scope.org(), email).await?;
    }
    txn.commit().await?;
    Ok(edited)
}

/// Deletes `current`. A thread with replies stays, marked deleted and
/// without its text, so the replies keep their context; the last reply of
/// such a thread takes the thread with it. Returns the comment as it
/// stays, or `None` when it is gone.
pub async fn delete(store: &Store, current: &Comment) -> ServiceResult<Option<Comment>> {
    let txn = store.begin_write().await?;
    let replies = comment::Entity::find()
        .filter(comment::Column::ParentId.eq(current.id.0))
        .count(&txn)
        .await?;
    let kept = if replies > 0 {
        let row = comment::ActiveModel {
            id: Set(current.id.0),
            body: Set(String::new()),
            deleted_at: Set(Some(Utc::now())),
            ..Default::default()
        };
        Some(Comment::try_from(row.update(&txn).await?)?)
    } else {
        comment::Entity::delete_by_id(current.id.0)
            .exec(&txn)
            .await?;
        if let Some(root) = current.parent {
            // A deleted thread whose last reply just went goes too.
            let orphan = comment::Entity::find_by_id(root.0)
                .filter(comment::Column::DeletedAt.is_not_null())
                .one(&txn)
                .await?
                .is_some();
            let left = comment::Entity::find()
                .filter(comment::Column::ParentId.eq(root.0))
                .count(&txn)
                .await?;
            if orphan && left == 0 {
                comment::Entity::delete_by_id(root.0).exec(&txn).await?;
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
    call: Option<&StoredCall>,
    ids: &[CommentId],
) -> ServiceResult<u64> {
    let mut targets = BTreeSet::new();
    if let Some(call) = call {
        let of_call = readable(scope)
            .filter(comment::Column::CallId.eq(call.id().0))
            .all(store.db())
            .await?;
        targets.extend(of_call.into_iter().map(|c| c.id));
    }
    if !ids.is_empty() {
        let found: BTreeSet<i64> = readable(scope)
            .filter(comment::Column::Id.is_in(ids.iter().map(|id| id.0)))
            .all(store.db())
            .await?
            .into_iter()
            .map(|c| c.id)
            .collect();
        if let Some(missing) = ids.iter().find(|id| !found.contains(&id.0)) {
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

/// Where `anchor` lies in `call`: a span as it is, when it fits the call;
/// segments `from..=to` as the time they cover. A BAD_USER_INPUT names the
/// part that points outside the call.
pub async fn place(
    db: &impl ConnectionTrait,
    call: &StoredCall,
    anchor: Anchor,
) -> ServiceResult<Placed> {
    let (from, to) = match anchor {
        Anchor::Span {
            offset_ms,
            duration_ms,
        } => return Placed::span(offset_ms, duration_ms, call.duration_ms()),
        Anchor::Segments { from, to } => (from, to),
    };
    check_segment_range(from, to)?;
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
    Ok(Placed {
        offset_ms: start,
        duration_ms: end - start,
        segments: Some((from, to)),
    })
}
