//! What a seller is compared with: the whole team's values and the top
//! performers' (DESIGN §7). They are the same for every viewer of an
//! organisation and range, so they are computed once and kept for a short
//! while instead of being summed over every seller on each request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::domain::dates::DayRange;
use crate::domain::{OrgId, Scope, UserId};
use crate::error::ServiceResult;
use crate::store::Store;
use crate::store::aggregates::{self, CallCounts, Periods, Subject};
use crate::store::orgs::Organization;

/// How long computed baselines are reused. A new call moves a team
/// average by a sliver; a manager sees it within this time.
pub const TTL: Duration = Duration::from_secs(60);

/// Fewest calls in range for a seller to be ranked by won-call rate.
pub const MIN_CALLS_FOR_TOP: u64 = 10;

/// Entries kept before the oldest are dropped.
const MAX_ENTRIES: usize = 1_024;

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

type Entries = HashMap<(OrgId, DayRange), (Instant, Arc<Baselines>)>;

/// Baselines by organisation and range, shared by all requests.
#[derive(Debug, Default)]
pub struct BaselineCache {
    entries: Mutex<Entries>,
    /// Held while computing, so concurrent misses compute once.
    computing: tokio::sync::Mutex<()>,
}

impl BaselineCache {
    /// The baselines of `org` for `range`, computed when missing or stale.
    pub async fn get(
        &self,
        store: &Store,
        scope: &Scope,
        org: &Organization,
        range: DayRange,
    ) -> ServiceResult<Arc<Baselines>> {
        let key = (scope.org(), range);
        if let Some(found) = self.fresh(&key) {
            return Ok(found);
        }
        let _computing = self.computing.lock().await;
        if let Some(found) = self.fresh(&key) {
            return Ok(found);
        }
        let baselines = Arc::new(compute(store, scope, org, range).await?);
        let mut entries = self.entries.lock().expect("baseline cache");
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (at, _)| at.elapsed() < TTL);
        }
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, (Instant::now(), Arc::clone(&baselines)));
        Ok(baselines)
    }

    fn fresh(&self, key: &(OrgId, DayRange)) -> Option<Arc<Baselines>> {
        let entries = self.entries.lock().expect("baseline cache");
        let (at, baselines) = entries.get(key)?;
        (at.elapsed() < TTL).then(|| Arc::clone(baselines))
    }

    /// Forgets an organisation's baselines (its settings changed).
    pub fn forget(&self, org: OrgId) {
        self.entries
            .lock()
            .expect("baseline cache")
            .retain(|(o, _), _| *o != org);
    }
}

async fn compute(
    store: &Store,
    scope: &Scope,
    org: &Organization,
    range: DayRange,
) -> ServiceResult<Baselines> {
    let db = store.db();
    let outcomes = aggregates::outcomes_by_seller(db, scope.org(), range).await?;
    let (top_performers, chosen_by) = choose_top_performers(&org.settings.top_performers, outcomes);
    let top_sellers = Subject::Sellers(top_performers.iter().map(|t| t.seller).collect());
    let (team, top) = tokio::try_join!(
        aggregates::periods(db, scope, &Subject::Organization, range),
        aggregates::periods(db, scope, &top_sellers, range),
    )?;
    Ok(Baselines {
        team,
        top,
        top_performers,
        chosen_by,
    })
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
