//! `Comment`: a note on a moment of a call, and its replies (read side).

use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::enums::Role;
use crate::graphql::loaders::{self, AuthorLoader};
use crate::store::comments::{Comment, CommentVisibility};

/// Who reads a comment (DESIGN §9).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Visibility {
    /// The seller of the call reads it too.
    Shared,
    /// Managers and admins only.
    Private,
}

/// The stretch of the call a comment is about.
#[derive(SimpleObject)]
pub struct Anchor {
    offset_ms: i64,
    duration_ms: i64,
    /// The first and last transcript segment, when anchored to segments.
    segment_from: Option<i32>,
    segment_to: Option<i32>,
}

/// Who wrote a comment.
#[derive(SimpleObject)]
pub struct Author {
    id: ID,
    name: String,
    role: Role,
}

/// A comment with its replies.
pub struct CommentNode {
    pub comment: Comment,
    pub replies: Vec<Comment>,
}

/// Groups a call's comments into threads in anchor order.
pub fn threads(comments: Vec<Comment>) -> Vec<CommentNode> {
    let (roots, replies): (Vec<_>, Vec<_>) = comments.into_iter().partition(|c| c.parent.is_none());
    roots
        .into_iter()
        .map(|comment| {
            let mut own: Vec<Comment> = replies
                .iter()
                .filter(|r| r.parent == Some(comment.id))
                .cloned()
                .collect();
            own.sort_by_key(|r| (r.created_at, r.id));
            CommentNode {
                comment,
                replies: own,
            }
        })
        .collect()
}

#[Object(name = "Comment")]
impl CommentNode {
    async fn id(&self) -> ID {
        ID(self.comment.id.to_string())
    }

    async fn author(&self, ctx: &Context<'_>) -> Result<Option<Author>> {
        author(ctx, &self.comment).await
    }

    /// Markdown; empty when deleted.
    async fn body(&self) -> &str {
        &self.comment.body
    }

    async fn anchor(&self) -> Anchor {
        anchor(&self.comment)
    }

    async fn visibility(&self) -> Visibility {
        match self.comment.visibility {
            CommentVisibility::Shared => Visibility::Shared,
            CommentVisibility::Private => Visibility::Private,
        }
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.comment.created_at
    }

    async fn edited_at(&self) -> Option<DateTime<Utc>> {
        self.comment.edited_at
    }

    /// Deleted comments with replies stay in the thread, without text.
    async fn deleted(&self) -> bool {
        self.comment.deleted_at.is_some()
    }

    /// Replies, oldest first.
    async fn replies(&self) -> Vec<CommentNode> {
        self.replies
            .iter()
            .cloned()
            .map(|comment| CommentNode {
                comment,
                replies: Vec::new(),
            })
            .collect()
    }
}

fn anchor(c: &Comment) -> Anchor {
    Anchor {
        offset_ms: c.offset_ms,
        duration_ms: c.duration_ms,
        segment_from: c.segment_from,
        segment_to: c.segment_to,
    }
}

async fn author(ctx: &Context<'_>, c: &Comment) -> Result<Option<Author>> {
    Ok(loaders::get::<AuthorLoader>(ctx)
        .load_one(c.author)
        .await?
        .map(|u| Author {
            id: ID(u.id.to_string()),
            name: u.name,
            role: u.role.into(),
        }))
}
