//! `importCall`'s input and result.

use async_graphql::{InputObject, SimpleObject};
use chrono::{DateTime, Utc};

use super::enums::{ImportFormat, Outcome, SpeakerRoleGql};
use super::nodes::CallNode;

/// A transcript to import for a seller.
#[derive(InputObject)]
pub struct ImportCallInput {
    pub format: ImportFormat,
    /// The source document as text: JSON for the JSON formats, WebVTT text,
    /// and for `DYNAMICS` `{"metadata": …, "transcript": …}`. At most 20 MB.
    // Secret to the tracing extension: a request's span holds its query,
    // and a transcript does not belong in a log (nor a copy of it in memory).
    #[graphql(secret)]
    pub payload: String,
    /// E-mail of the seller whose call this is.
    pub seller_email: String,
    /// Which speaker label plays which role, for sources that do not say.
    #[graphql(default)]
    pub speakers: Vec<SpeakerMappingInput>,
    pub title: Option<String>,
    pub outcome: Option<Outcome>,
    pub started_at: Option<DateTime<Utc>>,
    /// The call's language (BCP-47, e.g. `ko` or `en-US`), over the
    /// source's; without either, the one detected from what was said.
    pub language: Option<String>,
    /// Overrides the source's id; re-importing an id the organisation has
    /// returns the stored call and writes nothing.
    pub external_id: Option<String>,
    /// Keywords to track in this call only, besides the organisation's and
    /// the seller's team's lists.
    #[graphql(default)]
    pub keywords: Vec<String>,
}

/// One speaker label and its role.
#[derive(InputObject)]
pub struct SpeakerMappingInput {
    pub speaker: String,
    pub role: SpeakerRoleGql,
}

/// What `importCall` did.
#[derive(SimpleObject)]
pub struct ImportCallPayload {
    pub call: CallNode,
    /// False when the call was already stored (same external id).
    pub created: bool,
}
