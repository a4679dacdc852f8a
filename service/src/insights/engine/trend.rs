//! The KPI trend rule: how a KPI moved against the previous period of equal
//! length (docs/metrics.md#trends), and when that move is an insight
//! (docs/metrics.md#kpi-trend).

use callsight_plugin_api::Unit;
use callsight_plugin_api::names::metric;

use super::format::{calls, label_of};
use super::units::{UnitRules, unit_of};
use super::{Insight, InsightInput, InsightKind, Ranked, Severity, reliable_mean};
use crate::domain::{Evidence, IdealRange};

/// Metrics that never get a [`InsightKind::KpiTrend`]: the customer sentiment
/// metrics have insight kinds of their own, and call length and mention counts
/// describe the calls a seller got, not how the seller behaved on them.
const NOT_KPI_TRENDS: [&str; 7] = [
    metric::CUSTOMER_SENTIMENT_SCORE,
    metric::CUSTOMER_POSITIVE_SHARE,
    metric::CUSTOMER_NEUTRAL_SHARE,
    metric::CUSTOMER_NEGATIVE_SHARE,
    metric::DURATION_MS,
    metric::COMPETITOR_MENTION_COUNT,
    metric::KEYWORD_MENTION_COUNT,
];

/// Per-KPI trend against the previous period (docs/metrics.md#trends:
/// significant at ≥ 10 points or ≥ 20 %).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    /// The previous period's value.
    pub previous: Option<f64>,
    /// Current minus previous; `None` unless both are known.
    pub change: Option<f64>,
    /// The change in percent of the previous value (25.0 for a quarter more);
    /// `None` unless both are known and the previous value is not zero.
    pub change_pct: Option<f64>,
    /// Whether the change passes the threshold of its unit.
    pub significant: bool,
}

/// The trend of a KPI from `previous` to `current`, `unit` being the metric's
/// unit as analyzers declare it ([`Unit`]'s names: `ratio`, `score`, `ms`,
/// `count`, `per_hour`, `per_minute`, `wpm`; anything else is a plain number).
///
/// Rule (docs/metrics.md#trends): a share or ratio (unit `ratio`) or a
/// sentiment score (unit `score`) changes significantly at 10 points, an
/// absolute change of at least 0.10 either way; any other value at a change of
/// at least 20 % of the previous value, which must then be non-zero (a rise
/// from nothing has no percentage). Without both values the numbers that are
/// known are still reported, with `significant` false. The minimum number of
/// calls is the caller's concern: [`insights`](super::insights) requires
/// [`MIN_CALLS`](super::MIN_CALLS) in each period.
pub fn trend(current: Option<f64>, previous: Option<f64>, unit: &str) -> Trend {
    trend_in(current, previous, &Unit::from(unit))
}

/// [`trend`] with the unit already known.
fn trend_in(current: Option<f64>, previous: Option<f64>, unit: &Unit) -> Trend {
    let both = current.zip(previous);
    let change = both.map(|(current, previous)| current - previous);
    let change_pct = both
        .filter(|&(_, previous)| previous != 0.0)
        .map(|(current, previous)| (current - previous) / previous.abs() * 100.0);
    Trend {
        previous,
        change,
        change_pct,
        significant: both.is_some_and(|(current, previous)| {
            unit.change_rule().is_significant(current, previous)
        }),
    }
}

/// A metric's significant change between two reliable periods.
pub(super) struct Change {
    pub(super) current: f64,
    pub(super) previous: f64,
    /// Calls with a value in the current period.
    pub(super) calls: u64,
    pub(super) unit: Unit,
}

impl Change {
    /// The change of `metric` from the previous period to the current one,
    /// when both periods have [`MIN_CALLS`](super::MIN_CALLS) calls with a
    /// value and the [`trend`] rule finds it significant.
    pub(super) fn of(input: &InsightInput<'_>, metric: &str) -> Option<Self> {
        let (current, calls) = reliable_mean(input.current, metric)?;
        let (previous, _) = reliable_mean(input.previous, metric)?;
        let unit = unit_of(metric);
        trend_in(Some(current), Some(previous), &unit)
            .significant
            .then_some(Change {
                current,
                previous,
                calls,
                unit,
            })
    }

    pub(super) fn rose(&self) -> bool {
        self.current > self.previous
    }

