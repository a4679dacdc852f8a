//! A stored call's header, and the proof of having read it.
//!
//! Only the scoped reads of the store make a [`StoredCall`] (its fields are
//! private and its one constructor is the conversion from a row), so holding
//! one proves the caller may see the call. [`VisibleCall`] carries that proof
//! as a small key, for batches over the calls a request has read.

use chrono::{DateTime, Utc};

use super::super::entity::call;
use super::CallCursor;
use crate::domain::Format;
use crate::domain::{AnalysisStatus, CallId, Direction, OrgId, Outcome, UserId};
use crate::error::ServiceError;

/// A stored call's header, read through a scope.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredCall {
    id: CallId,
    org: OrgId,
    seller: UserId,
    external_id: Option<String>,
    title: Option<String>,
    started_at: DateTime<Utc>,
    duration_ms: i64,
    language: String,
    direction: Option<Direction>,
    outcome: Option<Outcome>,
    recording: Option<String>,
    tracked_keywords: Vec<String>,
    source_format: Format,
    analysis_status: AnalysisStatus,
    customer_sentiment: Option<f64>,
}

/// The id of a call the caller has read through their scope: only a
/// [`StoredCall`] gives one out, so a batch keyed by it (participants,
/// metrics, signals) never reaches a call the caller may not see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VisibleCall(CallId);

impl VisibleCall {
    pub fn id(self) -> CallId {
        self.0
    }
}

impl StoredCall {
    pub fn id(&self) -> CallId {
        self.id
    }

    /// This call as a key of batched reads.
    pub fn visible(&self) -> VisibleCall {
        VisibleCall(self.id)
    }

    pub fn org(&self) -> OrgId {
        self.org
    }

    /// The seller whose call this is.
    pub fn seller(&self) -> UserId {
        self.seller
    }

    /// The id the source system gave the call; unique in the organisation.
    pub fn external_id(&self) -> Option<&str> {
        self.external_id.as_deref()
    }

    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    pub fn started_at(&self) -> DateTime<Utc> {
        self.started_at
    }

    pub fn duration_ms(&self) -> i64 {
        self.duration_ms
    }

    /// BCP-47 language tag.
    pub fn language(&self) -> &str {
        &self.language
    }

    pub fn direction(&self) -> Option<Direction> {
        self.direction
    }

    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome
    }

    /// The recording's external URL, when the call was imported with one.
    pub fn recording(&self) -> Option<&str> {
        self.recording.as_deref()
    }

    /// Keywords tracked for this call only (besides the org and team lists).
    pub fn tracked_keywords(&self) -> &[String] {
        &self.tracked_keywords
    }

    /// The format the call was imported from.
    pub fn source_format(&self) -> Format {
        self.source_format
    }

    pub fn analysis_status(&self) -> AnalysisStatus {
        self.analysis_status
    }

    /// The customer's sentiment score, once analysed.
    pub fn customer_sentiment(&self) -> Option<f64> {
        self.customer_sentiment
    }

    /// Its position in the newest-first call list.
    pub fn cursor(&self) -> CallCursor {
        CallCursor {
            started_at: self.started_at,
            id: self.id,
        }
    }
}

#[cfg(test)]
impl StoredCall {
    /// A one-minute English native call, for unit tests of what is built
    /// from a call's header.
    pub(crate) fn fixture(
        (id, org, seller): (CallId, OrgId, UserId),
        title: Option<&str>,
        started_at: DateTime<Utc>,
    ) -> Self {
        Self {
            id,
            org,
            seller,
            external_id: None,
            title: title.map(Into::into),
            started_at,
            duration_ms: 60_000,
            language: "en-US".into(),
            direction: None,
            outcome: None,
            recording: None,
            tracked_keywords: Vec::new(),
            source_format: Format::Native,
            analysis_status: AnalysisStatus::Done,
            customer_sentiment: None,
        }
    }
}

impl TryFrom<call::Model> for StoredCall {
    type Error = ServiceError;

    fn try_from(row: call::Model) -> Result<Self, Self::Error> {
        let corrupt =
            |what: String| ServiceError::Internal(anyhow::anyhow!("call {}: {what}", row.id));
        Ok(Self {
            id: CallId(row.id),
            org: OrgId(row.org_id),
            seller: UserId(row.seller_id),
            direction: row
                .direction
                .as_deref()
                .map(str::parse)
                .transpose()
                .map_err(corrupt)?,
            outcome: row
                .outcome
                .as_deref()
                .map(str::parse)
                .transpose()
                .map_err(corrupt)?,
            analysis_status: row.analysis_status.parse().map_err(corrupt)?,
            source_format: row.source_format.parse().map_err(corrupt)?,
            external_id: row.external_id,
            title: row.title,
            started_at: row.started_at,
            duration_ms: row.duration_ms,
            language: row.language,
            recording: row.recording,
            customer_sentiment: row.customer_sentiment,
            tracked_keywords: row
                .tracked_keywords
                .map(serde_json::from_value)
                .transpose()
                .map_err(|e| corrupt(format!("unreadable tracked keywords: {e}")))?
                .unwrap_or_default(),
        })
    }
}
