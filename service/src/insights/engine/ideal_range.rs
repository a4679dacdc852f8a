//! The outside-ideal-range rule (docs/metrics.md#outside-ideal-range).

use super::format::{calls, label_of};
use super::units::{UnitRules, unit_of};
use super::{Insight, InsightInput, InsightKind, Ranked, Severity, reliable_mean};
use crate::domain::{Bound, Evidence};

/// [`InsightKind::OutsideIdealRange`], a warning: for each metric the org has
/// an ideal range for, when the seller's mean this range lies outside it and
/// at least [`MIN_CALLS`](super::MIN_CALLS) calls have a value. The baseline
/// is the bound that is broken; the evidence is the calls outside the range.
pub(super) fn outside_ideal_range(input: &InsightInput<'_>) -> Vec<Ranked> {
    input
        .ideal
        .iter()
        .filter_map(|(metric, range)| {
            let (mean, n) = reliable_mean(input.current, metric)?;
            let bound = range.violated_bound(mean)?;
            let unit = unit_of(metric);
            let (baseline, side) = match bound {
                Bound::Min(min) => (min, "below the ideal minimum"),
                Bound::Max(max) => (max, "above the ideal maximum"),
            };
            let (shown_mean, shown_bound) = unit.format_pair(mean, baseline);
            Some(Ranked {
                deviation: unit.change_rule().multiples(mean, baseline),
                insight: Insight {
                    kind: InsightKind::OutsideIdealRange,
                    severity: Severity::Warning,
                    subject: metric.clone(),
                    message: format!(
                        "{} averaged {} over {}, {side} of {}.",
                        label_of(metric),
                        shown_mean,
                        calls(n),
                        shown_bound,
                    ),
                    value: mean,
                    baseline,
                    evidence: Evidence::MetricOutside {
                        metric: metric.clone(),
                        range: *range,
                    },
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use callsight_plugin_api::names::metric;

    use super::super::testing::{assert_close, find, of_kind, period, run, stat};
    use super::*;
    use crate::domain::{MetricStat, Period, default_ideal_ranges};

    #[test]
    fn outside_ideal_range_warns_just_above_the_maximum() {
        let none = Period::default();
        let above = run(
            &period(14, &[(metric::TALK_TO_LISTEN_RATIO, 0.651)]),
            &none,
            &none,
        );
        let insight = find(
            &above,
            InsightKind::OutsideIdealRange,
            metric::TALK_TO_LISTEN_RATIO,
        )
        .expect("0.651 is above 0.65");
        assert_eq!(insight.severity, Severity::Warning);
        assert_close(insight.value, 0.651);
        assert_eq!(insight.baseline, 0.65);
        assert_eq!(
            insight.evidence,
            Evidence::MetricOutside {
                metric: metric::TALK_TO_LISTEN_RATIO.into(),
                range: default_ideal_ranges()[metric::TALK_TO_LISTEN_RATIO],
            }
        );
        for inside in [0.649, 0.65] {
            let all = run(
                &period(14, &[(metric::TALK_TO_LISTEN_RATIO, inside)]),
                &none,
                &none,
            );
            assert!(
                of_kind(&all, InsightKind::OutsideIdealRange).is_empty(),
                "{inside}"
            );
        }
    }

    #[test]
    fn outside_ideal_range_warns_just_below_the_minimum() {
        let none = Period::default();
        let below = run(
            &period(5, &[(metric::SELLER_QUESTION_COUNT, 10.9)]),
            &none,
            &none,
        );
        let insight = find(
            &below,
            InsightKind::OutsideIdealRange,
            metric::SELLER_QUESTION_COUNT,
        )
        .expect("10.9 is below 11");
        assert_eq!(insight.baseline, 11.0);
        assert_eq!(
            insight.message,
            "Questions asked by the seller per call averaged 10.9 over 5 calls, below the ideal \
             minimum of 11."
        );
        let at_min = run(
            &period(5, &[(metric::SELLER_QUESTION_COUNT, 11.0)]),
            &none,
            &none,
        );
        assert!(at_min.is_empty(), "{at_min:?}");
        let short = run(
            &period(5, &[(metric::LONGEST_CUSTOMER_MONOLOGUE_MS, 49_900.0)]),
            &none,
            &none,
        );
        let insight = find(
            &short,
            InsightKind::OutsideIdealRange,
            metric::LONGEST_CUSTOMER_MONOLOGUE_MS,
        )
        .expect("49.9 s is below 50 s");
        assert_eq!(insight.baseline, 50_000.0);
    }

    #[test]
    fn outside_ideal_range_needs_min_calls_with_a_value() {
        let none = Period::default();
        let two_calls = run(
            &period(2, &[(metric::TALK_TO_LISTEN_RATIO, 0.9)]),
            &none,
            &none,
        );
        assert!(two_calls.is_empty(), "{two_calls:?}");
        // Ten calls, but only two of them have a value (the others are null).
        let mut mostly_null = period(10, &[]);
        mostly_null
            .metrics
            .insert(metric::TALK_TO_LISTEN_RATIO.into(), stat(0.9, 2));
        assert!(run(&mostly_null, &none, &none).is_empty());
        // No value at all, and no calls at all.
        assert!(run(&period(10, &[]), &none, &none).is_empty());
        let mut no_calls = Period::default();
        no_calls
            .metrics
            .insert(metric::TALK_TO_LISTEN_RATIO.into(), MetricStat::default());
        assert!(run(&no_calls, &none, &none).is_empty());
        let three_calls = run(
            &period(3, &[(metric::TALK_TO_LISTEN_RATIO, 0.9)]),
            &none,
            &none,
        );
        assert_eq!(three_calls.len(), 1);
    }

    #[test]
    fn outside_ideal_range_writes_numbers_for_people() {
        let none = Period::default();
        let ratio = run(
            &period(14, &[(metric::TALK_TO_LISTEN_RATIO, 0.71)]),
            &none,
            &none,
        );
        assert_eq!(
            ratio[0].message,
            "Talk-to-listen ratio averaged 71 % over 14 calls, above the ideal maximum of 65 %."
        );
        let monologue = run(
            &period(5, &[(metric::LONGEST_SELLER_MONOLOGUE_MS, 162_500.0)]),
            &none,
            &none,
        );
        assert_eq!(
            monologue[0].message,
            "Longest seller monologue averaged 162 s over 5 calls, above the ideal maximum of \
             150 s."
        );
        // Just over a bound: enough decimals to see the difference.
        let just_over = run(
            &period(5, &[(metric::LONGEST_SELLER_MONOLOGUE_MS, 150_400.0)]),
            &none,
            &none,
        );
        assert_eq!(
            just_over[0].message,
            "Longest seller monologue averaged 150.4 s over 5 calls, above the ideal maximum of \
             150 s."
        );
        let ratio_just_over = run(
            &period(5, &[(metric::TALK_TO_LISTEN_RATIO, 0.6504)]),
            &none,
            &none,
        );
        assert_eq!(
            ratio_just_over[0].message,
            "Talk-to-listen ratio averaged 65.04 % over 5 calls, above the ideal maximum of 65 %."
        );
        let speed = run(
            &period(4, &[(metric::TALKING_SPEED_WPM, 185.4)]),
            &none,
            &none,
        );
        assert_eq!(
            speed[0].message,
            "Talking speed averaged 185 words per minute over 4 calls, above the ideal maximum \
             of 180 words per minute."
        );
    }
}
