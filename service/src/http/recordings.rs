//! `PUT` and `GET /calls/{id}/recording`: uploading a call's recording and
//! playing it back with HTTP Range requests, so a player can seek.
//!
//! Both check, on every request, that the caller may see the call; a call
//! they may not see is answered exactly like a missing one (404). `PUT`
//! takes the bearer token of the GraphQL API. `GET` takes it too, or a
//! recording token in `?token=` (what `Call.recording.url` carries), since
//! an `<audio src>` cannot send headers. Errors have the GraphQL shape
//! `{"errors":[{"message":…,"extensions":{"code":…}}]}`.

use std::pin::Pin;
use std::sync::Arc;

use axum::body::{Body, HttpBody};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use tower_http::services::ServeFile;

use crate::auth::Link;
use crate::domain::CallId;
use crate::error::{ServiceError, ServiceResult};
use crate::services::recordings::{self, UploadError};
use crate::services::{Ctx, Services, people};

type Shared = Services;

/// The recording routes. They carry no body-size layer: an upload is
/// streamed to disk and capped by [`Recordings`] itself (2 GiB), not held
/// in memory under the GraphQL body limit.
pub fn routes(services: Services) -> Router {
    Router::new()
        .route("/calls/{id}/recording", get(play).put(upload))
        .with_state(Arc::new(services))
}

/// Why a request was refused: a service error, or one of the two ways an
/// upload body can be unacceptable.
enum Refusal {
    Service(ServiceError),
    UnsupportedType,
    TooLarge(u64),
}

impl From<ServiceError> for Refusal {
    fn from(err: ServiceError) -> Self {
        Self::Service(err)
    }
}

impl From<std::io::Error> for Refusal {
    fn from(err: std::io::Error) -> Self {
        Self::Service(ServiceError::Internal(err.into()))
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Self::UnsupportedType => super::error_response(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "BAD_USER_INPUT",
                "a recording needs a Content-Type of audio/* or video/*",
            ),
            Self::TooLarge(max) => super::error_response(
                StatusCode::PAYLOAD_TOO_LARGE,
                "BAD_USER_INPUT",
                &format!("a recording may be at most {max} bytes"),
            ),
            Self::Service(err) => super::refused(err),
        }
    }
}

/// Stores the request body as the call's recording: 201 for a first
/// upload, 200 for a replacement, with the size and content type.
async fn upload(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    mut body: Body,
) -> Result<Response, Refusal> {
    let viewer = people::authenticate(&shared, super::authorization(&headers)).await?;
    let call = recordings::visible_call(Ctx::new(&shared, &viewer), parse_call_id(&id)?).await?;
    let content_type = media_type(&headers).ok_or(Refusal::UnsupportedType)?;
    let max = shared.recordings().max_bytes();
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > max) {
        return Err(Refusal::TooLarge(max));
    }

    let mut upload = shared.recordings().begin(&call).await?;
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(|err| {
            ServiceError::BadUserInput(format!("the upload was interrupted: {err}"))
        })?;
        if let Ok(chunk) = frame.into_data() {
            upload.write(&chunk).await.map_err(|err| match err {
                UploadError::TooLarge(max) => Refusal::TooLarge(max),
                UploadError::Io(err) => err.into(),
            })?;
        }
    }
    let (bytes, replaced) = upload.finish(content_type).await?;
    tracing::info!(call = %call.id(), bytes, content_type, "recording uploaded");
    let status = if replaced {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let body = json!({"call": call.id().to_string(), "bytes": bytes, "contentType": content_type});
    Ok((status, Json(body)).into_response())
}

/// Serves the call's uploaded recording (Range requests answered with 206),
/// or redirects to its external http(s) URL when it has only that.
async fn play(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    request: Request,
) -> Result<Response, Refusal> {
    let call = parse_call_id(&id)?;
    let viewer = super::link_viewer(
        &shared,
        request.uri().query(),
        request.headers(),
        Link::Recording(call),
    )
    .await?;
    let call = recordings::visible_call(Ctx::new(&shared, &viewer), parse_call_id(&id)?).await?;
    let Some(stored) = shared.recordings().find(&call).await? else {
        return match call.recording().filter(|url| is_web_url(url)) {
            Some(url) => {
                let location = HeaderValue::from_str(url)
                    .map_err(|_| ServiceError::not_found(format!("a recording of call {id}")))?;
                Ok((
                    StatusCode::TEMPORARY_REDIRECT,
                    [(header::LOCATION, location)],
                )
                    .into_response())
            }
            None => Err(ServiceError::NotFound(format!(
                "call {id} has no recording uploaded to this service"
            ))
            .into()),
        };
    };

    let mut response = ServeFile::new(&stored.path).try_call(request).await?;
    let headers = response.headers_mut();
    if let Ok(content_type) = HeaderValue::from_str(&stored.content_type) {
        headers.insert(header::CONTENT_TYPE, content_type);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(response.map(Body::new))
}

/// The call if the viewer may see it; a call of another team or
/// organisation is "not found", like one that does not exist.
fn parse_call_id(id: &str) -> ServiceResult<CallId> {
    id.parse()
        .map(CallId)
        .map_err(|_| ServiceError::not_found(format!("call {id}")))
}

/// The viewer a verified recording token speaks for, loaded as
/// [`auth::authenticate`] loads the one of an API token, so a user who was
/// removed or moved to another team loses access at once.
/// The request's Content-Type when it is `audio/*` or `video/*` (with any
/// parameters, e.g. `audio/webm; codecs=opus`).
fn media_type(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?.trim();
    let essence = value.split(';').next()?.trim();
    let (kind, subtype) = essence.split_once('/')?;
    let media = kind.eq_ignore_ascii_case("audio") || kind.eq_ignore_ascii_case("video");
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$&^_.+-".contains(c);
    (media && !subtype.is_empty() && subtype.chars().all(token)).then_some(value)
}

fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}
