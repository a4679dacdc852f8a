//! Analysis results of a call: per-analyzer runs (with errors), metrics and
//! signals, replaced together in one transaction.

use std::collections::BTreeMap;

use callsight_plugin_api::{Output, Role};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QueryTrait, Set,
};

use super::Store;
use super::calls::StoredCall;
use super::entity::{analyzer_run, call, call_metric, call_signal, call_term};
use super::events::Event;
use super::jobs::{self, Job};
use super::orgs::Organization;
use super::rollups::{CallFacts, Delta};
use crate::domain::dates::local_day;
use crate::domain::{AnalysisStatus, CallId};
use crate::error::ServiceResult;

/// What one analyzer did with a call.
#[derive(Debug, Clone)]
pub struct RunRecord {
    pub analyzer: String,
    pub version: String,
    /// The output, or why the analyzer failed on this call.
    pub outcome: Result<Output, String>,
}

/// A stored metric of a call.
#[derive(Debug, Clone, PartialEq)]
pub struct CallMetric {
    pub analyzer: String,
    pub name: String,
    pub value: Option<f64>,
    pub unit: String,
}

/// A stored signal of a call.
#[derive(Debug, Clone, PartialEq)]
pub struct CallSignal {
    /// The row's id; re-analysis replaces a call's signals with new ones.
    pub id: i64,
    pub analyzer: String,
    pub kind: String,
    pub value: String,
    pub label: Option<String>,
    pub role: Option<String>,
    pub segment: Option<i32>,
    pub offset_ms: Option<i64>,
    pub duration_ms: Option<i64>,
    pub score: Option<f64>,
    pub data: Option<serde_json::Value>,
}

/// A stored analyzer run of a call.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalyzerRun {
    pub analyzer: String,
    pub version: String,
    pub error: Option<String>,
}

/// The metric whose value the call history shows as the customer's
/// sentiment.
const CUSTOMER_SENTIMENT: &str = "customer_sentiment_score";

/// Signal kinds counted as terms, and the kind they are rolled up as.
const TERM_KINDS: [&str; 3] = ["keyword", "key_phrase", "competitor"];

/// Replaces the call's results with `runs`, sets its status, moves its
/// rollup contribution from the old results to the new, and completes
/// `job`, all in one transaction. The call is `failed` when every analyzer
/// failed, else `done`; subscribers hear that it finished. `None` when the
/// job was taken over by another worker meanwhile: then nothing is written.
pub async fn replace(
    store: &Store,
    org: &Organization,
    call: &StoredCall,
    runs: Vec<RunRecord>,
    job: &Job,
) -> ServiceResult<Option<AnalysisStatus>> {
    let txn = store.begin_write().await?;
    if !jobs::complete_in(&txn, job).await? {
        txn.rollback().await?;
        return Ok(None);
    }
    let ideal = org.settings.effective_ideal_ranges();
    let mut delta = Delta::default();
    if let Some(old) = stored_facts(&txn, call.id).await? {
        delta.add(&old, &ideal, -1);
    }
    for table in [
        call_signal::Entity::delete_many()
            .filter(call_signal::Column::CallId.eq(call.id.0))
            .into_query(),
        call_metric::Entity::delete_many()
            .filter(call_metric::Column::CallId.eq(call.id.0))
            .into_query(),
        analyzer_run::Entity::delete_many()
            .filter(analyzer_run::Column::CallId.eq(call.id.0))
            .into_query(),
        call_term::Entity::delete_many()
            .filter(call_term::Column::CallId.eq(call.id.0))
            .into_query(),
    ] {
        txn.execute(&table).await?;
    }
    let mut batch = ResultBatch::default();
    let analysed = batch.push(&ResultOwner::from(call), org.time_zone, runs);
    batch.insert(&txn).await?;
    call::Entity::update_many()
        .col_expr(
            call::Column::AnalysisStatus,
            Expr::value(analysed.status.as_str()),
        )
        .col_expr(call::Column::LocalDay, Expr::value(analysed.facts.day))
        .col_expr(
            call::Column::CustomerSentiment,
            Expr::value(analysed.customer_sentiment),
        )
        .filter(call::Column::Id.eq(call.id.0))
        .exec(&txn)
        .await?;
    delta.add(&analysed.facts, &ideal, 1);
    delta.apply(&txn, org.id).await?;
    txn.commit().await?;
    store
        .publish(Event::analysis_finished(call.org, call.id))
        .await;
    Ok(Some(analysed.status))
}

