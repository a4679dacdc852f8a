//! The manager's team view: the sellers a manager or admin sees over a
//! range, with the organisation's baselines, and each seller's report.

use std::collections::HashMap;
use std::sync::Arc;

use tracing::instrument;

use crate::domain::UserId;
use crate::domain::dates::DayRange;
use crate::error::ServiceResult;
use crate::insights;
use crate::insights::baselines::Baselines;
use crate::insights::engine::Insight;
use crate::insights::report::{Kpi, SellerReport};
use crate::services::{Ctx, people};

use super::baselines;
use super::seller::Periods;

pub use crate::store::users::User;

/// The sellers a manager or admin sees, over a range.
pub struct Team {
    pub range: DayRange,
    /// The viewer's visible sellers, by name.
    pub sellers: Vec<User>,
    pub baselines: Arc<Baselines>,
}

/// The team view of `range` for the caller: managers and admins only.
#[instrument(skip(ctx), fields(org = %ctx.scope().org()))]
pub async fn view(ctx: Ctx<'_>, range: DayRange) -> ServiceResult<Team> {
    ctx.scope().require_manager("the team view")?;
    let sellers = people::sellers(ctx).await?;
    let baselines = baselines::of_range(ctx, range).await?;
    Ok(Team {
        range,
        sellers,
        baselines,
    })
}

/// Every seller's report for the team's range, from their periods (read in
/// one batch); sellers without periods are left out.
pub fn reports(
    ctx: Ctx<'_>,
    team: &Team,
    mut periods: HashMap<(UserId, DayRange), Periods>,
) -> ServiceResult<Vec<(User, SellerReport)>> {
    let ideal = Arc::new(ctx.viewer()?.organization.settings.effective_ideal_ranges());
    Ok(team
        .sellers
        .iter()
        .filter_map(|s| {
            let periods = periods.remove(&(s.id, team.range))?;
            Some((
                s.clone(),
                SellerReport {
                    seller: s.id,
                    range: team.range,
                    periods,
                    baselines: Arc::clone(&team.baselines),
                    ideal: Arc::clone(&ideal),
                },
            ))
        })
        .collect())
}

/// Which end of a ranking comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankOrder {
    HighestFirst,
    LowestFirst,
}

/// The team's sellers ranked by a metric's value in the range, at most
/// `first`; sellers without a value come last, by name.
pub fn ranking(
    reports: Vec<(User, SellerReport)>,
    metric: &str,
    unit: &str,
    order: RankOrder,
    first: usize,
) -> Vec<(User, Kpi)> {
    let mut ranked: Vec<_> = reports
        .into_iter()
        .map(|(seller, report)| {
            let kpi = report.kpi(metric, unit);
            (seller, kpi)
        })
        .collect();
    ranked.sort_by(|(a, ka), (b, kb)| match (ka.value, kb.value) {
        (Some(x), Some(y)) => match order {
            RankOrder::HighestFirst => y.total_cmp(&x),
            RankOrder::LowestFirst => x.total_cmp(&y),
        },
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.name.cmp(&b.name),
    });
    ranked.truncate(first);
    ranked
}

/// A seller who needs coaching, with the warnings that say why.
pub struct CoachingCandidate {
    pub seller: User,
    pub reasons: Vec<Insight>,
}

/// The team's sellers with warning insights, most warnings first, at most
/// `first`.
pub fn coaching_candidates(
    ctx: Ctx<'_>,
    team: &Team,
    reports: Vec<(User, SellerReport)>,
    first: usize,
) -> ServiceResult<Vec<CoachingCandidate>> {
    let sellers: Vec<_> = reports
        .into_iter()
        .map(|(seller, report)| (seller.id, report.periods))
        .collect();
    let ideal = ctx.viewer()?.organization.settings.effective_ideal_ranges();
    let candidates =
        insights::team::coaching_candidates(&sellers, &team.baselines.team.current, &ideal);
    Ok(candidates
        .into_iter()
        .take(first)
        .filter_map(|c| {
            let seller = team.sellers.iter().find(|s| s.id == c.seller)?.clone();
            Some(CoachingCandidate {
                seller,
                reasons: c.reasons,
            })
        })
        .collect())
}
