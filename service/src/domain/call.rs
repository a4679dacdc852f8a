//! The canonical call model (docs/import.md#the-canonical-call-model): what every importer produces and
//! every analyzer reads. Times are integer milliseconds from the call's start;
//! instants are UTC.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::SpeakerRole;

/// Language assumed when a source does not name one.
pub const DEFAULT_LANGUAGE: &str = "en-US";

/// A call as a source describes it.
///
/// `R` is the participant role type: importers produce `Call<Option<SpeakerRole>>`
/// (a source may not know who the seller is), and role mapping turns it into
/// `Call<SpeakerRole>`, the only form that is stored or analysed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Call<R = SpeakerRole> {
    #[serde(default)]
    pub external_id: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// Absent in formats without a wall-clock start (WebVTT, Deepgram, …);
    /// ingest then takes the request's override or the import time.
    #[serde(default)]
    pub started_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub duration_ms: Option<i64>,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub direction: Option<Direction>,
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// Path or URL of the recording.
    #[serde(default)]
    pub recording: Option<String>,
    #[serde(default = "Vec::new")]
    pub participants: Vec<Participant<R>>,
    pub segments: Vec<Segment>,
}

fn default_language() -> String {
    DEFAULT_LANGUAGE.to_owned()
}

/// One voice in the call, keyed by the speaker label the source uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Participant<R = SpeakerRole> {
    /// The speaker label as the source names it (`spk_0`, `A`, `Jane Doe`, …).
    pub speaker: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    pub role: R,
}

/// A stretch of one speaker's speech.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Segment {
    pub speaker: String,
    pub start_ms: i64,
    pub end_ms: i64,
    /// May be empty: timing-only data still yields talk-time KPIs.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub words: Option<Vec<Word>>,
}

/// A timed word, kept when the source has word timings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Word {
    pub text: String,
    pub start_ms: i64,
    pub end_ms: i64,
}

/// Which way the call went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Inbound,
    Outbound,
}

/// How the deal the call belongs to ended, as far as is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Won,
    Lost,
    Open,
}

text_enum!(Direction "direction" { Inbound => "inbound", Outbound => "outbound" });
text_enum!(Outcome "outcome" { Won => "won", Lost => "lost", Open => "open" });

/// Where a call's analysis stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnalysisStatus {
    Pending,
    Done,
    Failed,
}

text_enum!(AnalysisStatus "analysis status" { Pending => "pending", Done => "done", Failed => "failed" });
