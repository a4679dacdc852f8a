//! What a seller, a group of sellers or the organisation did over a range of
//! days, and over the range of equal length before it: the input of the
//! insights engine and of every comparison on the seller page
//! (docs/metrics.md#period-values).

use std::collections::BTreeMap;

use super::metric_stat::MetricStat;
use super::terms::TermStat;

/// What a seller (or a group of sellers) did over one period.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Period {
    /// Calls in the period, with or without a value for any metric.
    pub calls: u64,
    /// Per-metric aggregates, by metric name.
    pub metrics: BTreeMap<String, MetricStat>,
    /// Mentions per term.
    pub terms: Vec<TermStat>,
}

/// Outcomes of a subject's analysed calls over a range.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CallCounts {
    /// Analysed calls in range.
    pub calls: u64,
    /// Of those, the calls marked won.
    pub won: u64,
    /// Of those, the calls marked lost.
    pub lost: u64,
}

/// A subject's current and previous period: trends compare the two.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Periods {
    /// The range asked for.
    pub current: Period,
    /// The range of equal length just before it.
    pub previous: Period,
    /// The outcomes of the calls of the range asked for.
    pub current_outcomes: CallCounts,
}
