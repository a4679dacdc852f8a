//! The manager's team view (docs/metrics.md#team-view): coaching candidates
//! and what the top performers do differently.

use std::collections::BTreeMap;

use super::baselines::Baselines;
use super::engine::{self, Insight, InsightInput, Severity};
use crate::domain::{IdealRange, MetricStat, Period, Periods, TermKind, UserId};

/// Fewest calls mentioning a keyword, among the top performers' and among
/// everyone else's, for it to count as a best practice: a lift from one
/// call is noise, and a term only one group says (a seller's own name, a
/// product only one team sells) is not a practice the others can copy.
pub const MIN_LIFT_CALLS: u64 = 3;

/// A seller who needs coaching, and why.
#[derive(Debug, Clone)]
pub struct CoachingCandidate {
    pub seller: UserId,
    /// The seller's warnings, most severe first.
    pub reasons: Vec<Insight>,
}

/// Sellers with warning insights about how they behave (not what their
/// customers bring up), most warnings first (then by the largest
/// deviation, which the engine put first in each list).
pub fn coaching_candidates(
    sellers: &[(UserId, Periods)],
    team: &Period,
    ideal: &BTreeMap<String, IdealRange>,
) -> Vec<CoachingCandidate> {
    let mut candidates: Vec<CoachingCandidate> = sellers
        .iter()
        .filter_map(|(seller, periods)| {
            let reasons: Vec<Insight> = engine::insights(&InsightInput {
                current: &periods.current,
                previous: &periods.previous,
                team,
                ideal,
            })
            .into_iter()
            .filter(|i| i.severity == Severity::Warning && i.kind.is_about_the_seller())
            .collect();
            (!reasons.is_empty()).then_some(CoachingCandidate {
                seller: *seller,
                reasons,
            })
        })
        .collect();
    candidates.sort_by(|a, b| {
        b.reasons
            .len()
            .cmp(&a.reasons.len())
            .then(a.seller.cmp(&b.seller))
    });
    candidates
}

/// A KPI of the top performers against everyone else.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiPractice {
    pub name: String,
    pub top_performers: Option<f64>,
    pub others: Option<f64>,
}

/// A keyword customers say more often on the top performers' calls.
#[derive(Debug, Clone, PartialEq)]
pub struct KeywordLift {
    pub term: String,
    /// Mentions per call on the top performers' calls and on the others'.
    pub top_rate: f64,
    pub others_rate: f64,
    /// `top_rate / others_rate`.
    pub lift: f64,
    pub top_calls: u64,
}

/// Everyone but the top performers: the team's sums minus theirs.
fn others(team: &MetricStat, top: Option<&MetricStat>) -> MetricStat {
    let top = top.copied().unwrap_or_default();
    MetricStat {
        sum: team.sum - top.sum,
        calls: team.calls.saturating_sub(top.calls),
        in_ideal: team.in_ideal.saturating_sub(top.in_ideal),
    }
}

/// The top performers' value of each metric next to everyone else's.
pub fn kpi_practices(baselines: &Baselines, names: &[&str]) -> Vec<KpiPractice> {
    let (team, top) = (&baselines.team.current, &baselines.top.current);
    names
        .iter()
        .map(|name| {
            let top_stat = top.metrics.get(*name);
            KpiPractice {
                name: (*name).to_owned(),
                top_performers: top_stat.and_then(MetricStat::mean),
                others: team
                    .metrics
                    .get(*name)
                    .and_then(|t| others(t, top_stat).mean()),
            }
        })
        .collect()
}

/// Keywords whose per-call rate on the top performers' calls is highest
/// relative to everyone else's (docs/metrics.md#best-practices), highest
/// lift first, among those both groups say in at least [`MIN_LIFT_CALLS`]
/// calls.
pub fn keyword_lifts(baselines: &Baselines, first: usize) -> Vec<KeywordLift> {
    let (team, top) = (&baselines.team.current, &baselines.top.current);
    let others_calls = team.calls.saturating_sub(top.calls);
    if top.calls == 0 {
        return Vec::new();
    }
    let mut lifts: Vec<KeywordLift> = top
        .terms
        .iter()
        .filter(|t| t.kind == TermKind::Keyword && t.calls >= MIN_LIFT_CALLS)
        .filter_map(|t| {
            let team_term = team
                .terms
                .iter()
                .find(|x| x.kind == t.kind && x.term == t.term)?;
            let others_mentions = team_term.mentions.saturating_sub(t.mentions);
            if team_term.calls.saturating_sub(t.calls) < MIN_LIFT_CALLS || others_calls == 0 {
                return None;
            }
            let top_rate = t.mentions as f64 / top.calls as f64;
            let others_rate = others_mentions as f64 / others_calls as f64;
            Some(KeywordLift {
                term: t.term.clone(),
                top_rate,
                others_rate,
                lift: top_rate / others_rate,
                top_calls: t.calls,
            })
        })
        .collect();
    lifts.sort_by(|a, b| {
        b.lift
            .total_cmp(&a.lift)
            .then(b.top_rate.total_cmp(&a.top_rate))
            .then(a.term.cmp(&b.term))
    });
    lifts.truncate(first);
    lifts
}

