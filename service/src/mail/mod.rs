//! E-mail through SMTP. Messages wait in the durable outbox
//! ([`crate::store::outbox`]); one worker per process claims the due ones
//! and sends them through the configured server, retrying with backoff, so
//! a mutation that e-mails someone never waits for the mail server.

mod worker;

use std::fmt;
use std::time::Duration;

use anyhow::Context;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use serde::{Deserialize, Serialize};

pub use worker::{Outbox, OutboxSettings, OutboxWorker, spawn_outbox_worker};

/// The SMTP server e-mail goes through (`[smtp]`).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    /// Default 587, or 465 with `tls = "tls"`.
    #[serde(default)]
    pub port: Option<u16>,
    /// Credentials, when the server wants them.
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<String>,
    /// Sender of every message: an address, optionally with a display
    /// name (`Callsight <coach@acme.example>`).
    pub from: String,
    #[serde(default)]
    pub tls: SmtpTls,
    /// Longest one delivery may take, connection included.
    #[serde(default = "default_timeout_ms")]
    pub timeout_ms: u64,
}

fn default_timeout_ms() -> u64 {
    15_000
}

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain TCP: only for a relay on the same host or network.
    None,
    /// Plain TCP upgraded with STARTTLS, which must succeed.
    #[default]
    Starttls,
    /// TLS from the first byte (SMTPS).
    Tls,
}

// Written by hand so the password never reaches a log.
impl fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("from", &self.from)
            .field("tls", &self.tls)
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

impl SmtpConfig {
    /// The port to connect to, the default for the TLS mode included.
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(match self.tls {
            SmtpTls::Tls => 465,
            SmtpTls::None | SmtpTls::Starttls => 587,
        })
    }

    /// The sender, parsed.
    pub fn from_mailbox(&self) -> anyhow::Result<Mailbox> {
        self.from
            .parse()
            .with_context(|| format!("smtp.from `{}` is not an e-mail address", self.from))
    }

    /// A transport for this server; it connects per message.
    pub fn transport(&self) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
        let builder = match self.tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host),
            SmtpTls::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&self.host)
                    .with_context(|| format!("cannot set up STARTTLS to {}", self.host))?
            }
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&self.host)
                .with_context(|| format!("cannot set up TLS to {}", self.host))?,
        };
        let mut builder = builder
            .port(self.port())
            .timeout(Some(Duration::from_millis(self.timeout_ms)));
        if let Some(username) = &self.username {
            builder = builder.credentials(Credentials::new(
                username.clone(),
                self.password.clone().unwrap_or_default(),
            ));
        }
        Ok(builder.build())
    }
}

#[cfg(test)]
mod tests {
    use figment::providers::{Format, Toml};

    use super::*;

    fn config(toml: &str) -> SmtpConfig {
        figment::Figment::from(Toml::string(toml))
            .extract()
            .unwrap()
    }

    #[test]
    fn defaults_follow_the_tls_mode() {
        let smtp =
            config("host = \"mail.acme.example\"\nfrom = \"Callsight <coach@acme.example>\"");
        assert_eq!(
            (smtp.tls, smtp.port(), smtp.timeout_ms),
            (SmtpTls::Starttls, 587, 15_000)
        );
        let from = smtp.from_mailbox().unwrap();
        assert_eq!(
            (from.name.as_deref(), from.email.to_string().as_str()),
            (Some("Callsight"), "coach@acme.example")
        );
        let smtps = config("host = \"h\"\nfrom = \"a@b.example\"\ntls = \"tls\"");
        assert_eq!(smtps.port(), 465);
        assert!(smtps.transport().is_ok());
    }

    #[test]
    fn rejects_a_bad_sender_and_hides_the_password() {
        let mut smtp = config(
            "host = \"h\"\nfrom = \"not an address\"\ntls = \"none\"\npassword = \"s3cret\"",
        );
        assert!(smtp.from_mailbox().is_err());
        assert!(!format!("{smtp:?}").contains("s3cret"));
        smtp.password = None;
        assert!(format!("{smtp:?}").contains("password: None"));
    }
}
