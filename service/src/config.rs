//! Runtime configuration: defaults < config file (`--config`, TOML) <
//! `DATABASE_URL` < `CALLSIGHT_*` environment < command-line flags.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

use crate::analysis::{PluginLimits, WorkerSettings};
use crate::mail::{OutboxSettings, SmtpConfig};
use crate::store::outbox::RetryPolicy;

/// Everything the service reads at start-up.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Folder for the embedded database, the token secret and uploads.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; absent means the embedded SQLite
    /// file `callsight.db` in `data_dir`.
    pub database: Option<String>,
    /// Address `serve` listens on.
    pub bind: SocketAddr,
    /// Connections in the database pool.
    pub max_connections: u32,
    pub auth: AuthConfig,
    pub plugins: PluginsConfig,
    pub analysis: AnalysisConfig,
    /// The SMTP server e-mail goes through; absent, nobody is e-mailed.
    pub smtp: Option<SmtpConfig>,
    pub outbox: OutboxConfig,
}

/// The e-mail outbox worker of this process (used when `smtp` is set).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutboxConfig {
    /// How often an idle worker looks for messages whose retry is due or
    /// that other processes queued.
    pub poll_ms: u64,
    /// Attempts after which a message that keeps failing is given up.
    pub max_attempts: i32,
    /// How long claimed messages are this process's; longer than
    /// `smtp.timeout_ms`. Messages of a process that died are sent after it.
    pub lease_ms: u64,
    /// Wait after a first failed attempt; it doubles with each further
    /// one, up to an hour.
    pub retry_base_ms: u64,
}

impl Default for OutboxConfig {
    fn default() -> Self {
        Self {
            poll_ms: 5_000,
            max_attempts: 8,
            lease_ms: 60_000,
            retry_base_ms: 30_000,
        }
    }
}

impl OutboxConfig {
    pub fn settings(&self) -> OutboxSettings {
        OutboxSettings {
            poll: std::time::Duration::from_millis(self.poll_ms),
            lease: std::time::Duration::from_millis(self.lease_ms),
            retry: RetryPolicy {
                max_attempts: self.max_attempts,
                base: std::time::Duration::from_millis(self.retry_base_ms),
            },
        }
    }
}

/// The analysis workers of this process.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalysisConfig {
    /// Jobs this process analyses at once.
    pub workers: usize,
    /// How long a claimed job is this process's; a job whose process died
    /// is taken up again after it.
    pub lease_ms: u64,
    /// How often an idle worker looks for jobs other processes queued.
    pub poll_ms: u64,
    /// Claims after which a job that keeps erroring is marked failed.
    pub max_attempts: i32,
}

impl Default for AnalysisConfig {
    fn default() -> Self {
        Self {
            workers: 2,
            lease_ms: 120_000,
            poll_ms: 1_000,
            max_attempts: 5,
        }
    }
}

impl AnalysisConfig {
    pub fn settings(&self) -> WorkerSettings {
        WorkerSettings {
            workers: self.workers,
            lease: std::time::Duration::from_millis(self.lease_ms),
            poll: std::time::Duration::from_millis(self.poll_ms),
            max_attempts: self.max_attempts,
        }
    }
}

/// Where analyzer plugins come from and the bounds on every call into them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PluginsConfig {
    /// Folder of plugin libraries; default: the folder of the running
    /// `callsight` executable.
    pub dir: Option<PathBuf>,
    /// Longest an analyzer may take on one call.
    pub timeout_ms: u64,
    /// Largest result an analyzer may return for one call.
    pub max_output_bytes: usize,
    /// Calls of one analyzer running at once.
    pub concurrency: usize,
}

impl Default for PluginsConfig {
    fn default() -> Self {
        let limits = PluginLimits::default();
        Self {
            dir: None,
            timeout_ms: limits.timeout_ms,
            max_output_bytes: limits.max_output_bytes,
            concurrency: limits.concurrency,
        }
    }
}

impl PluginsConfig {
    pub fn limits(&self) -> PluginLimits {
        PluginLimits {
            timeout_ms: self.timeout_ms,
            max_output_bytes: self.max_output_bytes,
            concurrency: self.concurrency,
        }
    }
}

/// Token settings (docs/security.md#tokens, dev mode).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthConfig {
    /// HS256 secret. When absent one is generated once and kept in
    /// `data_dir/jwt-secret`, so tokens survive restarts.
    pub jwt_secret: Option<String>,
    /// Lifetime of tokens minted by `callsight token`, `init` and `demo`.
    pub token_ttl_hours: u32,
}

impl AuthConfig {
    /// How long a minted token is valid.
    pub fn token_ttl(&self) -> std::time::Duration {
        std::time::Duration::from_secs(u64::from(self.token_ttl_hours) * 3600)
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("callsight-data"),
            database: None,
            bind: SocketAddr::from(([127, 0, 0, 1], 8000)),
            max_connections: 8,
            auth: AuthConfig {
                jwt_secret: None,
                token_ttl_hours: 24 * 30,
            },
            plugins: PluginsConfig::default(),
            analysis: AnalysisConfig::default(),
            smtp: None,
            outbox: OutboxConfig::default(),
        }
    }
}

/// Values given on the command line; they win over every other source.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<SocketAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plugins: Option<PluginsOverride>,
}

/// `--plugins DIR`.
#[derive(Debug, Clone, Serialize)]
pub struct PluginsOverride {
    pub dir: PathBuf,
}

