//! `Comment`: a note on a moment of a call, and its replies; the inputs
//! that write them.

use async_graphql::{Context, ID, InputObject, Object, OneofObject, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::enums::{Role, Visibility};
use super::ids::parse_id;
use super::nodes::{CallNode, CommentNode};
use crate::domain::{Anchor as AnchorOf, CallId, CommentBody, CommentEdit, NewComment};
use crate::error::ServiceError;
use crate::graphql::loaders::{self, AuthorLoader, CallLoader, RepliesLoader};
use crate::services::coaching::comments::Comment;

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

#[Object(name = "Comment")]
impl CommentNode {
    async fn id(&self) -> ID {
        ID(self.comment.id().to_string())
    }

    /// The thread's first comment, for a reply.
    async fn parent_id(&self) -> Option<ID> {
        self.comment.parent().map(|id| ID(id.to_string()))
    }

    async fn call(&self, ctx: &Context<'_>) -> Result<Option<CallNode>> {
        Ok(loaders::get::<CallLoader>(ctx)
            .load_one(self.comment.call())
            .await?
            .map(CallNode))
    }

    async fn author(&self, ctx: &Context<'_>) -> Result<Option<Author>> {
        author(ctx, &self.comment).await
    }

    /// Markdown; empty when deleted.
    async fn body(&self) -> &str {
        self.comment.body()
    }

    async fn anchor(&self) -> Anchor {
        anchor(&self.comment)
    }

    async fn visibility(&self) -> Visibility {
        self.comment.visibility().into()
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.comment.created_at()
    }

    async fn edited_at(&self) -> Option<DateTime<Utc>> {
        self.comment.edited_at()
    }

    /// Deleted comments with replies stay in the thread, without text.
    async fn deleted(&self) -> bool {
        self.comment.is_deleted()
    }

    /// Replies, oldest first (none for a reply).
    async fn replies(&self, ctx: &Context<'_>) -> Result<Vec<CommentNode>> {
        let replies = match &self.replies {
            Some(replies) => replies.clone(),
            None if self.comment.parent().is_some() => Vec::new(),
            None => loaders::get::<RepliesLoader>(ctx)
                .load_one(self.comment.id())
                .await?
                .unwrap_or_default(),
        };
        Ok(replies
            .into_iter()
            .map(|comment| CommentNode {
                comment,
                replies: Some(Vec::new()),
            })
            .collect())
    }
}

fn anchor(c: &Comment) -> Anchor {
    let segments = c.segments();
    Anchor {
        offset_ms: c.offset_ms(),
        duration_ms: c.duration_ms(),
        segment_from: segments.map(|(from, _)| from),
        segment_to: segments.map(|(_, to)| to),
    }
}

async fn author(ctx: &Context<'_>, c: &Comment) -> Result<Option<Author>> {
    Ok(loaders::get::<AuthorLoader>(ctx)
        .load_one(c.author())
        .await?
        .map(|u| Author {
            id: ID(u.id.to_string()),
            name: u.name,
            role: u.role.into(),
        }))
}

/// The moment a new thread is about: a stretch of time, or transcript
/// segments (whose times the server looks up).
#[derive(OneofObject)]
pub enum CommentAnchorInput {
    Span(SpanInput),
    Segments(SegmentRangeInput),
}

/// `durationMs` from `offsetMs` after the start of the call; within it.
#[derive(InputObject)]
pub struct SpanInput {
    offset_ms: i64,
    #[graphql(default)]
    duration_ms: i64,
}

/// Transcript segments `from` to `to` (inclusive), by position.
#[derive(InputObject)]
pub struct SegmentRangeInput {
    from: i32,
    to: i32,
}

/// A new comment thread on a moment of a call.
#[derive(InputObject)]
pub struct AddCommentInput {
    call_id: ID,
    anchor: CommentAnchorInput,
    /// Markdown, at most 10 000 characters.
    body: String,
    visibility: Visibility,
}

impl AddCommentInput {
    pub fn parse(self) -> Result<NewComment, ServiceError> {
        let anchor = match self.anchor {
            CommentAnchorInput::Span(span) => AnchorOf::Span {
                offset_ms: span.offset_ms,
                duration_ms: span.duration_ms,
            },
            CommentAnchorInput::Segments(range) => AnchorOf::Segments {
                from: range.from,
                to: range.to,
            },
        };
        Ok(NewComment {
            call: parse_id(&self.call_id, "call", CallId)?,
            anchor,
            body: CommentBody::parse(&self.body, "body")?,
            visibility: self.visibility.into(),
        })
    }
}

/// What the author changes; absent fields stay.
#[derive(InputObject)]
pub struct EditCommentInput {
    body: Option<String>,
    /// Threads only: SHARED shares a private thread with the seller.
    visibility: Option<Visibility>,
}

impl EditCommentInput {
    pub fn parse(self) -> Result<CommentEdit, ServiceError> {
        Ok(CommentEdit {
            body: self
                .body
                .map(|body| CommentBody::parse(&body, "input.body"))
                .transpose()?,
            visibility: self.visibility.map(Into::into),
        })
    }
}

/// What deleting left behind.
#[derive(SimpleObject)]
pub struct DeleteCommentPayload {
    pub id: ID,
    /// The thread as it stays, marked deleted, when it has replies.
    pub comment: Option<CommentNode>,
}

/// The comments a seller's calls have that the viewer has not read.
pub struct UnreadComments {
    pub count: u64,
    pub newest: Vec<Comment>,
}

#[Object]
impl UnreadComments {
    async fn count(&self) -> u64 {
        self.count
    }

    /// The newest unread ones, newest first.
    async fn comments(&self) -> Vec<CommentNode> {
        self.newest
            .iter()
            .cloned()
            .map(CommentNode::alone)
            .collect()
    }
}
