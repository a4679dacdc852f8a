//! `Recording`: where a player loads a call's recording from.

use async_graphql::SimpleObject;

use crate::services::recordings::Playback;

/// A call's recording, uploaded to this service or kept elsewhere.
#[derive(Debug, Clone, PartialEq, SimpleObject)]
pub struct Recording {
    /// Where to load the recording from. An uploaded one has a URL relative
    /// to the server (`/calls/{id}/recording?token=…`; resolve it against
    /// the API's origin) that works without an `Authorization` header, so
    /// an `<audio>` or `<video>` element can play it, answers HTTP Range
    /// requests for seeking, and expires an hour after this response;
    /// query the field again for a fresh one. Otherwise the URL the
    /// call was imported with, as given.
    pub url: String,
    /// The MIME type of an uploaded recording; null for an external one.
    pub content_type: Option<String>,
    /// Whether the recording is stored by this service.
    pub uploaded: bool,
}

impl From<Playback> for Recording {
    fn from(p: Playback) -> Self {
        Self {
            url: p.url,
            content_type: p.content_type,
            uploaded: p.uploaded,
        }
    }
}
