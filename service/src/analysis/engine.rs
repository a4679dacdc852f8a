//! Runs an organisation's enabled analyzers on a call, with instances made
//! once per organisation and config, and stores what they found.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use callsight_plugin_api::Output;

use super::host::PluginHost;
use super::plugin::{Instance, Plugin, PluginCallError};
use super::run::{SharedCall, run_analyzer};
use crate::domain::{AnalysisStatus, Call, OrgId, Scope, SpeakerRole};
use crate::error::{ServiceError, ServiceResult};
use crate::store::analysis;
use crate::store::calls;
use crate::store::jobs::Job;
use crate::store::orgs::Organization;
use crate::store::results::RunRecord;
use crate::store::{Store, orgs, users};

/// Instances by organisation and analyzer, with the config each was made from.
type InstanceCache = HashMap<(OrgId, String), (serde_json::Value, Arc<Instance>)>;

/// The loaded analyzers and their per-organisation instances.
#[derive(Debug)]
pub struct Analysis {
    host: PluginHost,
    instances: Mutex<InstanceCache>,
    wake: tokio::sync::Notify,
}

/// One analyzer's result on one call.
#[derive(Debug)]
pub struct AnalyzerRun {
    pub plugin: Arc<Plugin>,
    pub result: Result<Output, PluginCallError>,
}

impl From<AnalyzerRun> for RunRecord {
    fn from(run: AnalyzerRun) -> Self {
        Self {
            analyzer: run.plugin.name().to_owned(),
            version: run.plugin.info.version.clone(),
            outcome: run.result.map_err(|e| e.to_string()),
        }
    }
}

impl Analysis {
    pub fn new(host: PluginHost) -> Self {
        Self {
            host,
            instances: Mutex::new(HashMap::new()),
            wake: tokio::sync::Notify::new(),
        }
    }

    pub fn host(&self) -> &PluginHost {
        &self.host
    }

    /// Asks the named analyzer whether `config` is valid; its message is
    /// the admin's error.
    pub async fn validate(&self, name: &str, config: &serde_json::Value) -> ServiceResult<()> {
        let plugin = self.plugin(name)?;
        let config = config.clone();
        let timeout = self.host.limits().timeout();
        tokio::task::spawn_blocking(move || plugin.validate_config(&config, timeout))
            .await
            .map_err(|e| anyhow::anyhow!("validation task failed: {e}"))?
            .map_err(|err| {
                ServiceError::BadUserInput(format!("analyzer `{name}` refused the config: {err}"))
            })
    }

    fn plugin(&self, name: &str) -> ServiceResult<Arc<Plugin>> {
        self.host.get(name).cloned().ok_or_else(|| {
            ServiceError::BadUserInput(format!("no analyzer named `{name}` is loaded"))
        })
    }

    /// Runs every analyzer the organisation has enabled on `call`, all at
    /// once; each failure stays with its analyzer.
    pub async fn analyze(
        &self,
        org: &Organization,
        call: Arc<Call<SpeakerRole>>,
        started_at_ms: i64,
        context: Arc<str>,
    ) -> Vec<AnalyzerRun> {
        let limits = self.host.limits();
        let shared = Arc::new(SharedCall::new(call, started_at_ms, context));
        let mut tasks = tokio::task::JoinSet::new();
        for plugin in self.host.plugins() {
            let settings = org.settings.analyzer(plugin.name());
            if !settings.enabled {
                continue;
            }
            let plugin = Arc::clone(plugin);
            let instance = self.instance(org.id, &plugin, &settings.config).await;
            let shared = Arc::clone(&shared);
            tasks.spawn(async move {
                let result = match instance {
                    Ok(instance) => run_analyzer(instance, shared, limits).await,
                    Err(err) => Err(err),
                };
                AnalyzerRun { plugin, result }
            });
        }
        let mut runs = tasks.join_all().await;
        runs.sort_by(|a, b| a.plugin.name().cmp(b.plugin.name()));
        runs
    }

    /// The organisation's instance of `plugin` for `config`, made on first
    /// use and again when the config changes.
    async fn instance(
        &self,
        org: OrgId,
        plugin: &Arc<Plugin>,
        config: &serde_json::Value,
    ) -> Result<Arc<Instance>, PluginCallError> {
        let key = (org, plugin.name().to_owned());
        if let Some((cached, instance)) = self.instances.lock().expect("instance cache").get(&key)
            && cached == config
        {
            return Ok(Arc::clone(instance));
        }
        let (plugin, owned) = (Arc::clone(plugin), config.clone());
        let timeout = self.host.limits().timeout();
        let instance = tokio::task::spawn_blocking(move || plugin.create(&owned, timeout))
            .await
            .map_err(|e| PluginCallError::BadOutput(format!("the create task failed: {e}")))??;
        let instance = Arc::new(instance);
        self.instances
            .lock()
            .expect("instance cache")
            .insert(key, (config.clone(), Arc::clone(&instance)));
        Ok(instance)
    }

    /// Runs one claimed job: analyses the call with its organisation's
    /// analyzers and stores the results, completing the job, in one
    /// transaction. `None` when the job was taken over meanwhile.
    pub async fn run_job(&self, store: &Store, job: &Job) -> ServiceResult<Option<AnalysisStatus>> {
        // The worker acts for the job's organisation, and only for it.
        let scope = Scope::local_operator(job.org);
        let call = calls::get(store.db(), &scope, job.call).await?;
        let org = orgs::get(store.db(), &scope).await?;
        let loaded = Arc::new(calls::load(store.db(), &call).await?);
        // The team's and the call's own keyword lists reach the analyzers as
        // the call's context, with the org's time zone (due dates of action
        // items count from the call's local day); the org list is the
        // keywords analyzer's config.
        let manager = users::for_token(store.db(), job.org, call.seller())
            .await?
            .and_then(|seller| seller.manager);
        let mut keywords: Vec<&str> = manager
            .map_or(&[][..], |m| org.settings.team_keywords(m))
            .iter()
            .map(String::as_str)
            .collect();
        keywords.extend(call.tracked_keywords().iter().map(String::as_str));
        let context: Arc<str> = Arc::from(
            serde_json::json!({ "keywords": keywords, "time_zone": org.time_zone.name() })
                .to_string(),
        );
        let runs = self
            .analyze(&org, loaded, call.started_at().timestamp_millis(), context)
            .await;
        let records = runs
            .into_iter()
            .map(|run| {
                if let Err(err) = &run.result {
                    tracing::warn!(analyzer = run.plugin.name(), call = %call.id(), %err, "analyzer failed on a call");
                }
                run.into()
            })
            .collect();
        analysis::replace(store, &org, &call, records, job).await
    }

    /// Wakes idle workers of this process: a job was queued.
    pub fn wake(&self) {
        self.wake.notify_waiters();
    }

    pub(crate) async fn woken(&self) {
        self.wake.notified().await;
    }
}
