//! The outside-ideal-range rule (docs/metrics.md#ideal-ranges).

use super::format::{calls, label_of};
use super::units::{UnitRules, unit_of};
use super::{Insight, InsightInput, InsightKind, Ranked, Severity, reliable_mean};
use crate::domain::{Bound, Evidence};

/// [`InsightKind::OutsideIdealRange`], a warning: for each metric the org has
/// an ideal range for, when the seller's mean this range lies outside it and
/// at least [`MIN_CALLS`](super::MIN_CALLS) calls have a value. The baseline is the bound that is
/// broken; the evidence is the calls outside the range.
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
    use super::super::testing::{assert_close, find, of_kind, period, run, stat};
    use super::*;
    use crate::domain::{MetricStat, Period, default_ideal_ranges};

    #[test]
    fn outside_ideal_range_warns_just_above_the_maximum() {
        let none = Period::default();
        let above = run(
            &period(14, &[("talk_to_listen_ratio", 0.651)]),
            &none,
            &none,
        );
        let insight = find(
            &above,
            InsightKind::OutsideIdealRange,
            "talk_to_listen_ratio",
        )
        .expect("0.651 is above 0.65");
        assert_eq!(insight.severity, Severity::Warning);
        assert_close(insight.value, 0.651);
        assert_eq!(insight.baseline, 0.65);
        assert_eq!(
            insight.evidence,
            Evidence::MetricOutside {
                metric: "talk_to_listen_ratio".into(),
                range: default_ideal_ranges()["talk_to_listen_ratio"],
            }
        );
        for inside in [0.649, 0.65] {
            let all = run(
                &period(14, &[("talk_to_listen_ratio", inside)]),
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
        let below = run(&period(5, &[("seller_question_count", 10.9)]), &none, &none);
        let insight = find(
            &below,
            InsightKind::OutsideIdealRange,
            "seller_question_count",
        )
        .expect("10.9 is below 11");
        assert_eq!(insight.baseline, 11.0);
        assert_eq!(
            insight.message,
            "Questions asked by the seller per call averaged 10.9 over 5 calls, below the ideal \
             minimum of 11."
        );
        let at_min = run(&period(5, &[("seller_question_count", 11.0)]), &none, &none);
        assert!(at_min.is_empty(), "{at_min:?}");
        let short = run(
            &period(5, &[("longest_customer_monologue_ms", 49_900.0)]),
            &none,
            &none,
        );
        let insight = find(
            &short,
            InsightKind::OutsideIdealRange,
            "longest_customer_monologue_ms",
        )
        .expect("49.9 s is below 50 s");
        assert_eq!(insight.baseline, 50_000.0);
    }

    #[test]
    fn outside_ideal_range_needs_min_calls_with_a_value() {
        let none = Period::default();
        let two_calls = run(&period(2, &[("talk_to_listen_ratio", 0.9)]), &none, &none);
        assert!(two_calls.is_empty(), "{two_calls:?}");
        // Ten calls, but only two of them have a value (the others are null).
        let mut mostly_null = period(10, &[]);
        mostly_null
            .metrics
            .insert("talk_to_listen_ratio".into(), stat(0.9, 2));
        assert!(run(&mostly_null, &none, &none).is_empty());
        // No value at all, and no calls at all.
        assert!(run(&period(10, &[]), &none, &none).is_empty());
        let mut no_calls = Period::default();
        no_calls
            .metrics
            .insert("talk_to_listen_ratio".into(), MetricStat::default());
        assert!(run(&no_calls, &none, &none).is_empty());
        let three_calls = run(&period(3, &[("talk_to_listen_ratio", 0.9)]), &none, &none);
        assert_eq!(three_calls.len(), 1);
    }

    #[test]
    fn outside_ideal_range_writes_numbers_for_people() {
        let none = Period::default();
        let ratio = run(&period(14, &[("talk_to_listen_ratio", 0.71)]), &none, &none);
        assert_eq!(
            ratio[0].message,
            "Talk-to-listen ratio averaged 71 % over 14 calls, above the ideal maximum of 65 %."
        );
        let monologue = run(
            &period(5, &[("longest_seller_monologue_ms", 162_500.0)]),
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
            &period(5, &[("longest_seller_monologue_ms", 150_400.0)]),
            &none,
            &none,
        );
        assert_eq!(
            just_over[0].message,
            "Longest seller monologue averaged 150.4 s over 5 calls, above the ideal maximum of \
             150 s."
        );
        let ratio_just_over = run(
            &period(5, &[("talk_to_listen_ratio", 0.6504)]),
            &none,
            &none,
        );
        assert_eq!(
            ratio_just_over[0].message,
            "Talk-to-listen ratio averaged 65.04 % over 5 calls, above the ideal maximum of 65 %."
        );
        let speed = run(&period(4, &[("talking_speed_wpm", 185.4)]), &none, &none);
        assert_eq!(
            speed[0].message,
            "Talking speed averaged 185 words per minute over 4 calls, above the ideal maximum \
             of 180 words per minute."
        );
    }
}