#[cfg(test)]
mod tests {
    use callsight_plugin_api::names::metric;

    use super::*;
    use crate::domain::TermStat;
    use crate::insights::baselines::ChosenBy;
    use crate::insights::engine::InsightKind;

    fn period(calls: u64, metrics: &[(&str, f64, u64)], terms: &[(&str, u64, u64)]) -> Period {
        Period {
            calls,
            metrics: metrics
                .iter()
                .map(|(n, sum, calls)| {
                    (
                        (*n).to_owned(),
                        MetricStat {
                            sum: *sum,
                            calls: *calls,
                            in_ideal: 0,
                        },
                    )
                })
                .collect(),
            terms: terms
                .iter()
                .map(|(term, mentions, calls)| TermStat {
                    kind: TermKind::Keyword,
                    term: (*term).to_owned(),
                    mentions: *mentions,
                    calls: *calls,
                    tracked: true,
                })
                .collect(),
        }
    }

    #[test]
    fn what_customers_bring_up_is_no_reason_to_coach() {
        let ideal = crate::domain::default_ideal_ranges();
        let competitor = |calls, mentions| Period {
            calls,
            terms: vec![TermStat {
                kind: TermKind::Competitor,
                term: "Gong".into(),
                mentions,
                calls: mentions.min(calls),
                tracked: true,
            }],
            ..Default::default()
        };
        let surging = Periods {
            current: competitor(20, 12),
            previous: competitor(20, 2),
            ..Default::default()
        };
        let insights = engine::insights(&InsightInput {
            current: &surging.current,
            previous: &surging.previous,
            team: &Period::default(),
            ideal: &ideal,
        });
        assert!(
            insights
                .iter()
                .any(|i| i.kind == InsightKind::CompetitorSurge && i.severity == Severity::Warning),
            "{insights:?}"
        );
        let candidates = coaching_candidates(&[(UserId(1), surging)], &Period::default(), &ideal);
        assert!(candidates.is_empty(), "{candidates:?}");
    }

    fn baselines(team: Period, top: Period) -> Baselines {
        let wrap = |current| Periods {
            current,
            ..Default::default()
        };
        Baselines {
            team: wrap(team),
            top: wrap(top),
            top_performers: Vec::new(),
            chosen_by: ChosenBy::WonRate,
        }
    }

    #[test]
    fn top_performers_are_compared_with_everyone_else() {
        // Team: 10 calls averaging 0.5; top: 4 calls averaging 0.4, so the
        // other 6 average (5.0 - 1.6) / 6.
        let b = baselines(
            period(10, &[(metric::TALK_TO_LISTEN_RATIO, 5.0, 10)], &[]),
            period(4, &[(metric::TALK_TO_LISTEN_RATIO, 1.6, 4)], &[]),
        );
        let kpis = kpi_practices(&b, &[metric::TALK_TO_LISTEN_RATIO, "missing"]);
        assert_eq!(kpis[0].top_performers, Some(0.4));
        assert!((kpis[0].others.unwrap() - 3.4 / 6.0).abs() < 1e-12);
        assert_eq!(kpis[1].others, None);
    }

    #[test]
    fn keywords_rank_by_lift_with_enough_calls_on_both_sides() {
        let b = baselines(
            // 20 calls: "roi" 12 mentions in 8 calls, "budget" 10 in 9,
            // "pilot" 3 in 3, "demo" 8 in 8.
            period(
                20,
                &[],
                &[
                    ("roi", 12, 8),
                    ("budget", 10, 9),
                    ("pilot", 3, 3),
                    ("demo", 8, 8),
                ],
            ),
            // 5 top calls: roi 8 in 5, budget 3 in 3, pilot 3 in 3 (nobody
            // else says it), demo 2 in 2 (too few top calls).
            period(
                5,
                &[],
                &[
                    ("roi", 8, 5),
                    ("budget", 3, 3),
                    ("pilot", 3, 3),
                    ("demo", 2, 2),
                ],
            ),
        );
        let lifts = keyword_lifts(&b, 10);
        let terms: Vec<&str> = lifts.iter().map(|l| l.term.as_str()).collect();
        assert_eq!(terms, ["roi", "budget"]);
        // roi: 8/5 = 1.6 per call against 4/15.
        assert!((lifts[0].lift - 1.6 / (4.0 / 15.0)).abs() < 1e-9);
        // budget: 3/5 against 7/15.
        assert!((lifts[1].lift - 0.6 / (7.0 / 15.0)).abs() < 1e-9);
    }
}
