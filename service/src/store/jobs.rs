//! The durable analysis queue. A job is claimed with a lease; a worker that
//! dies leaves its lease to expire and another worker takes the job again.
//! On PostgreSQL the claim skips rows other replicas hold (`FOR UPDATE SKIP
//! LOCKED`), so several `callsight` processes never run a job twice; SQLite
//! has one writer, so the same single UPDATE is enough there.

use chrono::Utc;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Set, Statement};

use super::Store;
use super::entity::{analysis_job, call};
use super::events::Event;
use crate::domain::{AnalysisStatus, CallId, OrgId, Scope, Visibility};
use crate::error::ServiceResult;

/// A claimed job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: i64,
    pub org: OrgId,
    pub call: CallId,
    /// Which claim this is (1 for the first); completing checks it, so a
    /// worker whose lease ran out cannot complete a job taken over since.
    pub attempts: i32,
    pub worker: String,
}

const QUEUED: &str = "queued";
const RUNNING: &str = "running";
const DONE: &str = "done";
const FAILED: &str = "failed";

fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

/// Queues (or re-queues) analysis of `calls`. A new call is pending
/// already; re-analysis marks its calls so itself.
pub async fn enqueue(db: &impl ConnectionTrait, org: OrgId, calls: &[CallId]) -> ServiceResult<()> {
    if calls.is_empty() {
        return Ok(());
    }
    let now = now_ms();
    for chunk in calls.chunks(1_000) {
        let rows = chunk.iter().map(|call| analysis_job::ActiveModel {
            org_id: Set(org.0),
            call_id: Set(call.0),
            status: Set(QUEUED.to_owned()),
            attempts: Set(0),
            lease_until_ms: Set(None),
            worker: Set(None),
            last_error: Set(None),
            updated_at_ms: Set(now),
            ..Default::default()
        });
        analysis_job::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::column(analysis_job::Column::CallId)
                    .update_columns([
                        analysis_job::Column::Status,
                        analysis_job::Column::Attempts,
                        analysis_job::Column::LeaseUntilMs,
                        analysis_job::Column::Worker,
                        analysis_job::Column::LastError,
                        analysis_job::Column::UpdatedAtMs,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Queues re-analysis of the scope's calls started in `[from, to)` (all
/// when absent), in one transaction; returns how many.
pub async fn enqueue_reanalysis(
    store: &Store,
    scope: &Scope,
    sellers: Option<&[crate::domain::UserId]>,
    from: Option<chrono::DateTime<Utc>>,
    to: Option<chrono::DateTime<Utc>>,
) -> ServiceResult<usize> {
    use sea_orm::QuerySelect;
    let mut query = call::Entity::find()
        .select_only()
        .column(call::Column::Id)
        .filter(call::Column::OrgId.eq(scope.org().0));
    if let Visibility::Users(ids) = scope.visibility() {
        query = query.filter(call::Column::SellerId.is_in(ids.iter().map(|id| id.0)));
    }
    if let Some(sellers) = sellers {
        query = query.filter(call::Column::SellerId.is_in(sellers.iter().map(|id| id.0)));
    }
    if let Some(from) = from {
        query = query.filter(call::Column::StartedAt.gte(from));
    }
    if let Some(to) = to {
        query = query.filter(call::Column::StartedAt.lt(to));
    }
    let txn = store.begin_write().await?;
    let ids: Vec<CallId> = query
        .into_tuple::<i64>()
        .all(&txn)
        .await?
        .into_iter()
        .map(CallId)
        .collect();
    enqueue(&txn, scope.org(), &ids).await?;
    for chunk in ids.chunks(1_000) {
        call::Entity::update_many()
            .col_expr(
                call::Column::AnalysisStatus,
                Expr::value(AnalysisStatus::Pending.as_str()),
            )
            .filter(call::Column::Id.is_in(chunk.iter().map(|c| c.0)))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(ids.len())
}

/// Claims the oldest job that is queued or whose lease has run out.
pub async fn claim(store: &Store, worker: &str, lease_ms: i64) -> ServiceResult<Option<Job>> {
    let backend = store.backend();
    let now = now_ms();
    let (sql, values): (&str, Vec<sea_orm::Value>) = match backend {
        DbBackend::Postgres => (
            "UPDATE analysis_jobs SET status = 'running', worker = $1, lease_until_ms = $2, \
             attempts = attempts + 1, updated_at_ms = $3 \
             WHERE id = (SELECT id FROM analysis_jobs \
                 WHERE status = 'queued' OR (status = 'running' AND lease_until_ms < $3) \
                 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) \
             RETURNING id, org_id, call_id, attempts",
            vec![worker.into(), (now + lease_ms).into(), now.into()],
        ),
        _ => (
            "UPDATE analysis_jobs SET status = 'running', worker = ?, lease_until_ms = ?, \
             attempts = attempts + 1, updated_at_ms = ? \
             WHERE id = (SELECT id FROM analysis_jobs \
                 WHERE status = 'queued' OR (status = 'running' AND lease_until_ms < ?) \
                 ORDER BY id LIMIT 1) \
             RETURNING id, org_id, call_id, attempts",
            vec![
                worker.into(),
                (now + lease_ms).into(),
                now.into(),
                now.into(),
            ],
        ),
    };
    let row = store
        .db()
        .query_one_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Job {
        id: row.try_get("", "id")?,
        org: OrgId(row.try_get("", "org_id")?),
        call: CallId(row.try_get("", "call_id")?),
        attempts: row.try_get("", "attempts")?,
        worker: worker.to_owned(),
    }))
}

/// Marks `job` done inside the transaction that stores its results; false
/// when the job is no longer this claim's (its lease ran out and another
/// worker took it), and the caller must roll back.
pub async fn complete_in(db: &impl ConnectionTrait, job: &Job) -> ServiceResult<bool> {
    let result = owned(job)
        .col_expr(analysis_job::Column::Status, Expr::value(DONE))
        .col_expr(
            analysis_job::Column::LeaseUntilMs,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(
            analysis_job::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .col_expr(analysis_job::Column::UpdatedAtMs, Expr::value(now_ms()))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Gives a job back after an error: queued again, or failed for good after
/// `max_attempts` claims.
pub async fn release(
    store: &Store,
    job: &Job,
    error: &str,
    max_attempts: i32,
) -> ServiceResult<()> {
    let status = if job.attempts >= max_attempts {
        FAILED
    } else {
        QUEUED
    };
    owned(job)
        .col_expr(analysis_job::Column::Status, Expr::value(status))
        .col_expr(
            analysis_job::Column::LeaseUntilMs,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(analysis_job::Column::LastError, Expr::value(error))
        .col_expr(analysis_job::Column::UpdatedAtMs, Expr::value(now_ms()))
        .exec(store.db())
        .await?;
    if status == FAILED {
        call::Entity::update_many()
            .col_expr(
                call::Column::AnalysisStatus,
                Expr::value(AnalysisStatus::Failed.as_str()),
            )
            .filter(call::Column::Id.eq(job.call.0))
            .exec(store.db())
            .await?;
        store
            .publish(Event::analysis_finished(job.org, job.call))
            .await;
    }
    Ok(())
}

/// An UPDATE of `job` that matches only while this claim holds it.
fn owned(job: &Job) -> sea_orm::UpdateMany<analysis_job::Entity> {
    analysis_job::Entity::update_many()
        .filter(analysis_job::Column::Id.eq(job.id))
        .filter(analysis_job::Column::Status.eq(RUNNING))
        .filter(analysis_job::Column::Worker.eq(job.worker.as_str()))
        .filter(analysis_job::Column::Attempts.eq(job.attempts))
}

/// Jobs waiting or running, for tests and benchmarks.
pub async fn outstanding(db: &impl ConnectionTrait) -> ServiceResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(analysis_job::Entity::find()
        .filter(analysis_job::Column::Status.is_in([QUEUED, RUNNING]))
        .count(db)
        .await?)
}
