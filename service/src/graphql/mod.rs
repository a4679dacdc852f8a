//! The GraphQL API: a thin layer over the service layer. Resolvers read the
//! verified [`Viewer`](crate::auth::Viewer) from the request and pass its
//! scope down; they never take an organisation from the client.

mod context;
mod error;
mod feature_gate;
pub mod loaders;
mod mutation;
mod query;
mod types;

use async_graphql::{EmptySubscription, Schema, SchemaBuilder};

pub use error::tag_request_errors;
pub use mutation::Mutation;
pub use query::Query;

use std::sync::Arc;

use crate::analysis::Analysis;
use crate::store::Store;

/// Deepest selection a query may nest (DESIGN §9: limits on by default).
pub const MAX_DEPTH: usize = 12;

/// The executable schema.
pub type CallsightSchema = Schema<Query, Mutation, EmptySubscription>;

fn builder() -> SchemaBuilder<Query, Mutation, EmptySubscription> {
    Schema::build(Query, Mutation, EmptySubscription)
        .extension(feature_gate::FeatureGate)
        .limit_depth(MAX_DEPTH)
}

/// The schema serving `store` with `analysis`'s analyzers.
pub fn schema(store: Store, analysis: Arc<Analysis>) -> CallsightSchema {
    builder().data(store).data(analysis).finish()
}

/// The schema's SDL, as committed in `schema.graphql`.
pub fn sdl() -> String {
    builder().finish().sdl()
}
