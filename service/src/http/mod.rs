//! HTTP: the axum router serving the GraphQL API ([`api`]), health
//! checks, call recordings and follow-up invites. It knows nothing of the
//! database beyond asking the store whether it is ready and reading what a
//! viewer may see through their scope.

mod api;
mod invites;
mod recordings;
mod request_id;

use std::net::SocketAddr;

use anyhow::Context;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use tokio::net::TcpListener;

use crate::app::App;
use crate::auth::{Link, Viewer};
use crate::error::{ServiceError, ServiceResult};
use crate::services::{Services, people};

/// The router for `app`, every request with an id and a span.
pub fn router(app: App) -> Router {
    let services = Services::new(&app);
    request_id::traced(
        Router::new()
            .route("/healthz", get(healthz))
            .route("/readyz", get(readyz))
            .with_state(services.clone())
            .merge(api::routes(services.clone()))
            .merge(recordings::routes(services.clone()))
            .merge(invites::routes(services)),
    )
}

/// Serves `app` on `listener` until SIGINT or SIGTERM, then finishes the
/// requests in flight.
pub async fn serve(app: App, listener: TcpListener) -> anyhow::Result<()> {
    let addr: SocketAddr = listener.local_addr()?;
    tracing::info!(%addr, "Callsight listening; GraphiQL at http://{addr}/graphql");
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("server failed")
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Who asks for a linked resource (a recording, an invite): the user a
/// link token in `?token=` was minted for, since players and calendar apps
/// open a URL without headers, or else the API's bearer token. Both are
/// checked afresh on every request.
async fn link_viewer(
    services: &Services,
    query: Option<&str>,
    headers: &HeaderMap,
    link: Link,
) -> ServiceResult<Viewer> {
    let token = query.and_then(|query| query.split('&').find_map(|p| p.strip_prefix("token=")));
    match token {
        Some(token) => people::authenticate_link(services, token, link).await,
        None => people::authenticate(services, authorization(headers)).await,
    }
}

/// The `Authorization` header's value, if it is text.
fn authorization(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
}

/// A refused request in the GraphQL error shape, with the HTTP status its
/// code stands for; an internal cause is logged under an id the body
/// carries as `extensions.errorId`, never shown.
fn refused(err: ServiceError) -> Response {
    let id = err.log_internal("internal error while serving an HTTP request");
    let status = match &err {
        ServiceError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
        ServiceError::Forbidden(_) | ServiceError::FeatureDisabled => StatusCode::FORBIDDEN,
        ServiceError::NotFound(_) => StatusCode::NOT_FOUND,
        ServiceError::BadUserInput(_) => StatusCode::BAD_REQUEST,
        ServiceError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let mut extensions = serde_json::json!({"code": err.code()});
    if let Some(id) = id {
        extensions["errorId"] = id.as_str().into();
    }
    error_body(status, &err.to_string(), extensions)
}

/// `{"errors":[{"message":…,"extensions":{"code":…}}]}` with `status`.
fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    error_body(status, message, serde_json::json!({ "code": code }))
}

fn error_body(status: StatusCode, message: &str, extensions: serde_json::Value) -> Response {
    let body = serde_json::json!({"errors": [{"message": message, "extensions": extensions}]});
    let mut response = (status, Json(body)).into_response();
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            axum::http::HeaderValue::from_static("Bearer"),
        );
    }
    response
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(services): State<Services>) -> Response {
    match services.ready().await {
        Ok(()) => "ready".into_response(),
        Err(err) => {
            tracing::warn!(error = format!("{err:#}"), "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, format!("not ready: {err}")).into_response()
        }
    }
}
