//! `Call` and the newest-first call list.

use async_graphql::connection::{Connection, CursorType, Edge, EmptyFields, OpaqueCursor};
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use callsight_plugin_api::names::{metric, signal};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::analyzer::{AnalyzerRunNode, CallMetricNode, SignalNode};
use super::enums::{AnalysisStatus, Direction, ImportFormat, Outcome};
use super::nodes::{CallNode, CommentNode, FollowUpNode, threads};
use super::recording::Recording;
use super::transcript::{ParticipantNode, TranscriptNode};
use super::user::UserNode;
use crate::domain::{CallCursor, CallFilter, CallId, PageSize};
use crate::error::ServiceError;
use crate::graphql::context::service;
use crate::graphql::loaders::{
    self, CallCommentsLoader, CallFollowUpsLoader, CallLoader, CallMetricsLoader,
    CallSignalsLoader, ParticipantsLoader, UserLoader,
};
use crate::services::calls::{self, CallMetric, CallSignal, StoredCall};
use crate::services::recordings;

#[Object(name = "Call")]
impl CallNode {
    async fn id(&self) -> ID {
        ID(self.0.id().to_string())
    }

    /// The id the source system gave the call; unique in the organisation.
    async fn external_id(&self) -> Option<&str> {
        self.0.external_id()
    }

    async fn title(&self) -> Option<&str> {
        self.0.title()
    }

    async fn started_at(&self) -> DateTime<Utc> {
        self.0.started_at()
    }

    async fn duration_ms(&self) -> i64 {
        self.0.duration_ms()
    }

    /// BCP-47 language tag.
    async fn language(&self) -> &str {
        &self.0.language()
    }

    async fn direction(&self) -> Option<Direction> {
        self.0.direction().map(Into::into)
    }

    async fn outcome(&self) -> Option<Outcome> {
        self.0.outcome().map(Into::into)
    }

    /// The transcript format the call was imported from.
    async fn source_format(&self) -> ImportFormat {
        self.0.source_format().into()
    }

    async fn analysis_status(&self) -> AnalysisStatus {
        self.0.analysis_status().into()
    }

    /// The seller whose call this is.
    async fn seller(&self, ctx: &Context<'_>) -> Result<UserNode> {
        let user = loaders::get::<UserLoader>(ctx)
            .load_one(self.0.seller())
            .await?
            .ok_or_else(|| ServiceError::not_found(format!("user {}", self.0.seller())))?;
        Ok(UserNode(user))
    }

    #[graphql(complexity = "crate::graphql::page_cost(None, 10, child_complexity)")]
    async fn participants(&self, ctx: &Context<'_>) -> Result<Vec<ParticipantNode>> {
        let participants = loaders::get::<ParticipantsLoader>(ctx)
            .load_one(self.0.visible())
            .await?
            .unwrap_or_default();
        Ok(participants.into_iter().map(ParticipantNode).collect())
    }

