//! The team's and the top performers' figures for a range are the same
//! for every viewer of an organisation, so they are computed once and kept
//! for a short while instead of being summed over every seller on each
//! request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::domain::dates::DayRange;
use crate::domain::{OrgId, Scope};
use crate::error::ServiceResult;
use crate::insights::baselines::{Baselines, choose_top_performers};
use crate::services::Ctx;
use crate::store::Store;
use crate::store::aggregates::{self, Subject};
use crate::store::orgs::Organization;

/// How long computed baselines are reused. A new call moves a team
/// average by a sliver; a manager sees it within this time.
pub const TTL: Duration = Duration::from_secs(60);

/// Entries kept before the oldest are dropped.
const MAX_ENTRIES: usize = 1_024;

type Entries = HashMap<(OrgId, DayRange), (Instant, Arc<Baselines>)>;

/// Baselines by organisation and range, shared by all requests.
#[derive(Debug, Default)]
pub struct BaselineCache {
    entries: Mutex<Entries>,
    /// Held while computing, so concurrent misses compute once.
    computing: tokio::sync::Mutex<()>,
}

/// The caller's organisation's baselines for `range`.
pub(super) async fn of_range(ctx: Ctx<'_>, range: DayRange) -> ServiceResult<Arc<Baselines>> {
    let organization = &ctx.viewer()?.organization;
    ctx.services()
        .baselines()
        .get(ctx.store(), ctx.scope(), organization, range)
        .await
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
