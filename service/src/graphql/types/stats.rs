//! `SellerStats`: customer sentiment and talk-to-listen over a range, and
//! customer sentiment over time.

use async_graphql::{Context, Object, Result, SimpleObject};
use callsight_plugin_api::names::metric;
use chrono::NaiveDate;

use super::enums::Bucket;
use crate::domain::Period;
use crate::graphql::context::service;
use crate::insights::report::{SellerReport, mean};
use crate::services::reports::seller;

/// Mean shares of the customer's segments by label, and the mean score.
#[derive(SimpleObject)]
pub struct SentimentShares {
    positive: Option<f64>,
    neutral: Option<f64>,
    negative: Option<f64>,
    /// Mean of the calls' word-weighted compound scores (−1 to 1).
    score: Option<f64>,
    /// Calls with a customer sentiment.
    calls: u64,
}

impl SentimentShares {
    /// The period's means of the sentiment analyzer's customer metrics.
    fn of(period: &Period) -> Self {
        let m = &period.metrics;
        Self {
            positive: mean(m.get(metric::CUSTOMER_POSITIVE_SHARE)),
            neutral: mean(m.get(metric::CUSTOMER_NEUTRAL_SHARE)),
            negative: mean(m.get(metric::CUSTOMER_NEGATIVE_SHARE)),
            score: mean(m.get(metric::CUSTOMER_SENTIMENT_SCORE)),
            calls: m
                .get(metric::CUSTOMER_SENTIMENT_SCORE)
                .map_or(0, |s| s.calls),
        }
    }
}

/// Customer sentiment in one bucket of time.
#[derive(SimpleObject)]
pub struct SentimentPoint {
    /// First day of the bucket (organisation's time zone).
    start: NaiveDate,
    score: f64,
    calls: u64,
}

/// A seller's statistics for a range.
pub struct StatsNode(pub SellerReport);

#[Object(name = "SellerStats")]
impl StatsNode {
    /// Calls in the range.
    async fn calls(&self) -> u64 {
        self.0.periods.current.calls
    }

    /// Average customer sentiment shares of the seller's calls.
    async fn customer_sentiment(&self) -> SentimentShares {
        SentimentShares::of(&self.0.periods.current)
    }

    /// The team's average customer sentiment shares, for comparison.
    async fn team_customer_sentiment(&self) -> SentimentShares {
        SentimentShares::of(&self.0.baselines.team.current)
    }

    /// Average talk-to-listen ratio.
    async fn talk_to_listen(&self) -> Option<f64> {
        mean(
            self.0
                .periods
                .current
                .metrics
                .get(metric::TALK_TO_LISTEN_RATIO),
        )
    }

    /// Customer sentiment score per day, week or month (buckets without
    /// calls are left out).
    async fn sentiment_over_time(
        &self,
        ctx: &Context<'_>,
        #[graphql(default_with = "Bucket::Day")] bucket: Bucket,
    ) -> Result<Vec<SentimentPoint>> {
        let points =
            seller::sentiment_over_time(service(ctx)?, self.0.seller, self.0.range, bucket.into())
                .await?;
        Ok(points
            .into_iter()
            .map(|p| SentimentPoint {
                start: p.start,
                score: p.score,
                calls: p.calls,
            })
            .collect())
    }
}
