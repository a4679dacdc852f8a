//! Daily rollups (DESIGN §10): per seller and for the whole organisation
//! (seller 0), the sums of every metric, the customer's mentions of every
//! term, and the analysed calls with their outcomes. Storing or replacing a
//! call's results adds its facts and takes away the ones it replaced, in
//! the same transaction, so the seller page reads a few rows per day
//! instead of every call in range.

use std::collections::BTreeMap;

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use super::entity::{day_call, day_metric, day_term};
use crate::domain::dates::DayNumber;
use crate::domain::{OrgId, Outcome, UserId};
use crate::error::ServiceResult;
use crate::insights::engine::IdealRange;

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

/// `table.column + excluded.column`: the stored sum plus the delta.
fn accumulate(table: &str, column: &str) -> Expr {
    Expr::cust(format!("{table}.{column} + excluded.{column}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_counts_for_its_seller_and_the_organisation_and_can_be_taken_back() {
        let ideal = BTreeMap::from([(
            "talk_to_listen_ratio".to_owned(),
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
            metrics: BTreeMap::from([("talk_to_listen_ratio".to_owned(), 0.5)]),
            terms: BTreeMap::from([(("competitor".to_owned(), "Acme".to_owned()), 2)]),
        };
        let mut delta = Delta::default();
        delta.add(&facts, &ideal, 1);
        for seller in [7, WHOLE_ORG] {
            let m = delta.metrics[&(seller, 100, "talk_to_listen_ratio".to_owned())];
            assert_eq!((m.total, m.calls, m.in_ideal), (0.5, 1, 1));
            let t = delta.terms[&(seller, 100, "competitor".to_owned(), "Acme".to_owned())];
            assert_eq!((t.mentions, t.calls), (2, 1));
            assert_eq!(delta.calls[&(seller, 100)].won, 1);
        }
        delta.add(&facts, &ideal, -1);
        assert!(delta.metrics.values().all(|s| *s == MetricSum::default()));
        assert!(delta.calls.values().all(|s| *s == CallSum::default()));
    }
}
