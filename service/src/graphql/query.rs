//! Root query fields.

use async_graphql::{Context, ID, Object, Result};

use super::context::{service, viewer};
use super::types::{
    AnalyzerNode, CallConnection, CallFilterInput, CallNode, DateRangeInput, OrganizationNode,
    SellerNode, TeamNode, UserNode, calls_page, load_seller, parse_id, team_for,
};
use crate::domain::{CallId, UserId};
use crate::services::{calls, people, settings};

pub struct Query;

#[Object]
impl Query {
    /// The signed-in user.
    async fn me(&self, ctx: &Context<'_>) -> Result<UserNode> {
        Ok(UserNode(viewer(ctx)?.user.clone()))
    }

    /// The signed-in user's organisation.
    async fn organization(&self, ctx: &Context<'_>) -> Result<OrganizationNode> {
        Ok(OrganizationNode(viewer(ctx)?.organization.clone()))
    }

    /// The users the viewer may see, by name.
    #[graphql(complexity = "crate::graphql::page_cost(None, 100, child_complexity)")]
    async fn users(&self, ctx: &Context<'_>) -> Result<Vec<UserNode>> {
        Ok(people::list(service(ctx)?)
            .await?
            .into_iter()
            .map(UserNode)
            .collect())
    }

    /// The loaded analyzers and this organisation's settings for each.
    #[graphql(complexity = "crate::graphql::page_cost(None, 20, child_complexity)")]
    async fn analyzers(&self, ctx: &Context<'_>) -> Result<Vec<AnalyzerNode>> {
        Ok(settings::analyzers(service(ctx)?)?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Calls the viewer may see, newest first.
    #[graphql(complexity = "crate::graphql::page_cost(first, 20, child_complexity)")]
    async fn calls(
        &self,
        ctx: &Context<'_>,
        filter: Option<CallFilterInput>,
        #[graphql(desc = "Page size, at most 100 (default 20).")] first: Option<i32>,
        after: Option<String>,
    ) -> Result<CallConnection> {
        let tz = viewer(ctx)?.organization.time_zone;
        let filter = filter.unwrap_or_default().parse(tz)?;
        calls_page(ctx, &filter, first, after).await
    }

    /// A seller the viewer may see: themselves for a seller, their reports
    /// for a manager, anyone for an admin.
    async fn seller(&self, ctx: &Context<'_>, id: ID) -> Result<SellerNode> {
        load_seller(ctx, parse_id(&id, "seller", UserId)?).await
    }

    /// The sellers the viewer may see, by name.
    #[graphql(complexity = "crate::graphql::page_cost(None, 100, child_complexity)")]
    async fn sellers(&self, ctx: &Context<'_>) -> Result<Vec<SellerNode>> {
        Ok(people::sellers(service(ctx)?)
            .await?
            .into_iter()
            .map(SellerNode)
            .collect())
    }

    /// The manager's team view for a date range (managers and admins).
    async fn team(&self, ctx: &Context<'_>, range: DateRangeInput) -> Result<TeamNode> {
        team_for(ctx, range.days()?).await
    }

    /// The keywords tracked in the calls of a manager's team (managers of
    /// that team or above it, and admins).
    #[graphql(complexity = "crate::graphql::page_cost(None, 100, child_complexity)")]
    async fn team_keywords(&self, ctx: &Context<'_>, manager_id: ID) -> Result<Vec<String>> {
        let manager = parse_id(&manager_id, "user", UserId)?;
        Ok(settings::team_keywords(service(ctx)?, manager)?)
    }

    /// One call, if the viewer may see it.
    async fn call(&self, ctx: &Context<'_>, id: ID) -> Result<CallNode> {
        let id = parse_id(&id, "call", CallId)?;
        Ok(CallNode(calls::get(service(ctx)?, id).await?))
    }
}
