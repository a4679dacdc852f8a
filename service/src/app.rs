//! The running service's shared parts, opened once per process.

use anyhow::Context;

use crate::auth::{TokenKeys, load_or_create_secret};
use crate::config::Config;
use crate::store::Store;

/// Configuration, database and token keys.
#[derive(Clone, Debug)]
pub struct App {
    pub config: Config,
    pub store: Store,
    pub keys: TokenKeys,
}

impl App {
    /// Connects to the database, applies migrations and loads the token
    /// secret.
    pub async fn open(config: Config) -> anyhow::Result<Self> {
        let store = Store::connect(&config.database_url(), config.max_connections).await?;
        store.migrate().await?;
        let secret = load_or_create_secret(config.auth.jwt_secret.as_deref(), &config.data_dir)
            .context("loading the token secret")?;
        Ok(Self {
            keys: TokenKeys::new(&secret),
            store,
            config,
        })
    }
}
