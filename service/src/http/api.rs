//! `/graphql`: queries and mutations over POST, subscriptions over a
//! websocket on the same path (graphql-transport-ws, or the older
//! graphql-ws), and GraphiQL for a browser's GET. Every request runs as the
//! viewer its token names.

use std::sync::Arc;

use async_graphql::http::{ALL_WEBSOCKET_PROTOCOLS, GraphiQLSource};
use async_graphql_axum::{GraphQLProtocol, GraphQLRequest, GraphQLResponse, GraphQLWebSocket};
use axum::Router;
use axum::extract::ws::{WebSocketUpgrade, rejection::WebSocketUpgradeRejection};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use tokio::sync::oneshot;
use tracing::Instrument;

use crate::error::ServiceError;
use crate::graphql::{self, CallsightSchema};
use crate::services::{Services, people};

/// Largest request body: a 20 MB transcript, escaped inside GraphQL JSON.
const MAX_BODY_BYTES: usize = 48 * 1024 * 1024;

struct Shared {
    services: Services,
    schema: CallsightSchema,
}

/// The `/graphql` route, with its body limit.
pub(super) fn routes(services: Services) -> Router {
    let schema = graphql::schema(&services);
    Router::new()
        .route("/graphql", get(graphql_get).post(graphql_handler))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(Arc::new(Shared { services, schema }))
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
    // The connection outlives this handler on a task of its own; its log
    // lines keep the id of the request that opened it.
    let span = tracing::Span::current();
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| {
            async move {
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
            }
            .instrument(span)
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
        .filter(|token| !token.is_empty())
        .ok_or_else(|| {
            ServiceError::Unauthenticated(
                "authentication required: send the token in connection_init as                  {\"Authorization\": \"Bearer <token>\"}"
                    .into(),
            )
        })?;
    let (viewer, claims) = people::authenticate_token(&shared.services, token).await?;
    let left = claims.exp - chrono::Utc::now().timestamp();
    let left = std::time::Duration::from_secs(u64::try_from(left).unwrap_or(0));
    let _ = expiry.send(tokio::time::Instant::now() + left);
    Ok(graphql::loaders::session(&shared.services, viewer))
}

async fn graphql_handler(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> Response {
    let viewer = match people::authenticate(&shared.services, super::authorization(&headers)).await
    {
        Ok(viewer) => viewer,
        Err(err) => return super::refused(err),
    };
    let request = graphql::loaders::install(request.into_inner(), &shared.services, viewer);
    let response = graphql::tag_request_errors(shared.schema.execute(request).await);
    GraphQLResponse::from(response).into_response()
}
