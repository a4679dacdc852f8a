//! The insights engine (docs/metrics.md#insights): pure functions from period
//! aggregates to typed insights with their evidence.
//!
//! Nothing here reads the database or the clock. The service aggregates the
//! rollups of one seller (this range and the previous range of equal length)
//! and of the team into [`Period`]s, hands them to [`insights`], and turns the
//! [`Evidence`] of each insight into call ids within the viewer's scope. Keeping
//! the rules pure makes every threshold testable on its own.
//!
//! Each rule has a module of its own, with its tests beside it; `units` and
//! `format` say how a value is compared and written.

use std::collections::BTreeMap;

use crate::domain::{Evidence, IdealRange, Period};

mod format;
mod ideal_range;
mod sentiment;
mod terms;
#[cfg(test)]
mod testing;
mod trend;
mod units;

pub use trend::{Trend, trend};

/// Fewest calls with a value a period needs before its mean is worth an
/// insight: with one or two calls a single unusual call would be reported as a
/// habit.
pub const MIN_CALLS: u64 = 3;

/// Everything the engine looks at for one seller and range.
pub struct InsightInput<'a> {
    /// The seller, the range asked for.
    pub current: &'a Period,
    /// The seller, the period of equal length just before.
    pub previous: &'a Period,
    /// The whole team (org), the range asked for.
    pub team: &'a Period,
    /// The org's ideal ranges, by metric name.
    pub ideal: &'a BTreeMap<String, IdealRange>,
}

/// What an insight is about (docs/metrics.md#insights).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InsightKind {
    /// The seller's mean of a KPI lies outside the org's ideal range.
    OutsideIdealRange,
    /// A KPI changed significantly against the previous period.
    KpiTrend,
    /// Customers' share of negative statements rose significantly.
    NegativeSentimentRising,
    /// Customers' share of positive statements rose significantly.
    PositiveSentimentImproving,
    /// A competitor is mentioned much more often than before.
    CompetitorSurge,
    /// A tracked keyword is mentioned much more often than before.
    KeywordTrending,
    /// Customers are more negative on this seller's calls than on the team's.
    NegativeSentimentCalls,
}

impl InsightKind {
    /// Whether a warning of this kind says something about how the seller
    /// behaves: what customers bring up (a competitor, a keyword) is
    /// information for the manager, never a reason to coach the seller
    /// (docs/metrics.md#coaching-candidates).
    pub fn is_about_the_seller(self) -> bool {
        !matches!(self, Self::CompetitorSurge | Self::KeywordTrending)
    }
}

/// How much an insight asks for a manager's attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; neither good nor bad in itself.
    Info,
    /// Something that got better.
    Positive,
    /// Something to coach on: coaching candidates are the sellers with
    /// warnings (docs/metrics.md#coaching-candidates).
    Warning,
}

/// One typed insight (docs/metrics.md#insights).
#[derive(Debug, Clone, PartialEq)]
pub struct Insight {
    /// What the insight is about.
    pub kind: InsightKind,
    /// How much it asks for attention.
    pub severity: Severity,
    /// The metric name (for KPI and sentiment insights) or the term
    /// (keyword and competitor insights).
    pub subject: String,
    /// One sentence a manager reads, with the numbers formatted for people
    /// (ms as seconds, ratios as %, wpm as words per minute).
    pub message: String,
    /// The seller's value this range (a metric mean, or mentions per call).
    pub value: f64,
    /// What `value` is compared with: the ideal bound, the previous period,
    /// or the team average.
    pub baseline: f64,
    /// The calls that support the insight.
    pub evidence: Evidence,
}

/// All insights for one seller and range, most severe first, then by size of
/// the deviation (docs/metrics.md#ranking).
///
/// The deviation is measured in multiples of the threshold that applies to
/// the insight (10 points for shares and scores, 20 % of the baseline for
/// other KPIs, a 50 % rise for terms, 5 points above the team for negative
/// sentiment), so that a ratio and a duration can be ranked against each
/// other. Ties are broken by kind and subject so the order is stable.
///
/// Of the term insights, only the [`MAX_TERM_INSIGHTS`] largest of each kind
/// are kept: a page lists what stands out, not every key phrase that rose.
///
/// Each rule is documented on the function that applies it:
/// [`ideal_range::outside_ideal_range`], [`trend::kpi_trends`],
/// [`sentiment::sentiment_trends`], [`terms::term_surges`] and
/// [`sentiment::negative_sentiment_calls`].
pub fn insights(input: &InsightInput<'_>) -> Vec<Insight> {
    let mut ranked: Vec<Ranked> = ideal_range::outside_ideal_range(input)
        .into_iter()
        .chain(trend::kpi_trends(input))
        .chain(sentiment::sentiment_trends(input))
        .chain(terms::term_surges(input))
        .chain(sentiment::negative_sentiment_calls(input))
        .collect();
    ranked.sort_by(|a, b| {
        b.insight
            .severity
            .cmp(&a.insight.severity)
            .then(b.deviation.total_cmp(&a.deviation))
            .then(a.insight.kind.cmp(&b.insight.kind))
            .then_with(|| a.insight.subject.cmp(&b.insight.subject))
    });
    let mut per_kind: BTreeMap<InsightKind, usize> = BTreeMap::new();
    ranked
        .into_iter()
        .filter(|r| {
            let term = matches!(
                r.insight.kind,
                InsightKind::CompetitorSurge | InsightKind::KeywordTrending
            );
            let seen = per_kind.entry(r.insight.kind).or_default();
            *seen += 1;
            !term || *seen <= MAX_TERM_INSIGHTS
        })
        .map(|r| r.insight)
        .collect()
}

