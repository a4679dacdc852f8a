//! While an organisation has conversation intelligence switched off, every
//! root field outside [`ALWAYS_ON`] answers `FEATURE_DISABLED`. The gate
//! sits on the schema, so a field added later is gated without remembering.

use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo,
};
use async_graphql::{ServerResult, Value};

use crate::auth::Viewer;
use crate::error::ServiceError;

/// Root fields that work with the feature off: who am I, the organisation,
/// and what an admin needs to set it up.
const ALWAYS_ON: &[&str] = &[
    "me",
    "organization",
    "updateOrganizationSettings",
    "createUser",
    "updateUser",
    "users",
];

pub struct FeatureGate;

impl ExtensionFactory for FeatureGate {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(FeatureGate)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for FeatureGate {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        let is_root = info.path_node.parent.is_none();
        if is_root && !info.is_for_introspection && !ALWAYS_ON.contains(&info.name) {
            let enabled = ctx
                .data_opt::<Viewer>()
                .is_some_and(|v| v.organization.settings.conversation_intelligence);
            if !enabled {
                let err: async_graphql::Error = ServiceError::FeatureDisabled.into();
                let mut err = err.into_server_error(info.field.name.pos);
                err.path = vec![async_graphql::PathSegment::Field(
                    info.alias.unwrap_or(info.name).to_owned(),
                )];
                return Err(err);
            }
        }
        next.run(ctx, info).await
    }
}
