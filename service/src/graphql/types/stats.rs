//! `SellerStats`: customer sentiment and talk-to-listen over a range, and
//! customer sentiment over time.

use async_graphql::{Context, Enum, Object, Result, SimpleObject};
use chrono::{Datelike, NaiveDate};

use crate::domain::dates::{DayNumber, date_of};
use crate::graphql::context::{store, viewer};
use crate::insights::engine::Period;
use crate::insights::report::{SellerReport, mean};
use crate::store::aggregates::{self, Subject};

/// How sentiment over time is bucketed.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Bucket {
    Day,
    /// Weeks start on Monday.
    Week,
    Month,
}

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
            positive: mean(m.get("customer_positive_share")),
            neutral: mean(m.get("customer_neutral_share")),
            negative: mean(m.get("customer_negative_share")),
            score: mean(m.get("customer_sentiment_score")),
            calls: m.get("customer_sentiment_score").map_or(0, |s| s.calls),
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
        mean(self.0.periods.current.metrics.get("talk_to_listen_ratio"))
    }

    /// Customer sentiment score per day, week or month (buckets without
    /// calls are left out).
    async fn sentiment_over_time(
        &self,
        ctx: &Context<'_>,
        #[graphql(default_with = "Bucket::Day")] bucket: Bucket,
    ) -> Result<Vec<SentimentPoint>> {
        let viewer = viewer(ctx)?;
        let days = aggregates::daily(
            store(ctx).db(),
            &viewer.scope,
            &Subject::Seller(self.0.seller),
            "customer_sentiment_score",
            self.0.range,
        )
        .await?;
        let mut points: Vec<(NaiveDate, f64, u64)> = Vec::new();
        for (day, stat) in days {
            let start = bucket_start(day, bucket);
            match points.last_mut() {
                Some((s, sum, calls)) if *s == start => {
                    *sum += stat.sum;
                    *calls += stat.calls;
                }
                _ => points.push((start, stat.sum, stat.calls)),
            }
        }
        Ok(points
            .into_iter()
            .map(|(start, sum, calls)| SentimentPoint {
                start,
                score: sum / calls as f64,
                calls,
            })
            .collect())
    }
}

fn bucket_start(day: DayNumber, bucket: Bucket) -> NaiveDate {
    let date = date_of(day);
    match bucket {
        Bucket::Day => date,
        Bucket::Week => date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday())),
        Bucket::Month => date.with_day(1).unwrap_or(date),
    }
}
