//! Root query fields.

use async_graphql::{Context, ID, Object, Result};

use super::context::{analysis, store, viewer};
use super::types::{
    AnalyzerNode, CallConnection, CallNode, OrganizationNode, UserNode, calls_page, parse_id,
};
use crate::domain::CallId;
use crate::store::{calls, users};

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
    async fn users(&self, ctx: &Context<'_>) -> Result<Vec<UserNode>> {
        let viewer = viewer(ctx)?;
        Ok(users::list(store(ctx).db(), &viewer.scope)
            .await?
            .into_iter()
            .map(UserNode)
            .collect())
    }

    /// The loaded analyzers and this organisation's settings for each.
    async fn analyzers(&self, ctx: &Context<'_>) -> Result<Vec<AnalyzerNode>> {
        let settings = &viewer(ctx)?.organization.settings;
        Ok(analysis(ctx)
            .host()
            .plugins()
            .iter()
            .map(|plugin| AnalyzerNode {
                plugin: plugin.clone(),
                settings: settings.analyzer(plugin.name()),
            })
            .collect())
    }

    /// Calls the viewer may see, newest first.
    async fn calls(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, at most 100 (default 20).")] first: Option<i32>,
        after: Option<String>,
    ) -> Result<CallConnection> {
        let viewer = viewer(ctx)?;
        Ok(calls_page(store(ctx), &viewer.scope, first, after).await?)
    }

    /// One call, if the viewer may see it.
    async fn call(&self, ctx: &Context<'_>, id: ID) -> Result<CallNode> {
        let viewer = viewer(ctx)?;
        let id = parse_id(&id, "call", CallId)?;
        Ok(CallNode(
            calls::get(store(ctx).db(), &viewer.scope, id).await?,
        ))
    }
}
