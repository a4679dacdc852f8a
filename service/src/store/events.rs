//! Live events for GraphQL subscriptions, carried by the database so that
//! every replica sharing it hears them (docs/architecture.md#live-events). On PostgreSQL an event
//! is a `NOTIFY` that each process `LISTEN`s for, its own included; on the
//! embedded SQLite file there is one process, so events stay in memory.
//!
//! Events are live notifications, not a log: a subscriber that is not
//! connected when one is raised does not get it, and re-reads the API when
//! it reconnects. They carry ids only; subscribers read what they may see
//! through their own scope.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use serde::{Deserialize, Serialize};
use tokio::sync::{OnceCell, broadcast};

use super::comments::Comment;
use crate::domain::{CallId, OrgId};

/// The PostgreSQL channel every replica listens on.
const CHANNEL: &str = "callsight_events";

/// Events a slow subscriber may fall behind by before it skips some.
const BUFFER: usize = 1024;

/// Something that happened that subscribers may want to know about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// A comment or a reply was added to a call of `seller`.
    CommentAdded {
        org: i64,
        call: i64,
        seller: i64,
        author: i64,
        comment: i64,
    },
    /// A call's analysis finished, successfully or not.
    AnalysisFinished { org: i64, call: i64 },
}

impl Event {
    /// `comment` was added: its call, the call's seller and its author.
    pub fn comment_added(org: OrgId, comment: &Comment) -> Self {
        Self::CommentAdded {
            org: org.0,
            call: comment.call().0,
            seller: comment.seller().0,
            author: comment.author().0,
            comment: comment.id().0,
        }
    }

    pub fn analysis_finished(org: OrgId, call: CallId) -> Self {
        Self::AnalysisFinished {
            org: org.0,
            call: call.0,
        }
    }

    /// The organisation it happened in: subscribers never hear another's.
    pub fn org(&self) -> OrgId {
        match self {
            Self::CommentAdded { org, .. } | Self::AnalysisFinished { org, .. } => OrgId(*org),
        }
    }
}

/// Raises events and hands out subscriptions to them.
#[derive(Clone, Debug)]
pub struct Events {
    sender: broadcast::Sender<Event>,
    /// Set once this process listens, on PostgreSQL only.
    listening: Arc<OnceCell<()>>,
}

impl Events {
    pub(super) fn new() -> Self {
        Self {
            sender: broadcast::channel(BUFFER).0,
            listening: Arc::default(),
        }
    }

    /// Raises `event` after the change it reports has been committed. On
    /// PostgreSQL every replica receives it, this one through its listener.
    /// A failure is logged, not returned: the change itself has happened.
    pub(super) async fn publish(&self, db: &DatabaseConnection, event: Event) {
        if db.get_database_backend() != DbBackend::Postgres {
            // No receiver is not an error: nobody is subscribed.
            let _ = self.sender.send(event);
            return;
        }
        let payload = match serde_json::to_string(&event) {
            Ok(payload) => payload,
            Err(err) => {
                tracing::error!(error = %err, "cannot encode an event");
                return;
            }
        };
        let notify = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [CHANNEL.into(), payload.into()],
        );
        if let Err(err) = db.execute_raw(notify).await {
            tracing::warn!(error = %err, "cannot raise an event; live subscribers miss it");
        }
    }

    /// Every event raised from now on, in any organisation; the caller
    /// filters by its viewer's. On PostgreSQL the first subscription starts
    /// this process's listener and returns once it listens, so an event
    /// raised on another replica right after is not missed.
    pub(super) async fn subscribe(
        &self,
        db: &DatabaseConnection,
    ) -> anyhow::Result<broadcast::Receiver<Event>> {
        if db.get_database_backend() == DbBackend::Postgres {
            let pool = db.get_postgres_connection_pool();
            self.listening
                .get_or_try_init(|| async {
                    let mut listener = PgListener::connect_with(pool)
                        .await
                        .context("connecting the event listener")?;
                    listener
                        .listen(CHANNEL)
                        .await
                        .context("listening for events")?;
                    tokio::spawn(forward(listener, self.sender.clone()));
                    anyhow::Ok(())
                })
                .await?;
        }
        Ok(self.sender.subscribe())
    }

    /// Subscriptions open in this process.
    pub(super) fn subscribers(&self) -> usize {
        self.sender.receiver_count()
    }
}

/// Forwards this database's notifications to the process's subscribers for
/// as long as the process runs. The listener reconnects (and listens again)
/// by itself when the connection drops.
async fn forward(mut listener: PgListener, sender: broadcast::Sender<Event>) {
    loop {
        match listener.recv().await {
            Ok(notification) => match serde_json::from_str(notification.payload()) {
                Ok(event) => {
                    let _ = sender.send(event);
                }
                Err(err) => {
                    tracing::warn!(error = %err, "ignoring an event this version cannot read")
                }
            },
            Err(err) => {
                tracing::warn!(error = %err, "the event listener lost its connection; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}
