//! `Seller`: the seller details page (docs/metrics.md#seller-page): conversation style,
//! any metric, statistics, insights, keywords, competitors and the call
//! history, for a date range in the organisation's time zone.

use async_graphql::{Context, ID, Object, Result};
use callsight_plugin_api::names::metric;

use super::call::{CallConnection, calls_page};
use super::call_filter::CallFilterInput;
use super::comment::UnreadComments;
use super::date_range::DateRangeInput;
use super::enums::FollowUpStatusGql;
use super::follow_up;
use super::insight::InsightNode;
use super::kpi::KpiNode;
use super::nodes::FollowUpNode;
use super::stats::StatsNode;
use super::term::TermNode;
use super::user::UserNode;
use crate::domain::dates::DayRange;
use crate::domain::{PageSize, TermKind, UserId, deep_links};
use crate::error::ServiceError;
use crate::graphql::context::service;
use crate::graphql::loaders::{self, PeriodsLoader, UserLoader};
use crate::insights::report::{STYLE_KPIS, SellerReport};
use crate::services::coaching::comments;
use crate::services::people::User;
use crate::services::{reports, settings};

/// Most terms a keyword or competitor list returns.
const MAX_TERMS: usize = 50;

/// A person whose calls the viewer may see, with their figures.
pub struct SellerNode(pub User);

/// The seller `id` if the viewer may see them (else NOT_FOUND, as for a
/// seller who does not exist).
pub async fn load_seller(ctx: &Context<'_>, id: UserId) -> Result<SellerNode> {
    let user = loaders::get::<UserLoader>(ctx)
        .load_one(id)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("seller {id}")))?;
    Ok(SellerNode(user))
}

/// A seller's figures for `range` with the organisation's baselines; the
/// periods come from the request's batch over every seller it asks about.
pub async fn seller_report(
    ctx: &Context<'_>,
    seller: UserId,
    range: DayRange,
) -> Result<SellerReport> {
    let periods = loaders::get::<PeriodsLoader>(ctx)
        .load_one((seller, range))
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("seller {seller}")))?;
    Ok(reports::seller::report(service(ctx)?, seller, range, periods).await?)
}

/// The unit a loaded analyzer declares for a metric (`""` when none does).
pub fn metric_unit(ctx: &Context<'_>, name: &str) -> Result<String> {
    Ok(settings::metric_unit(service(ctx)?, name))
}

fn kpi(ctx: &Context<'_>, report: &SellerReport, name: &str) -> Result<KpiNode> {
    Ok(report.kpi(name, &metric_unit(ctx, name)?).into())
}

/// Conversation-style KPIs (docs/metrics.md) for a seller and range.
pub struct ConversationStyleNode(SellerReport);

#[Object(name = "ConversationStyle")]
impl ConversationStyleNode {
    /// Seller words per minute of seller talk.
    async fn talking_speed(&self, ctx: &Context<'_>) -> Result<KpiNode> {
        kpi(ctx, &self.0, metric::TALKING_SPEED_WPM)
    }

    /// Speaker switches per conversation (mean switch count).
    async fn switches_per_conversation(&self, ctx: &Context<'_>) -> Result<KpiNode> {
        kpi(ctx, &self.0, metric::SWITCH_COUNT)
    }

    /// Mean pause before the seller speaks after the customer, in ms.
    async fn average_pause(&self, ctx: &Context<'_>) -> Result<KpiNode> {
        kpi(ctx, &self.0, metric::AVG_PAUSE_BEFORE_SPEAKING_MS)
    }

    async fn longest_customer_monologue(&self, ctx: &Context<'_>) -> Result<KpiNode> {
        kpi(ctx, &self.0, metric::LONGEST_CUSTOMER_MONOLOGUE_MS)
    }

    /// Seller talk time / (seller + customer talk time).
    async fn talk_to_listen(&self, ctx: &Context<'_>) -> Result<KpiNode> {
        kpi(ctx, &self.0, metric::TALK_TO_LISTEN_RATIO)
    }

    async fn longest_seller_monologue(&self, ctx: &Context<'_>) -> Result<KpiNode> {
        kpi(ctx, &self.0, metric::LONGEST_SELLER_MONOLOGUE_MS)
    }

    /// Questions the seller asks per call.
    async fn questions(&self, ctx: &Context<'_>) -> Result<KpiNode> {
        kpi(ctx, &self.0, metric::SELLER_QUESTION_COUNT)
    }

    /// Questions the customer asks per call.
    async fn customer_questions(&self, ctx: &Context<'_>) -> Result<KpiNode> {
        kpi(ctx, &self.0, metric::CUSTOMER_QUESTION_COUNT)
    }

    /// All of the above, in page order.
    #[graphql(complexity = "crate::graphql::page_cost(None, 8, child_complexity)")]
    async fn all(&self, ctx: &Context<'_>) -> Result<Vec<KpiNode>> {
        STYLE_KPIS
            .iter()
            .map(|name| kpi(ctx, &self.0, name))
            .collect()
    }
}

/// Calls and outcomes in a range.
#[derive(async_graphql::SimpleObject)]
pub struct Outcomes {
    /// Analysed calls.
    calls: u64,
    won: u64,
    lost: u64,
    /// Won calls / analysed calls.
    won_rate: Option<f64>,
}

fn term_limit(first: Option<i32>) -> Result<usize, ServiceError> {
    Ok(PageSize::parse(first, 10, MAX_TERMS)?.get())
}

#[Object(name = "Seller")]
impl SellerNode {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    async fn email(&self) -> &str {
        self.0.email.as_str()
    }

