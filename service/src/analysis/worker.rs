//! Analysis workers: claim queued jobs from the database, run them, and
//! give failed ones back; several processes may share one PostgreSQL.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::Analysis;
use crate::store::{Store, jobs};

/// How the workers of one process behave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerSettings {
    /// Jobs this process runs at once.
    pub workers: usize,
    /// How long a claim lasts; a job whose worker died is taken again after it.
    pub lease: Duration,
    /// How often an idle worker looks for jobs other processes queued.
    pub poll: Duration,
    /// Claims after which a job that keeps erroring is marked failed.
    pub max_attempts: i32,
}

/// Running workers; `shutdown` lets each finish its job and stop.
#[derive(Debug)]
pub struct Workers {
    stop: watch::Sender<bool>,
    handles: Vec<JoinHandle<()>>,
}

impl Workers {
    /// Stops claiming and waits for the jobs in hand.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for handle in self.handles {
            let _ = handle.await;
        }
    }
}

/// Starts `settings.workers` workers.
pub fn spawn_workers(store: Store, analysis: Arc<Analysis>, settings: WorkerSettings) -> Workers {
    let (stop, stopped) = watch::channel(false);
    let process = format!("{}-{}", std::process::id(), rand::random::<u32>());
    let handles = (0..settings.workers.max(1))
        .map(|n| {
            let worker = Worker {
                name: format!("{process}-{n}"),
                store: store.clone(),
                analysis: Arc::clone(&analysis),
                settings,
                stopped: stopped.clone(),
            };
            tokio::spawn(worker.run())
        })
        .collect();
    Workers { stop, handles }
}

struct Worker {
    name: String,
    store: Store,
    analysis: Arc<Analysis>,
    settings: WorkerSettings,
    stopped: watch::Receiver<bool>,
}

impl Worker {
    async fn run(mut self) {
        let lease_ms = i64::try_from(self.settings.lease.as_millis()).unwrap_or(i64::MAX);
        while !*self.stopped.borrow() {
            match jobs::claim(&self.store, &self.name, lease_ms).await {
                Ok(Some(job)) => {
                    match self.analysis.run_job(&self.store, &job).await {
                        Ok(Some(status)) => {
                            tracing::debug!(call = %job.call, %status, "call analysed")
                        }
                        Ok(None) => {
                            tracing::warn!(call = %job.call, "job taken over by another worker; results discarded")
                        }
                        Err(err) => {
                            // The whole cause chain, in the log and in the
                            // job's row, so a maintainer sees why.
                            let cause = err.detail();
                            tracing::error!(
                                job = job.id,
                                call = %job.call,
                                attempt = job.attempts,
                                error = %cause,
                                "analysis job failed"
                            );
                            if let Err(err) =
                                jobs::release(&self.store, &job, &cause, self.settings.max_attempts)
                                    .await
                            {
                                tracing::error!(
                                    job = job.id,
                                    call = %job.call,
                                    error = %err.detail(),
                                    "cannot give the job back; its lease will expire"
                                );
                            }
                        }
                    }
                    continue;
                }
                Ok(None) => {}
                Err(err) => {
                    tracing::error!(error = %err.detail(), "cannot claim analysis jobs")
                }
            }
            tokio::select! {
                () = self.analysis.woken() => {}
                () = tokio::time::sleep(self.settings.poll) => {}
                _ = self.stopped.changed() => {}
            }
        }
    }
}
