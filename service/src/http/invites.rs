//! `GET /follow-ups/{id}/invite.ics`: the calendar invite of a meeting
//! follow-up, as an iCalendar file to download or open in a calendar app.
//!
//! It takes the bearer token of the GraphQL API, or an invite token in
//! `?token=` (what `FollowUp.invite.url` carries), since a calendar app or
//! a browser opens a URL without headers. Either way it checks, on every
//! request, that the caller may see the follow-up's call; one they may not
//! see is answered exactly like a missing one (404). Errors have the
//! GraphQL shape `{"errors":[{"message":…,"extensions":{"code":…}}]}`.

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::auth::Link;
use crate::domain::FollowUpId;
use crate::error::ServiceError;
use crate::services::coaching::outreach;
use crate::services::{Ctx, Services};

/// The invite route.
pub fn routes(services: Services) -> Router {
    Router::new()
        .route("/follow-ups/{id}/invite.ics", get(invite))
        .with_state(services)
}

/// A refused request (see [`super::refused`]).
struct Refusal(ServiceError);

impl From<ServiceError> for Refusal {
    fn from(err: ServiceError) -> Self {
        Self(err)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        super::refused(self.0)
    }
}

/// Serves the invite as `text/calendar`, as an attachment named after the
/// follow-up.
async fn invite(
    State(services): State<Services>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let id = id
        .parse()
        .map(FollowUpId)
        .map_err(|_| ServiceError::not_found(format!("follow-up {id}")))?;
    let viewer =
        super::link_viewer(&services, query.as_deref(), &headers, Link::Invite(id)).await?;
    let calendar = outreach::invite(Ctx::new(&services, &viewer), id).await?;
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