    /// A `mailto:` link that starts an e-mail to the seller.
    async fn mailto_url(&self, subject: Option<String>, body: Option<String>) -> String {
        deep_links::mailto(Some(&self.0.email), subject.as_deref(), body.as_deref())
    }

    /// A Microsoft Teams link that opens a chat with the seller, the
    /// message box holding `message` when given.
    async fn teams_chat_url(&self, message: Option<String>) -> String {
        deep_links::teams_chat(&self.0.email, message.as_deref())
    }

    /// Comments on the seller's calls that the viewer has not read: written
    /// by someone else and readable by the viewer (a seller: shared ones).
    #[graphql(complexity = "crate::graphql::page_cost(Some(first), 20, child_complexity)")]
    async fn unread_comments(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, validator(minimum = 0, maximum = 100))] first: i32,
    ) -> Result<UnreadComments> {
        let (count, newest) = comments::unread(service(ctx)?, self.0.id, first as u64).await?;
        Ok(UnreadComments { count, newest })
    }

    /// The seller as a user (role, manager).
    async fn user(&self) -> UserNode {
        UserNode(self.0.clone())
    }

    /// Conversation-style KPIs with comparisons.
    async fn style(
        &self,
        ctx: &Context<'_>,
        range: DateRangeInput,
    ) -> Result<ConversationStyleNode> {
        Ok(ConversationStyleNode(
            seller_report(ctx, self.0.id, range.days()?).await?,
        ))
    }

    /// Any metric a loaded analyzer reports, built-in or custom, with the
    /// same comparisons as the style KPIs; another name is BAD_USER_INPUT.
    async fn metric(
        &self,
        ctx: &Context<'_>,
        name: String,
        range: DateRangeInput,
    ) -> Result<KpiNode> {
        let metric = settings::known_metric(service(ctx)?, "name", &name)?;
        let report = seller_report(ctx, self.0.id, range.days()?).await?;
        Ok(report.kpi(&metric.name, &metric.unit).into())
    }

    /// Customer sentiment, talk-to-listen and sentiment over time.
    async fn stats(&self, ctx: &Context<'_>, range: DateRangeInput) -> Result<StatsNode> {
        Ok(StatsNode(
            seller_report(ctx, self.0.id, range.days()?).await?,
        ))
    }

    /// What changed and what stands out (docs/metrics.md#insights), most severe first.
    #[graphql(complexity = "crate::graphql::page_cost(None, 20, child_complexity)")]
    async fn insights(&self, ctx: &Context<'_>, range: DateRangeInput) -> Result<Vec<InsightNode>> {
        let report = seller_report(ctx, self.0.id, range.days()?).await?;
        Ok(report
            .insights()
            .into_iter()
            .map(|insight| InsightNode::new(insight, report.seller, report.range))
            .collect())
    }

    /// The customers' most mentioned keywords and key phrases.
    #[graphql(complexity = "crate::graphql::page_cost(first, 10, child_complexity)")]
    async fn keywords(
        &self,
        ctx: &Context<'_>,
        range: DateRangeInput,
        #[graphql(desc = "How many, at most 50 (default 10).")] first: Option<i32>,
    ) -> Result<Vec<TermNode>> {
        let report = seller_report(ctx, self.0.id, range.days()?).await?;
        TermNode::list(ctx, &report, TermKind::Keyword, term_limit(first)?).await
    }

    /// The competitors customers mention most.
    #[graphql(complexity = "crate::graphql::page_cost(first, 10, child_complexity)")]
    async fn competitors(
        &self,
        ctx: &Context<'_>,
        range: DateRangeInput,
        #[graphql(desc = "How many, at most 50 (default 10).")] first: Option<i32>,
    ) -> Result<Vec<TermNode>> {
        let report = seller_report(ctx, self.0.id, range.days()?).await?;
        TermNode::list(ctx, &report, TermKind::Competitor, term_limit(first)?).await
    }

    /// Analysed calls and their outcomes in the range.
    async fn outcomes(&self, ctx: &Context<'_>, range: DateRangeInput) -> Result<Outcomes> {
        let report = seller_report(ctx, self.0.id, range.days()?).await?;
        let o = report.periods.current_outcomes;
        Ok(Outcomes {
            calls: o.calls,
            won: o.won,
            lost: o.lost,
            won_rate: (o.calls > 0).then(|| o.won as f64 / o.calls as f64),
        })
    }

    /// Follow-ups on the seller's calls by due date: of one status, and
    /// due on a day of the range (the organisation's time zone), when
    /// given.
    #[graphql(complexity = "crate::graphql::page_cost(first, 50, child_complexity)")]
    async fn follow_ups(
        &self,
        ctx: &Context<'_>,
        status: Option<FollowUpStatusGql>,
        range: Option<DateRangeInput>,
        #[graphql(desc = "How many, at most 100 (default 50).")] first: Option<i32>,
    ) -> Result<Vec<FollowUpNode>> {
        follow_up::of_seller(ctx, self.0.id, status, range, first).await
    }

    /// The seller's call history, newest first.
    #[graphql(complexity = "crate::graphql::page_cost(first, 20, child_complexity)")]
    async fn calls(
        &self,
        ctx: &Context<'_>,
        filter: Option<CallFilterInput>,
        #[graphql(desc = "Page size, at most 100 (default 20).")] first: Option<i32>,
        after: Option<String>,
    ) -> Result<CallConnection> {
        let tz = service(ctx)?.viewer()?.organization.time_zone;
        let mut filter = filter.unwrap_or_default().parse(tz)?;
        filter.seller = Some(self.0.id);
        calls_page(ctx, &filter, first, after).await
    }
}
