//! An organisation's ideal range for a KPI, and the industry benchmarks an
//! organisation starts from (docs/metrics.md#ideal-ranges).

use std::collections::BTreeMap;

use callsight_plugin_api::names::metric;

/// Slack for comparisons with a threshold or bound: means are computed from
/// float sums, so a value that sits on a threshold may come out a hair under
/// it (0.3 − 0.2 = 0.0999…). Far below any difference a person could read.
pub const ROUNDING_TOLERANCE: f64 = 1e-9;

/// An org's ideal range for a KPI (docs/metrics.md#ideal-ranges).
///
/// Either bound may be open. `target` is the best value inside the range; it
/// does not change what the range contains, but lets a trend inside the range
/// count as an improvement when it moves toward it.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct IdealRange {
    /// Lowest ideal value (inclusive), if any.
    pub min: Option<f64>,
    /// Highest ideal value (inclusive), if any.
    pub max: Option<f64>,
    /// Best value, if the org named one.
    pub target: Option<f64>,
}

impl IdealRange {
    /// Whether `v` lies within the bounds, both inclusive. A value equal to a
    /// bound up to float rounding counts as inside (a mean of 0.65 must not be
    /// flagged against a maximum of 0.65); NaN is never inside.
    pub fn contains(&self, v: f64) -> bool {
        !v.is_nan() && self.violated_bound(v).is_none()
    }

    /// The lowest and highest values [`contains`](Self::contains) accepts
    /// (float rounding included), for range checks done in SQL; an open side
    /// is infinite.
    pub fn inclusive_bounds(&self) -> (f64, f64) {
        (
            self.min.map_or(f64::NEG_INFINITY, |min| min - slack(min)),
            self.max.map_or(f64::INFINITY, |max| max + slack(max)),
        )
    }

    /// The bound `v` breaks, if any: the minimum when it is below it, else the
    /// maximum when it is above it.
    pub fn violated_bound(&self, v: f64) -> Option<Bound> {
        if let Some(min) = self.min.filter(|&min| v < min - slack(min)) {
            Some(Bound::Min(min))
        } else {
            self.max.filter(|&max| v > max + slack(max)).map(Bound::Max)
        }
    }

    /// How far `v` lies outside the range (0 inside it), to tell whether a
    /// value outside the range moved toward it or away from it.
    pub fn distance(&self, v: f64) -> f64 {
        match self.violated_bound(v) {
            Some(Bound::Min(min)) => min - v,
            Some(Bound::Max(max)) => v - max,
            None => 0.0,
        }
    }
}

/// A bound of an [`IdealRange`] that a value breaks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// The value is below this minimum.
    Min(f64),
    /// The value is above this maximum.
    Max(f64),
}

/// The rounding slack allowed around `bound` (relative for large bounds such
/// as milliseconds, absolute near zero).
fn slack(bound: f64) -> f64 {
    ROUNDING_TOLERANCE * bound.abs().max(1.0)
}

/// The defaults of docs/metrics.md#ideal-ranges: talk_to_listen_ratio ≤ 0.65
/// (target 0.43), longest_seller_monologue_ms ≤ 150000,
/// longest_customer_monologue_ms ≥ 50000, seller_question_count 11–14,
/// talking_speed_wpm 130–180.
///
/// These are the industry benchmarks an org starts from before it sets its
/// own ranges.
pub fn default_ideal_ranges() -> BTreeMap<String, IdealRange> {
    let range =
        |min: Option<f64>, max: Option<f64>, target: Option<f64>| IdealRange { min, max, target };
    [
        (
            metric::TALK_TO_LISTEN_RATIO,
            range(None, Some(0.65), Some(0.43)),
        ),
        (
            metric::LONGEST_SELLER_MONOLOGUE_MS,
            range(None, Some(150_000.0), None),
        ),
        (
            metric::LONGEST_CUSTOMER_MONOLOGUE_MS,
            range(Some(50_000.0), None, None),
        ),
        (
            metric::SELLER_QUESTION_COUNT,
            range(Some(11.0), Some(14.0), None),
        ),
        (
            metric::TALKING_SPEED_WPM,
            range(Some(130.0), Some(180.0), None),
        ),
    ]
    .into_iter()
    .map(|(name, range)| (name.to_owned(), range))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideal_range_is_inclusive_open_ended_and_rejects_nan() {
        let range = IdealRange {
            min: Some(11.0),
            max: Some(14.0),
            target: None,
        };
        assert!(range.contains(11.0));
        assert!(range.contains(14.0));
        assert!(!range.contains(10.999));
        assert!(!range.contains(14.001));
        assert!(!range.contains(f64::NAN));
        let at_most = IdealRange {
            max: Some(0.65),
            ..IdealRange::default()
        };
        assert!(at_most.contains(-1.0));
        assert!(
            at_most.contains(1.95 / 3.0),
            "a mean on the bound is inside"
        );
        assert!(!at_most.contains(0.651));
        assert!(IdealRange::default().contains(f64::MAX));
    }

    #[test]
    fn ideal_range_serializes_in_camel_case() {
        let json = serde_json::to_value(IdealRange {
            min: None,
            max: Some(0.65),
            target: Some(0.43),
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"min": null, "max": 0.65, "target": 0.43})
        );
    }

    #[test]
    fn default_ideal_ranges_are_the_design_benchmarks() {
        let ranges = default_ideal_ranges();
        let range = |min, max, target| IdealRange { min, max, target };
        assert_eq!(ranges.len(), 5);
        assert_eq!(
            ranges[metric::TALK_TO_LISTEN_RATIO],
            range(None, Some(0.65), Some(0.43))
        );
        assert_eq!(
            ranges[metric::LONGEST_SELLER_MONOLOGUE_MS],
            range(None, Some(150_000.0), None)
        );
        assert_eq!(
            ranges[metric::LONGEST_CUSTOMER_MONOLOGUE_MS],
            range(Some(50_000.0), None, None)
        );
        assert_eq!(
            ranges[metric::SELLER_QUESTION_COUNT],
            range(Some(11.0), Some(14.0), None)
        );
        assert_eq!(
            ranges[metric::TALKING_SPEED_WPM],
            range(Some(130.0), Some(180.0), None)
        );
    }
}
