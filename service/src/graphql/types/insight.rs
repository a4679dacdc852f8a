//! `Insight`: what changed or stands out for a seller, with its evidence.

use async_graphql::{Context, Object, Result};

use super::call::calls_in_order;
use super::enums::{InsightKind, Severity};
use super::nodes::CallNode;
use crate::domain::dates::DayRange;
use crate::domain::{PageSize, UserId};
use crate::graphql::context::service;
use crate::insights::engine::Insight;
use crate::services::reports::seller;

/// Most supporting calls an insight lists.
const MAX_EVIDENCE: usize = 20;

/// A typed insight with the calls that support it.
pub struct InsightNode {
    insight: Insight,
    seller: UserId,
    range: DayRange,
}

impl InsightNode {
    pub fn new(insight: Insight, seller: UserId, range: DayRange) -> Self {
        Self {
            insight,
            seller,
            range,
        }
    }
}

#[Object(name = "Insight")]
impl InsightNode {
    async fn kind(&self) -> InsightKind {
        self.insight.kind.into()
    }

    async fn severity(&self) -> Severity {
        self.insight.severity.into()
    }

    /// The metric (KPI and sentiment insights) or the term (keyword and
    /// competitor insights).
    async fn subject(&self) -> &str {
        &self.insight.subject
    }

    /// One sentence for a manager.
    async fn message(&self) -> &str {
        &self.insight.message
    }

    /// The seller's value (a metric mean, or mentions per call).
    async fn value(&self) -> f64 {
        self.insight.value
    }

    /// What the value is compared with: the ideal bound, the previous
    /// period or the team.
    async fn baseline(&self) -> f64 {
        self.insight.baseline
    }

    /// The seller's calls in range that support the insight, newest first.
    #[graphql(complexity = "crate::graphql::page_cost(first, 5, child_complexity)")]
    async fn calls(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many, at most 20 (default 5).")] first: Option<i32>,
    ) -> Result<Vec<CallNode>> {
        let first = PageSize::parse(first, 5, MAX_EVIDENCE)?.get();
        let ids = seller::evidence(
            service(ctx)?,
            self.seller,
            self.range,
            &self.insight.evidence,
            first,
        )
        .await?;
        calls_in_order(ctx, &ids).await
    }
}
