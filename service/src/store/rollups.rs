//! Daily rollups (docs/architecture.md#daily-rollups): per seller and for
//! the whole organisation (seller 0), the sums of every metric, the
//! customer's mentions of every term, and the analysed calls with their
//! outcomes. Storing or replacing a
//! call's results adds its facts and takes away the ones it replaced, in
//! the same transaction, so the seller page reads a few rows per day
//! instead of every call in range.

use std::collections::BTreeMap;

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect, Set, Value,
};

use super::Store;
use super::entity::{call, day_call, day_metric, day_term};
use super::orgs::Organization;
use super::sql::statement;
use crate::domain::dates::{DayNumber, local_day};
use crate::domain::{IdealRange, OrgId, Outcome, UserId};
use crate::error::ServiceResult;

/// The seller id of the organisation-wide rows.
pub const WHOLE_ORG: i64 = 0;

/// Rows per multi-row upsert.
const ROWS_PER_UPSERT: usize = 500;

/// What one analysed call adds to the rollups.
#[derive(Debug, Clone, PartialEq)]
pub struct CallFacts {
    pub seller: UserId,
    pub day: DayNumber,
    pub outcome: Option<Outcome>,
    /// Metric values by name (nulls left out).
    pub metrics: BTreeMap<String, f64>,
    /// Customer mentions by (term kind, term).
    pub terms: BTreeMap<(String, String), i64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct MetricSum {
    total: f64,
    calls: i64,
    in_ideal: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct TermSum {
    mentions: i64,
    calls: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct CallSum {
    calls: i64,
    won: i64,
    lost: i64,
}

/// Changes to the rollups of one organisation, summed per row so each row
/// is written once, in key order (the same lock order in every
/// transaction).
#[derive(Debug, Default)]
pub struct Delta {
    metrics: BTreeMap<(i64, DayNumber, String), MetricSum>,
    terms: BTreeMap<(i64, DayNumber, String, String), TermSum>,
    calls: BTreeMap<(i64, DayNumber), CallSum>,
}

impl CallFacts {
    /// Facts with no metrics or terms yet.
    pub fn new(seller: UserId, day: DayNumber, outcome: Option<Outcome>) -> Self {
        Self {
            seller,
            day,
            outcome,
            metrics: BTreeMap::new(),
            terms: BTreeMap::new(),
        }
    }
}

impl Delta {
    /// Counts a call's facts in (`sign` 1) or out (`sign` −1), for its
    /// seller and for the organisation.
    pub fn add(&mut self, facts: &CallFacts, ideal: &BTreeMap<String, IdealRange>, sign: i64) {
        for seller in [facts.seller.0, WHOLE_ORG] {
            let day = facts.day;
            for (name, value) in &facts.metrics {
                let sum = self.metrics.entry((seller, day, name.clone())).or_default();
                sum.total += sign as f64 * value;
                sum.calls += sign;
                if ideal.get(name).is_some_and(|r| r.contains(*value)) {
                    sum.in_ideal += sign;
                }
            }
            for ((kind, term), mentions) in &facts.terms {
                let sum = self
                    .terms
                    .entry((seller, day, kind.clone(), term.clone()))
                    .or_default();
                sum.mentions += sign * mentions;
                sum.calls += sign;
            }
            let sum = self.calls.entry((seller, day)).or_default();
            sum.calls += sign;
            match facts.outcome {
                Some(Outcome::Won) => sum.won += sign,
                Some(Outcome::Lost) => sum.lost += sign,
                _ => {}
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    /// Writes the changes: one multi-row upsert per table and chunk.
    pub async fn apply(self, db: &impl ConnectionTrait, org: OrgId) -> ServiceResult<()> {
        let metrics: Vec<_> = self
            .metrics
            .into_iter()
            .filter(|(_, s)| *s != MetricSum::default())
            .map(|((seller, day, name), s)| day_metric::ActiveModel {
                org_id: Set(org.0),
                seller_id: Set(seller),
                day: Set(day),
                name: Set(name),
                total: Set(s.total),
                calls: Set(s.calls),
                in_ideal: Set(s.in_ideal),
            })
            .collect();
        for chunk in metrics.chunks(ROWS_PER_UPSERT) {
            day_metric::Entity::insert_many(chunk.to_vec())
                .on_conflict(
                    OnConflict::columns([
                        day_metric::Column::OrgId,
                        day_metric::Column::SellerId,
                        day_metric::Column::Day,
                        day_metric::Column::Name,
                    ])
                    .value(
                        day_metric::Column::Total,
                        accumulate("day_metrics", "total"),
                    )
                    .value(
                        day_metric::Column::Calls,
                        accumulate("day_metrics", "calls"),
                    )
                    .value(
                        day_metric::Column::InIdeal,
                        accumulate("day_metrics", "in_ideal"),
                    )
                    .to_owned(),
                )
                .exec_without_returning(db)
                .await?;
        }
        let terms: Vec<_> = self
            .terms
            .into_iter()
            .filter(|(_, s)| *s != TermSum::default())
            .map(|((seller, day, kind, term), s)| day_term::ActiveModel {
                org_id: Set(org.0),
                seller_id: Set(seller),
                day: Set(day),
                kind: Set(kind),
                term: Set(term),
                mentions: Set(s.mentions),
                calls: Set(s.calls),
            })
            .collect();
        for chunk in terms.chunks(ROWS_PER_UPSERT) {
            day_term::Entity::insert_many(chunk.to_vec())
                .on_conflict(
                    OnConflict::columns([
                        day_term::Column::OrgId,
                        day_term::Column::SellerId,
                        day_term::Column::Day,
                        day_term::Column::Kind,
                        day_term::Column::Term,
                    ])
                    .value(
                        day_term::Column::Mentions,
                        accumulate("day_terms", "mentions"),
                    )
                    .value(day_term::Column::Calls, accumulate("day_terms", "calls"))
                    .to_owned(),
                )
                .exec_without_returning(db)
                .await?;
        }
        let calls: Vec<_> = self
            .calls
            .into_iter()
            .filter(|(_, s)| *s != CallSum::default())
            .map(|((seller, day), s)| day_call::ActiveModel {
                org_id: Set(org.0),
                seller_id: Set(seller),
                day: Set(day),
                calls: Set(s.calls),
                won: Set(s.won),
                lost: Set(s.lost),
            })
            .collect();
        for chunk in calls.chunks(ROWS_PER_UPSERT) {
            day_call::Entity::insert_many(chunk.to_vec())
                .on_conflict(
                    OnConflict::columns([
                        day_call::Column::OrgId,
                        day_call::Column::SellerId,
                        day_call::Column::Day,
                    ])
                    .value(day_call::Column::Calls, accumulate("day_calls", "calls"))
                    .value(day_call::Column::Won, accumulate("day_calls", "won"))
                    .value(day_call::Column::Lost, accumulate("day_calls", "lost"))
                    .to_owned(),
                )
                .exec_without_returning(db)
                .await?;
        }
        Ok(())
    }
}

/// Recomputes an organisation's rollups from its calls' stored results, in
/// one transaction: after its time zone changed (every call's local day is
/// computed again) or its ideal ranges did (`in_ideal` counts). The
/// incremental path and this one give the same rows.
pub async fn rebuild(store: &Store, org: &Organization) -> ServiceResult<()> {
    let txn = store.begin_write().await?;
    let backend = txn.get_database_backend();
    if backend == DbBackend::Postgres {
        // Analysis finishing meanwhile waits, then adds to the new rows.
        txn.execute_unprepared(
            "LOCK TABLE day_metrics, day_terms, day_calls IN SHARE ROW EXCLUSIVE MODE",
        )
        .await?;
    }
    for table in ["day_metrics", "day_terms", "day_calls"] {
        txn.execute_raw(statement(
            backend,
            &format!("DELETE FROM {table} WHERE org_id = ?"),
            vec![org.id.0.into()],
        ))
        .await?;
    }
    relocate_days(&txn, org).await?;

    let ideal = org.settings.effective_ideal_ranges();
    let mut in_ideal = String::from("CASE");
    let mut values: Vec<Value> = Vec::new();
    for (name, range) in &ideal {
        let (min, max) = range.inclusive_bounds();
        in_ideal.push_str(" WHEN m.name = ? AND m.value >= ? AND m.value <= ? THEN 1");
        values.extend([
            name.as_str().into(),
            min.max(-f64::MAX).into(),
            max.min(f64::MAX).into(),
        ]);
    }
    in_ideal.push_str(" ELSE 0 END");
    values.push(org.id.0.into());
    // Per seller first, then the organisation's rows as their sums.
    txn.execute_raw(statement(
        backend,
        &format!(
            "INSERT INTO day_metrics (org_id, seller_id, day, name, total, calls, in_ideal)              SELECT c.org_id, c.seller_id, c.local_day, m.name, SUM(m.value), COUNT(m.value),              SUM({in_ideal}) FROM calls c JOIN call_metrics m ON m.call_id = c.id              WHERE c.org_id = ? AND c.local_day IS NOT NULL AND m.value IS NOT NULL              GROUP BY c.org_id, c.seller_id, c.local_day, m.name"
        ),
        values,
    ))
    .await?;
    txn.execute_raw(statement(
        backend,
        "INSERT INTO day_terms (org_id, seller_id, day, kind, term, mentions, calls)          SELECT c.org_id, c.seller_id, c.local_day, t.kind, t.term, SUM(t.customer_mentions),          COUNT(*) FROM calls c JOIN call_terms t ON t.call_id = c.id          WHERE c.org_id = ? AND c.local_day IS NOT NULL AND t.customer_mentions > 0          GROUP BY c.org_id, c.seller_id, c.local_day, t.kind, t.term",
        vec![org.id.0.into()],
    ))
    .await?;
    txn.execute_raw(statement(
        backend,
        "INSERT INTO day_calls (org_id, seller_id, day, calls, won, lost)          SELECT org_id, seller_id, local_day, COUNT(*),          SUM(CASE WHEN outcome = 'won' THEN 1 ELSE 0 END),          SUM(CASE WHEN outcome = 'lost' THEN 1 ELSE 0 END)          FROM calls WHERE org_id = ? AND local_day IS NOT NULL          GROUP BY org_id, seller_id, local_day",
        vec![org.id.0.into()],
    ))
    .await?;
    for (table, keys, sums) in [
        (
            "day_metrics",
            "day, name",
            "SUM(total), SUM(calls), SUM(in_ideal)",
        ),
        ("day_terms", "day, kind, term", "SUM(mentions), SUM(calls)"),
        ("day_calls", "day", "SUM(calls), SUM(won), SUM(lost)"),
    ] {
        let columns = match table {
            "day_metrics" => "total, calls, in_ideal",
            "day_terms" => "mentions, calls",
            _ => "calls, won, lost",
        };
        txn.execute_raw(statement(
            backend,
            &format!(
                "INSERT INTO {table} (org_id, seller_id, {keys}, {columns})                  SELECT org_id, ?, {keys}, {sums} FROM {table}                  WHERE org_id = ? AND seller_id <> ? GROUP BY org_id, {keys}"
            ),
            vec![WHOLE_ORG.into(), org.id.0.into(), WHOLE_ORG.into()],
        ))
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Moves every rolled-up call to its local day in the organisation's
/// (possibly new) time zone.
async fn relocate_days(db: &impl ConnectionTrait, org: &Organization) -> ServiceResult<()> {
    let rows: Vec<(i64, chrono::DateTime<chrono::Utc>, i32)> = call::Entity::find()
        .select_only()
        .column(call::Column::Id)
        .column(call::Column::StartedAt)
        .column(call::Column::LocalDay)
        .filter(call::Column::OrgId.eq(org.id.0))
        .filter(call::Column::LocalDay.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    let mut moves: BTreeMap<DayNumber, Vec<i64>> = BTreeMap::new();
    for (id, started_at, day) in rows {
        let local = local_day(started_at, org.time_zone);
        if local != day {
            moves.entry(local).or_default().push(id);
        }
    }
    for (day, ids) in moves {
        for chunk in ids.chunks(ROWS_PER_UPSERT) {
            call::Entity::update_many()
                .col_expr(call::Column::LocalDay, Expr::value(day))
                .filter(call::Column::Id.is_in(chunk.iter().copied()))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// `table.column + excluded.column`: the stored sum plus the delta.
fn accumulate(table: &str, column: &str) -> Expr {
    Expr::cust(format!("{table}.{column} + excluded.{column}"))
}

#[cfg(test)]
mod tests {
    use callsight_plugin_api::names::{metric, signal};

    use super::*;

    #[test]
    fn a_call_counts_for_its_seller_and_the_organisation_and_can_be_taken_back() {
        let ideal = BTreeMap::from([(
            metric::TALK_TO_LISTEN_RATIO.to_owned(),
            IdealRange {
                min: None,
                max: Some(0.65),
                target: Some(0.43),
            },
        )]);
        let facts = CallFacts {
            seller: UserId(7),
            day: 100,
            outcome: Some(Outcome::Won),
            metrics: BTreeMap::from([(metric::TALK_TO_LISTEN_RATIO.to_owned(), 0.5)]),
            terms: BTreeMap::from([((signal::COMPETITOR.to_owned(), "Acme".to_owned()), 2)]),
        };
        let mut delta = Delta::default();
        delta.add(&facts, &ideal, 1);
        for seller in [7, WHOLE_ORG] {
            let m = delta.metrics[&(seller, 100, metric::TALK_TO_LISTEN_RATIO.to_owned())];
            assert_eq!((m.total, m.calls, m.in_ideal), (0.5, 1, 1));
            let t = delta.terms[&(
                seller,
                100,
                signal::COMPETITOR.to_owned(),
                "Acme".to_owned(),
            )];
            assert_eq!((t.mentions, t.calls), (2, 1));
            assert_eq!(delta.calls[&(seller, 100)].won, 1);
        }
        delta.add(&facts, &ideal, -1);
        assert!(delta.metrics.values().all(|s| *s == MetricSum::default()));
        assert!(delta.calls.values().all(|s| *s == CallSum::default()));
    }
}
