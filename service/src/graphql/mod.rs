//! The GraphQL API: a thin layer over the service layer. Resolvers read the
//! verified [`Viewer`](crate::auth::Viewer) from the request and pass its
//! scope down; they never take an organisation from the client.

mod context;
mod error;
mod feature_gate;
pub mod loaders;
mod mutation;
mod query;
mod subscription;
mod types;

use async_graphql::{Schema, SchemaBuilder};

pub use error::tag_request_errors;
pub use mutation::Mutation;
pub use query::Query;
pub use subscription::Subscription;

use crate::services::Services;

/// Deepest selection a query may nest (docs/security.md#limits: limits on by default).
pub const MAX_DEPTH: usize = 12;

/// Most a query may cost: every field costs 1, and a list costs its
/// selection times its page size, so one request cannot ask for a
/// hundred calls with a hundred comments each.
pub const MAX_COMPLEXITY: usize = 20_000;

/// The cost of a list field: its selection once per item of the page
/// (`first`, or `default` when absent).
pub fn page_cost(first: Option<i32>, default: i32, child_complexity: usize) -> usize {
    let items = first.unwrap_or(default).max(1) as usize;
    items.saturating_mul(child_complexity).saturating_add(1)
}

/// The executable schema.
pub type CallsightSchema = Schema<Query, Mutation, Subscription>;

fn builder() -> SchemaBuilder<Query, Mutation, Subscription> {
    Schema::build(Query, Mutation::default(), Subscription)
        // Spans for parsing, validation, execution and each non-leaf field,
        // inside the request's span (see `http::request_id`).
        .extension(async_graphql::extensions::Tracing)
        .extension(feature_gate::FeatureGate)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
}

/// The schema over the service layer.
pub fn schema(services: &Services) -> CallsightSchema {
    builder().data(services.clone()).finish()
}

/// The schema's SDL, as committed in `schema.graphql`.
pub fn sdl() -> String {
    builder().finish().sdl()
}