    /// The size of the change in multiples of its threshold.
    pub(super) fn deviation(&self) -> f64 {
        self.unit
            .change_rule()
            .multiples(self.current, self.previous)
    }
}

/// How a KPI's change relates to the org's ideal range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Movement {
    /// From outside the range to inside it.
    IntoRange,
    /// Still outside, but closer to it.
    TowardRange,
    /// Inside, and closer to the target.
    TowardTarget,
    /// From inside the range to outside it.
    OutOfRange,
    /// Outside, and further from it.
    AwayFromRange,
    /// No range, or no move that matters for it.
    Neutral,
}

impl Movement {
    /// Classifies the move from `previous` to `current` against `range`.
    fn of(range: Option<&IdealRange>, previous: f64, current: f64) -> Self {
        let Some(range) = range else {
            return Movement::Neutral;
        };
        match (range.contains(previous), range.contains(current)) {
            (false, true) => Movement::IntoRange,
            (true, false) => Movement::OutOfRange,
            (false, false) => {
                let (before, after) = (range.distance(previous), range.distance(current));
                if after < before {
                    Movement::TowardRange
                } else if after > before {
                    Movement::AwayFromRange
                } else {
                    Movement::Neutral
                }
            }
            (true, true) => match range.target {
                Some(target) if (current - target).abs() < (previous - target).abs() => {
                    Movement::TowardTarget
                }
                _ => Movement::Neutral,
            },
        }
    }

    fn severity(self) -> Severity {
        match self {
            Movement::IntoRange | Movement::TowardRange | Movement::TowardTarget => {
                Severity::Positive
            }
            Movement::OutOfRange | Movement::AwayFromRange => Severity::Warning,
            Movement::Neutral => Severity::Info,
        }
    }

    /// The end of the trend sentence that says what the move means.
    fn clause(self) -> &'static str {
        match self {
            Movement::IntoRange => ", now inside the ideal range",
            Movement::TowardRange => ", closer to the ideal range",
            Movement::TowardTarget => ", closer to the ideal target",
            Movement::OutOfRange => ", now outside the ideal range",
            Movement::AwayFromRange => ", further outside the ideal range",
            Movement::Neutral => "",
        }
    }
}

