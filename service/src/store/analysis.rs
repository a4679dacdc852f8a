//! Analysis results of a call: per-analyzer runs (with errors), metrics and
//! signals, replaced together in one transaction.

use callsight_plugin_api::{Output, Role};
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use super::Store;
use super::calls::StoredCall;
use super::entity::{analyzer_run, call, call_metric, call_signal};
use super::jobs::{self, Job};
use crate::domain::AnalysisStatus;
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

/// Replaces the call's results with `runs`, sets its status and completes
/// `job`, all in one transaction. The call is `failed` when every analyzer
/// failed, else `done`. `None` when the job was taken over by another
/// worker meanwhile: then nothing is written.
pub async fn replace(
    store: &Store,
    call_id: crate::domain::CallId,
    runs: Vec<RunRecord>,
    job: &Job,
) -> ServiceResult<Option<AnalysisStatus>> {
    let status = if !runs.is_empty() && runs.iter().all(|r| r.outcome.is_err()) {
        AnalysisStatus::Failed
    } else {
        AnalysisStatus::Done
    };
    let txn = store.db().begin().await?;
    if !jobs::complete_in(&txn, job).await? {
        txn.rollback().await?;
        return Ok(None);
    }
    call::Entity::update_many()
        .col_expr(
            call::Column::AnalysisStatus,
            sea_orm::sea_query::Expr::value(status.as_str()),
        )
        .filter(call::Column::Id.eq(call_id.0))
        .exec(&txn)
        .await?;
    call_signal::Entity::delete_many()
        .filter(call_signal::Column::CallId.eq(call_id.0))
        .exec(&txn)
        .await?;
    call_metric::Entity::delete_many()
        .filter(call_metric::Column::CallId.eq(call_id.0))
        .exec(&txn)
        .await?;
    analyzer_run::Entity::delete_many()
        .filter(analyzer_run::Column::CallId.eq(call_id.0))
        .exec(&txn)
        .await?;
    let now = Utc::now();
    let mut metrics = Vec::new();
    let mut signals = Vec::new();
    let mut run_rows = Vec::new();
    for run in runs {
        let error = match run.outcome {
            Ok(output) => {
                metrics.extend(
                    output
                        .metrics
                        .into_iter()
                        .map(|m| call_metric::ActiveModel {
                            call_id: Set(call_id.0),
                            analyzer: Set(run.analyzer.clone()),
                            name: Set(m.name),
                            value: Set(m.value.filter(|v| v.is_finite())),
                            unit: Set(m.unit),
                            ..Default::default()
                        }),
                );
                signals.extend(
                    output
                        .signals
                        .into_iter()
                        .map(|s| call_signal::ActiveModel {
                            call_id: Set(call_id.0),
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
                        }),
                );
                None
            }
            Err(error) => Some(error),
        };
        run_rows.push(analyzer_run::ActiveModel {
            call_id: Set(call_id.0),
            analyzer: Set(run.analyzer),
            version: Set(run.version),
            error: Set(error),
            finished_at: Set(now),
            ..Default::default()
        });
    }
    for chunk in run_rows.chunks(500) {
        analyzer_run::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    for chunk in metrics.chunks(500) {
        call_metric::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    for chunk in signals.chunks(500) {
        call_signal::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(Some(status))
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
