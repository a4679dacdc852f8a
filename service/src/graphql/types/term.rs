//! `TermStat`: a keyword or competitor customers mention, with its trend
//! and the calls it occurs in.

use async_graphql::{Context, Object, Result};

use super::call::calls_in_order;
use super::enums::TermSourceGql;
use super::nodes::CallNode;
use crate::domain::dates::DayRange;
use crate::domain::{TermKind, TermSource, UserId};
use crate::error::ServiceError;
use crate::graphql::context::service;
use crate::graphql::loaders::{self, CallLoader, TermCallsLoader, UserLoader};
use crate::insights::report::{SellerReport, TermTrend};
use crate::services::reports::seller::{self, TermCallsKey};

/// A term's customer mentions for a seller and range.
pub struct TermNode {
    trend: TermTrend,
    source: TermSource,
    seller: UserId,
    range: DayRange,
}

impl TermNode {
    /// The seller's top `first` terms of `kind`. When the selection asks
    /// for each term's calls, all of them are loaded in one batch up front.
    pub async fn list(
        ctx: &Context<'_>,
        report: &SellerReport,
        kind: TermKind,
        first: usize,
    ) -> Result<Vec<Self>> {
        let trends = report.terms(kind, first);
        let seller = loaders::get::<UserLoader>(ctx)
            .load_one(report.seller)
            .await?
            .ok_or_else(|| ServiceError::not_found(format!("seller {}", report.seller)))?;
        let sources = seller::term_sources(service(ctx)?, &seller, &trends)?;
        let nodes: Vec<Self> = trends
            .into_iter()
            .zip(sources)
            .map(|(trend, source)| Self {
                trend,
                source,
                seller: report.seller,
                range: report.range,
            })
            .collect();
        if ctx.look_ahead().field("calls").exists() {
            let keys = nodes
                .iter()
                .map(|n| n.key(ctx))
                .collect::<Result<Vec<_>>>()?;
            let ids = loaders::get::<TermCallsLoader>(ctx).load_many(keys).await?;
            loaders::get::<CallLoader>(ctx)
                .load_many(ids.into_values().flatten())
                .await?;
        }
        Ok(nodes)
    }

    fn key(&self, ctx: &Context<'_>) -> Result<TermCallsKey> {
        Ok(seller::term_calls_key(
            service(ctx)?,
            self.seller,
            self.range,
            self.trend.kind,
            &self.trend.term,
        )?)
    }
}

#[Object(name = "TermStat")]
impl TermNode {
    /// The keyword, key phrase or competitor's canonical name.
    async fn term(&self) -> &str {
        &self.trend.term
    }

    /// Who tracks it, or that it was found in what customers said.
    async fn source(&self) -> TermSourceGql {
        self.source.into()
    }

    /// Customer mentions in the range: each spoken occurrence once,
    /// whichever list or extractor found it.
    async fn mentions(&self) -> u64 {
        self.trend.mentions
    }

    /// Calls in which customers mention it.
    async fn call_count(&self) -> u64 {
        self.trend.calls
    }

    /// Mentions per call in the range.
    async fn per_call(&self) -> f64 {
        self.trend.rate
    }

    /// Mentions in the previous period of equal length.
    async fn previous_mentions(&self) -> u64 {
        self.trend.previous_mentions
    }

    /// Mentions per call in the previous period (null without calls then).
    async fn previous_per_call(&self) -> Option<f64> {
        self.trend.previous_rate
    }

    /// Change in mentions per call, in percent of the previous period.
    async fn change_pct(&self) -> Option<f64> {
        self.trend
            .previous_rate
            .filter(|p| *p > 0.0)
            .map(|p| (self.trend.rate - p) / p * 100.0)
    }

    /// The newest calls (up to five) in the range that mention it.
    #[graphql(complexity = "crate::graphql::page_cost(None, 5, child_complexity)")]
    async fn calls(&self, ctx: &Context<'_>) -> Result<Vec<CallNode>> {
        let key = self.key(ctx)?;
        let ids = loaders::get::<TermCallsLoader>(ctx)
            .load_one(key)
            .await?
            .unwrap_or_default();
        calls_in_order(ctx, &ids).await
    }
}
