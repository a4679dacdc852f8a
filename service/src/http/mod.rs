//! HTTP: the axum router serving the GraphQL schema (queries and mutations
//! over POST, subscriptions over a websocket on the same path), GraphiQL,
//! health checks, call recordings and follow-up invites. It knows nothing of the database beyond
//! asking the store whether it is ready and reading calls through a scope.

mod invites;
mod recordings;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use async_graphql::http::ALL_WEBSOCKET_PROTOCOLS;
use async_graphql::http::GraphiQLSource;
use async_graphql_axum::{GraphQLProtocol, GraphQLRequest, GraphQLResponse, GraphQLWebSocket};
use axum::extract::ws::{WebSocketUpgrade, rejection::WebSocketUpgradeRejection};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::app::App;
use crate::auth::{self, Link, Viewer};
use crate::error::{ServiceError, ServiceResult};
use crate::graphql::{self, CallsightSchema};

/// Largest request body: a 20 MB transcript, escaped inside GraphQL JSON.
const MAX_BODY_BYTES: usize = 48 * 1024 * 1024;

struct Shared {
    app: App,
    schema: CallsightSchema,
}

/// The router for `app`.
pub fn router(app: App) -> Router {
    let schema = graphql::schema(&app);
    let recording_routes = recordings::routes(app.clone());
    let invite_routes = invites::routes(app.clone());
    let shared = Arc::new(Shared { app, schema });
    Router::new()
        .route("/graphql", get(graphql_get).post(graphql_handler))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(shared)
        // After the layer: uploads have their own cap, not the GraphQL one.
        .merge(recording_routes)
        .merge(invite_routes)
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

/// A websocket upgrade serves subscriptions (graphql-transport-ws, or the
/// older graphql-ws); any other GET gets GraphiQL.
async fn graphql_get(
    State(shared): State<Arc<Shared>>,
    protocol: Result<GraphQLProtocol, StatusCode>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    let Ok(upgrade) = upgrade else {
        return Html(
            GraphiQLSource::build()
                .endpoint("/graphql")
                .subscription_endpoint("/graphql")
                .finish(),
        )
        .into_response();
    };
    let Ok(protocol) = protocol else {
        return (
            StatusCode::BAD_REQUEST,
            "a GraphQL websocket needs the subprotocol graphql-transport-ws",
        )
            .into_response();
    };
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| async move {
            let schema = shared.schema.clone();
            let (expiry, expires) = oneshot::channel();
            let serve = GraphQLWebSocket::new(socket, schema, protocol)
                .on_connection_init(move |payload| connection_init(shared, payload, expiry))
                .serve();
            // A connection lives no longer than the token it opened with.
            let expired = async {
                match expires.await {
                    Ok(at) => tokio::time::sleep_until(at).await,
                    Err(_) => std::future::pending().await,
                }
            };
            tokio::select! {
                () = serve => {}
                () = expired => tracing::debug!("closed a websocket whose token expired"),
            }
        })
}

/// Authenticates a websocket from its `connection_init` payload, which
/// carries the API token as `Authorization` (`Bearer …`, as in the HTTP
/// header) or `token`, and says through `expiry` when that token expires.
/// A connection that fails is closed with the reason.
async fn connection_init(
    shared: Arc<Shared>,
    payload: serde_json::Value,
    expiry: oneshot::Sender<tokio::time::Instant>,
) -> async_graphql::Result<async_graphql::Data> {
    let token = ["Authorization", "authorization"]
        .iter()
        .find_map(|key| payload.get(key).and_then(|v| v.as_str()))
        .map(|header| {
            header
                .strip_prefix("Bearer ")
                .or_else(|| header.strip_prefix("bearer "))
                .unwrap_or(header)
        })
        .or_else(|| payload.get("token").and_then(|v| v.as_str()))
        .map(str::trim)
        .unwrap_or_default();
    let app = &shared.app;
    let header = format!("Bearer {token}");
    let viewer = auth::authenticate(&app.store, &app.keys, &app.viewers, Some(&header)).await?;
    let left = app.keys.verify(token)?.exp - chrono::Utc::now().timestamp();
    let left = std::time::Duration::from_secs(u64::try_from(left).unwrap_or(0));
    let _ = expiry.send(tokio::time::Instant::now() + left);
    Ok(graphql::loaders::session(&app.store, viewer))
}

async fn graphql_handler(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> Response {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let viewer = match auth::authenticate(
        &shared.app.store,
        &shared.app.keys,
        &shared.app.viewers,
        authorization,
    )
    .await
    {
        Ok(viewer) => viewer,
        Err(err) => {
            let status = if matches!(err, crate::error::ServiceError::Unauthenticated(_)) {
                StatusCode::UNAUTHORIZED
            } else {
                StatusCode::INTERNAL_SERVER_ERROR
            };
            let error: async_graphql::Error = err.into();
            let body = async_graphql::Response::from_errors(vec![
                error.into_server_error(Default::default()),
            ]);
            return (status, Json(body)).into_response();
        }
    };
    let request = graphql::loaders::install(request.into_inner(), &shared.app.store, viewer);
    let response = graphql::tag_request_errors(shared.schema.execute(request).await);
    GraphQLResponse::from(response).into_response()
}

/// Who asks for a linked resource (a recording, an invite): the user a
/// link token in `?token=` was minted for, since players and calendar apps
/// open a URL without headers, or else the API's bearer token. Both are
/// checked afresh on every request.
async fn link_viewer(
    app: &App,
    query: Option<&str>,
    headers: &HeaderMap,
    link: Link,
) -> ServiceResult<Viewer> {
    let token = query.and_then(|query| query.split('&').find_map(|p| p.strip_prefix("token=")));
    match token {
        Some(token) => {
            let (org, user) = app.keys.verify_link(token, link)?;
            auth::viewer_for(&app.store, org, user).await
        }
        None => {
            let authorization = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok());
            auth::authenticate(&app.store, &app.keys, &app.viewers, authorization).await
        }
    }
}

/// A refused request in the GraphQL error shape, with the HTTP status its
/// code stands for; an internal cause is logged, never shown.
fn refused(err: ServiceError) -> Response {
    if let ServiceError::Internal(cause) = &err {
        tracing::error!(error = format!("{cause:#}"), "request failed");
    }
    let status = match &err {
        ServiceError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
        ServiceError::Forbidden(_) | ServiceError::FeatureDisabled => StatusCode::FORBIDDEN,
        ServiceError::NotFound(_) => StatusCode::NOT_FOUND,
        ServiceError::BadUserInput(_) => StatusCode::BAD_REQUEST,
        ServiceError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    };
    error_response(status, err.code(), &err.to_string())
}

/// `{"errors":[{"message":…,"extensions":{"code":…}}]}` with `status`.
fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({"errors": [{"message": message, "extensions": {"code": code}}]});
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

async fn readyz(State(shared): State<Arc<Shared>>) -> Response {
    match shared.app.store.ready().await {
        Ok(()) => "ready".into_response(),
        Err(err) => {
            tracing::warn!(error = format!("{err:#}"), "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, format!("not ready: {err}")).into_response()
        }
    }
}
