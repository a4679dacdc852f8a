//! Root mutation fields, one module per area, merged into one `Mutation`.

mod comments;
mod core;
mod follow_ups;

use async_graphql::MergedObject;

/// Every mutation the API offers.
#[derive(MergedObject, Default)]
pub struct Mutation(
    core::CoreMutation,
    comments::CommentMutation,
    follow_ups::FollowUpMutation,
);
