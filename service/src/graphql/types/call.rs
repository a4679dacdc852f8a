//! `Call` and the newest-first call list.

use async_graphql::connection::{Connection, Edge, EmptyFields, OpaqueCursor};
use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::analyzer::{AnalyzerRunNode, CallMetricNode, SignalNode};
use super::enums::{AnalysisStatus, Direction, ImportFormat, Outcome};
use super::transcript::{ParticipantNode, TranscriptNode};
use super::user::UserNode;
use crate::domain::{CallId, Scope};
use crate::error::{ServiceError, ServiceResult};
use crate::graphql::context::store;
use crate::graphql::loaders::UserLoader;
use crate::store::calls::{self, CallCursor, StoredCall};
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
        let user = ctx
            .data_unchecked::<async_graphql::dataloader::DataLoader<UserLoader>>()
            .load_one(self.0.seller)
            .await?
            .ok_or_else(|| ServiceError::not_found(format!("user {}", self.0.seller)))?;
        Ok(UserNode(user))
    }

    async fn participants(&self, ctx: &Context<'_>) -> Result<Vec<ParticipantNode>> {
        let participants = calls::participants(store(ctx).db(), &self.0).await?;
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

/// One page of the scope's calls, newest first.
pub async fn calls_page(
    store: &Store,
    scope: &Scope,
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
    let mut rows = calls::list(store.db(), scope, after, first as u64 + 1).await?;
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
