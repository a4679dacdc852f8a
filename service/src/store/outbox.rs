//! The durable e-mail outbox. A message is written in the transaction that
//! causes it and sent later by the outbox worker ([`crate::mail`]), so a
//! slow or unreachable SMTP server never holds up a mutation and a message
//! survives a restart. A worker claims messages with a lease: while it lasts
//! no other worker or replica sends them (PostgreSQL skips the rows another
//! claim holds; SQLite has one writer), and a message whose worker died is
//! claimed again after it.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait as _, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::Store;
use super::entity::outbox;
use crate::domain::{Email, OrgId};
use crate::error::ServiceResult;

const PENDING: &str = "pending";
const SENT: &str = "sent";
const FAILED: &str = "failed";

/// The longest wait between two attempts at one message.
const MAX_BACKOFF: Duration = Duration::from_secs(60 * 60);

/// A plain-text e-mail to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to: Email,
    pub subject: String,
    pub body: String,
}

/// A message claimed for sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedEmail {
    pub id: i64,
    pub org: OrgId,
    /// The recipient's address as stored.
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// Which claim this is (1 for the first); marking checks it, so a worker
    /// whose lease ran out cannot mark a message claimed again since.
    pub attempt: i32,
}

/// How failed deliveries are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts after which a message that keeps failing is given up.
    pub max_attempts: i32,
    /// The wait after the first failure; it doubles with each further one.
    pub base: Duration,
}

impl RetryPolicy {
    /// The wait after the `attempt`th failed attempt: `base · 2^(attempt-1)`,
    /// at most an hour.
    pub fn backoff(&self, attempt: i32) -> Duration {
        let doublings = u32::try_from(attempt.saturating_sub(1)).unwrap_or(0);
        let doublings = Ord::min(doublings, 31);
        let wait = self.base.checked_mul(1 << doublings).unwrap_or(MAX_BACKOFF);
        Ord::min(wait, MAX_BACKOFF)
    }
}

/// What became of a message whose delivery failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Tried again from then on.
    RetryAt(DateTime<Utc>),
    /// Marked failed: out of attempts, or refused for good.
    GaveUp,
    /// Not this claim's any more (its lease ran out); nothing was changed.
    TakenOver,
}

/// Queues `email`, due at once. Call it inside the transaction that causes
/// the message, so it is sent exactly when that transaction commits.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    org: OrgId,
    email: &OutgoingEmail,
) -> ServiceResult<()> {
    let now = Utc::now();
    outbox::Entity::insert(outbox::ActiveModel {
        org_id: Set(org.0),
        recipient: Set(email.to.as_str().to_owned()),
        subject: Set(email.subject.clone()),
        body: Set(email.body.clone()),
        status: Set(PENDING.to_owned()),
        attempts: Set(0),
        created_at: Set(now),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        sent_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Claims up to `limit` due messages that no live lease holds, oldest due
/// first, for `lease`.
pub async fn claim(store: &Store, limit: u64, lease: Duration) -> ServiceResult<Vec<ClaimedEmail>> {
    let now = Utc::now();
    let lease = chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::MAX);
    let until = now
        .checked_add_signed(lease)
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    // On SQLite the transaction holds the write lock from its start, so no
    // other claim reads between this one's read and its update.
    let txn = store.begin_write().await?;
    let due = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(PENDING))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .filter(
            Condition::any()
                .add(outbox::Column::LockedUntil.is_null())
                .add(outbox::Column::LockedUntil.lte(now)),
        )
        .order_by_asc(outbox::Column::NextAttemptAt)
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&txn)
        .await?;
    if due.is_empty() {
        txn.commit().await?;
        return Ok(Vec::new());
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::LockedUntil, Expr::value(until))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .filter(outbox::Column::Id.is_in(due.iter().map(|row| row.id)))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(due
        .into_iter()
        .map(|row| ClaimedEmail {
            id: row.id,
            org: OrgId(row.org_id),
            to: row.recipient,
            subject: row.subject,
            body: row.body,
            created_at: row.created_at,
            attempt: row.attempts + 1,
        })
        .collect())
}

/// Marks a claimed message sent; false when the claim had been taken over.
pub async fn mark_sent(db: &impl ConnectionTrait, email: &ClaimedEmail) -> ServiceResult<bool> {
    let result = owned(email)
        .col_expr(outbox::Column::Status, Expr::value(SENT))
        .col_expr(outbox::Column::SentAt, Expr::value(Utc::now()))
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Records a failed attempt: the message waits its backoff and is tried
/// again, or is marked failed when `permanent` or out of attempts. The
/// error is kept either way.
pub async fn record_failure(
    db: &impl ConnectionTrait,
    email: &ClaimedEmail,
    error: &str,
    permanent: bool,
    policy: &RetryPolicy,
) -> ServiceResult<AfterFailure> {
    let now = Utc::now();
    let outcome = if permanent || email.attempt >= policy.max_attempts {
        AfterFailure::GaveUp
    } else {
        let wait = chrono::Duration::from_std(policy.backoff(email.attempt))
            .unwrap_or(chrono::Duration::MAX);
        AfterFailure::RetryAt(
            now.checked_add_signed(wait)
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
        )
    };
    let mut update = owned(email)
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(outbox::Column::LastError, Expr::value(error));
    update = match outcome {
        AfterFailure::RetryAt(at) => {
            update.col_expr(outbox::Column::NextAttemptAt, Expr::value(at))
        }
        _ => update.col_expr(outbox::Column::Status, Expr::value(FAILED)),
    };
    let result = update.exec(db).await?;
    Ok(if result.rows_affected == 1 {
        outcome
    } else {
        AfterFailure::TakenOver
    })
}

/// Gives back a message claimed but not attempted (the worker is
/// stopping): due again at once, and the claim does not count as an attempt.
pub async fn release(db: &impl ConnectionTrait, email: &ClaimedEmail) -> ServiceResult<()> {
    owned(email)
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).sub(1),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// An UPDATE of `email` that matches only while this claim holds it.
fn owned(email: &ClaimedEmail) -> sea_orm::UpdateMany<outbox::Entity> {
    outbox::Entity::update_many()
        .filter(outbox::Column::Id.eq(email.id))
        .filter(outbox::Column::Status.eq(PENDING))
        .filter(outbox::Column::Attempts.eq(email.attempt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        let policy = RetryPolicy {
            max_attempts: 8,
            base: Duration::from_secs(30),
        };
        let waits: Vec<u64> = (1..=9).map(|n| policy.backoff(n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(policy.backoff(0), Duration::from_secs(30));
        assert_eq!(policy.backoff(i32::MAX), MAX_BACKOFF);
    }
}
