//! The calls behind the figures: which calls mention a term, and which
//! calls support an insight.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, Value};

use super::aggregates::{placeholders, statement, stored_kinds};
use crate::domain::{CallId, Scope, UserId};
use crate::error::{ServiceError, ServiceResult};
use crate::insights::engine::{Evidence, TermKind};

/// How many of a term's calls the seller page lists.
pub const CALLS_PER_TERM: usize = 5;

type Instants = (DateTime<Utc>, DateTime<Utc>);

fn read<T: sea_orm::TryGetable>(row: &sea_orm::QueryResult, column: &str) -> ServiceResult<T> {
    row.try_get("", column)
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!("reading `{column}`: {e}")))
}

/// Which term's calls: a seller's calls in a range mentioning it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TermCallsKey {
    pub seller: UserId,
    pub range: Instants,
    pub kind: TermKind,
    pub term: String,
}

/// For each key, the newest `limit` calls of its seller in its range that
/// mention its term: one query per seller and range.
pub async fn newest_calls(
    db: &impl ConnectionTrait,
    scope: &Scope,
    keys: &[TermCallsKey],
    limit: usize,
) -> ServiceResult<HashMap<TermCallsKey, Vec<CallId>>> {
    let mut groups: HashMap<(UserId, Instants), Vec<&TermCallsKey>> = HashMap::new();
    for key in keys.iter().filter(|k| scope.can_see(k.seller)) {
        groups.entry((key.seller, key.range)).or_default().push(key);
    }
    let mut found: HashMap<TermCallsKey, Vec<CallId>> = HashMap::new();
    for ((seller, (from, to)), keys) in groups {
        let terms: Vec<&str> = keys.iter().map(|k| k.term.as_str()).collect();
        let mut values: Vec<Value> = vec![
            scope.org().0.into(),
            seller.0.into(),
            from.into(),
            to.into(),
        ];
        values.extend(terms.iter().map(|t| Value::from(*t)));
        values.push((limit as i64).into());
        // Keywords and key phrases of the same text are one term.
        let rows = db
            .query_all_raw(statement(
                db.get_database_backend(),
                &format!(
                    "SELECT call_id, competitor, term FROM ( \
                       SELECT call_id, competitor, term, ROW_NUMBER() OVER ( \
                         PARTITION BY competitor, term ORDER BY started_at DESC, call_id DESC) AS rn \
                       FROM (SELECT DISTINCT call_id, started_at, term, \
                               CASE WHEN kind = 'competitor' THEN 1 ELSE 0 END AS competitor \
                             FROM call_terms WHERE org_id = ? AND seller_id = ? \
                             AND started_at >= ? AND started_at < ? AND term IN ({})) d \
                     ) ranked WHERE rn <= ? ORDER BY rn",
                    placeholders(terms.len())
                ),
                values,
            ))
            .await?;
        for row in rows {
            let kind = if read::<i32>(&row, "competitor")? == 1 {
                TermKind::Competitor
            } else {
                TermKind::Keyword
            };
            let key = TermCallsKey {
                seller,
                range: (from, to),
                kind,
                term: read(&row, "term")?,
            };
            if keys.contains(&&key) {
                found
                    .entry(key)
                    .or_default()
                    .push(CallId(read(&row, "call_id")?));
            }
        }
    }
    for key in keys {
        found.entry(key.clone()).or_default();
    }
    Ok(found)
}

/// The seller's calls in range that support an insight, strongest first.
pub async fn evidence(
    db: &impl ConnectionTrait,
    scope: &Scope,
    seller: UserId,
    (from, to): Instants,
    evidence: &Evidence,
    limit: usize,
) -> ServiceResult<Vec<CallId>> {
    if !scope.can_see(seller) {
        return Err(ServiceError::not_found(format!("seller {seller}")));
    }
    let mut values: Vec<Value> = vec![
        scope.org().0.into(),
        seller.0.into(),
        from.into(),
        to.into(),
    ];
    let calls_in_range =
        "c.org_id = ? AND c.seller_id = ? AND c.started_at >= ? AND c.started_at < ?";
    let by_metric = |condition: &str, order: &str| {
        format!(
            "SELECT c.id AS call_id FROM calls c JOIN call_metrics m ON m.call_id = c.id \
             WHERE {calls_in_range} AND m.name = ? AND {condition} \
             ORDER BY {order}, c.started_at DESC LIMIT ?"
        )
    };
    let sql = match evidence {
        Evidence::MetricOutside { metric, range } => {
            // Finite bounds keep the comparison portable; the worst call is
            // the one farthest outside either bound.
            let min = range.min.unwrap_or(-f64::MAX);
            let max = range.max.unwrap_or(f64::MAX);
            values.push(metric.as_str().into());
            values.extend([min.into(), max.into()]);
            let sql = by_metric(
                "(m.value < ? OR m.value > ?)",
                "CASE WHEN m.value > ? THEN m.value - ? ELSE ? - m.value END DESC",
            );
            values.extend([max.into(), max.into(), min.into()]);
            sql
        }
        Evidence::MetricExtreme { metric, highest } => {
            values.push(metric.as_str().into());
            by_metric(
                "m.value IS NOT NULL",
                if *highest {
                    "m.value DESC"
                } else {
                    "m.value ASC"
                },
            )
        }
        Evidence::NegativeShareAbove { threshold } => {
            values.push("customer_negative_share".into());
            values.push((*threshold).into());
            by_metric("m.value > ?", "m.value DESC")
        }
        Evidence::Term { kind, term } => {
            let kinds = stored_kinds(*kind);
            values.extend(kinds.iter().map(|k| Value::from(*k)));
            values.push(term.as_str().into());
            format!(
                "SELECT c.call_id AS call_id FROM call_terms c \
                 WHERE {calls_in_range} AND c.kind IN ({}) AND c.term = ? \
                 GROUP BY c.call_id, c.started_at \
                 ORDER BY SUM(c.customer_mentions) DESC, c.started_at DESC LIMIT ?",
                placeholders(kinds.len())
            )
        }
    };
    values.push((limit as i64).into());
    let rows = db
        .query_all_raw(statement(db.get_database_backend(), &sql, values))
        .await?;
    rows.iter()
        .map(|row| Ok(CallId(read(row, "call_id")?)))
        .collect()
}
