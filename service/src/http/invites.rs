//! `GET /follow-ups/{id}/invite.ics`: the calendar invite of a meeting
//! follow-up, as an iCalendar file to download or open in a calendar app.
//!
//! It takes the bearer token of the GraphQL API, or an invite token in
//! `?token=` (what `FollowUp.invite.url` carries), since a calendar app or
//! a browser opens a URL without headers. Either way it checks, on every
//! request, that the caller may see the follow-up's call; one they may not
//! see is answered exactly like a missing one (404). Errors have the
//! GraphQL shape `{"errors":[{"message":…,"extensions":{"code":…}}]}`.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use crate::app::App;
use crate::auth::{self, Link};
use crate::domain::FollowUpId;
use crate::error::ServiceError;
use crate::follow_ups;

/// The invite route.
pub fn routes(app: App) -> Router {
    Router::new()
        .route("/follow-ups/{id}/invite.ics", get(invite))
        .with_state(app)
}

/// A refused request, in the GraphQL error shape with the status that
/// matches its code.
struct Refusal(ServiceError);

impl From<ServiceError> for Refusal {
    fn from(err: ServiceError) -> Self {
        Self(err)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let err = self.0;
        if let ServiceError::Internal(cause) = &err {
            tracing::error!(error = format!("{cause:#}"), "invite request failed");
        }
        let status = match &err {
            ServiceError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            ServiceError::Forbidden(_) | ServiceError::FeatureDisabled => StatusCode::FORBIDDEN,
            ServiceError::NotFound(_) => StatusCode::NOT_FOUND,
            ServiceError::BadUserInput(_) => StatusCode::BAD_REQUEST,
            ServiceError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let body =
            json!({"errors": [{"message": err.to_string(), "extensions": {"code": err.code()}}]});
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// Serves the invite as `text/calendar`, as an attachment named after the
/// follow-up.
async fn invite(
    State(app): State<App>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let id = id
        .parse()
        .map(FollowUpId)
        .map_err(|_| ServiceError::not_found(format!("follow-up {id}")))?;
    let link_token = query
        .as_deref()
        .and_then(|query| query.split('&').find_map(|p| p.strip_prefix("token=")));
    let viewer = match link_token {
        Some(token) => {
            let (org, user) = app.keys.verify_link(token, Link::Invite(id))?;
            // Loaded afresh, like an API token's viewer: a user who was
            // removed or moved to another team loses access at once.
            auth::viewer_for(&app.store, org, user).await?
        }
        None => {
            let authorization = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok());
            auth::authenticate(&app.store, &app.keys, &app.viewers, authorization).await?
        }
    };
    let calendar = follow_ups::invite(&app.store, &viewer, id).await?;
    let disposition = format!("attachment; filename=\"follow-up-{id}.ics\"");
    let disposition = HeaderValue::from_str(&disposition)
        .map_err(|err| ServiceError::Internal(anyhow::anyhow!("content disposition: {err}")))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        calendar,
    )
        .into_response())
}