impl Config {
    /// Reads the layered configuration.
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> anyhow::Result<Self> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            anyhow::ensure!(
                file.is_file(),
                "config file {} does not exist",
                file.display()
            );
            figment = figment.merge(Toml::file_exact(file));
        }
        figment = figment
            .merge(
                Env::raw()
                    .only(&["DATABASE_URL"])
                    .map(|_| "database".into()),
            )
            .merge(
                Env::prefixed("CALLSIGHT_")
                    .filter(|key| is_config_key(key.as_str()))
                    .split("__"),
            )
            .merge(Serialized::defaults(overrides));
        figment.extract().context("invalid configuration")
    }

    /// The database URL to connect to, the embedded default included.
    pub fn database_url(&self) -> String {
        match &self.database {
            Some(url) => url.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("callsight.db").display()
            ),
        }
    }
}

/// Top-level keys of [`Config`]: other `CALLSIGHT_*` variables (`CALLSIGHT_LOG`,
/// the test suite's) are not configuration.
const CONFIG_KEYS: &[&str] = &[
    "data_dir",
    "database",
    "bind",
    "max_connections",
    "auth",
    "plugins",
    "analysis",
    "smtp",
    "outbox",
];

fn is_config_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    CONFIG_KEYS.iter().any(|k| {
        key == *k
            || key
                .strip_prefix(k)
                .is_some_and(|rest| rest.starts_with("__"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::result_large_err)] // figment's Jail closure returns figment::Error
    fn layers_apply_in_order() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("CALLSIGHT_PLUGINS__TIMEOUT_MS", "2500");
            jail.create_file(
                "callsight.toml",
                "bind = \"127.0.0.1:9000\"\nmax_connections = 3\n[auth]\ntoken_ttl_hours = 5\n",
            )?;
            jail.set_env("DATABASE_URL", "postgres://from-database-url");
            jail.set_env("CALLSIGHT_MAX_CONNECTIONS", "4");
            jail.set_env("CALLSIGHT_AUTH__TOKEN_TTL_HOURS", "6");
            jail.set_env("CALLSIGHT_LOG", "debug");
            let config = Config::load(Some(Path::new("callsight.toml")), &Overrides::default())
                .map_err(|e| format!("{e:#}"))?;
            assert_eq!(config.bind, SocketAddr::from(([127, 0, 0, 1], 9000)));
            assert_eq!(config.max_connections, 4);
            assert_eq!(config.auth.token_ttl_hours, 6);
            assert_eq!(config.plugins.timeout_ms, 2500);
            assert_eq!(config.plugins.max_output_bytes, 16 * 1024 * 1024);
            assert_eq!(
                config.database.as_deref(),
                Some("postgres://from-database-url")
            );

            jail.set_env("CALLSIGHT_DATABASE", "postgres://from-callsight-env");
            let overrides = Overrides {
                bind: Some(SocketAddr::from(([127, 0, 0, 1], 9001))),
                ..Default::default()
            };
            let config = Config::load(Some(Path::new("callsight.toml")), &overrides)
                .map_err(|e| e.to_string())?;
            assert_eq!(
                config.database.as_deref(),
                Some("postgres://from-callsight-env")
            );
            assert_eq!(config.bind.port(), 9001);
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)] // figment's Jail closure returns figment::Error
    fn smtp_comes_from_the_file_and_the_environment() {
        figment::Jail::expect_with(|jail| {
            let config = Config::load(None, &Overrides::default()).map_err(|e| e.to_string())?;
            assert!(config.smtp.is_none(), "no e-mail unless configured");
            assert_eq!(config.outbox.poll_ms, 5_000);

            jail.create_file(
                "callsight.toml",
                "[smtp]\nhost = \"mail.acme.example\"\nfrom = \"Callsight <coach@acme.example>\"\n\
                 username = \"coach\"\n[outbox]\nmax_attempts = 3\n",
            )?;
            jail.set_env("CALLSIGHT_SMTP__PASSWORD", "s3cret");
            jail.set_env("CALLSIGHT_SMTP__TLS", "tls");
            jail.set_env("CALLSIGHT_OUTBOX__RETRY_BASE_MS", "1000");
            let config = Config::load(Some(Path::new("callsight.toml")), &Overrides::default())
                .map_err(|e| format!("{e:#}"))?;
            let smtp = config.smtp.expect("smtp configured");
            assert_eq!(smtp.host, "mail.acme.example");
            assert_eq!(smtp.username.as_deref(), Some("coach"));
            assert_eq!(smtp.password.as_deref(), Some("s3cret"));
            assert_eq!((smtp.tls, smtp.port()), (crate::mail::SmtpTls::Tls, 465));
            let settings = config.outbox.settings();
            assert_eq!(settings.retry.max_attempts, 3);
            assert_eq!(settings.retry.base, std::time::Duration::from_secs(1));
            assert_eq!(settings.lease, std::time::Duration::from_secs(60));

            // Environment alone configures SMTP too.
            jail.clear_env();
            jail.set_env("CALLSIGHT_SMTP__HOST", "127.0.0.1");
            jail.set_env("CALLSIGHT_SMTP__PORT", "2525");
            jail.set_env("CALLSIGHT_SMTP__FROM", "coach@acme.example");
            let config = Config::load(None, &Overrides::default()).map_err(|e| format!("{e:#}"))?;
            let smtp = config.smtp.expect("smtp from the environment");
            assert_eq!((smtp.host.as_str(), smtp.port()), ("127.0.0.1", 2525));

            jail.set_env("CALLSIGHT_SMTP__HOSTNAME", "typo");
            assert!(
                Config::load(None, &Overrides::default()).is_err(),
                "unknown keys are refused"
            );
            Ok(())
        });
    }

    #[test]
    fn defaults_to_embedded_sqlite_on_loopback() {
        let config = Config::default();
        assert_eq!(config.bind.to_string(), "127.0.0.1:8000");
        assert_eq!(
            config.database_url(),
            "sqlite://callsight-data/callsight.db?mode=rwc"
        );
    }
}
