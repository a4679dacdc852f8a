//! The seller details page: a seller's figures for a range with everything
//! they are compared with, their insights' evidence, the calls a term
//! occurs in, and customer sentiment over time.

use std::collections::HashMap;
use std::sync::Arc;

use callsight_plugin_api::names::{analyzer, metric};
use chrono::{Datelike, NaiveDate};
use tracing::instrument;

use super::baselines;
use crate::domain::dates::{DayNumber, DayRange, date_of};
use crate::domain::{CallId, Evidence, TermKind, TermSource, UserId};
use crate::error::ServiceResult;
use crate::insights::report::{SellerReport, TermTrend};
use crate::services::Ctx;
use crate::services::people::User;
use crate::store::aggregates::{self, Subject};
use crate::store::terms;

pub use crate::domain::Periods;
pub use crate::store::terms::TermCallsKey;

/// Each visible seller's rollups over a range and the period before, for
/// every (seller, range) asked, in one set of queries per range. A
/// visible seller without calls has empty periods; one the caller cannot
/// see has none.
#[instrument(skip_all, fields(org = %ctx.scope().org(), keys = keys.len()))]
pub async fn periods(
    ctx: Ctx<'_>,
    keys: &[(UserId, DayRange)],
) -> ServiceResult<HashMap<(UserId, DayRange), Periods>> {
    let scope = ctx.scope();
    let mut by_range: HashMap<DayRange, Vec<UserId>> = HashMap::new();
    for (seller, range) in keys {
        by_range.entry(*range).or_default().push(*seller);
    }
    let mut found = HashMap::new();
    for (range, sellers) in by_range {
        let mut periods =
            aggregates::periods_by_seller(ctx.store().db(), scope, &sellers, range).await?;
        for seller in sellers {
            if scope.can_see(seller) {
                found.insert((seller, range), periods.remove(&seller).unwrap_or_default());
            }
        }
    }
    Ok(found)
}

/// Where each of `seller`'s terms comes from: the organisation's tracked
/// keywords (the keywords analyzer's list), their team's (their manager's
/// list), a single call's, a competitor, or the key-phrase extractor. From
/// the settings the caller already holds: no read per term.
pub fn term_sources(
    ctx: Ctx<'_>,
    seller: &User,
    trends: &[TermTrend],
) -> ServiceResult<Vec<TermSource>> {
    let settings = &ctx.viewer()?.organization.settings;
    let org: Vec<String> = settings
        .analyzer(analyzer::KEYWORDS)
        .config
        .get("keywords")
        .and_then(|list| serde_json::from_value(list.clone()).ok())
        .unwrap_or_default();
    let team = seller
        .manager
        .map_or(&[][..], |manager| settings.team_keywords(manager));
    Ok(trends
        .iter()
        .map(|t| TermSource::of(t.kind, t.tracked, &t.term, &org, team))
        .collect())
}

/// A seller's report for `range` from their `periods` (read through
/// [`periods`]), with the organisation's baselines and ideal ranges.
#[instrument(skip(ctx, periods), fields(org = %ctx.scope().org()))]
pub async fn report(
    ctx: Ctx<'_>,
    seller: UserId,
    range: DayRange,
    periods: Periods,
) -> ServiceResult<SellerReport> {
    let viewer = ctx.viewer()?;
    let baselines = baselines::of_range(ctx, range).await?;
    Ok(SellerReport {
        seller,
        range,
        periods,
        baselines,
        ideal: Arc::new(viewer.organization.settings.effective_ideal_ranges()),
    })
}

/// The key under which the calls a seller's customers mention a term in
/// are read (the range as instants in the organisation's time zone).
pub fn term_calls_key(
    ctx: Ctx<'_>,
    seller: UserId,
    range: DayRange,
    kind: TermKind,
    term: &str,
) -> ServiceResult<TermCallsKey> {
    Ok(TermCallsKey {
        seller,
        range: range.instants(ctx.viewer()?.organization.time_zone),
        kind,
        term: term.to_owned(),
    })
}

/// The newest calls mentioning each term the caller sees, for all terms
/// of a request in one query.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn term_calls(
    ctx: Ctx<'_>,
    keys: &[TermCallsKey],
) -> ServiceResult<HashMap<TermCallsKey, Vec<CallId>>> {
    terms::newest_calls(ctx.store().db(), ctx.scope(), keys, terms::CALLS_PER_TERM).await
}

/// The seller's newest calls in `range` that support an insight, at most
/// `first`.
#[instrument(skip(ctx, evidence), fields(org = %ctx.scope().org(), %seller))]
pub async fn evidence(
    ctx: Ctx<'_>,
    seller: UserId,
    range: DayRange,
    evidence: &Evidence,
    first: usize,
) -> ServiceResult<Vec<CallId>> {
    let instants = range.instants(ctx.viewer()?.organization.time_zone);
    terms::evidence(
        ctx.store().db(),
        ctx.scope(),
        seller,
        instants,
        evidence,
        first,
    )
    .await
}

/// How long each point of a time series covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    Day,
    /// Weeks start on Monday.
    Week,
    Month,
}

/// The customer's mean sentiment score over one bucket.
#[derive(Debug, Clone, PartialEq)]
pub struct SentimentPoint {
    /// The bucket's first day.
    pub start: NaiveDate,
    pub score: f64,
    /// Calls with a score in the bucket.
    pub calls: u64,
}

/// A seller's customer sentiment over `range`, one point per bucket that
/// has a scored call.
#[instrument(skip(ctx), fields(org = %ctx.scope().org()))]
pub async fn sentiment_over_time(
    ctx: Ctx<'_>,
    seller: UserId,
    range: DayRange,
    bucket: Bucket,
) -> ServiceResult<Vec<SentimentPoint>> {
    let days = aggregates::daily(
        ctx.store().db(),
        ctx.scope(),
        &Subject::Seller(seller),
        metric::CUSTOMER_SENTIMENT_SCORE,
        range,
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

fn bucket_start(day: DayNumber, bucket: Bucket) -> NaiveDate {
    let date = date_of(day);
    match bucket {
        Bucket::Day => date,
        Bucket::Week => date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday())),
        Bucket::Month => date.with_day(1).unwrap_or(date),
    }
}
