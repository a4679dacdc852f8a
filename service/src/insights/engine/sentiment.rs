//! The customer sentiment rules: a share of negative or positive statements
//! that rose, and a seller whose customers are more negative than the team's
//! (docs/metrics.md#negative-sentiment-rising,
//! docs/metrics.md#positive-sentiment-improving,
//! docs/metrics.md#negative-sentiment-calls).

use callsight_plugin_api::Unit;
use callsight_plugin_api::names::metric;

use super::format::calls;
use super::trend::Change;
use super::units::{ChangeRule, UnitRules};
use super::{Insight, InsightInput, InsightKind, Ranked, Severity, reliable_mean};
use crate::domain::Evidence;

/// How far above the team's mean a seller's negative customer share must be.
const TEAM_NEGATIVE_MARGIN: f64 = 0.05;

/// A customer sentiment share whose rise is an insight of its own.
struct ShareRise {
    /// The share that rose.
    metric: &'static str,
    kind: InsightKind,
    severity: Severity,
    /// How the sentence calls the customers' statements: "negative", "positive".
    mood: &'static str,
    /// The calls that show the rise, given the previous period's mean.
    evidence: fn(f64) -> Evidence,
}

/// The rises [`sentiment_trends`] reports: more negative statements are a
/// warning, more positive ones good news.
const SHARE_RISES: [ShareRise; 2] = [
    ShareRise {
        metric: metric::CUSTOMER_NEGATIVE_SHARE,
        kind: InsightKind::NegativeSentimentRising,
        severity: Severity::Warning,
        mood: "negative",
        evidence: |previous| Evidence::NegativeShareAbove {
            threshold: previous,
        },
    },
    ShareRise {
        metric: metric::CUSTOMER_POSITIVE_SHARE,
        kind: InsightKind::PositiveSentimentImproving,
        severity: Severity::Positive,
        mood: "positive",
        evidence: |previous| Evidence::MetricBeyond {
            metric: metric::CUSTOMER_POSITIVE_SHARE.to_owned(),
            threshold: previous,
            above: true,
        },
    },
];

/// [`InsightKind::NegativeSentimentRising`] (a warning) and
/// [`InsightKind::PositiveSentimentImproving`] (positive): the customers'
/// negative, respectively positive, share of statements rose by the
/// [`trend`](fn@super::trend) rule for shares (at least 10 points), with
/// [`MIN_CALLS`](super::MIN_CALLS) calls with a value in both periods. A fall
/// of either share is not reported here: it is the good news, or the mirror,
/// of the other. The baseline is the previous mean. Evidence: the calls more
/// negative than the previous mean, or the most positive calls.
pub(super) fn sentiment_trends(input: &InsightInput<'_>) -> Vec<Ranked> {
    SHARE_RISES
        .iter()
        .filter_map(|rise| {
            let change = Change::of(input, rise.metric).filter(Change::rose)?;
            Some(Ranked {
                deviation: change.deviation(),
                insight: Insight {
                    kind: rise.kind,
                    severity: rise.severity,
                    subject: rise.metric.to_owned(),
                    message: format!(
                        "Customers were {} in {} of their statements over {}, up from {} in \
                         the previous period.",
                        rise.mood,
                        Unit::Ratio.format(change.current),
                        calls(change.calls),
                        Unit::Ratio.format(change.previous),
                    ),
                    value: change.current,
                    baseline: change.previous,
                    evidence: (rise.evidence)(change.previous),
                },
            })
        })
        .collect()
}

