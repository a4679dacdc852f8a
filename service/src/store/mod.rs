//! Persistence on SQLite (embedded default) or PostgreSQL, from the same
//! code. Every repository function that reads or writes an organisation's
//! data takes a [`Scope`](crate::domain::Scope).

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::Context;
use callsight_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

pub mod aggregates;
pub mod analysis;
pub mod calls;
pub mod comments;
mod entity;
pub mod events;
pub mod follow_ups;
pub mod jobs;
pub mod orgs;
pub mod outbox;
pub mod results;
pub mod rollups;
mod sql;
pub mod terms;
pub mod users;

/// A statement slower than this is logged with its SQL (never its values).
const SLOW_STATEMENT: Duration = Duration::from_millis(250);

/// A connection pool to the configured database.
#[derive(Clone, Debug)]
pub struct Store {
    db: DatabaseConnection,
    statements: Arc<AtomicU64>,
    events: events::Events,
}

impl Store {
    /// Connects to `url` (`sqlite://…` or `postgres://…`). A SQLite file is
    /// created when missing and runs in WAL mode with foreign keys on.
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Self> {
        if let Some(path) = sqlite_path(url)
            && let Some(dir) = Path::new(path)
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the data folder {}", dir.display()))?;
        }
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .max_connections(max_connections.max(2))
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(|opts: SqliteConnectOptions| {
                opts.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(30))
                    // An 8 MB page cache per connection (default 2 MB): the
                    // seller page reads thousands of rollup rows.
                    .pragma("cache_size", "-8192")
            });
        let mut db = Database::connect(options)
            .await
            .with_context(|| format!("cannot connect to the database at {}", redact(url)))?;
        let statements = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&statements);
        db.set_metric_callback(move |info| {
            counter.fetch_add(1, Ordering::Relaxed);
            if info.elapsed >= SLOW_STATEMENT {
                let sql: String = info.statement.sql.chars().take(300).collect();
                tracing::warn!(elapsed_ms = info.elapsed.as_millis() as u64, %sql, "slow statement");
            }
        });
        Ok(Self {
            db,
            statements,
            events: events::Events::new(),
        })
    }

    /// Statements run through this pool since it opened: the cost of a
    /// request in round trips (a test holds the API to a fixed number).
    pub fn statements_executed(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// Applies every pending migration.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        Migrator::up(&self.db, None)
            .await
            .context("applying migrations failed")
    }

    /// Whether the database answers and every migration is applied.
    pub async fn ready(&self) -> anyhow::Result<()> {
        self.db.ping().await.context("database unreachable")?;
        let pending = Migrator::get_pending_migrations(&self.db)
            .await
            .context("reading migrations")?;
        anyhow::ensure!(pending.is_empty(), "{} migration(s) pending", pending.len());
        Ok(())
    }

    pub fn backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }

    /// A transaction that writes. On SQLite it takes the write lock at
    /// `BEGIN` (IMMEDIATE): a transaction that reads first and writes later
    /// would fail at once with "database is locked" if another connection
    /// wrote in between, instead of waiting its turn.
    pub async fn begin_write(&self) -> Result<DatabaseTransaction, sea_orm::DbErr> {
        self.db
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..TransactionOptions::default()
            })
            .await
    }

    /// Tells every subscriber, on every replica, that `event` happened;
    /// call it once the change it reports is committed.
    pub async fn publish(&self, event: events::Event) {
        self.events.publish(&self.db, event).await;
    }

    /// Events raised from now on (see [`events`]).
    pub async fn subscribe(
        &self,
    ) -> crate::error::ServiceResult<tokio::sync::broadcast::Receiver<events::Event>> {
        Ok(self.events.subscribe(&self.db).await?)
    }

    /// Live subscriptions in this process, for operators and tests that
    /// must know a subscription is listening before they raise an event.
    pub fn subscribers(&self) -> usize {
        self.events.subscribers()
    }

    /// The pool, for repository functions and transactions.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }
}

fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/x"),
            "postgres://app:***@db:5432/x"
        );
        assert_eq!(
            redact("sqlite://a/b.db?mode=rwc"),
            "sqlite://a/b.db?mode=rwc"
        );
        assert_eq!(sqlite_path("sqlite://a/b.db?mode=rwc"), Some("a/b.db"));
    }
}
