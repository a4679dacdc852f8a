//! Reads of the daily rollups: what a seller, a group of sellers or the
//! whole organisation did over a range of days. Each read is one grouped
//! query over a few rows per day, whatever the number of calls.

use std::collections::{BTreeMap, HashMap};

use callsight_plugin_api::names::signal;
use sea_orm::{ConnectionTrait, QueryResult, Value};

use super::rollups::WHOLE_ORG;
use super::sql::{placeholders, statement};
use crate::domain::dates::{DayNumber, DayRange};
use crate::domain::{
    CallCounts, MetricStat, OrgId, Period, Periods, Scope, TermKind, TermStat, UserId,
};
use crate::error::{ServiceError, ServiceResult};

/// Whose rollup rows to read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    /// One seller the scope may see.
    Seller(UserId),
    /// Several sellers, summed together (e.g. the top performers).
    Sellers(Vec<UserId>),
    /// The whole organisation: a comparison every viewer of it may read.
    Organization,
}

impl Subject {
    /// The seller ids of the rows, refusing sellers the scope cannot see.
    /// Group reads (`Sellers`) are sums the caller decided to show, such
    /// as the top performers' value, so only single sellers are checked.
    fn seller_ids(&self, scope: &Scope) -> ServiceResult<Vec<i64>> {
        match self {
            Self::Seller(id) if scope.can_see(*id) => Ok(vec![id.0]),
            Self::Seller(id) => Err(ServiceError::not_found(format!("seller {id}"))),
            Self::Sellers(ids) => Ok(ids.iter().map(|id| id.0).collect()),
            Self::Organization => Ok(vec![WHOLE_ORG]),
        }
    }
}

/// Mentions and calls per term of one seller and period, keywords and key
/// phrases of the same text merged.
type MergedTerms = BTreeMap<(TermKind, String), (u64, u64, bool)>;

/// The term kind a stored signal kind is rolled up as, if any.
fn kind_of(stored: &str) -> Option<TermKind> {
    [TermKind::Keyword, TermKind::Competitor]
        .into_iter()
        .find(|kind| stored_kinds(*kind).contains(&stored))
}

/// The stored term kinds a [`TermKind`] reads.
pub fn stored_kinds(kind: TermKind) -> &'static [&'static str] {
    match kind {
        TermKind::Keyword => &[signal::KEYWORD, signal::KEY_PHRASE],
        TermKind::Competitor => &[signal::COMPETITOR],
    }
}

/// A column of a raw row, its decoding error an internal one.
pub(crate) fn get<T: sea_orm::TryGetable>(row: &QueryResult, column: &str) -> ServiceResult<T> {
    row.try_get("", column)
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!("reading `{column}`: {e}")))
}

fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

/// A subject's metrics, terms and outcomes over `range` and the period of
/// equal length before it: three grouped queries.
pub async fn periods(
    db: &impl ConnectionTrait,
    scope: &Scope,
    subject: &Subject,
    range: DayRange,
) -> ServiceResult<Periods> {
    let sellers = subject.seller_ids(scope)?;
    Ok(load(db, scope.org(), &sellers, range, false)
        .await?
        .remove(&WHOLE_ORG)
        .unwrap_or_default())
}

/// [`periods`] of each visible seller of `sellers`, in the same three
/// queries (sellers without calls are missing).
pub async fn periods_by_seller(
    db: &impl ConnectionTrait,
    scope: &Scope,
    sellers: &[UserId],
    range: DayRange,
) -> ServiceResult<HashMap<UserId, Periods>> {
    let visible: Vec<i64> = sellers
        .iter()
        .filter(|s| scope.can_see(**s))
        .map(|s| s.0)
        .collect();
    Ok(load(db, scope.org(), &visible, range, true)
        .await?
        .into_iter()
        .map(|(id, periods)| (UserId(id), periods))
        .collect())
}

