//! The term surge rule: a competitor or tracked keyword mentioned much more
//! often than before (docs/metrics.md#competitor-surge,
//! docs/metrics.md#keyword-trending).

use callsight_plugin_api::Unit;

use super::units::{ChangeRule, UnitRules};
use super::{Insight, InsightInput, InsightKind, MIN_CALLS, Ranked, Severity};
use crate::domain::{Evidence, TermKind};

/// A term surges when its mentions per call rise by at least half.
const TERM_SURGE_RISE: f64 = 0.50;

/// A term needs this many mentions in the current period before a rise counts,
/// so that one call mentioning it twice is not a trend.
const TERM_MIN_MENTIONS: u64 = 3;

/// A phrase found by the key-phrase extractor (no one tracks it) must be
/// said in this many calls of the period before it trends: one talkative
/// customer is not a topic.
pub const MIN_PHRASE_CALLS: u64 = 2;

/// [`InsightKind::CompetitorSurge`] (a warning) and
/// [`InsightKind::KeywordTrending`] (info): a term's mentions per call rose by
/// at least 50 % against the previous period, with at least 3 mentions now. A
/// term not mentioned before counts as a surge once it has 3 mentions. Both
/// periods need [`MIN_CALLS`] calls, since a rate over one or two calls (or
/// none) says nothing. Value and baseline are mentions per call now and
/// before; the evidence is the calls that mention the term.
pub(super) fn term_surges(input: &InsightInput<'_>) -> Vec<Ranked> {
    let (now_calls, before_calls) = (input.current.calls, input.previous.calls);
    if now_calls < MIN_CALLS || before_calls < MIN_CALLS {
        return Vec::new();
    }
    let rule = ChangeRule::Relative(TERM_SURGE_RISE);
    input
        .current
        .terms
        .iter()
        .filter(|now| now.mentions >= TERM_MIN_MENTIONS)
        .filter(|now| now.kind != TermKind::Keyword || now.tracked || now.calls >= MIN_PHRASE_CALLS)
        .filter_map(|now| {
            let before = input
                .previous
                .terms
                .iter()
                .find(|before| before.kind == now.kind && before.term == now.term)
                .map_or(0, |before| before.mentions);
            let value = now.mentions as f64 / now_calls as f64;
            let baseline = before as f64 / before_calls as f64;
            // From zero any rise is a surge, which the relative rule cannot say.
            let surged =
                baseline == 0.0 || (value > baseline && rule.is_significant(value, baseline));
            if !surged {
                return None;
            }
            let (kind, severity, what) = match now.kind {
                TermKind::Competitor => (
                    InsightKind::CompetitorSurge,
                    Severity::Warning,
                    now.term.clone(),
                ),
                TermKind::Keyword => (
                    InsightKind::KeywordTrending,
                    Severity::Info,
                    format!("the keyword “{}”", now.term),
                ),
            };
            let (now_rate, before_rate) = Unit::Count.format_pair(value, baseline);
            Some(Ranked {
                deviation: rule.multiples(value, baseline),
                insight: Insight {
                    kind,
                    severity,
                    subject: now.term.clone(),
                    message: format!(
                        "Mentions of {what} rose from {before_rate} to {now_rate} per call."
                    ),
                    value,
                    baseline,
                    evidence: Evidence::Term {
                        kind: now.kind,
                        term: now.term.clone(),
                    },
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_close, find, mentions, run};
    use super::*;
    use crate::domain::Period;

    #[test]
    fn competitor_surge_from_a_fifty_percent_rise() {
        let team = Period::default();
        let competitor = |calls, n| mentions(calls, &[(TermKind::Competitor, "Acme", n)]);
        let before = competitor(20, 4); // 0.2 per call
        assert!(run(&competitor(100, 29), &before, &team).is_empty());
        let all = run(&competitor(100, 30), &before, &team);
        let insight = find(&all, InsightKind::CompetitorSurge, "Acme").expect("0.2 → 0.3");
        assert_eq!(insight.severity, Severity::Warning);
        assert_close(insight.value, 0.3);
        assert_close(insight.baseline, 0.2);
        assert_eq!(
            insight.evidence,
            Evidence::Term {
                kind: TermKind::Competitor,
                term: "Acme".into()
            }
        );

        let example = run(&competitor(10, 9), &competitor(10, 2), &team);
        assert_eq!(
            example[0].message,
            "Mentions of Acme rose from 0.2 to 0.9 per call."
        );
    }

    #[test]
    fn competitor_surge_from_nothing_needs_three_mentions() {
        let team = Period::default();
        let before = mentions(10, &[(TermKind::Competitor, "Other", 5)]);
        let now = |n| mentions(10, &[(TermKind::Competitor, "Acme", n)]);
        assert!(run(&now(2), &before, &team).is_empty());
        let all = run(&now(3), &before, &team);
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(all[0].kind, InsightKind::CompetitorSurge);
        assert_eq!(all[0].baseline, 0.0);
        assert_eq!(
            all[0].message,
            "Mentions of Acme rose from 0 to 0.3 per call."
        );
        // A big relative rise with fewer than three mentions is not a surge.
        let sparse = run(
            &mentions(3, &[(TermKind::Competitor, "Acme", 2)]),
            &mentions(100, &[(TermKind::Competitor, "Acme", 1)]),
            &team,
        );
        assert!(sparse.is_empty());
    }

    #[test]
    fn competitor_surge_needs_calls_in_both_periods() {
        let team = Period::default();
        let now = mentions(10, &[(TermKind::Competitor, "Acme", 8)]);
        assert!(run(&now, &Period::default(), &team).is_empty());
        assert!(run(&now, &mentions(2, &[]), &team).is_empty());
        let few_now = mentions(2, &[(TermKind::Competitor, "Acme", 8)]);
        assert!(run(&few_now, &mentions(10, &[]), &team).is_empty());
        assert_eq!(run(&now, &mentions(3, &[]), &team).len(), 1);
    }

    #[test]
    fn a_discovered_phrase_trends_only_when_several_calls_say_it() {
        let team = Period::default();
        let phrase = |calls_saying, tracked| {
            let mut period = mentions(10, &[(TermKind::Keyword, "live calls", 6)]);
            period.terms[0].calls = calls_saying;
            period.terms[0].tracked = tracked;
            period
        };
        let before = mentions(10, &[]);
        let trending = |now: &Period| {
            find(
                &run(now, &before, &team),
                InsightKind::KeywordTrending,
                "live calls",
            )
            .is_some()
        };
        assert!(
            !trending(&phrase(1, false)),
            "one customer said it six times"
        );
        assert!(trending(&phrase(MIN_PHRASE_CALLS, false)));
        assert!(
            trending(&phrase(1, true)),
            "a tracked keyword needs no support"
        );
    }

    #[test]
    fn keyword_trending_uses_the_same_rule_as_info() {
        let team = Period::default();
        let before = mentions(
            20,
            &[
                (TermKind::Keyword, "pricing", 4),
                // Same word as a competitor name: a different term.
                (TermKind::Competitor, "pricing", 40),
            ],
        );
        let now = |n| mentions(100, &[(TermKind::Keyword, "pricing", n)]);
        assert!(run(&now(29), &before, &team).is_empty());
        let all = run(&now(30), &before, &team);
        assert_eq!(all.len(), 1, "{all:?}");
        let insight = &all[0];
        assert_eq!(insight.kind, InsightKind::KeywordTrending);
        assert_eq!(insight.severity, Severity::Info);
        assert_eq!(insight.subject, "pricing");
        assert_eq!(
            insight.message,
            "Mentions of the keyword “pricing” rose from 0.2 to 0.3 per call."
        );
        assert_eq!(
            insight.evidence,
            Evidence::Term {
                kind: TermKind::Keyword,
                term: "pricing".into()
            }
        );
        // A falling keyword is not trending.
        assert!(run(&now(5), &before, &team).is_empty());
    }
}
