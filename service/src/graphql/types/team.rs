//! `Team`: the manager's team view (DESIGN §7): sellers ranked by any KPI,
//! coaching candidates, top performers and best practices.

use std::sync::Arc;

use async_graphql::{Context, Enum, Object, Result, SimpleObject};

use super::insight::InsightNode;
use super::kpi::KpiNode;
use super::seller::{SellerNode, metric_unit};
use crate::domain::dates::DayRange;
use crate::error::ServiceError;
use crate::graphql::context::{store, viewer};
use crate::graphql::loaders::{self, PeriodsLoader, UserLoader};
use crate::insights::baselines::{Baselines, ChosenBy};
use crate::insights::report::{STYLE_KPIS, SellerReport};
use crate::insights::team;
use crate::store::users::User;

/// Most entries a team list returns.
const MAX_LIST: i32 = 100;

fn limit(first: Option<i32>, default: i32) -> Result<usize, ServiceError> {
    match first.unwrap_or(default) {
        n @ 0..=MAX_LIST => Ok(n as usize),
        n => Err(ServiceError::BadUserInput(format!(
            "`first` must be between 0 and {MAX_LIST}, not {n}"
        ))),
    }
}

/// The sellers a manager or admin sees, over a range.
pub struct TeamNode {
    pub range: DayRange,
    /// The viewer's visible sellers.
    pub sellers: Vec<User>,
    pub baselines: Arc<Baselines>,
}

/// Which end of a ranking comes first.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum RankOrder {
    HighestFirst,
    LowestFirst,
}

/// A seller's place in a ranking.
pub struct RankedSellerNode {
    rank: usize,
    value: Option<f64>,
    seller: User,
    kpi: KpiNode,
}

#[Object(name = "RankedSeller")]
impl RankedSellerNode {
    /// 1 for the first; sellers without a value come last, unranked.
    async fn rank(&self) -> Option<usize> {
        self.value.map(|_| self.rank)
    }

    async fn seller(&self) -> SellerNode {
        SellerNode(self.seller.clone())
    }

    async fn kpi(&self) -> &KpiNode {
        &self.kpi
    }
}

/// A seller who needs coaching and the warnings that say why.
pub struct CoachingCandidateNode {
    seller: User,
    reasons: Vec<InsightNode>,
}

#[Object(name = "CoachingCandidate")]
impl CoachingCandidateNode {
    async fn seller(&self) -> SellerNode {
        SellerNode(self.seller.clone())
    }

    /// Warning insights, most severe first.
    #[graphql(complexity = "crate::graphql::page_cost(None, 10, child_complexity)")]
    async fn reasons(&self) -> &[InsightNode] {
        &self.reasons
    }
}

/// How the top performers were chosen.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum TopPerformerChoice {
    /// Listed by an admin in the settings.
    Admin,
    /// Top quartile by won-call rate among sellers with at least 10 calls.
    WonRate,
}

/// A top performer the viewer may see.
#[derive(SimpleObject)]
pub struct TopPerformerNode {
    seller: SellerNode,
    calls: u64,
    won: u64,
    won_rate: Option<f64>,
}

/// The top performers of the organisation for the range.
#[derive(SimpleObject)]
pub struct TopPerformers {
    chosen_by: TopPerformerChoice,
    /// All top performers, including those outside the viewer's team.
    count: usize,
    /// The ones the viewer may see.
    sellers: Vec<TopPerformerNode>,
}

/// A KPI of the top performers against everyone else.
#[derive(SimpleObject)]
pub struct KpiPracticeNode {
    name: String,
    unit: String,
    top_performers: Option<f64>,
    others: Option<f64>,
}

/// A keyword customers say more often on top performers' calls.
#[derive(SimpleObject)]
pub struct KeywordLiftNode {
    term: String,
    /// Mentions per call on top performers' calls.
    top_per_call: f64,
    /// Mentions per call on everyone else's calls.
    others_per_call: f64,
    /// `topPerCall / othersPerCall`.
    lift: f64,
    top_calls: u64,
}

/// What the top performers do differently.
#[derive(SimpleObject)]
pub struct BestPractices {
    kpis: Vec<KpiPracticeNode>,
    keywords: Vec<KeywordLiftNode>,
}

#[Object(name = "Team")]
impl TeamNode {
    /// The sellers in the view, by name.
    #[graphql(complexity = "crate::graphql::page_cost(None, 100, child_complexity)")]
    async fn sellers(&self) -> Vec<SellerNode> {
        self.sellers.iter().cloned().map(SellerNode).collect()
    }

    /// The sellers ranked by a metric's value in the range (DESIGN §4
    /// names, or a plugin's).
    #[graphql(complexity = "crate::graphql::page_cost(first, 100, child_complexity)")]
    async fn ranking(
        &self,
        ctx: &Context<'_>,
        metric: String,
        #[graphql(default_with = "RankOrder::HighestFirst")] order: RankOrder,
        #[graphql(desc = "How many, at most 100 (default 100).")] first: Option<i32>,
    ) -> Result<Vec<RankedSellerNode>> {
        let first = limit(first, MAX_LIST)?;
        let unit = metric_unit(ctx, &metric);
        let mut ranked: Vec<_> = self
            .reports(ctx)
            .await?
            .into_iter()
            .map(|(seller, report)| (seller, report.kpi(&metric, &unit)))
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
        Ok(ranked
            .into_iter()
            .take(first)
            .enumerate()
            .map(|(i, (seller, kpi))| RankedSellerNode {
                rank: i + 1,
                value: kpi.value,
                seller,
                kpi: kpi.into(),
            })
            .collect())
    }

