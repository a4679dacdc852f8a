//! Mutations that turn action items into follow-ups and move them along.

use async_graphql::{Context, ID, Object, Result};

use crate::domain::FollowUpId;
use crate::graphql::context::{store, viewer};
use crate::graphql::types::{CreateFollowUpInput, FollowUpNode, UpdateFollowUpInput, parse_id};
use crate::store::follow_ups;

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
        let viewer = viewer(ctx)?;
        let new = input.parse()?;
        Ok(FollowUpNode(
            follow_ups::create(store(ctx), &viewer.scope, new).await?,
        ))
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
        let viewer = viewer(ctx)?;
        let id = parse_id(&id, "follow-up", FollowUpId)?;
        let patch = input.parse()?;
        Ok(FollowUpNode(
            follow_ups::update(store(ctx), &viewer.scope, id, patch).await?,
        ))
    }
}
