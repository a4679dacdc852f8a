//! The outbox worker: claims due messages with a lease, sends each through
//! the configured SMTP server and records how it went, retrying with
//! backoff; and the handle the API wakes it with.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

use super::SmtpConfig;
use crate::store::Store;
use crate::store::outbox::{self, AfterFailure, ClaimedEmail, RetryPolicy};

/// The most messages one claim takes, however long the lease.
const MAX_BATCH: u64 = 16;

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
                Err(err) => tracing::error!(error = %err.detail(), "cannot claim outgoing e-mail"),
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
                    error = %err.detail(),
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
            tracing::warn!(id = email.id, error = %err.detail(), "cannot give back an e-mail; its lease will expire");
        }
    }
}
