//! The running service's shared parts, opened once per process.

use anyhow::Context;

use std::sync::Arc;

use crate::analysis::{Analysis, PluginHost};
use crate::auth::{TokenKeys, ViewerCache, load_or_create_secret};
use crate::config::Config;
use crate::store::Store;

/// Configuration, database, token keys and analyzers.
#[derive(Clone, Debug)]
pub struct App {
    pub config: Config,
    pub store: Store,
    pub keys: TokenKeys,
    pub analysis: Arc<Analysis>,
    /// Viewers loaded recently, shared by the HTTP routes and the API.
    pub viewers: Arc<ViewerCache>,
    /// Wakes the e-mail outbox worker; present when SMTP is configured.
    pub outbox: Option<crate::mail::Outbox>,
}

impl App {
    /// Connects to the database, applies migrations and loads the token
    /// secret; no analyzers are loaded (commands that analyse nothing).
    pub async fn open(config: Config) -> anyhow::Result<Self> {
        let store = Store::connect(&config.database_url(), config.max_connections).await?;
        store.migrate().await?;
        let secret = load_or_create_secret(config.auth.jwt_secret.as_deref(), &config.data_dir)
            .context("loading the token secret")?;
        let analysis = Arc::new(Analysis::new(PluginHost::none(config.plugins.limits())));
        let outbox = config.smtp.as_ref().map(|_| crate::mail::Outbox::default());
        Ok(Self {
            keys: TokenKeys::new(&secret),
            store,
            config,
            analysis,
            viewers: Arc::default(),
            outbox,
        })
    }

    /// [`App::open`], then loads the analyzer plugins the configuration
    /// names (default: the folder of the running executable).
    pub async fn open_with_plugins(config: Config) -> anyhow::Result<Self> {
        let host = load_plugins(&config)?;
        let mut app = Self::open(config).await?;
        app.analysis = Arc::new(Analysis::new(host));
        Ok(app)
    }
}

/// The plugin host for the configured folder (default: the folder of the
/// running executable).
pub fn load_plugins(config: &Config) -> anyhow::Result<PluginHost> {
    let dir = match &config.plugins.dir {
        Some(dir) => dir.clone(),
        None => PluginHost::default_dir()
            .context("cannot find the folder of the callsight executable")?,
    };
    Ok(PluginHost::load(&dir, config.plugins.limits())?)
}