/// What storing one call's results decided.
#[derive(Debug, Clone)]
pub struct Analysed {
    pub status: AnalysisStatus,
    pub customer_sentiment: Option<f64>,
    /// What the call adds to the rollups.
    pub facts: CallFacts,
}

/// The call results belong to.
#[derive(Debug, Clone, Copy)]
pub struct ResultOwner {
    pub id: CallId,
    pub org: crate::domain::OrgId,
    pub seller: crate::domain::UserId,
    pub started_at: chrono::DateTime<Utc>,
    pub outcome: Option<crate::domain::Outcome>,
}

impl From<&StoredCall> for ResultOwner {
    fn from(call: &StoredCall) -> Self {
        Self {
            id: call.id,
            org: call.org,
            seller: call.seller,
            started_at: call.started_at,
            outcome: call.outcome,
        }
    }
}

/// The status and customer sentiment a call's runs give it: `failed`
/// when every analyzer failed, else `done`.
pub fn summary(runs: &[RunRecord]) -> (AnalysisStatus, Option<f64>) {
    let status = if !runs.is_empty() && runs.iter().all(|r| r.outcome.is_err()) {
        AnalysisStatus::Failed
    } else {
        AnalysisStatus::Done
    };
    let sentiment = runs
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .flat_map(|o| &o.metrics)
        .find(|m| m.name == CUSTOMER_SENTIMENT)
        .and_then(|m| m.value.filter(|v| v.is_finite()));
    (status, sentiment)
}

/// Result rows of one or many calls, written together.
#[derive(Debug, Default)]
pub struct ResultBatch {
    runs: Vec<analyzer_run::ActiveModel>,
    metrics: Vec<call_metric::ActiveModel>,
    signals: Vec<call_signal::ActiveModel>,
    terms: Vec<call_term::ActiveModel>,
}

impl ResultBatch {
    /// Adds the rows of `call`'s results and says what they amount to
    /// (see [`summary`]).
    pub fn push(
        &mut self,
        call: &ResultOwner,
        tz: chrono_tz::Tz,
        runs: Vec<RunRecord>,
    ) -> Analysed {
        let (status, customer_sentiment) = summary(&runs);
        let mut facts = CallFacts::new(call.seller, local_day(call.started_at, tz), call.outcome);
        // (kind, term) -> (all mentions, customer mentions)
        let mut mentions: BTreeMap<(String, String), (i64, i64)> = BTreeMap::new();
        let now = Utc::now();
        for run in runs {
            let error = match run.outcome {
                Ok(output) => {
                    for m in output.metrics {
                        let value = m.value.filter(|v| v.is_finite());
                        if let Some(value) = value {
                            facts.metrics.entry(m.name.clone()).or_insert(value);
                        }
                        self.metrics.push(call_metric::ActiveModel {
                            call_id: Set(call.id.0),
                            analyzer: Set(run.analyzer.clone()),
                            name: Set(m.name),
                            value: Set(value),
                            unit: Set(m.unit),
                            ..Default::default()
                        });
                    }
                    for s in output.signals {
                        if TERM_KINDS.contains(&s.kind.as_str()) {
                            let entry = mentions
                                .entry((s.kind.clone(), s.value.clone()))
                                .or_default();
                            entry.0 += 1;
                            if s.role == Some(Role::Customer) {
                                entry.1 += 1;
                            }
                        }
                        self.signals.push(call_signal::ActiveModel {
                            call_id: Set(call.id.0),
                            analyzer: Set(run.analyzer.clone()),
                            kind: Set(s.kind),
                            value: Set(s.value),
                            label: Set(s.label),
                            role: Set(s.role.map(|r| role_name(r).to_owned())),
                            segment: Set(s.segment.and_then(|i| i32::try_from(i).ok())),
                            offset_ms: Set(s.offset_ms),
                            duration_ms: Set(s.duration_ms),
                            score: Set(s.score.filter(|v| v.is_finite())),
                            data: Set(s.data),
                            ..Default::default()
                        });
                    }
                    None
                }
                Err(error) => Some(error),
            };
            self.runs.push(analyzer_run::ActiveModel {
                call_id: Set(call.id.0),
                analyzer: Set(run.analyzer),
                version: Set(run.version),
                error: Set(error),
                finished_at: Set(now),
                ..Default::default()
            });
        }
        for ((kind, term), (all, customer)) in mentions {
            if customer > 0 {
                facts.terms.insert((kind.clone(), term.clone()), customer);
            }
            self.terms.push(call_term::ActiveModel {
                call_id: Set(call.id.0),
                org_id: Set(call.org.0),
                seller_id: Set(call.seller.0),
                started_at: Set(call.started_at),
                kind: Set(kind),
                term: Set(term),
                mentions: Set(all),
                customer_mentions: Set(customer),
                ..Default::default()
            });
        }
        Analysed {
            status,
            customer_sentiment,
            facts,
        }
    }