/// [`InsightKind::KpiTrend`]: every metric of the seller with a significant
/// change against the previous period (the [`trend`] rule,
/// [`MIN_CALLS`](super::MIN_CALLS) calls with a value in both periods), except
/// those in [`NOT_KPI_TRENDS`].
///
/// Severity: positive when the mean moves into the ideal range, toward it
/// from outside, or toward the target inside it; a warning when it leaves the
/// range or moves further away from it; info otherwise (no range, or a move
/// inside the range that does not approach the target). The baseline is the
/// previous mean; the evidence is the calls that drive the change (highest
/// values first for a rise, lowest for a fall).
pub(super) fn kpi_trends(input: &InsightInput<'_>) -> Vec<Ranked> {
    input
        .current
        .metrics
        .keys()
        .filter(|metric| !NOT_KPI_TRENDS.contains(&metric.as_str()))
        .filter_map(|metric| {
            let change = Change::of(input, metric)?;
            let movement = Movement::of(input.ideal.get(metric), change.previous, change.current);
            let (now, before) = change.unit.format_pair(change.current, change.previous);
            Some(Ranked {
                deviation: change.deviation(),
                insight: Insight {
                    kind: InsightKind::KpiTrend,
                    severity: movement.severity(),
                    subject: metric.clone(),
                    message: format!(
                        "{} {} from {before} in the previous period to {now} over {}{}.",
                        label_of(metric),
                        if change.rose() { "rose" } else { "fell" },
                        calls(change.calls),
                        movement.clause(),
                    ),
                    value: change.current,
                    baseline: change.previous,
                    evidence: Evidence::MetricBeyond {
                        metric: metric.clone(),
                        threshold: change.previous,
                        above: change.rose(),
                    },
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_close, find, of_kind, period, run};
    use super::*;
    use crate::domain::Period;

    #[test]
    fn trend_of_a_ratio_is_significant_from_ten_points() {
        assert!(!trend(Some(0.399), Some(0.30), "ratio").significant);
        assert!(trend(Some(0.40), Some(0.30), "ratio").significant);
        assert!(trend(Some(0.20), Some(0.30), "ratio").significant);
        assert!(!trend(Some(0.201), Some(0.30), "ratio").significant);
        // 25 % more, but only 5 points: not significant for a share.
        assert!(!trend(Some(0.25), Some(0.20), "ratio").significant);
        let t = trend(Some(0.45), Some(0.30), "ratio");
        assert_eq!(t.previous, Some(0.30));
        assert_close(t.change.unwrap(), 0.15);
        assert_close(t.change_pct.unwrap(), 50.0);
    }

    #[test]
    fn trend_of_a_sentiment_score_uses_points() {
        assert!(!trend(Some(-0.011), Some(-0.10), "score").significant);
        let t = trend(Some(0.0), Some(-0.10), "score");
        assert!(t.significant);
        assert_close(t.change_pct.unwrap(), 100.0);
    }

    #[test]
    fn trend_of_other_units_is_significant_from_twenty_percent() {
        for unit in [
            "ms",
            "count",
            "per_hour",
            "per_minute",
            "wpm",
            "",
            "bananas",
        ] {
            assert!(!trend(Some(11.99), Some(10.0), unit).significant, "{unit}");
            assert!(trend(Some(12.0), Some(10.0), unit).significant, "{unit}");
            assert!(!trend(Some(8.01), Some(10.0), unit).significant, "{unit}");
            assert!(trend(Some(7.9), Some(10.0), unit).significant, "{unit}");
        }
        // 0.1 → 0.2 is only 10 points but doubles a count.
        assert!(trend(Some(0.2), Some(0.1), "count").significant);
    }

    #[test]
    fn trend_without_both_values_or_from_zero_is_not_significant() {
        let from_zero = trend(Some(5.0), Some(0.0), "count");
        assert_eq!(from_zero.change, Some(5.0));
        assert_eq!(from_zero.change_pct, None);
        assert!(!from_zero.significant);
        let no_current = trend(None, Some(3.0), "count");
        assert_eq!(
            no_current,
            Trend {
                previous: Some(3.0),
                change: None,
                change_pct: None,
                significant: false
            }
        );
        let no_previous = trend(Some(0.9), None, "ratio");
        assert_eq!(no_previous.previous, None);
        assert_eq!(no_previous.change, None);
        assert!(!no_previous.significant);
    }

    #[test]
    fn kpi_trend_needs_twenty_percent_or_ten_points() {
        let team = Period::default();
        let previous = period(
            10,
            &[
                (metric::INTERRUPTION_COUNT, 2.0),
                (metric::TALK_TO_LISTEN_RATIO, 0.50),
            ],
        );
        let under = period(
            10,
            &[
                (metric::INTERRUPTION_COUNT, 2.39),
                (metric::TALK_TO_LISTEN_RATIO, 0.599),
            ],
        );
        assert!(run(&under, &previous, &team).is_empty());

        let over = period(
            10,
            &[
                (metric::INTERRUPTION_COUNT, 2.4),
                (metric::TALK_TO_LISTEN_RATIO, 0.601),
            ],
        );
        let all = run(&over, &previous, &team);
        assert_eq!(all.len(), 2, "{all:?}");
        let interruptions = find(&all, InsightKind::KpiTrend, metric::INTERRUPTION_COUNT).unwrap();
        assert_eq!(interruptions.severity, Severity::Info, "no ideal range");
        assert_close(interruptions.value, 2.4);
        assert_close(interruptions.baseline, 2.0);
        assert_eq!(
            interruptions.evidence,
            Evidence::MetricBeyond {
                metric: metric::INTERRUPTION_COUNT.into(),
                threshold: interruptions.baseline,
                above: true
            }
        );
        let ratio = find(&all, InsightKind::KpiTrend, metric::TALK_TO_LISTEN_RATIO).unwrap();
        assert_eq!(
            ratio.severity,
            Severity::Info,
            "inside the range but away from the target"
        );
    }

    #[test]
    fn kpi_trend_severity_follows_the_ideal_range() {
        let team = Period::default();
        let cases = [
            // Into the range.
            (metric::TALK_TO_LISTEN_RATIO, 0.70, 0.58, Severity::Positive),
            // Inside, toward the target of 0.43.
            (metric::TALK_TO_LISTEN_RATIO, 0.60, 0.45, Severity::Positive),
            // Out of the range.
            (metric::TALKING_SPEED_WPM, 150.0, 190.0, Severity::Warning),
            // Outside and closer (11–14).
            (metric::SELLER_QUESTION_COUNT, 5.0, 8.0, Severity::Positive),
            // Outside and further away.
            (
                metric::LONGEST_SELLER_MONOLOGUE_MS,
                160_000.0,
                200_000.0,
                Severity::Warning,
            ),
            // Across the whole range, from 2 under to 6 over.
            (metric::SELLER_QUESTION_COUNT, 9.0, 20.0, Severity::Warning),
        ];
        for (metric, before, now, severity) in cases {
            let all = run(
                &period(10, &[(metric, now)]),
                &period(10, &[(metric, before)]),
                &team,
            );
            let insight = find(&all, InsightKind::KpiTrend, metric)
                .unwrap_or_else(|| panic!("{metric} {before} → {now}: {all:?}"));
            assert_eq!(insight.severity, severity, "{metric} {before} → {now}");
            assert_eq!(
                insight.evidence,
                Evidence::MetricBeyond {
                    metric: metric.into(),
                    threshold: insight.baseline,
                    above: now > before
                }
            );
        }
    }

    #[test]
    fn kpi_trend_writes_the_change_for_people() {
        let all = run(
            &period(10, &[(metric::TALK_TO_LISTEN_RATIO, 0.58)]),
            &period(8, &[(metric::TALK_TO_LISTEN_RATIO, 0.70)]),
            &Period::default(),
        );
        assert_eq!(
            find(&all, InsightKind::KpiTrend, metric::TALK_TO_LISTEN_RATIO)
                .unwrap()
                .message,
            "Talk-to-listen ratio fell from 70 % in the previous period to 58 % over 10 calls, \
             now inside the ideal range."
        );
        // A custom metric: unknown unit, label from its name.
        let custom = run(
            &period(3, &[("seller_talk_share", 0.6)]),
            &period(3, &[("seller_talk_share", 0.5)]),
            &Period::default(),
        );
        assert_eq!(
            custom[0].message,
            "Seller talk share rose from 0.5 in the previous period to 0.6 over 3 calls."
        );
    }

    #[test]
    fn kpi_trend_needs_min_calls_in_both_periods() {
        let team = Period::default();
        let now = period(10, &[(metric::INTERRUPTION_COUNT, 4.0)]);
        let was = |calls| period(calls, &[(metric::INTERRUPTION_COUNT, 2.0)]);
        assert!(run(&now, &was(2), &team).is_empty());
        assert!(run(&now, &was(0), &team).is_empty());
        assert!(run(&now, &period(10, &[]), &team).is_empty(), "null before");
        assert!(
            run(
                &period(2, &[(metric::INTERRUPTION_COUNT, 4.0)]),
                &was(10),
                &team
            )
            .is_empty()
        );
        assert_eq!(run(&now, &was(3), &team).len(), 1);
        // From zero there is no percentage to compare.
        assert!(
            run(
                &now,
                &period(10, &[(metric::INTERRUPTION_COUNT, 0.0)]),
                &team
            )
            .is_empty()
        );
    }

    #[test]
    fn kpi_trend_leaves_out_sentiment_duration_and_mentions() {
        let before = period(
            10,
            &[
                (metric::DURATION_MS, 100_000.0),
                (metric::COMPETITOR_MENTION_COUNT, 1.0),
                (metric::KEYWORD_MENTION_COUNT, 1.0),
                (metric::CUSTOMER_SENTIMENT_SCORE, 0.0),
                (metric::CUSTOMER_NEUTRAL_SHARE, 0.5),
                (metric::CUSTOMER_POSITIVE_SHARE, 0.2),
                (metric::CUSTOMER_NEGATIVE_SHARE, 0.5),
            ],
        );
        let after = period(
            10,
            &[
                (metric::DURATION_MS, 200_000.0),
                (metric::COMPETITOR_MENTION_COUNT, 3.0),
                (metric::KEYWORD_MENTION_COUNT, 3.0),
                (metric::CUSTOMER_SENTIMENT_SCORE, 0.5),
                (metric::CUSTOMER_NEUTRAL_SHARE, 0.2),
                (metric::CUSTOMER_POSITIVE_SHARE, 0.5),
                (metric::CUSTOMER_NEGATIVE_SHARE, 0.2),
            ],
        );
        let all = run(&after, &before, &Period::default());
        assert!(of_kind(&all, InsightKind::KpiTrend).is_empty(), "{all:?}");
    }
}
