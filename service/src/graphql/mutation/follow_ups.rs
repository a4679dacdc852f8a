//! Mutations that turn action items into follow-ups and move them along.

use async_graphql::{Context, ID, Object, Result};

use crate::domain::FollowUpId;
use crate::graphql::context::service;
use crate::graphql::types::{CreateFollowUpInput, FollowUpNode, UpdateFollowUpInput, parse_id};
use crate::services::coaching::follow_ups;

#[derive(Default)]
pub struct FollowUpMutation;

#[Object]
impl FollowUpMutation {
    /// Turns an action item of a call the viewer sees into a follow-up: a
    /// call, e-mail, meeting or task with an owner and a due date, open.
    async fn create_follow_up(
        &self,
        ctx: &Context<'_>,
        input: CreateFollowUpInput,
    ) -> Result<FollowUpNode> {
        let new = input.parse()?;
        Ok(FollowUpNode(follow_ups::create(service(ctx)?, new).await?))
    }

    /// Changes a follow-up of a call the viewer sees: its status (a seller
    /// closes their own), due date, owner, title, notes, length or
    /// recipient.
    async fn update_follow_up(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateFollowUpInput,
    ) -> Result<FollowUpNode> {
        let id = parse_id(&id, "follow-up", FollowUpId)?;
        let patch = input.parse()?;
        Ok(FollowUpNode(
            follow_ups::update(service(ctx)?, id, patch).await?,
        ))
    }
}
