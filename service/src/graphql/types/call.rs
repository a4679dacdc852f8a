//! `Call` and the newest-first call list.

use async_graphql::connection::{Connection, Edge, EmptyFields, OpaqueCursor};
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::analyzer::{AnalyzerRunNode, CallMetricNode, SignalNode};
use super::comment::{CommentNode, threads};
use super::enums::{AnalysisStatus, Direction, ImportFormat, Outcome};
use super::follow_up::FollowUpNode;
use super::recording::{Recording, recording_for};
use super::transcript::{ParticipantNode, TranscriptNode};
use super::user::UserNode;
use crate::auth::TokenKeys;
use crate::domain::{CallId, Scope};
use crate::error::{ServiceError, ServiceResult};
use crate::graphql::context::store;
use crate::graphql::loaders::{
    self, CallCommentsLoader, CallFollowUpsLoader, CallLoader, ParticipantsLoader, UserLoader,
};
use crate::services::recordings::Recordings;
use crate::store::calls::{self, CallCursor, CallFilter, StoredCall};
use crate::store::{Store, analysis};

/// Largest page a list returns (DESIGN §9).
pub const MAX_PAGE_SIZE: usize = 100;
const DEFAULT_PAGE_SIZE: usize = 20;

/// An imported call.
pub struct CallNode(pub StoredCall);

#[Object(name = "Call")]
impl CallNode {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    /// The id the source system gave the call; unique in the organisation.
    async fn external_id(&self) -> Option<&str> {
        self.0.external_id.as_deref()
    }

    async fn title(&self) -> Option<&str> {
        self.0.title.as_deref()
    }

    async fn started_at(&self) -> DateTime<Utc> {
        self.0.started_at
    }

    async fn duration_ms(&self) -> i64 {
        self.0.duration_ms
    }

    /// BCP-47 language tag.
    async fn language(&self) -> &str {
        &self.0.language
    }

    async fn direction(&self) -> Option<Direction> {
        self.0.direction.map(Into::into)
    }

    async fn outcome(&self) -> Option<Outcome> {
        self.0.outcome.map(Into::into)
    }

    /// The transcript format the call was imported from.
    async fn source_format(&self) -> ImportFormat {
        self.0.source_format.into()
    }

    async fn analysis_status(&self) -> AnalysisStatus {
        self.0.analysis_status.into()
    }

    /// The seller whose call this is.
    async fn seller(&self, ctx: &Context<'_>) -> Result<UserNode> {
        let user = loaders::get::<UserLoader>(ctx)
            .load_one(self.0.seller)
            .await?
            .ok_or_else(|| ServiceError::not_found(format!("user {}", self.0.seller)))?;
        Ok(UserNode(user))
    }

    async fn participants(&self, ctx: &Context<'_>) -> Result<Vec<ParticipantNode>> {
        let participants = loaders::get::<ParticipantsLoader>(ctx)
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(participants.into_iter().map(ParticipantNode).collect())
    }