/// The rollups of `sellers` over `range` and the period before, per seller
/// when `per_seller`, else summed under [`WHOLE_ORG`].
async fn load(
    db: &impl ConnectionTrait,
    org: OrgId,
    sellers: &[i64],
    range: DayRange,
    per_seller: bool,
) -> ServiceResult<HashMap<i64, Periods>> {
    let mut all: HashMap<i64, Periods> = HashMap::new();
    if sellers.is_empty() {
        return Ok(all);
    }
    let previous = range.previous();
    let backend = db.get_database_backend();
    let (seller_column, seller_group) = if per_seller {
        ("seller_id", ", seller_id")
    } else {
        ("CAST(0 AS BIGINT)", "")
    };
    let filter = format!(
        "org_id = ? AND seller_id IN ({}) AND day BETWEEN ? AND ?",
        placeholders(sellers.len())
    );
    let values = || {
        let mut values: Vec<Value> = vec![range.from.into(), org.0.into()];
        values.extend(sellers.iter().map(|s| Value::from(*s)));
        values.push(previous.from.into());
        values.push(range.to.into());
        values
    };
    let head = format!(
        "SELECT {seller_column} AS seller, CASE WHEN day >= ? THEN 1 ELSE 0 END AS current"
    );

    let metrics = db
        .query_all_raw(statement(
            backend,
            &format!(
                "{head}, name, SUM(total) AS total, CAST(SUM(calls) AS BIGINT) AS calls, \
                 CAST(SUM(in_ideal) AS BIGINT) AS in_ideal \
                 FROM day_metrics WHERE {filter} GROUP BY 2, name{seller_group}"
            ),
            values(),
        ))
        .await?;
    for row in metrics {
        let periods = all.entry(get(&row, "seller")?).or_default();
        let period = pick(periods, get::<i32>(&row, "current")?);
        let stat = MetricStat {
            sum: get(&row, "total")?,
            calls: count(get(&row, "calls")?),
            in_ideal: count(get(&row, "in_ideal")?),
        };
        if stat.calls > 0 {
            period.metrics.insert(get(&row, "name")?, stat);
        }
    }

    let terms = db
        .query_all_raw(statement(
            backend,
            &format!(
                "{head}, kind, term, CAST(SUM(mentions) AS BIGINT) AS mentions, \
                 CAST(SUM(calls) AS BIGINT) AS calls \
                 FROM day_terms WHERE {filter} GROUP BY 2, kind, term{seller_group}"
            ),
            values(),
        ))
        .await?;
    // A tracked keyword and the same key phrase are one term; a call
    // mentioning both still counts once (the larger of the two).
    let mut merged: HashMap<(i64, i32), MergedTerms> = HashMap::new();
    for row in terms {
        let stored: String = get(&row, "kind")?;
        let Some(kind) = kind_of(&stored) else {
            continue;
        };
        let (mentions, calls) = (count(get(&row, "mentions")?), count(get(&row, "calls")?));
        if mentions == 0 {
            continue;
        }
        let entry = merged
            .entry((get(&row, "seller")?, get(&row, "current")?))
            .or_default()
            .entry((kind, get(&row, "term")?))
            .or_default();
        entry.0 += mentions;
        entry.1 = entry.1.max(calls);
        entry.2 |= stored != signal::KEY_PHRASE;
    }
    for ((seller, current), terms) in merged {
        let mut terms: Vec<TermStat> = terms
            .into_iter()
            .map(|((kind, term), (mentions, calls, tracked))| TermStat {
                kind,
                term,
                mentions,
                calls,
                tracked,
            })
            .collect();
        terms.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.term.cmp(&b.term)));
        pick(all.entry(seller).or_default(), current).terms = terms;
    }

    let calls = db
        .query_all_raw(statement(
            backend,
            &format!(
                "{head}, CAST(SUM(calls) AS BIGINT) AS calls, CAST(SUM(won) AS BIGINT) AS won, \
                 CAST(SUM(lost) AS BIGINT) AS lost FROM day_calls WHERE {filter} \
                 GROUP BY 2{seller_group}"
            ),
            values(),
        ))
        .await?;
    for row in calls {
        let periods = all.entry(get(&row, "seller")?).or_default();
        let current = get::<i32>(&row, "current")?;
        let counts = CallCounts {
            calls: count(get(&row, "calls")?),
            won: count(get(&row, "won")?),
            lost: count(get(&row, "lost")?),
        };
        pick(periods, current).calls = counts.calls;
        if current == 1 {
            periods.current_outcomes = counts;
        }
    }
    Ok(all)
}

fn pick(periods: &mut Periods, current: i32) -> &mut Period {
    if current == 1 {
        &mut periods.current
    } else {
        &mut periods.previous
    }
}

/// Each seller's outcomes over `range`, for choosing top performers; only
/// sellers with analysed calls appear.
pub async fn outcomes_by_seller(
    db: &impl ConnectionTrait,
    org: OrgId,
    range: DayRange,
) -> ServiceResult<Vec<(UserId, CallCounts)>> {
    let rows = db
        .query_all_raw(statement(
            db.get_database_backend(),
            "SELECT seller_id, CAST(SUM(calls) AS BIGINT) AS calls, \
             CAST(SUM(won) AS BIGINT) AS won, CAST(SUM(lost) AS BIGINT) AS lost \
             FROM day_calls WHERE org_id = ? AND seller_id <> ? AND day BETWEEN ? AND ? \
             GROUP BY seller_id",
            vec![
                org.0.into(),
                WHOLE_ORG.into(),
                range.from.into(),
                range.to.into(),
            ],
        ))
        .await?;
    rows.iter()
        .map(|row| {
            Ok((
                UserId(get(row, "seller_id")?),
                CallCounts {
                    calls: count(get(row, "calls")?),
                    won: count(get(row, "won")?),
                    lost: count(get(row, "lost")?),
                },
            ))
        })
        .filter(|r: &ServiceResult<(UserId, CallCounts)>| {
            r.as_ref().map_or(true, |(_, c)| c.calls > 0)
        })
        .collect()
}

/// A subject's daily sums of one metric over `range`, for time series.
pub async fn daily(
    db: &impl ConnectionTrait,
    scope: &Scope,
    subject: &Subject,
    name: &str,
    range: DayRange,
) -> ServiceResult<Vec<(DayNumber, MetricStat)>> {
    let sellers = subject.seller_ids(scope)?;
    if sellers.is_empty() {
        return Ok(Vec::new());
    }
    let mut values: Vec<Value> = vec![scope.org().0.into(), name.into()];
    values.extend(sellers.iter().map(|s| Value::from(*s)));
    values.push(range.from.into());
    values.push(range.to.into());
    let rows = db
        .query_all_raw(statement(
            db.get_database_backend(),
            &format!(
                "SELECT day, SUM(total) AS total, CAST(SUM(calls) AS BIGINT) AS calls, \
                 CAST(SUM(in_ideal) AS BIGINT) AS in_ideal FROM day_metrics \
                 WHERE org_id = ? AND name = ? AND seller_id IN ({}) AND day BETWEEN ? AND ? \
                 GROUP BY day ORDER BY day",
                placeholders(sellers.len())
            ),
            values,
        ))
        .await?;
    rows.iter()
        .map(|row| {
            Ok((
                get(row, "day")?,
                MetricStat {
                    sum: get(row, "total")?,
                    calls: count(get(row, "calls")?),
                    in_ideal: count(get(row, "in_ideal")?),
                },
            ))
        })
        .filter(|r: &ServiceResult<(DayNumber, MetricStat)>| {
            r.as_ref().map_or(true, |(_, s)| s.calls > 0)
        })
        .collect()
}
