//! Comments on moments of a call (read side): managers' notes, shared with
//! the seller or private to managers, and their replies.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::calls::StoredCall;
use super::entity::comment;
use crate::domain::{CallId, Scope, UserId, UserRole};
use crate::error::{ServiceError, ServiceResult};

/// Who may read a comment (DESIGN §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentVisibility {
    /// The seller of the call reads it too.
    Shared,
    /// Managers and admins only.
    Private,
}

impl CommentVisibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Shared => "shared",
            Self::Private => "private",
        }
    }
}

/// A stored comment. Deleted ones keep their place in a thread without
/// their text.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub id: i64,
    pub call: CallId,
    pub author: UserId,
    pub parent: Option<i64>,
    pub offset_ms: i64,
    pub duration_ms: i64,
    pub segment_from: Option<i32>,
    pub segment_to: Option<i32>,
    /// Empty when deleted.
    pub body: String,
    pub visibility: CommentVisibility,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
}

impl TryFrom<comment::Model> for Comment {
    type Error = ServiceError;

    fn try_from(row: comment::Model) -> Result<Self, Self::Error> {
        let visibility = match row.visibility.as_str() {
            "shared" => CommentVisibility::Shared,
            "private" => CommentVisibility::Private,
            other => {
                return Err(ServiceError::Internal(anyhow::anyhow!(
                    "comment {}: unknown visibility `{other}`",
                    row.id
                )));
            }
        };
        Ok(Self {
            id: row.id,
            call: CallId(row.call_id),
            author: UserId(row.author_id),
            parent: row.parent_id,
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

/// The comments of a call the viewer has read through their scope, in
/// anchor order then time; a seller never receives a private one.
pub async fn of_call(
    db: &impl ConnectionTrait,
    scope: &Scope,
    call: &StoredCall,
) -> ServiceResult<Vec<Comment>> {
    let mut query = comment::Entity::find()
        .filter(comment::Column::OrgId.eq(scope.org().0))
        .filter(comment::Column::CallId.eq(call.id.0));
    if scope.role() == UserRole::Seller {
        query = query.filter(comment::Column::Visibility.eq(CommentVisibility::Shared.as_str()));
    }
    query
        .order_by_asc(comment::Column::OffsetMs)
        .order_by_asc(comment::Column::CreatedAt)
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Comment::try_from)
        .collect()
}
