//! The call history: what narrows it and where a page of it ends.

use chrono::{DateTime, Utc};

use super::{CallId, UserId};
use crate::error::{ServiceError, ServiceResult};

/// Longest text a filter matches on.
const MAX_FILTER_TEXT: usize = 200;

/// The customer's mood on a call, from its sentiment score (docs/metrics.md#sentiment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentimentFilter {
    Positive,
    Neutral,
    Negative,
}

/// Narrows the call list; every part is optional and they all apply.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CallFilter {
    pub seller: Option<UserId>,
    /// Started in `[from, to)`.
    pub started: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// A customer participant's name or e-mail contains this (any case).
    pub customer: Option<String>,
    /// The call mentions this tracked keyword or key phrase (any case).
    pub keyword: Option<String>,
    /// The call mentions this competitor (canonical name, any case).
    pub competitor: Option<String>,
    pub sentiment: Option<SentimentFilter>,
}

impl CallFilter {
    /// A filter's text as given: trimmed, not empty and at most
    /// [`MAX_FILTER_TEXT`] characters; `field` names it in the error.
    pub fn text(value: Option<&str>, field: &str) -> ServiceResult<Option<String>> {
        match value.map(str::trim) {
            Some("") => Err(ServiceError::BadUserInput(format!(
                "filter.{field} must not be empty"
            ))),
            Some(t) if t.chars().count() > MAX_FILTER_TEXT => Err(ServiceError::BadUserInput(
                format!("filter.{field} is longer than {MAX_FILTER_TEXT} characters"),
            )),
            other => Ok(other.map(str::to_owned)),
        }
    }
}

/// Keyset position in the newest-first call list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallCursor {
    pub started_at: DateTime<Utc>,
    pub id: CallId,
}