/// [`InsightKind::NegativeSentimentCalls`], a warning: the seller's mean
/// customer negative share this range exceeds the team's by at least 5 points,
/// with [`MIN_CALLS`](super::MIN_CALLS) seller calls with a value (and a team
/// mean to compare with). Value is the seller's mean, baseline the team's; the
/// evidence is the seller's calls more negative than the team's mean.
pub(super) fn negative_sentiment_calls(input: &InsightInput<'_>) -> Option<Ranked> {
    let (seller, n) = reliable_mean(input.current, metric::CUSTOMER_NEGATIVE_SHARE)?;
    let team = input
        .team
        .metrics
        .get(metric::CUSTOMER_NEGATIVE_SHARE)?
        .mean()?;
    let rule = ChangeRule::Points(TEAM_NEGATIVE_MARGIN);
    if seller <= team || !rule.is_significant(seller, team) {
        return None;
    }
    Some(Ranked {
        deviation: rule.multiples(seller, team),
        insight: Insight {
            kind: InsightKind::NegativeSentimentCalls,
            severity: Severity::Warning,
            subject: metric::CUSTOMER_NEGATIVE_SHARE.to_owned(),
            message: format!(
                "Customers were negative in {} of their statements over {}, against {} across \
                 the team.",
                Unit::Ratio.format(seller),
                calls(n),
                Unit::Ratio.format(team),
            ),
            value: seller,
            baseline: team,
            evidence: Evidence::NegativeShareAbove { threshold: team },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_close, period, run};
    use super::*;
    use crate::domain::Period;

    #[test]
    fn negative_sentiment_rising_from_ten_points() {
        let team = Period::default();
        let before = period(10, &[(metric::CUSTOMER_NEGATIVE_SHARE, 0.20)]);
        let now = |share| period(10, &[(metric::CUSTOMER_NEGATIVE_SHARE, share)]);
        assert!(run(&now(0.299), &before, &team).is_empty());
        // 25 % more but only 5 points.
        assert!(run(&now(0.25), &before, &team).is_empty());
        assert!(
            run(&now(0.10), &before, &team).is_empty(),
            "a fall is not a rise"
        );

        let all = run(&now(0.30), &before, &team);
        assert_eq!(all.len(), 1, "{all:?}");
        let insight = &all[0];
        assert_eq!(insight.kind, InsightKind::NegativeSentimentRising);
        assert_eq!(insight.severity, Severity::Warning);
        assert_eq!(insight.subject, metric::CUSTOMER_NEGATIVE_SHARE);
        assert_close(insight.baseline, 0.20);
        let Evidence::NegativeShareAbove { threshold } = insight.evidence else {
            panic!("{:?}", insight.evidence);
        };
        assert_close(threshold, 0.20);
        assert_eq!(
            insight.message,
            "Customers were negative in 30 % of their statements over 10 calls, up from 20 % in \
             the previous period."
        );

        let two_before = period(2, &[(metric::CUSTOMER_NEGATIVE_SHARE, 0.20)]);
        assert!(run(&now(0.50), &two_before, &team).is_empty());
    }

    #[test]
    fn positive_sentiment_improving_from_ten_points() {
        let team = Period::default();
        let before = period(6, &[(metric::CUSTOMER_POSITIVE_SHARE, 0.40)]);
        let now = |share| period(6, &[(metric::CUSTOMER_POSITIVE_SHARE, share)]);
        assert!(run(&now(0.499), &before, &team).is_empty());
        assert!(
            run(&now(0.20), &before, &team).is_empty(),
            "a fall is not an improvement"
        );
        assert!(
            run(&now(0.60), &period(6, &[]), &team).is_empty(),
            "null before"
        );

        let all = run(&now(0.52), &before, &team);
        assert_eq!(all.len(), 1, "{all:?}");
        let insight = &all[0];
        assert_eq!(insight.kind, InsightKind::PositiveSentimentImproving);
        assert_eq!(insight.severity, Severity::Positive);
        assert_close(insight.value, 0.52);
        assert_close(insight.baseline, 0.40);
        assert_eq!(
            insight.evidence,
            Evidence::MetricBeyond {
                metric: metric::CUSTOMER_POSITIVE_SHARE.into(),
                threshold: insight.baseline,
                above: true
            }
        );
    }

    #[test]
    fn negative_sentiment_calls_from_five_points_above_the_team() {
        let none = Period::default();
        let team = period(50, &[(metric::CUSTOMER_NEGATIVE_SHARE, 0.20)]);
        let seller = |share| period(10, &[(metric::CUSTOMER_NEGATIVE_SHARE, share)]);
        assert!(run(&seller(0.249), &none, &team).is_empty());
        assert!(run(&seller(0.10), &none, &team).is_empty());
        for share in [0.25, 0.26] {
            let all = run(&seller(share), &none, &team);
            assert_eq!(all.len(), 1, "{share}: {all:?}");
            let insight = &all[0];
            assert_eq!(insight.kind, InsightKind::NegativeSentimentCalls);
            assert_eq!(insight.severity, Severity::Warning);
            assert_close(insight.value, share);
            assert_close(insight.baseline, 0.20);
            let Evidence::NegativeShareAbove { threshold } = insight.evidence else {
                panic!("{:?}", insight.evidence);
            };
            assert_close(threshold, 0.20);
        }
        assert_eq!(
            run(&seller(0.26), &none, &team)[0].message,
            "Customers were negative in 26 % of their statements over 10 calls, against 20 % \
             across the team."
        );
    }

    #[test]
    fn negative_sentiment_calls_needs_seller_calls_and_a_team_value() {
        let none = Period::default();
        let team = period(50, &[(metric::CUSTOMER_NEGATIVE_SHARE, 0.10)]);
        let few = period(2, &[(metric::CUSTOMER_NEGATIVE_SHARE, 0.60)]);
        assert!(run(&few, &none, &team).is_empty());
        let seller = period(10, &[(metric::CUSTOMER_NEGATIVE_SHARE, 0.60)]);
        assert!(
            run(&seller, &none, &period(50, &[])).is_empty(),
            "team null"
        );
        assert!(
            run(&seller, &none, &Period::default()).is_empty(),
            "team empty"
        );
        assert_eq!(run(&seller, &none, &team).len(), 1);
    }
}
