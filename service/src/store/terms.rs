//! The calls behind the figures: which calls mention a term, and which
//! calls support an insight.

use std::collections::HashMap;

use callsight_plugin_api::names::metric;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, Value};

use super::aggregates::{get, stored_kinds};
use super::sql::{placeholders, statement};
use crate::domain::{CallId, Evidence, Scope, TermKind, UserId};
use crate::error::{ServiceError, ServiceResult};

/// How many of a term's calls the seller page lists.
pub const CALLS_PER_TERM: usize = 5;

type Instants = (DateTime<Utc>, DateTime<Utc>);

/// Which term's calls: a seller's calls in a range mentioning it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TermCallsKey {
    pub seller: UserId,
    pub range: Instants,
    pub kind: TermKind,
    pub term: String,
}

/// For each key, the newest `limit` calls of its seller in its range in
/// which the customer mentions its term: one query per seller and range,
/// each term read backwards along its index and stopped after `limit`
/// calls, however many calls mention it.
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
    let mut found: HashMap<TermCallsKey, Vec<CallId>> =
        keys.iter().map(|k| (k.clone(), Vec::new())).collect();
    for ((seller, (from, to)), keys) in groups {
        let mut parts = Vec::with_capacity(keys.len());
        let mut values: Vec<Value> = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            // One index walk per stored kind (a keyword and the same key
            // phrase can both name a term): a single kind keeps the index
            // in date order, so each walk stops after `limit` rows.
            for kind in stored_kinds(key.kind) {
                parts.push(format!(
                    "SELECT * FROM (SELECT {i} AS k, call_id, started_at FROM call_terms \
                     WHERE org_id = ? AND seller_id = ? AND kind = ? AND term = ? \
                     AND started_at >= ? AND started_at < ? AND customer_mentions > 0 \
                     ORDER BY started_at DESC, call_id DESC LIMIT ?) t{i}_{kind}"
                ));
                values.extend([
                    scope.org().0.into(),
                    seller.0.into(),
                    (*kind).into(),
                    key.term.as_str().into(),
                    from.into(),
                    to.into(),
                    (limit as i64).into(),
                ]);
            }
        }
        let rows = db
            .query_all_raw(statement(
                db.get_database_backend(),
                &parts.join(" UNION ALL "),
                values,
            ))
            .await?;
        let mut rows = rows
            .iter()
            .map(|row| {
                let started_at: DateTime<Utc> = get(row, "started_at")?;
                Ok((
                    get::<i32>(row, "k")?,
                    started_at,
                    get::<i64>(row, "call_id")?,
                ))
            })
            .collect::<ServiceResult<Vec<_>>>()?;
        // Newest first within each term (a UNION keeps no order).
        rows.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
        for (k, _, call) in rows {
            let calls = found.entry(keys[k as usize].clone()).or_default();
            if calls.len() < limit && !calls.contains(&CallId(call)) {
                calls.push(CallId(call));
            }
        }
    }
    Ok(found)
}

/// The seller's newest calls in range that support an insight. Newest
/// first lets the database walk the seller's calls backwards and stop at
/// `limit` matches, however many calls the range holds.
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
    let by_metric = |condition: &str| {
        format!(
            "SELECT c.id AS call_id FROM calls c JOIN call_metrics m ON m.call_id = c.id \
             WHERE {calls_in_range} AND m.name = ? AND {condition} \
             ORDER BY c.started_at DESC, c.id DESC LIMIT ?"
        )
    };
    let sql = match evidence {
        Evidence::MetricOutside { metric, range } => {
            // Finite bounds keep the comparison portable.
            values.push(metric.as_str().into());
            values.push(range.min.unwrap_or(-f64::MAX).into());
            values.push(range.max.unwrap_or(f64::MAX).into());
            by_metric("(m.value < ? OR m.value > ?)")
        }
        Evidence::MetricBeyond {
            metric,
            threshold,
            above,
        } => {
            values.push(metric.as_str().into());
            values.push((*threshold).into());
            by_metric(if *above { "m.value > ?" } else { "m.value < ?" })
        }
        Evidence::NegativeShareAbove { threshold } => {
            values.push(metric::CUSTOMER_NEGATIVE_SHARE.into());
            values.push((*threshold).into());
            by_metric("m.value > ?")
        }
        Evidence::Term { kind, term } => {
            let kinds = stored_kinds(*kind);
            values.extend(kinds.iter().map(|k| Value::from(*k)));
            values.push(term.as_str().into());
            format!(
                "SELECT DISTINCT c.call_id AS call_id, c.started_at FROM call_terms c \
                 WHERE {calls_in_range} AND c.kind IN ({}) AND c.term = ? \
                 AND c.customer_mentions > 0 \
                 ORDER BY c.started_at DESC, c.call_id DESC LIMIT ?",
                placeholders(kinds.len())
            )
        }
    };
    values.push((limit as i64).into());
    let rows = db
        .query_all_raw(statement(db.get_database_backend(), &sql, values))
        .await?;
    rows.iter()
        .map(|row| Ok(CallId(get(row, "call_id")?)))
        .collect()
}
