//! The service layer: every use case of Callsight, one module per area.
//!
//! A public function takes a [`Ctx`] (who asks, with their
//! [`Scope`](crate::domain::Scope), and the service's shared parts) and plain
//! inputs, checks the role through the scope's helpers, reads and writes
//! through the store, keeps the caches in step, and returns domain types or a
//! [`ServiceError`](crate::error::ServiceError). The GraphQL and HTTP layers
//! call these functions and nothing below them (docs/architecture.md).

pub mod calls;
pub mod coaching;
pub mod people;
pub mod recordings;
pub mod reports;
pub mod settings;
pub mod setup;

use std::sync::Arc;

use crate::analysis::Analysis;
use crate::app::App;
use crate::auth::{TokenKeys, Viewer, ViewerCache};
use crate::domain::Scope;
use crate::error::{ServiceError, ServiceResult};
use crate::mail::Outbox;
use crate::store::Store;

use recordings::Recordings;
use reports::BaselineCache;

/// What the store announces after a commit; subscriptions read what an
/// event names through their own scope.
pub use crate::store::events::Event;

/// The parts every use case may need, opened once per process; cheap to
/// clone (handles and `Arc`s).
#[derive(Clone, Debug)]
pub struct Services {
    store: Store,
    keys: TokenKeys,
    analysis: Arc<Analysis>,
    viewers: Arc<ViewerCache>,
    baselines: Arc<BaselineCache>,
    recordings: Recordings,
    outbox: Option<Outbox>,
}

impl Services {
    /// The services of a running `app`, with caches of their own.
    pub fn new(app: &App) -> Self {
        Self {
            store: app.store.clone(),
            keys: app.keys.clone(),
            analysis: Arc::clone(&app.analysis),
            viewers: Arc::clone(&app.viewers),
            baselines: Arc::default(),
            recordings: Recordings::new(&app.config.data_dir),
            outbox: app.outbox.clone(),
        }
    }

    /// The loaded analyzers and the queue that runs them.
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// The organisation-wide comparisons shared by all requests.
    pub(crate) fn baselines(&self) -> &BaselineCache {
        &self.baselines
    }

    /// The mail outbox, when SMTP is configured: e-mails are then queued
    /// with the writes that cause them.
    pub(crate) fn outbox(&self) -> Option<&Outbox> {
        self.outbox.as_ref()
    }

    /// The events of every organisation from now on (subscriptions filter
    /// their own).
    pub async fn subscribe(&self) -> ServiceResult<tokio::sync::broadcast::Receiver<Event>> {
        self.store.subscribe().await
    }

    /// The uploaded recordings.
    pub fn recordings(&self) -> &Recordings {
        &self.recordings
    }

    /// The token keys, for minting links.
    pub fn keys(&self) -> &TokenKeys {
        &self.keys
    }

    /// Whether the database answers (readiness).
    pub async fn ready(&self) -> anyhow::Result<()> {
        self.store.ready().await
    }
}

/// Who asks, and the parts to answer with: what every service function
/// takes. Borrowed, so building one per request or per batch costs nothing.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    services: &'a Services,
    scope: &'a Scope,
    viewer: Option<&'a Viewer>,
}

impl<'a> Ctx<'a> {
    /// A signed-in viewer's context.
    pub fn new(services: &'a Services, viewer: &'a Viewer) -> Self {
        Self {
            services,
            scope: &viewer.scope,
            viewer: Some(viewer),
        }
    }

    /// The context of the person at the machine running the CLI, trusted
    /// with the organisation `scope` names and no user of it.
    pub fn local_operator(services: &'a Services, scope: &'a Scope) -> Self {
        Self {
            services,
            scope,
            viewer: None,
        }
    }

    /// The caller's reach.
    pub fn scope(&self) -> &'a Scope {
        self.scope
    }

    /// The signed-in viewer; the local operator is none.
    pub fn viewer(&self) -> ServiceResult<&'a Viewer> {
        self.viewer
            .ok_or_else(|| ServiceError::Unauthenticated("authentication required".into()))
    }

    pub(crate) fn services(&self) -> &'a Services {
        self.services
    }

    pub(crate) fn store(&self) -> &'a Store {
        &self.services.store
    }

    /// Forgets the cached viewers of the caller's organisation: people,
    /// the hierarchy or settings changed.
    fn forget_viewers(&self) {
        self.services.viewers.forget_org(self.scope.org());
    }
}
