//! One seller's figures for a range, with everything they are compared
//! with: the service behind the seller details page.

use std::collections::BTreeMap;
use std::sync::Arc;

use callsight_plugin_api::names::metric;

use super::baselines::Baselines;
use super::engine::{self, Insight, InsightInput, Trend};
use crate::domain::dates::DayRange;
use crate::domain::{IdealRange, MetricStat, Periods, TermKind, UserId};

/// The conversation-style KPIs of the seller page
/// (docs/metrics.md#seller-page), in the order the page shows them.
pub const STYLE_KPIS: [&str; 8] = [
    metric::TALKING_SPEED_WPM,
    metric::SWITCH_COUNT,
    metric::AVG_PAUSE_BEFORE_SPEAKING_MS,
    metric::LONGEST_CUSTOMER_MONOLOGUE_MS,
    metric::TALK_TO_LISTEN_RATIO,
    metric::LONGEST_SELLER_MONOLOGUE_MS,
    metric::SELLER_QUESTION_COUNT,
    metric::CUSTOMER_QUESTION_COUNT,
];

/// A metric for a seller and range with its comparisons.
#[derive(Debug, Clone, PartialEq)]
pub struct Kpi {
    pub name: String,
    pub unit: String,
    /// The mean of the per-call values (docs/metrics.md#period-values).
    pub value: Option<f64>,
    /// Calls in range with a value.
    pub calls: u64,
    pub team: Option<f64>,
    pub top_performers: Option<f64>,
    pub ideal: Option<IdealRange>,
    /// Share of the seller's calls in range whose value is ideal.
    pub in_ideal_share: Option<f64>,
    pub trend: Trend,
}

/// One seller's current and previous period with the organisation's
/// baselines for the same range.
#[derive(Debug, Clone)]
pub struct SellerReport {
    pub seller: UserId,
    pub range: DayRange,
    pub periods: Periods,
    pub baselines: Arc<Baselines>,
    pub ideal: Arc<BTreeMap<String, IdealRange>>,
}

/// A term's mentions for a seller and range against the previous period.
#[derive(Debug, Clone, PartialEq)]
pub struct TermTrend {
    pub kind: TermKind,
    pub term: String,
    pub mentions: u64,
    pub calls: u64,
    /// Whether a tracked list found it (see `TermStat::tracked`).
    pub tracked: bool,
    pub previous_mentions: u64,
    /// Mentions per call now and before.
    pub rate: f64,
    pub previous_rate: Option<f64>,
}

/// A metric's value over a set of periods' sums.
pub fn mean(stat: Option<&MetricStat>) -> Option<f64> {
    stat.and_then(MetricStat::mean)
}

impl SellerReport {
    /// The metric `name` (in `unit`) with the team's and the top
    /// performers' values, the ideal range and the trend.
    pub fn kpi(&self, name: &str, unit: &str) -> Kpi {
        let current = self.periods.current.metrics.get(name);
        let value = mean(current);
        let previous = mean(self.periods.previous.metrics.get(name));
        Kpi {
            name: name.to_owned(),
            unit: unit.to_owned(),
            value,
            calls: current.map_or(0, |s| s.calls),
            team: mean(self.baselines.team.current.metrics.get(name)),
            top_performers: mean(self.baselines.top.current.metrics.get(name)),
            ideal: self.ideal.get(name).copied(),
            in_ideal_share: self
                .ideal
                .contains_key(name)
                .then(|| current.and_then(MetricStat::in_ideal_share))
                .flatten(),
            trend: engine::trend(value, previous, unit),
        }
    }

    /// The insights (docs/metrics.md#insights) for this seller and range.
    pub fn insights(&self) -> Vec<Insight> {
        engine::insights(&InsightInput {
            current: &self.periods.current,
            previous: &self.periods.previous,
            team: &self.baselines.team.current,
            ideal: &self.ideal,
        })
    }

    /// The seller's most mentioned terms of `kind`, most mentions first.
    pub fn terms(&self, kind: TermKind, first: usize) -> Vec<TermTrend> {
        let calls = self.periods.current.calls;
        let previous_calls = self.periods.previous.calls;
        self.periods
            .current
            .terms
            .iter()
            .filter(|t| t.kind == kind)
            .take(first)
            .map(|t| {
                let previous_mentions = self
                    .periods
                    .previous
                    .terms
                    .iter()
                    .find(|p| p.kind == kind && p.term == t.term)
                    .map_or(0, |p| p.mentions);
                TermTrend {
                    kind,
                    term: t.term.clone(),
                    mentions: t.mentions,
                    calls: t.calls,
                    tracked: t.tracked,
                    previous_mentions,
                    rate: t.mentions as f64 / calls.max(1) as f64,
                    previous_rate: (previous_calls > 0)
                        .then(|| previous_mentions as f64 / previous_calls as f64),
                }
            })
            .collect()
    }
}
