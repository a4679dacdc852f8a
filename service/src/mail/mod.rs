//! E-mail through SMTP. Messages wait in the durable outbox
//! ([`crate::store::outbox`]); one worker per process claims the due ones
//! and sends them through the configured server, retrying with backoff, so
//! a mutation that e-mails someone never waits for the mail server.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

use crate::store::Store;
use crate::store::outbox::{self, AfterFailure, ClaimedEmail, RetryPolicy};

/// The most messages one claim takes, however long the lease.
const MAX_BATCH: u64 = 16;

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

/// The API's handle on the outbox worker: after committing a transaction
/// that queued e-mail, [`Outbox::wake`] has it sent now rather than at the
/// next poll.
#[derive(Clone, Debug, Default)]
pub struct Outbox {
    notify: Arc<Notify>,
}

impl Outbox {
    /// Tells the worker that messages are due. A wake while it is busy is
    /// kept, so none is lost.
    pub fn wake(&self) {
        self.notify.notify_one();
    }
}

/// How the outbox worker behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutboxSettings {
    /// How often an idle worker looks for messages other processes queued
    /// or whose retry is due.
    pub poll: Duration,
    /// How long claimed messages are this worker's; longer than the SMTP
    /// timeout, so a slow delivery is never sent twice.
    pub lease: Duration,
    pub retry: RetryPolicy,
}

/// The running worker; `shutdown` stops it after the message in flight.
#[derive(Debug)]
pub struct OutboxWorker {
    stop: watch::Sender<bool>,
    handle: JoinHandle<()>,
}

impl OutboxWorker {
    /// Stops claiming, finishes the delivery in flight and gives back the
    /// messages claimed but not yet tried.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.handle.await;
    }
}

/// Starts the worker that sends `store`'s outbox through `smtp`.
pub fn spawn_outbox_worker(
    store: Store,
    smtp: &SmtpConfig,
    outbox: Outbox,
    settings: OutboxSettings,
) -> anyhow::Result<OutboxWorker> {
    let timeout = Duration::from_millis(smtp.timeout_ms);
    anyhow::ensure!(
        settings.lease > timeout,
        "outbox.lease_ms ({} ms) must be longer than smtp.timeout_ms ({} ms)",
        settings.lease.as_millis(),
        timeout.as_millis()
    );
    let mailer = Mailer {
        transport: smtp.transport()?,
        from: smtp.from_mailbox()?,
        timeout,
    };
    // As many messages as can certainly be sent before the lease runs out.
    let batch = u64::try_from(settings.lease.as_millis() / timeout.as_millis().max(1))
        .unwrap_or(MAX_BATCH)
        .clamp(1, MAX_BATCH);
    let (stop, stopped) = watch::channel(false);
    let worker = Worker {
        store,
        mailer,
        outbox,
        settings,
        batch,
        stopped,
    };
    Ok(OutboxWorker {
        stop,
        handle: tokio::spawn(worker.run()),
    })
}

/// Why one delivery failed.
#[derive(Debug, thiserror::Error)]
enum SendError {
    #[error("invalid recipient `{0}`")]
    Recipient(String),
    #[error("cannot build the message: {0}")]
    Message(#[from] lettre::error::Error),
    #[error("{0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("no answer from the SMTP server within {0:?}")]
    Timeout(Duration),
}

impl SendError {
    /// Whether trying again cannot help.
    fn is_permanent(&self) -> bool {
        match self {
            Self::Recipient(_) | Self::Message(_) => true,
            Self::Smtp(err) => err.is_permanent(),
            Self::Timeout(_) => false,
        }
    }
}

struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    timeout: Duration,
}

impl Mailer {
    async fn send(&self, email: &ClaimedEmail) -> Result<(), SendError> {
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|_| SendError::Recipient(email.to.clone()))?;
        // A line break in a subject would end the header.
        let subject: String = email
            .subject
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        // The same id on every attempt, so a receiver can drop a duplicate.
        let id = format!(
            "<outbox.{}.{}@{}>",
            email.id,
            email.created_at.timestamp_millis(),
            self.from.email.domain()
        );
        let message = Message::builder()
            .message_id(Some(id))
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(email.body.clone())?;
        tokio::time::timeout(self.timeout, self.transport.send(message))
            .await
            .map_err(|_| SendError::Timeout(self.timeout))??;
        Ok(())
    }
}

struct Worker {
    store: Store,
    mailer: Mailer,
    outbox: Outbox,
    settings: OutboxSettings,
    batch: u64,
    stopped: watch::Receiver<bool>,
}

impl Worker {
    async fn run(mut self) {
        while !*self.stopped.borrow() {
            match outbox::claim(&self.store, self.batch, self.settings.lease).await {
                Ok(claimed) if !claimed.is_empty() => {
                    for email in &claimed {
                        if *self.stopped.borrow() {
                            self.release(email).await;
                        } else {
                            self.deliver(email).await;
                        }
                    }
                    continue;
                }
                Ok(_) => {}
                Err(err) => tracing::error!(error = %err, "cannot claim outgoing e-mail"),
            }
            tokio::select! {
                () = self.outbox.notify.notified() => {}
                () = tokio::time::sleep(self.settings.poll) => {}
                _ = self.stopped.changed() => {}
            }
        }
    }

    /// Sends one message and records how it went. Logs the recipient and
    /// the error, never the body.
    async fn deliver(&self, email: &ClaimedEmail) {
        let db = self.store.db();
        match self.mailer.send(email).await {
            Ok(()) => match outbox::mark_sent(db, email).await {
                Ok(true) => tracing::debug!(id = email.id, to = %email.to, "e-mail sent"),
                Ok(false) => tracing::warn!(
                    id = email.id,
                    to = %email.to,
                    "e-mail sent after its lease ran out; it may be sent twice"
                ),
                Err(err) => tracing::error!(
                    id = email.id,
                    to = %email.to,
                    error = %err,
                    "e-mail sent but not marked; it will be sent again"
                ),
            },
            Err(err) => {
                let error = err.to_string();
                let recorded = outbox::record_failure(
                    db,
                    email,
                    &error,
                    err.is_permanent(),
                    &self.settings.retry,
                )
                .await;
                match recorded {
                    Ok(AfterFailure::RetryAt(at)) => tracing::warn!(
                        id = email.id,
                        to = %email.to,
                        attempt = email.attempt,
                        %error,
                        retry_at = %at,
                        "e-mail delivery failed; will retry"
                    ),
                    Ok(AfterFailure::GaveUp) => tracing::error!(
                        id = email.id,
                        to = %email.to,
                        attempt = email.attempt,
                        %error,
                        "e-mail delivery failed; giving up"
                    ),
                    Ok(AfterFailure::TakenOver) => tracing::warn!(
                        id = email.id,
                        to = %email.to,
                        %error,
                        "e-mail delivery failed after its lease ran out"
                    ),
                    Err(db_err) => tracing::error!(
                        id = email.id,
                        to = %email.to,
                        %error,
                        db_error = %db_err,
                        "e-mail delivery failed and cannot be recorded; its lease will expire"
                    ),
                }
            }
        }
    }

    async fn release(&self, email: &ClaimedEmail) {
        if let Err(err) = outbox::release(self.store.db(), email).await {
            tracing::warn!(id = email.id, error = %err, "cannot give back an e-mail; its lease will expire");
        }
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