/// Most competitor-surge and keyword-trending insights kept, each.
pub const MAX_TERM_INSIGHTS: usize = 3;

/// An insight with the size of its deviation, for ordering.
struct Ranked {
    insight: Insight,
    /// Multiples of the threshold that applies to the insight.
    deviation: f64,
}

/// The mean of `metric` in `period` when at least [`MIN_CALLS`] calls have a
/// value, with that number of calls.
fn reliable_mean(period: &Period, metric: &str) -> Option<(f64, u64)> {
    let stat = period.metrics.get(metric)?;
    if stat.calls < MIN_CALLS {
        return None;
    }
    stat.mean().map(|mean| (mean, stat.calls))
}

#[cfg(test)]
mod tests {
    use callsight_plugin_api::names::metric;

    use super::testing::{mentions, period, run};
    use super::*;
    use crate::domain::{MetricStat, TermKind, TermStat, default_ideal_ranges};

    #[test]
    fn only_the_largest_term_surges_of_each_kind_are_kept() {
        let team = Period::default();
        let terms: Vec<(TermKind, String, u64)> = (0..5)
            .flat_map(|i| {
                [
                    (TermKind::Keyword, format!("k{i}"), 3 + i),
                    (TermKind::Competitor, format!("c{i}"), 3 + i),
                ]
            })
            .collect();
        let named: Vec<(TermKind, &str, u64)> =
            terms.iter().map(|(k, t, n)| (*k, t.as_str(), *n)).collect();
        let once: Vec<(TermKind, &str, u64)> =
            terms.iter().map(|(k, t, _)| (*k, t.as_str(), 1)).collect();
        let all = run(&mentions(10, &named), &mentions(10, &once), &team);
        let subjects: Vec<&str> = all.iter().map(|i| i.subject.as_str()).collect();
        // Warnings (competitors) first, each kind by the size of the rise.
        assert_eq!(subjects, ["c4", "c3", "c2", "k4", "k3", "k2"]);
    }

    #[test]
    fn insights_put_warnings_first_then_the_largest_deviation() {
        let mut current = period(
            10,
            &[
                (metric::TALK_TO_LISTEN_RATIO, 0.66),
                (metric::CUSTOMER_NEGATIVE_SHARE, 0.40),
                (metric::CUSTOMER_POSITIVE_SHARE, 0.45),
            ],
        );
        current.terms = mentions(10, &[(TermKind::Keyword, "pricing", 5)]).terms;
        let mut previous = period(
            10,
            &[
                (metric::TALK_TO_LISTEN_RATIO, 0.66),
                (metric::CUSTOMER_NEGATIVE_SHARE, 0.40),
                (metric::CUSTOMER_POSITIVE_SHARE, 0.30),
            ],
        );
        previous.terms = mentions(10, &[(TermKind::Keyword, "pricing", 2)]).terms;
        let team = period(40, &[(metric::CUSTOMER_NEGATIVE_SHARE, 0.20)]);

        let kinds: Vec<_> = run(&current, &previous, &team)
            .iter()
            .map(|i| (i.kind, i.severity))
            .collect();
        assert_eq!(
            kinds,
            [
                // 20 points over the team: four times its threshold.
                (InsightKind::NegativeSentimentCalls, Severity::Warning),
                // 1 point over the maximum: a tenth of a trend threshold.
                (InsightKind::OutsideIdealRange, Severity::Warning),
                (InsightKind::PositiveSentimentImproving, Severity::Positive),
                (InsightKind::KeywordTrending, Severity::Info),
            ]
        );
    }

    #[test]
    fn no_insights_without_calls() {
        let empty = Period::default();
        assert!(run(&empty, &empty, &empty).is_empty());
        let zero_calls = Period {
            calls: 0,
            metrics: default_ideal_ranges()
                .into_keys()
                .map(|name| (name, MetricStat::default()))
                .collect(),
            terms: vec![TermStat {
                kind: TermKind::Competitor,
                term: "Acme".into(),
                mentions: 0,
                calls: 0,
                tracked: true,
            }],
        };
        assert!(run(&zero_calls, &zero_calls, &zero_calls).is_empty());
    }
}
