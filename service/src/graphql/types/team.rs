//! `Team`: the manager's team view (docs/metrics.md#team-view): sellers ranked by any KPI,
//! coaching candidates, top performers and best practices.

use async_graphql::{Context, Enum, Object, Result, SimpleObject};

use super::insight::InsightNode;
use super::kpi::KpiNode;
use super::seller::{SellerNode, metric_unit};
use crate::domain::PageSize;
use crate::domain::dates::DayRange;
use crate::graphql::context::service;
use crate::graphql::loaders::{self, PeriodsLoader, UserLoader};
use crate::insights::baselines::ChosenBy;
use crate::insights::report::{STYLE_KPIS, SellerReport};
use crate::insights::team as practices;
use crate::services::people::User;
use crate::services::reports::team::{self, Team};

/// Most entries a team list returns.
const MAX_LIST: usize = 100;

fn limit(first: Option<i32>, default: usize) -> Result<usize> {
    Ok(PageSize::parse(first, default, MAX_LIST)?.get())
}

/// The sellers a manager or admin sees, over a range.
pub struct TeamNode(pub Team);

/// Which end of a ranking comes first.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "team::RankOrder")]
// The API's values (HIGHEST_FIRST, …, BEST_FIRST) say which end comes first.
#[allow(clippy::enum_variant_names)]
pub enum RankOrder {
    HighestFirst,
    LowestFirst,
    /// The best value first, by the metric's direction (`MetricSpec.direction`):
    /// the highest, the lowest, or the closest to its target.
    BestFirst,
    /// The worst value first, by the metric's direction.
    WorstFirst,
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
        self.0.sellers.iter().cloned().map(SellerNode).collect()
    }

    /// The sellers ranked by a metric's value in the range (the names of
    /// docs/metrics.md, or a plugin's; another name is BAD_USER_INPUT), the
    /// best first unless `order` says otherwise.
    #[graphql(complexity = "crate::graphql::page_cost(first, 100, child_complexity)")]
    async fn ranking(
        &self,
        ctx: &Context<'_>,
        metric: String,
        #[graphql(default_with = "RankOrder::BestFirst")] order: RankOrder,
        #[graphql(desc = "How many, at most 100 (default 100).")] first: Option<i32>,
    ) -> Result<Vec<RankedSellerNode>> {
        let first = limit(first, MAX_LIST)?;
        let reports = self.reports(ctx).await?;
        Ok(
            team::ranking(service(ctx)?, reports, &metric, order.into(), first)?
                .into_iter()
                .enumerate()
                .map(|(i, (seller, kpi))| RankedSellerNode {
                    rank: i + 1,
                    value: kpi.value,
                    seller,
                    kpi: kpi.into(),
                })
                .collect(),
        )
    }

    /// Sellers with warning insights, most warnings first.
    #[graphql(complexity = "crate::graphql::page_cost(first, 10, child_complexity)")]
    async fn coaching_candidates(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many, at most 100 (default 10).")] first: Option<i32>,
    ) -> Result<Vec<CoachingCandidateNode>> {
        let first = limit(first, 10)?;
        let reports = self.reports(ctx).await?;
        let range = self.0.range;
        Ok(
            team::coaching_candidates(service(ctx)?, &self.0, reports, first)?
                .into_iter()
                .map(|c| CoachingCandidateNode {
                    reasons: c
                        .reasons
                        .into_iter()
                        .map(|r| InsightNode::new(r, c.seller.id, range))
                        .collect(),
                    seller: c.seller,
                })
                .collect(),
        )
    }

    /// The organisation's top performers for the range.
    async fn top_performers(&self, ctx: &Context<'_>) -> Result<TopPerformers> {
        let b = &self.0.baselines;
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
        let kpis = practices::kpi_practices(&self.0.baselines, &STYLE_KPIS)
            .into_iter()
            .map(|k| {
                Ok(KpiPracticeNode {
                    unit: metric_unit(ctx, &k.name)?,
                    name: k.name,
                    top_performers: k.top_performers,
                    others: k.others,
                })
            })
            .collect::<Result<_>>()?;
        Ok(BestPractices {
            kpis,
            keywords: practices::keyword_lifts(&self.0.baselines, first)
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
        let periods = loaders::get::<PeriodsLoader>(ctx)
            .load_many(self.0.sellers.iter().map(|s| (s.id, self.0.range)))
            .await?;
        Ok(team::reports(service(ctx)?, &self.0, periods)?)
    }
}

/// The team view of `range` for the viewer: managers and admins only.
pub async fn team_for(ctx: &Context<'_>, range: DayRange) -> Result<TeamNode> {
    Ok(TeamNode(team::view(service(ctx)?, range).await?))
}
