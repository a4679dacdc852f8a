//! Analysis results of a call: per-analyzer runs (with errors), metrics and
//! signals, replaced together in one transaction.

use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QueryTrait};

use super::Store;
use super::calls::{StoredCall, VisibleCall};
use super::entity::{analyzer_run, call, call_metric, call_signal, call_term};
use super::events::Event;
use super::jobs::{self, Job};
use super::orgs::Organization;
use super::results::{ResultBatch, ResultOwner, RunRecord};
use super::rollups::{CallFacts, Delta};
use crate::domain::{AnalysisStatus, CallId};
use crate::error::ServiceResult;

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
    if let Some(old) = stored_facts(&txn, call.id()).await? {
        delta.add(&old, &ideal, -1);
    }
    for table in [
        call_signal::Entity::delete_many()
            .filter(call_signal::Column::CallId.eq(call.id().0))
            .into_query(),
        call_metric::Entity::delete_many()
            .filter(call_metric::Column::CallId.eq(call.id().0))
            .into_query(),
        analyzer_run::Entity::delete_many()
            .filter(analyzer_run::Column::CallId.eq(call.id().0))
            .into_query(),
        call_term::Entity::delete_many()
            .filter(call_term::Column::CallId.eq(call.id().0))
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
        .filter(call::Column::Id.eq(call.id().0))
        .exec(&txn)
        .await?;
    delta.add(&analysed.facts, &ideal, 1);
    delta.apply(&txn, org.id).await?;
    txn.commit().await?;
    store
        .publish(Event::analysis_finished(call.org(), call.id()))
        .await;
    Ok(Some(analysed.status))
}

impl From<&StoredCall> for ResultOwner {
    fn from(call: &StoredCall) -> Self {
        Self {
            id: call.id(),
            org: call.org(),
            seller: call.seller(),
            started_at: call.started_at(),
            outcome: call.outcome(),
        }
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

/// The metrics of calls read through a scope, by call, each call's by
/// analyzer and name, in one query.
pub async fn metrics_of(
    db: &impl ConnectionTrait,
    calls: &[VisibleCall],
) -> ServiceResult<HashMap<CallId, Vec<CallMetric>>> {
    let mut by_call: HashMap<CallId, Vec<CallMetric>> = HashMap::new();
    let rows = call_metric::Entity::find()
        .filter(call_metric::Column::CallId.is_in(ids(calls)))
        .order_by_asc(call_metric::Column::CallId)
        .order_by_asc(call_metric::Column::Analyzer)
        .order_by_asc(call_metric::Column::Name)
        .all(db)
        .await?;
    for m in rows {
        by_call
            .entry(CallId(m.call_id))
            .or_default()
            .push(CallMetric {
                analyzer: m.analyzer,
                name: m.name,
                value: m.value,
                unit: m.unit,
            });
    }
    Ok(by_call)
}

/// The analyzer runs of a call read through a scope.
pub async fn runs(db: &impl ConnectionTrait, call: VisibleCall) -> ServiceResult<Vec<AnalyzerRun>> {
    Ok(analyzer_run::Entity::find()
        .filter(analyzer_run::Column::CallId.eq(call.id().0))
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

/// The signals of calls read through a scope, optionally of one kind, by
/// call, each call's in call order, in one query.
pub async fn signals_of(
    db: &impl ConnectionTrait,
    calls: &[VisibleCall],
    kind: Option<&str>,
) -> ServiceResult<HashMap<CallId, Vec<CallSignal>>> {
    let mut query =
        call_signal::Entity::find().filter(call_signal::Column::CallId.is_in(ids(calls)));
    if let Some(kind) = kind {
        query = query.filter(call_signal::Column::Kind.eq(kind));
    }
    let mut by_call: HashMap<CallId, Vec<CallSignal>> = HashMap::new();
    let rows = query
        .order_by_asc(call_signal::Column::CallId)
        .order_by_asc(call_signal::Column::OffsetMs)
        .order_by_asc(call_signal::Column::Id)
        .all(db)
        .await?;
    for s in rows {
        by_call
            .entry(CallId(s.call_id))
            .or_default()
            .push(CallSignal {
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
            });
    }
    Ok(by_call)
}

fn ids(calls: &[VisibleCall]) -> impl Iterator<Item = i64> + '_ {
    calls.iter().map(|c| c.id().0)
}