    /// Sellers with warning insights, most warnings first.
    #[graphql(complexity = "crate::graphql::page_cost(first, 10, child_complexity)")]
    async fn coaching_candidates(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many, at most 100 (default 10).")] first: Option<i32>,
    ) -> Result<Vec<CoachingCandidateNode>> {
        let first = limit(first, 10)?;
        let viewer = viewer(ctx)?;
        let sellers: Vec<_> = self
            .reports(ctx)
            .await?
            .into_iter()
            .map(|(seller, report)| (seller.id, report.periods))
            .collect();
        let ideal = viewer.organization.settings.effective_ideal_ranges();
        let candidates = team::coaching_candidates(&sellers, &self.baselines.team.current, &ideal);
        Ok(candidates
            .into_iter()
            .take(first)
            .filter_map(|c| {
                let seller = self.sellers.iter().find(|s| s.id == c.seller)?.clone();
                let reasons = c
                    .reasons
                    .into_iter()
                    .map(|r| InsightNode::new(r, c.seller, self.range))
                    .collect();
                Some(CoachingCandidateNode { seller, reasons })
            })
            .collect())
    }

    /// The organisation's top performers for the range.
    async fn top_performers(&self, ctx: &Context<'_>) -> Result<TopPerformers> {
        let b = &self.baselines;
        let users = loaders::get::<UserLoader>(ctx)
            .load_many(b.top_performers.iter().map(|t| t.seller))
            .await?;
        Ok(TopPerformers {
            chosen_by: match b.chosen_by {
                ChosenBy::Admin => TopPerformerChoice::Admin,
                ChosenBy::WonRate => TopPerformerChoice::WonRate,
            },
            count: b.top_performers.len(),
            sellers: b
                .top_performers
                .iter()
                .filter_map(|t| {
                    let user = users.get(&t.seller)?.clone();
                    Some(TopPerformerNode {
                        seller: SellerNode(user),
                        calls: t.outcomes.calls,
                        won: t.outcomes.won,
                        won_rate: (t.outcomes.calls > 0)
                            .then(|| t.outcomes.won as f64 / t.outcomes.calls as f64),
                    })
                })
                .collect(),
        })
    }

    /// The top performers' KPIs against everyone else's, and the keywords
    /// with the highest lift on their calls.
    async fn best_practices(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Keywords to return, at most 100 (default 10).")] first: Option<i32>,
    ) -> Result<BestPractices> {
        let first = limit(first, 10)?;
        Ok(BestPractices {
            kpis: team::kpi_practices(&self.baselines, &STYLE_KPIS)
                .into_iter()
                .map(|k| KpiPracticeNode {
                    unit: metric_unit(ctx, &k.name),
                    name: k.name,
                    top_performers: k.top_performers,
                    others: k.others,
                })
                .collect(),
            keywords: team::keyword_lifts(&self.baselines, first)
                .into_iter()
                .map(|l| KeywordLiftNode {
                    term: l.term,
                    top_per_call: l.top_rate,
                    others_per_call: l.others_rate,
                    lift: l.lift,
                    top_calls: l.top_calls,
                })
                .collect(),
        })
    }
}

impl TeamNode {
    /// Every seller's report for the range, from one batch of rollup reads.
    async fn reports(&self, ctx: &Context<'_>) -> Result<Vec<(User, SellerReport)>> {
        let viewer = viewer(ctx)?;
        let mut periods = loaders::get::<PeriodsLoader>(ctx)
            .load_many(self.sellers.iter().map(|s| (s.id, self.range)))
            .await?;
        let ideal = Arc::new(viewer.organization.settings.effective_ideal_ranges());
        Ok(self
            .sellers
            .iter()
            .filter_map(|s| {
                let periods = periods.remove(&(s.id, self.range))?;
                Some((
                    s.clone(),
                    SellerReport {
                        seller: s.id,
                        range: self.range,
                        periods,
                        baselines: Arc::clone(&self.baselines),
                        ideal: Arc::clone(&ideal),
                    },
                ))
            })
            .collect())
    }
}

/// The team view of `range` for the viewer: managers and admins only.
pub async fn team_for(ctx: &Context<'_>, range: DayRange) -> Result<TeamNode> {
    let viewer = viewer(ctx)?;
    if viewer.scope.role() == crate::domain::UserRole::Seller {
        return Err(
            ServiceError::Forbidden("the team view is for managers and admins".into()).into(),
        );
    }
    let sellers = crate::store::users::list(store(ctx).db(), &viewer.scope)
        .await?
        .into_iter()
        .filter(|u| u.role == crate::domain::UserRole::Seller)
        .collect();
    let baselines = crate::graphql::context::baselines(ctx)
        .get(store(ctx), &viewer.scope, &viewer.organization, range)
        .await?;
    Ok(TeamNode {
        range,
        sellers,
        baselines,
    })
}