    /// Metrics every analyzer computed for the call.
    async fn metrics(&self, ctx: &Context<'_>) -> Result<Vec<CallMetricNode>> {
        Ok(analysis::metrics(store(ctx).db(), &self.0)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// What analyzers found, in call order; `kind` narrows to one kind.
    #[graphql(complexity = "crate::graphql::page_cost(None, 50, child_complexity)")]
    async fn signals(&self, ctx: &Context<'_>, kind: Option<String>) -> Result<Vec<SignalNode>> {
        let signals = analysis::signals(store(ctx).db(), &self.0, kind.as_deref()).await?;
        Ok(signals.into_iter().map(Into::into).collect())
    }

    /// Each analyzer's run on the call, with the error of any that failed.
    async fn analyzer_runs(&self, ctx: &Context<'_>) -> Result<Vec<AnalyzerRunNode>> {
        Ok(analysis::runs(store(ctx).db(), &self.0)
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
        let viewer = crate::graphql::context::viewer(ctx)?;
        Ok(recording_for(
            &self.0,
            viewer,
            ctx.data_unchecked::<TokenKeys>(),
            ctx.data_unchecked::<Recordings>(),
            "",
        )
        .await?)
    }

    /// The customer's word-weighted sentiment score (−1 to 1) once
    /// analysed.
    async fn customer_sentiment(&self) -> Option<f64> {
        self.0.customer_sentiment
    }

    /// Customer sentiment shares and score, and every scored segment.
    async fn sentiment(&self, ctx: &Context<'_>) -> Result<CallSentimentNode> {
        let db = store(ctx).db();
        let (metrics, signals) = tokio::try_join!(
            analysis::metrics(db, &self.0),
            analysis::signals(db, &self.0, Some(SENTIMENT))
        )?;
        let metric = |name: &str| {
            metrics
                .iter()
                .find(|m| m.name == name)
                .and_then(|m| m.value)
        };
        Ok(CallSentimentNode {
            customer: CustomerSentiment {
                positive: metric("customer_positive_share"),
                neutral: metric("customer_neutral_share"),
                negative: metric("customer_negative_share"),
                score: metric("customer_sentiment_score"),
            },
            segments: signals.into_iter().map(Into::into).collect(),
        })
    }

    /// Commitments made in the call ("I'll send…", "let's schedule…").
    async fn action_items(&self, ctx: &Context<'_>) -> Result<Vec<SignalNode>> {
        let signals = analysis::signals(store(ctx).db(), &self.0, Some("action_item")).await?;
        Ok(signals.into_iter().map(Into::into).collect())
    }

    /// Question sentences, with who asked.
    async fn questions(&self, ctx: &Context<'_>) -> Result<Vec<SignalNode>> {
        let signals = analysis::signals(store(ctx).db(), &self.0, Some("question")).await?;
        Ok(signals.into_iter().map(Into::into).collect())
    }

    /// Follow-ups on the call's action items, by due date.
    #[graphql(complexity = "crate::graphql::page_cost(None, 20, child_complexity)")]
    async fn follow_ups(&self, ctx: &Context<'_>) -> Result<Vec<FollowUpNode>> {
        let found = loaders::get::<CallFollowUpsLoader>(ctx)
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(found.into_iter().map(FollowUpNode).collect())
    }

    /// Comment threads in anchor order; a seller sees only shared ones.
    #[graphql(complexity = "crate::graphql::page_cost(None, 20, child_complexity)")]
    async fn comments(&self, ctx: &Context<'_>) -> Result<Vec<CommentNode>> {
        let comments = loaders::get::<CallCommentsLoader>(ctx)
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(threads(comments))
    }
}

/// The kind of the sentiment analyzer's per-segment signals.
const SENTIMENT: &str = "sentiment";

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

impl From<crate::store::analysis::CallSignal> for SegmentSentiment {
    fn from(s: crate::store::analysis::CallSignal) -> Self {
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

/// One page of the scope's calls, newest first. When the selection asks for
/// each call's seller, the page's sellers are loaded in one batch up front.
pub async fn calls_page(
    ctx: &Context<'_>,
    filter: &CallFilter,
    first: Option<i32>,
    after: Option<String>,
) -> Result<CallConnection> {
    let viewer = crate::graphql::context::viewer(ctx)?;
    let page = page_of_calls(store(ctx), &viewer.scope, filter, first, after).await?;
    if ctx
        .look_ahead()
        .field("edges")
        .field("node")
        .field("seller")
        .exists()
    {
        let mut sellers: Vec<_> = page.edges.iter().map(|e| e.node.0.seller).collect();
        sellers.sort();
        sellers.dedup();
        loaders::get::<UserLoader>(ctx).load_many(sellers).await?;
    }
    Ok(page)
}

async fn page_of_calls(
    store: &Store,
    scope: &Scope,
    filter: &CallFilter,
    first: Option<i32>,
    after: Option<String>,
) -> ServiceResult<CallConnection> {
    let first = match first {
        None => DEFAULT_PAGE_SIZE,
        Some(n) if (0..=MAX_PAGE_SIZE as i32).contains(&n) => n as usize,
        Some(n) => {
            return Err(ServiceError::BadUserInput(format!(
                "`first` must be between 0 and {MAX_PAGE_SIZE}, not {n}"
            )));
        }
    };
    let after = after
        .map(|cursor| {
            let bad =
                || ServiceError::BadUserInput("`after` is not a cursor this API gave out".into());
            let data =
                <OpaqueCursor<CursorData> as async_graphql::connection::CursorType>::decode_cursor(
                    &cursor,
                )
                .map_err(|_| bad())?;
            let started_at = DateTime::from_timestamp_millis(data.t).ok_or_else(bad)?;
            Ok::<_, ServiceError>(CallCursor {
                started_at,
                id: CallId(data.id),
            })
        })
        .transpose()?;
    let mut rows = calls::list(store.db(), scope, filter, after, first as u64 + 1).await?;
    let has_next = rows.len() > first;
    rows.truncate(first);
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
