//! `Kpi`: a metric for a seller and range with what it is compared with.

use async_graphql::{Enum, SimpleObject};

use crate::domain::IdealRange;
use crate::insights::engine::Trend;
use crate::insights::report::Kpi;

/// Which way a value moved against the previous period.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum TrendDirection {
    Up,
    Down,
    Flat,
    /// One of the periods has no value.
    Unknown,
}

/// The change against the previous period of equal length.
#[derive(SimpleObject)]
#[graphql(name = "Trend")]
pub struct TrendNode {
    /// The value in the previous period.
    previous: Option<f64>,
    /// Current minus previous.
    change: Option<f64>,
    /// The change in percent of the previous value.
    change_pct: Option<f64>,
    direction: TrendDirection,
    /// Whether the change is large enough to matter (docs/metrics.md#trends: 10 points
    /// for shares and scores, 20 % otherwise).
    significant: bool,
}

impl From<Trend> for TrendNode {
    fn from(t: Trend) -> Self {
        let direction = match t.change {
            None => TrendDirection::Unknown,
            Some(c) if c > 0.0 => TrendDirection::Up,
            Some(c) if c < 0.0 => TrendDirection::Down,
            Some(_) => TrendDirection::Flat,
        };
        Self {
            previous: t.previous,
            change: t.change,
            change_pct: t.change_pct,
            direction,
            significant: t.significant,
        }
    }
}

/// The organisation's ideal range for a metric; an open side is null.
#[derive(SimpleObject)]
#[graphql(name = "IdealRange")]
pub struct IdealRangeNode {
    min: Option<f64>,
    max: Option<f64>,
    target: Option<f64>,
}

impl From<IdealRange> for IdealRangeNode {
    fn from(r: IdealRange) -> Self {
        Self {
            min: r.min,
            max: r.max,
            target: r.target,
        }
    }
}

/// A metric over a date range: the mean of the per-call values (every call
/// weighs the same), the team's and the top performers' values for the same
/// range, the ideal range and the trend.
#[derive(SimpleObject)]
#[graphql(name = "Kpi")]
pub struct KpiNode {
    /// The metric's name, as analyzers report it (docs/metrics.md#built-in-metrics).
    name: String,
    /// `ms`, `ratio`, `count`, `per_hour`, `wpm`, `score`, or a plugin's unit.
    unit: String,
    value: Option<f64>,
    /// Calls in range with a value.
    calls: u64,
    /// The whole team's value (every seller of the organisation).
    team: Option<f64>,
    top_performers: Option<f64>,
    ideal_range: Option<IdealRangeNode>,
    /// Share (0–1) of the calls whose value lies in the ideal range.
    in_ideal_share: Option<f64>,
    trend: TrendNode,
}

impl From<Kpi> for KpiNode {
    fn from(k: Kpi) -> Self {
        Self {
            name: k.name,
            unit: k.unit,
            value: k.value,
            calls: k.calls,
            team: k.team,
            top_performers: k.top_performers,
            ideal_range: k.ideal.map(Into::into),
            in_ideal_share: k.in_ideal_share,
            trend: k.trend.into(),
        }
    }
}
