//! `Recording`: where a player loads a call's recording from.

use async_graphql::SimpleObject;

use crate::auth::{Link, TokenKeys, Viewer};
use crate::error::{ServiceError, ServiceResult};
use crate::services::recordings::Recordings;
use crate::store::calls::StoredCall;

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

/// The recording of `call` for `viewer`, who has read the call through
/// their scope: the uploaded one, with a recording token minted for this
/// viewer and call; else the external URL the call was imported with; else
/// none. `base_path` is the path the service is mounted under, without a
/// trailing slash (`""` at the root); the URL is relative so it works
/// behind whatever origin the client reached the API through.
pub async fn recording_for(
    call: &StoredCall,
    viewer: &Viewer,
    keys: &TokenKeys,
    recordings: &Recordings,
    base_path: &str,
) -> ServiceResult<Option<Recording>> {
    let uploaded = recordings
        .find(call)
        .await
        .map_err(|err| ServiceError::Internal(err.into()))?;
    if let Some(stored) = uploaded {
        let token = keys.mint_link(call.org, viewer.user.id, Link::Recording(call.id))?;
        return Ok(Some(Recording {
            url: format!("{base_path}/calls/{}/recording?token={token}", call.id),
            content_type: Some(stored.content_type),
            uploaded: true,
        }));
    }
    Ok(call.recording.clone().map(|url| Recording {
        url,
        content_type: None,
        uploaded: false,
    }))
}
