//! What a seller is compared with: the whole team's values and the top
//! performers' (docs/metrics.md#top-performers). They are the same for every
//! viewer of an organisation and range; the reports service computes them
//! once and keeps them for a short while.

use crate::domain::{CallCounts, Periods, UserId};

/// Fewest calls in range for a seller to be ranked by won-call rate.
pub const MIN_CALLS_FOR_TOP: u64 = 10;

/// How the top performers were chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChosenBy {
    /// The admin listed them in the settings.
    Admin,
    /// The top quartile by won-call rate among sellers with at least
    /// [`MIN_CALLS_FOR_TOP`] calls in range.
    WonRate,
}

/// A top performer and their record in the range.
#[derive(Debug, Clone, PartialEq)]
pub struct TopPerformer {
    pub seller: UserId,
    pub outcomes: CallCounts,
}

/// The organisation's and the top performers' figures for one range.
#[derive(Debug, Clone, PartialEq)]
pub struct Baselines {
    pub team: Periods,
    pub top: Periods,
    pub top_performers: Vec<TopPerformer>,
    pub chosen_by: ChosenBy,
}

/// The admin's choice when there is one (sellers without calls in range
/// included), else the top quartile (rounded up) by won-call rate among
/// sellers with enough calls; ties go to the seller with more calls.
pub fn choose_top_performers(
    chosen: &[i64],
    outcomes: Vec<(UserId, CallCounts)>,
) -> (Vec<TopPerformer>, ChosenBy) {
    if !chosen.is_empty() {
        let top = chosen
            .iter()
            .map(|id| TopPerformer {
                seller: UserId(*id),
                outcomes: outcomes
                    .iter()
                    .find(|(s, _)| s.0 == *id)
                    .map(|(_, c)| *c)
                    .unwrap_or_default(),
            })
            .collect();
        return (top, ChosenBy::Admin);
    }
    let mut eligible: Vec<TopPerformer> = outcomes
        .into_iter()
        .filter(|(_, c)| c.calls >= MIN_CALLS_FOR_TOP)
        .map(|(seller, outcomes)| TopPerformer { seller, outcomes })
        .collect();
    let rate = |t: &TopPerformer| t.outcomes.won as f64 / t.outcomes.calls as f64;
    eligible.sort_by(|a, b| {
        rate(b)
            .total_cmp(&rate(a))
            .then(b.outcomes.calls.cmp(&a.outcomes.calls))
            .then(a.seller.cmp(&b.seller))
    });
    eligible.truncate(eligible.len().div_ceil(4));
    (eligible, ChosenBy::WonRate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(calls: u64, won: u64) -> CallCounts {
        CallCounts {
            calls,
            won,
            lost: calls - won,
        }
    }

    #[test]
    fn the_top_quartile_by_won_rate_among_sellers_with_ten_calls() {
        let outcomes = vec![
            (UserId(1), counts(10, 2)),
            (UserId(2), counts(20, 10)),
            (UserId(3), counts(9, 9)), // too few calls
            (UserId(4), counts(12, 6)),
            (UserId(5), counts(30, 3)),
            (UserId(6), counts(10, 4)),
        ];
        let (top, by) = choose_top_performers(&[], outcomes.clone());
        assert_eq!(by, ChosenBy::WonRate);
        // Five eligible: a quarter rounded up is two; 2 and 4 tie at 50 %,
        // the one with more calls first.
        let ids: Vec<i64> = top.iter().map(|t| t.seller.0).collect();
        assert_eq!(ids, [2, 4]);
        let (top, by) = choose_top_performers(&[5, 7], outcomes);
        assert_eq!(by, ChosenBy::Admin);
        assert_eq!(top[0].outcomes, counts(30, 3));
        assert_eq!(top[1].outcomes, CallCounts::default());
    }
}
