//! The manager's team view: the sellers a manager or admin sees over a
//! range, with the organisation's baselines, and each seller's report.

use std::collections::HashMap;
use std::sync::Arc;

use callsight_plugin_api::Direction;
use tracing::instrument;

use crate::domain::UserId;
use crate::domain::dates::DayRange;
use crate::error::ServiceResult;
use crate::insights;
use crate::insights::baselines::Baselines;
use crate::insights::engine::Insight;
use crate::insights::report::{Kpi, SellerReport};
use crate::services::{Ctx, people, settings};

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
// The API's values (HIGHEST_FIRST, …, BEST_FIRST) say which end comes first.
#[allow(clippy::enum_variant_names)]
pub enum RankOrder {
    HighestFirst,
    LowestFirst,
    /// The best value first, by the metric's direction (docs/metrics.md#ranking).
    BestFirst,
    /// The worst value first: who needs help most.
    WorstFirst,
}

/// The team's sellers ranked by a metric's value in the range, at most
/// `first`; sellers without a value come last, by name. The metric must be
/// known (BAD_USER_INPUT naming the known ones otherwise).
pub fn ranking(
    ctx: Ctx<'_>,
    reports: Vec<(User, SellerReport)>,
    metric: &str,
    order: RankOrder,
    first: usize,
) -> ServiceResult<Vec<(User, Kpi)>> {
    let metric = settings::known_metric(ctx, "ranking.metric", metric)?;
    let direction = match metric.direction {
        // The organisation's ideal target, when it set one, is the target.
        Direction::Target(declared) => Direction::Target(
            ctx.viewer()?
                .organization
                .settings
                .effective_ideal_ranges()
                .get(&metric.name)
                .and_then(|range| range.target)
                .unwrap_or(declared),
        ),
        other => other,
    };
    let mut ranked: Vec<_> = reports
        .into_iter()
        .map(|(seller, report)| {
            let kpi = report.kpi(&metric.name, &metric.unit);
            (seller, kpi)
        })
        .collect();
    ranked.sort_by(|(a, ka), (b, kb)| match (ka.value, kb.value) {
        (Some(x), Some(y)) => match order {
            RankOrder::HighestFirst => y.total_cmp(&x),
            RankOrder::LowestFirst => x.total_cmp(&y),
            RankOrder::BestFirst => shortfall(direction, x).total_cmp(&shortfall(direction, y)),
            RankOrder::WorstFirst => shortfall(direction, y).total_cmp(&shortfall(direction, x)),
        },
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.name.cmp(&b.name),
    });
    ranked.truncate(first);
    Ok(ranked)
}

/// How far `value` is from the best in `direction`: the smaller, the
/// better. A neutral metric ranks like a higher-is-better one, as the
/// ranking always did.
fn shortfall(direction: Direction, value: f64) -> f64 {
    match direction {
        Direction::HigherIsBetter | Direction::Neutral => -value,
        Direction::LowerIsBetter => value,
        Direction::Target(target) => (value - target).abs(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_value_has_the_smallest_shortfall() {
        let best_first = |direction: Direction, values: &[f64]| {
            let mut values = values.to_vec();
            values.sort_by(|x, y| shortfall(direction, *x).total_cmp(&shortfall(direction, *y)));
            values
        };
        let values = [0.8, 0.45, 0.2, 0.6];
        assert_eq!(
            best_first(Direction::Target(0.43), &values),
            [0.45, 0.6, 0.2, 0.8]
        );
        assert_eq!(
            best_first(Direction::HigherIsBetter, &values),
            [0.8, 0.6, 0.45, 0.2]
        );
        assert_eq!(
            best_first(Direction::Neutral, &values),
            [0.8, 0.6, 0.45, 0.2]
        );
        assert_eq!(
            best_first(Direction::LowerIsBetter, &values),
            [0.2, 0.45, 0.6, 0.8]
        );
    }
}
