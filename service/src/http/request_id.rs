//! A request id on every log line of a request. The id is the request's
//! `x-request-id` when a client or a proxy in front sends one, else a new
//! UUID; the request runs inside a span that carries it, and the response
//! returns it in `x-request-id`, so a client's report and the log meet.

use axum::Router;
use axum::http::Request;
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::TraceLayer;
use tracing::Span;

/// `router` with request ids and a span around every request.
pub(super) fn traced(router: Router) -> Router {
    // The last layer added runs first: the id is set before the span opens.
    router
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// The span of one request: its id, method and path. Never the query
/// string, which may carry a recording or invite token.
fn request_span<B>(request: &Request<B>) -> Span {
    let id = request
        .extensions()
        .get::<RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "http",
        id = %id,
        method = %request.method(),
        path = %request.uri().path(),
    )
}