    /// Metrics every analyzer computed for the call.
    #[graphql(complexity = "crate::graphql::page_cost(None, 30, child_complexity)")]
    async fn metrics(&self, ctx: &Context<'_>) -> Result<Vec<CallMetricNode>> {
        Ok(self
            .metric_list(ctx)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// What analyzers found, in call order; `kind` narrows to one kind.
    #[graphql(complexity = "crate::graphql::page_cost(None, 50, child_complexity)")]
    async fn signals(&self, ctx: &Context<'_>, kind: Option<String>) -> Result<Vec<SignalNode>> {
        self.signal_list(ctx, kind).await
    }

    /// Each analyzer's run on the call, with the error of any that failed.
    #[graphql(complexity = "crate::graphql::page_cost(None, 10, child_complexity)")]
    async fn analyzer_runs(&self, ctx: &Context<'_>) -> Result<Vec<AnalyzerRunNode>> {
        Ok(calls::analyzer_runs(service(ctx)?, &self.0)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    async fn transcript(&self) -> TranscriptNode {
        TranscriptNode(self.0.clone())
    }

    /// Where a player loads the recording from: the uploaded file (a
    /// short-lived URL that answers Range requests) or the external URL
    /// the call was imported with.
    async fn recording(&self, ctx: &Context<'_>) -> Result<Option<Recording>> {
        Ok(recordings::playback(service(ctx)?, &self.0, "")
            .await?
            .map(Into::into))
    }

    /// The customer's word-weighted sentiment score (−1 to 1) once
    /// analysed.
    async fn customer_sentiment(&self) -> Option<f64> {
        self.0.customer_sentiment()
    }

    /// Customer sentiment shares and score, and every scored segment.
    async fn sentiment(&self, ctx: &Context<'_>) -> Result<CallSentimentNode> {
        let (metrics, signals) = tokio::try_join!(
            self.metric_list(ctx),
            self.signals_of_kind(ctx, signal::SENTIMENT)
        )?;
        let metric = |name: &str| {
            metrics
                .iter()
                .find(|m| m.name == name)
                .and_then(|m| m.value)
        };
        Ok(CallSentimentNode {
            customer: CustomerSentiment {
                positive: metric(metric::CUSTOMER_POSITIVE_SHARE),
                neutral: metric(metric::CUSTOMER_NEUTRAL_SHARE),
                negative: metric(metric::CUSTOMER_NEGATIVE_SHARE),
                score: metric(metric::CUSTOMER_SENTIMENT_SCORE),
            },
            segments: signals.into_iter().map(Into::into).collect(),
        })
    }

    /// Commitments made in the call ("I'll send…", "let's schedule…").
    #[graphql(complexity = "crate::graphql::page_cost(None, 20, child_complexity)")]
    async fn action_items(&self, ctx: &Context<'_>) -> Result<Vec<SignalNode>> {
        self.signal_list(ctx, Some(signal::ACTION_ITEM.to_owned()))
            .await
    }

    /// Question sentences, with who asked.
    #[graphql(complexity = "crate::graphql::page_cost(None, 20, child_complexity)")]
    async fn questions(&self, ctx: &Context<'_>) -> Result<Vec<SignalNode>> {
        self.signal_list(ctx, Some(signal::QUESTION.to_owned()))
            .await
    }

    /// Follow-ups on the call's action items, by due date.
    #[graphql(complexity = "crate::graphql::page_cost(None, 20, child_complexity)")]
    async fn follow_ups(&self, ctx: &Context<'_>) -> Result<Vec<FollowUpNode>> {
        let found = loaders::get::<CallFollowUpsLoader>(ctx)
            .load_one(self.0.id())
            .await?
            .unwrap_or_default();
        Ok(found.into_iter().map(FollowUpNode).collect())
    }

    /// Comment threads in anchor order; a seller sees only shared ones.
    #[graphql(complexity = "crate::graphql::page_cost(None, 20, child_complexity)")]
    async fn comments(&self, ctx: &Context<'_>) -> Result<Vec<CommentNode>> {
        let comments = loaders::get::<CallCommentsLoader>(ctx)
            .load_one(self.0.id())
            .await?
            .unwrap_or_default();
        Ok(threads(comments))
    }
}

impl CallNode {
    /// The call's metrics, from the request's batch over every call it
    /// lists.
    async fn metric_list(&self, ctx: &Context<'_>) -> Result<Vec<CallMetric>> {
        Ok(loaders::get::<CallMetricsLoader>(ctx)
            .load_one(self.0.visible())
            .await?
            .unwrap_or_default())
    }

    /// The call's signals (of one kind, when given), from the request's
    /// batch over every call it lists.
    async fn signals_of_kind(&self, ctx: &Context<'_>, kind: &str) -> Result<Vec<CallSignal>> {
        Ok(loaders::get::<CallSignalsLoader>(ctx)
            .load_one((self.0.visible(), Some(kind.to_owned())))
            .await?
            .unwrap_or_default())
    }

    async fn signal_list(
        &self,
        ctx: &Context<'_>,
        kind: Option<String>,
    ) -> Result<Vec<SignalNode>> {
        let signals = loaders::get::<CallSignalsLoader>(ctx)
            .load_one((self.0.visible(), kind))
            .await?
            .unwrap_or_default();
        Ok(signals.into_iter().map(Into::into).collect())
    }
}

/// The customer's sentiment over a call.
#[derive(SimpleObject)]
pub struct CustomerSentiment {
    /// Shares (0–1) of the customer's segments by label.
    positive: Option<f64>,
    neutral: Option<f64>,
    negative: Option<f64>,
    /// Word-weighted mean compound score (−1 to 1).
    score: Option<f64>,
}

/// A segment's VADER score.
#[derive(SimpleObject)]
pub struct SegmentSentiment {
    /// Index of the segment in the transcript.
    index: Option<i32>,
    role: Option<super::enums::SpeakerRoleGql>,
    offset_ms: Option<i64>,
    /// `positive`, `neutral` or `negative`.
    label: Option<String>,
    compound: Option<f64>,
}

impl From<CallSignal> for SegmentSentiment {
    fn from(s: CallSignal) -> Self {
        Self {
            index: s.segment,
            role: super::enums::SpeakerRoleGql::from_stored(s.role.as_deref()),
            offset_ms: s.offset_ms,
            label: s.label.or(Some(s.value)),
            compound: s.score,
        }
    }
}

/// A call's sentiment: the customer's, and the timeline of scored segments.
#[derive(SimpleObject)]
#[graphql(name = "CallSentiment")]
pub struct CallSentimentNode {
    customer: CustomerSentiment,
    segments: Vec<SegmentSentiment>,
}

/// The calls of `ids` the viewer may see, in that order, from the
/// request's call loader (one batch for all of a request's lists).
pub async fn calls_in_order(ctx: &Context<'_>, ids: &[CallId]) -> Result<Vec<CallNode>> {
    let mut found = loaders::get::<CallLoader>(ctx)
        .load_many(ids.iter().copied())
        .await?;
    Ok(ids
        .iter()
        .filter_map(|id| found.remove(id))
        .map(CallNode)
        .collect())
}

/// Position in the call list, opaque to clients.
#[derive(Serialize, Deserialize)]
pub struct CursorData {
    /// Start as Unix milliseconds.
    t: i64,
    id: i64,
}

/// A page of calls, newest first.
pub type CallConnection = Connection<OpaqueCursor<CursorData>, CallNode, EmptyFields, EmptyFields>;

/// One page of the viewer's calls, newest first. When the selection asks
/// for each call's seller, the page's sellers are loaded in one batch up
/// front.
pub async fn calls_page(
    ctx: &Context<'_>,
    filter: &CallFilter,
    first: Option<i32>,
    after: Option<String>,
) -> Result<CallConnection> {
    let first = PageSize::parse(first, calls::DEFAULT_PAGE_SIZE, calls::MAX_PAGE_SIZE)?;
    let after = after.as_deref().map(parse_cursor).transpose()?;
    let (rows, has_next) = calls::history(service(ctx)?, filter, after, first).await?;
    if ctx
        .look_ahead()
        .field("edges")
        .field("node")
        .field("seller")
        .exists()
    {
        let mut sellers: Vec<_> = rows.iter().map(StoredCall::seller).collect();
        sellers.sort();
        sellers.dedup();
        loaders::get::<UserLoader>(ctx).load_many(sellers).await?;
    }
    let mut connection = Connection::new(after.is_some(), has_next);
    connection.edges.extend(rows.into_iter().map(|call| {
        let cursor = call.cursor();
        let data = CursorData {
            t: cursor.started_at.timestamp_millis(),
            id: cursor.id.0,
        };
        Edge::new(OpaqueCursor(data), CallNode(call))
    }));
    Ok(connection)
}

/// A cursor this API gave out, back as a position in the call list.
fn parse_cursor(cursor: &str) -> Result<CallCursor, ServiceError> {
    let bad = || ServiceError::BadUserInput("`after` is not a cursor this API gave out".into());
    let data =
        <OpaqueCursor<CursorData> as CursorType>::decode_cursor(cursor).map_err(|_| bad())?;
    let started_at = DateTime::from_timestamp_millis(data.t).ok_or_else(bad)?;
    Ok(CallCursor {
        started_at,
        id: CallId(data.id),
    })
}