    /// Inserts the rows gathered so far.
    pub async fn insert(self, db: &impl ConnectionTrait) -> ServiceResult<()> {
        for chunk in self.runs.chunks(500) {
            analyzer_run::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(db)
                .await?;
        }
        for chunk in self.metrics.chunks(500) {
            call_metric::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(db)
                .await?;
        }
        for chunk in self.signals.chunks(500) {
            call_signal::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(db)
                .await?;
        }
        for chunk in self.terms.chunks(500) {
            call_term::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(db)
                .await?;
        }
        Ok(())
    }
}

/// What a call's stored results add to the rollups, read back so that
/// replacing them can take it away; `None` when they were never rolled up.
async fn stored_facts(db: &impl ConnectionTrait, id: CallId) -> ServiceResult<Option<CallFacts>> {
    let Some(row) = call::Entity::find_by_id(id.0).one(db).await? else {
        return Ok(None);
    };
    let Some(day) = row.local_day else {
        return Ok(None);
    };
    let outcome = row.outcome.as_deref().and_then(|o| o.parse().ok());
    let mut facts = CallFacts::new(crate::domain::UserId(row.seller_id), day, outcome);
    let metrics = call_metric::Entity::find()
        .filter(call_metric::Column::CallId.eq(id.0))
        .order_by_asc(call_metric::Column::Analyzer)
        .all(db)
        .await?;
    for m in metrics {
        if let Some(value) = m.value {
            facts.metrics.entry(m.name).or_insert(value);
        }
    }
    let terms = call_term::Entity::find()
        .filter(call_term::Column::CallId.eq(id.0))
        .filter(call_term::Column::CustomerMentions.gt(0))
        .all(db)
        .await?;
    for t in terms {
        facts.terms.insert((t.kind, t.term), t.customer_mentions);
    }
    Ok(Some(facts))
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Seller => "seller",
        Role::Customer => "customer",
        Role::Other => "other",
    }
}

/// The metrics of a call already read through a scope.
pub async fn metrics(
    db: &impl ConnectionTrait,
    call: &StoredCall,
) -> ServiceResult<Vec<CallMetric>> {
    Ok(call_metric::Entity::find()
        .filter(call_metric::Column::CallId.eq(call.id.0))
        .order_by_asc(call_metric::Column::Analyzer)
        .order_by_asc(call_metric::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|m| CallMetric {
            analyzer: m.analyzer,
            name: m.name,
            value: m.value,
            unit: m.unit,
        })
        .collect())
}

/// The analyzer runs of a call already read through a scope.
pub async fn runs(db: &impl ConnectionTrait, call: &StoredCall) -> ServiceResult<Vec<AnalyzerRun>> {
    Ok(analyzer_run::Entity::find()
        .filter(analyzer_run::Column::CallId.eq(call.id.0))
        .order_by_asc(analyzer_run::Column::Analyzer)
        .all(db)
        .await?
        .into_iter()
        .map(|r| AnalyzerRun {
            analyzer: r.analyzer,
            version: r.version,
            error: r.error,
        })
        .collect())
}

/// The signals of a call already read through a scope, optionally of one
/// kind, in the order of the call.
pub async fn signals(
    db: &impl ConnectionTrait,
    call: &StoredCall,
    kind: Option<&str>,
) -> ServiceResult<Vec<CallSignal>> {
    let mut query = call_signal::Entity::find().filter(call_signal::Column::CallId.eq(call.id.0));
    if let Some(kind) = kind {
        query = query.filter(call_signal::Column::Kind.eq(kind));
    }
    Ok(query
        .order_by_asc(call_signal::Column::OffsetMs)
        .order_by_asc(call_signal::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| CallSignal {
            id: s.id,
            analyzer: s.analyzer,
            kind: s.kind,
            value: s.value,
            label: s.label,
            role: s.role,
            segment: s.segment,
            offset_ms: s.offset_ms,
            duration_ms: s.duration_ms,
            score: s.score,
            data: s.data,
        })
        .collect())
}
