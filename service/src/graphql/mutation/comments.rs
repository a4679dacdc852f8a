//! Comment mutations: managers start threads on moments of a call, sellers
//! reply to the shared ones, authors edit and delete their own, and every
//! reader marks what they have read.

use async_graphql::{Context, ID, Object, Result};

use crate::domain::{CallId, CommentBody, CommentId};
use crate::graphql::context::service;
use crate::graphql::types::{
    AddCommentInput, CommentNode, DeleteCommentPayload, EditCommentInput, parse_id,
};
use crate::services::coaching::comments;

#[derive(Default)]
pub struct CommentMutation;

#[Object]
impl CommentMutation {
    /// Starts a thread on a moment of a call (managers and admins, on calls
    /// of sellers they see). A SHARED one is e-mailed to the seller when
    /// SMTP is configured; the mutation never waits for the mail server.
    async fn add_comment(&self, ctx: &Context<'_>, input: AddCommentInput) -> Result<CommentNode> {
        let new = input.parse()?;
        Ok(CommentNode::alone(comments::add(service(ctx)?, new).await?))
    }

    /// Replies to a thread; a reply to a reply joins the same thread. A
    /// seller replies to shared threads on their own calls.
    async fn reply_to_comment(
        &self,
        ctx: &Context<'_>,
        comment_id: ID,
        body: String,
    ) -> Result<CommentNode> {
        let id = parse_id(&comment_id, "comment", CommentId)?;
        let body = CommentBody::parse(&body, "body")?;
        Ok(CommentNode::alone(
            comments::reply(service(ctx)?, id, body).await?,
        ))
    }

    /// Changes the viewer's own comment: its text, or a thread's visibility
    /// (sharing a private thread e-mails the seller).
    async fn edit_comment(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: EditCommentInput,
    ) -> Result<CommentNode> {
        let id = parse_id(&id, "comment", CommentId)?;
        let change = input.parse()?;
        Ok(CommentNode::alone(
            comments::edit(service(ctx)?, id, change).await?,
        ))
    }

    /// Deletes the viewer's own comment. A thread with replies stays in
    /// place, marked deleted and without its text.
    async fn delete_comment(&self, ctx: &Context<'_>, id: ID) -> Result<DeleteCommentPayload> {
        let parsed = parse_id(&id, "comment", CommentId)?;
        let kept = comments::delete(service(ctx)?, parsed).await?;
        Ok(DeleteCommentPayload {
            id,
            comment: kept.map(CommentNode::alone),
        })
    }

    /// Marks comments read for the viewer: every one of `callId` they may
    /// read, and those in `commentIds`. Returns how many were newly marked.
    async fn mark_comments_read(
        &self,
        ctx: &Context<'_>,
        call_id: Option<ID>,
        comment_ids: Option<Vec<ID>>,
    ) -> Result<u64> {
        let comment_ids = comment_ids.unwrap_or_default();
        let call = call_id
            .map(|id| parse_id(&id, "call", CallId))
            .transpose()?;
        let ids = comment_ids
            .iter()
            .map(|id| parse_id(id, "comment", CommentId))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(comments::mark_read(service(ctx)?, call, &ids).await?)
    }
}
