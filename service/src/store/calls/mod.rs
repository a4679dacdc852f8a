//! Calls with their participants and transcript segments.

mod stored;

pub use stored::{StoredCall, VisibleCall};

use std::collections::HashMap;

use callsight_plugin_api::names::signal;
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Set, TryInsertResult,
};

use super::Store;
use super::entity::{call, call_term, participant, segment};
use super::orgs::Organization;
use super::results::{ResultBatch, ResultOwner, RunRecord, summary};
use super::rollups::Delta;
use crate::domain::Format;
use crate::domain::dates::local_day;
use crate::domain::{
    AnalysisStatus, Call, CallId, OrgId, Participant, Scope, Segment, SpeakerRole, UserId,
    Visibility, Word,
};
use crate::domain::{CallCursor, CallFilter, SentimentFilter};
use crate::error::{ServiceError, ServiceResult};

/// Rows per multi-row INSERT: well under SQLite's and PostgreSQL's limits on
/// bound parameters.
const ROWS_PER_INSERT: usize = 1_000;

/// A call to store for a seller.
#[derive(Debug, Clone)]
pub struct NewCall {
    pub seller: UserId,
    pub call: Call<SpeakerRole>,
    pub started_at: DateTime<Utc>,
    /// The format the call was imported from.
    pub source_format: Format,
    /// Keywords to track in this call only.
    pub tracked_keywords: Vec<String>,
    /// What makes a call without external id the same call when imported
    /// again (unique per organisation).
    pub fingerprint: Option<String>,
    /// Results already computed (the demo generator analyses before it
    /// stores); `None` queues the call for analysis.
    pub analysis: Option<Vec<RunRecord>>,
}

/// What storing a call did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    Created(CallId),
    /// A call with the same external id was already in the organisation;
    /// nothing was written.
    Existing(CallId),
}

impl Inserted {
    pub fn id(self) -> CallId {
        match self {
            Self::Created(id) | Self::Existing(id) => id,
        }
    }
}

/// Stores calls in one transaction: all of them whole, or none. A call whose
/// external id the organisation already has is not written again. Each is
/// queued for analysis in the same transaction.
pub async fn insert(
    store: &Store,
    scope: &Scope,
    calls: Vec<NewCall>,
) -> ServiceResult<Vec<Inserted>> {
    if calls.iter().any(|c| c.analysis.is_some()) {
        return Err(anyhow::anyhow!("analysed calls are stored with insert_analysed").into());
    }
    insert_with(store, scope, None, calls).await
}

/// [`insert`] for calls that may come with their analysis: those are
/// stored analysed and rolled up (in `org`'s time zone and ideal ranges)
/// instead of being queued.
pub async fn insert_analysed(
    store: &Store,
    org: &Organization,
    calls: Vec<NewCall>,
) -> ServiceResult<Vec<Inserted>> {
    insert_with(store, &Scope::local_operator(org.id), Some(org), calls).await
}

async fn insert_with(
    store: &Store,
    scope: &Scope,
    org: Option<&Organization>,
    calls: Vec<NewCall>,
) -> ServiceResult<Vec<Inserted>> {
    if let Some(hidden) = calls.iter().find(|c| !scope.can_see(c.seller)) {
        return Err(ServiceError::Forbidden(format!(
            "you cannot import calls for user {}",
            hidden.seller
        )));
    }
    let txn = store.begin_write().await?;
    let ideal = org
        .map(|o| o.settings.effective_ideal_ranges())
        .unwrap_or_default();
    let tz = org.map_or(chrono_tz::UTC, |o| o.time_zone);
    let mut results = ResultBatch::default();
    let mut delta = Delta::default();
    let mut analysed_ids = Vec::new();
    let mut outcomes = Vec::with_capacity(calls.len());
    let mut participants = Vec::new();
    let mut segments = Vec::new();
    let now = Utc::now();
    for new in calls {
        let NewCall {
            seller,
            call,
            started_at,
            source_format,
            tracked_keywords,
            fingerprint,
            analysis,
        } = new;
        if let Some(existing) =
            find_by_fingerprint(&txn, scope.org(), fingerprint.as_deref()).await?
        {
            outcomes.push(Inserted::Existing(existing));
            continue;
        }
        let (status, customer_sentiment) = analysis
            .as_deref()
            .map_or((AnalysisStatus::Pending, None), summary);
        let day = local_day(started_at, tz);
        let duration_ms = call
            .duration_ms
            .unwrap_or_else(|| call.segments.iter().map(|s| s.end_ms).max().unwrap_or(0));
        let header = call::ActiveModel {
            org_id: Set(scope.org().0),
            seller_id: Set(seller.0),
            external_id: Set(call.external_id.clone()),
            title: Set(call.title.clone()),
            started_at: Set(to_millis(started_at)),
            duration_ms: Set(duration_ms),
            language: Set(call.language.clone()),
            direction: Set(call.direction.map(|d| d.as_str().to_owned())),
            outcome: Set(call.outcome.map(|o| o.as_str().to_owned())),
            recording: Set(call.recording.clone()),
            tracked_keywords: Set(
                (!tracked_keywords.is_empty()).then(|| serde_json::json!(tracked_keywords))
            ),
            source_format: Set(source_format.as_str().to_owned()),
            analysis_status: Set(status.as_str().to_owned()),
            local_day: Set(analysis.is_some().then_some(day)),
            customer_sentiment: Set(customer_sentiment),
            fingerprint: Set(fingerprint),
            created_at: Set(now),
            ..Default::default()
        };
        // The first statement writes, so SQLite takes its write lock up
        // front instead of failing to upgrade a read snapshot later.
        let inserted = call::Entity::insert(header)
            .on_conflict_do_nothing_on([call::Column::OrgId, call::Column::ExternalId])
            .exec(&txn)
            .await?;
        let id = match inserted {
            TryInsertResult::Inserted(result) => CallId(result.last_insert_id),
            TryInsertResult::Conflicted | TryInsertResult::Empty => {
                let (existing, owner) =
                    find_by_external_id(&txn, scope.org(), call.external_id.as_deref()).await?;
                // Another seller's call is not this import's to return.
                if owner != seller {
                    return Err(ServiceError::BadUserInput(format!(
                        "external id `{}` belongs to a call of another seller; give this call \
                         its own external id",
                        call.external_id.as_deref().unwrap_or_default()
                    )));
                }
                outcomes.push(Inserted::Existing(existing));
                continue;
            }
        };
        participants.extend(call.participants.iter().map(|p| participant::ActiveModel {
            call_id: Set(id.0),
            speaker: Set(p.speaker.clone()),
            name: Set(p.name.clone()),
            email: Set(p.email.clone()),
            role: Set(p.role.as_str().to_owned()),
            ..Default::default()
        }));
        segments.extend(call.segments.into_iter().enumerate().map(|(ordinal, s)| {
            segment::ActiveModel {
                call_id: Set(id.0),
                ordinal: Set(ordinal as i32),
                speaker: Set(s.speaker),
                start_ms: Set(s.start_ms),
                end_ms: Set(s.end_ms),
                text: Set(s.text),
                words: Set(s.words.map(|words| words_to_json(&words))),
                ..Default::default()
            }
        }));
        if let Some(runs) = analysis {
            let owner = ResultOwner {
                id,
                org: scope.org(),
                seller,
                started_at: to_millis(started_at),
                outcome: call.outcome,
            };
            let analysed = results.push(&owner, tz, runs);
            delta.add(&analysed.facts, &ideal, 1);
            analysed_ids.push(id);
        }
        outcomes.push(Inserted::Created(id));
        if segments.len() >= ROWS_PER_INSERT {
            flush(&txn, &mut participants, &mut segments).await?;
        }
    }
    flush(&txn, &mut participants, &mut segments).await?;
    // Analysis is queued in the same transaction: a stored call always has
    // its job, whatever happens next.
    results.insert(&txn).await?;
    delta.apply(&txn, scope.org()).await?;
    let queued: Vec<CallId> = outcomes
        .iter()
        .filter_map(|o| match o {
            Inserted::Created(id) if !analysed_ids.contains(id) => Some(*id),
            _ => None,
        })
        .collect();
    super::jobs::enqueue(&txn, scope.org(), &queued).await?;
    txn.commit().await?;
    Ok(outcomes)
}

async fn flush(
    db: &impl ConnectionTrait,
    participants: &mut Vec<participant::ActiveModel>,
    segments: &mut Vec<segment::ActiveModel>,
) -> ServiceResult<()> {
    while !participants.is_empty() {
        let rest = participants.split_off(participants.len().min(ROWS_PER_INSERT));
        participant::Entity::insert_many(std::mem::replace(participants, rest))
            .exec_without_returning(db)
            .await?;
    }
    while !segments.is_empty() {
        let rest = segments.split_off(segments.len().min(ROWS_PER_INSERT));
        segment::Entity::insert_many(std::mem::replace(segments, rest))
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The call of `org` with `fingerprint`, if any.
async fn find_by_fingerprint(
    db: &impl ConnectionTrait,
    org: OrgId,
    fingerprint: Option<&str>,
) -> ServiceResult<Option<CallId>> {
    let Some(fingerprint) = fingerprint else {
        return Ok(None);
    };
    let id: Option<i64> = call::Entity::find()
        .select_only()
        .column(call::Column::Id)
        .filter(call::Column::OrgId.eq(org.0))
        .filter(call::Column::Fingerprint.eq(fingerprint))
        .into_tuple()
        .one(db)
        .await?;
    Ok(id.map(CallId))
}

/// The call of `org` with `external_id`, and its seller.
async fn find_by_external_id(
    db: &impl ConnectionTrait,
    org: OrgId,
    external_id: Option<&str>,
) -> ServiceResult<(CallId, UserId)> {
    let external_id =
        external_id.ok_or_else(|| anyhow::anyhow!("an insert without external id conflicted"))?;
    let (id, seller): (i64, i64) = call::Entity::find()
        .select_only()
        .column(call::Column::Id)
        .column(call::Column::SellerId)
        .filter(call::Column::OrgId.eq(org.0))
        .filter(call::Column::ExternalId.eq(external_id))
        .into_tuple()
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("conflicting call {external_id} vanished"))?;
    Ok((CallId(id), UserId(seller)))
}

/// The scope's calls matching `filter`, newest first, after `after`; at
/// most `limit`.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &Scope,
    filter: &CallFilter,
    after: Option<CallCursor>,
    limit: u64,
) -> ServiceResult<Vec<StoredCall>> {
    let mut query = scoped(scope);
    if let Some(seller) = filter.seller {
        query = query.filter(call::Column::SellerId.eq(seller.0));
    }
    if let Some((from, to)) = filter.started {
        query = query
            .filter(call::Column::StartedAt.gte(from))
            .filter(call::Column::StartedAt.lt(to));
    }
    if let Some(customer) = &filter.customer {
        let pattern = format!("%{}%", like_escape(&customer.to_lowercase()));
        query = query.filter(
            call::Column::Id.in_subquery(
                participant::Entity::find()
                    .select_only()
                    .column(participant::Column::CallId)
                    .filter(participant::Column::Role.eq(SpeakerRole::Customer.as_str()))
                    .filter(
                        Condition::any()
                            .add(like_lower(participant::Column::Name, &pattern))
                            .add(like_lower(participant::Column::Email, &pattern)),
                    )
                    .into_query(),
            ),
        );
    }
    for (kinds, term) in [
        (&[signal::KEYWORD, signal::KEY_PHRASE][..], &filter.keyword),
        (&[signal::COMPETITOR][..], &filter.competitor),
    ] {
        if let Some(term) = term {
            query = query.filter(
                call::Column::Id.in_subquery(
                    call_term::Entity::find()
                        .select_only()
                        .column(call_term::Column::CallId)
                        .filter(call_term::Column::OrgId.eq(scope.org().0))
                        .filter(call_term::Column::Kind.is_in(kinds.iter().copied()))
                        .filter(
                            Expr::expr(Func::lower(Expr::col(call_term::Column::Term)))
                                .eq(term.to_lowercase()),
                        )
                        .into_query(),
                ),
            );
        }
    }
    if let Some(sentiment) = filter.sentiment {
        let score = call::Column::CustomerSentiment;
        query = query.filter(match sentiment {
            SentimentFilter::Positive => score.gte(POSITIVE_FROM),
            SentimentFilter::Negative => score.lte(NEGATIVE_FROM),
            SentimentFilter::Neutral => score.gt(NEGATIVE_FROM).and(score.lt(POSITIVE_FROM)),
        });
    }
    if let Some(after) = after {
        query = query.filter(
            Condition::any()
                .add(call::Column::StartedAt.lt(after.started_at))
                .add(
                    Condition::all()
                        .add(call::Column::StartedAt.eq(after.started_at))
                        .add(call::Column::Id.lt(after.id.0)),
                ),
        );
    }
    query
        .order_by_desc(call::Column::StartedAt)
        .order_by_desc(call::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(StoredCall::try_from)
        .collect()
}

/// VADER's labels (docs/metrics.md#sentiment): positive from 0.05, negative to −0.05.
const POSITIVE_FROM: f64 = 0.05;
const NEGATIVE_FROM: f64 = -0.05;

/// `lower(column) LIKE pattern` with `\` escaping.
fn like_lower(column: impl sea_orm::ColumnTrait, pattern: &str) -> Expr {
    Expr::expr(Func::lower(Expr::col(column))).like(LikeExpr::new(pattern).escape('\\'))
}

fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The calls of `ids` the scope may see (missing ones left out).
pub async fn get_many(
    db: &impl ConnectionTrait,
    scope: &Scope,
    ids: &[CallId],
) -> ServiceResult<Vec<StoredCall>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    scoped(scope)
        .filter(call::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .all(db)
        .await?
        .into_iter()
        .map(StoredCall::try_from)
        .collect()
}

/// One call the scope may see.
pub async fn get(
    db: &impl ConnectionTrait,
    scope: &Scope,
    id: CallId,
) -> ServiceResult<StoredCall> {
    scoped(scope)
        .filter(call::Column::Id.eq(id.0))
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("call {id}")))?
        .try_into()
}

/// The participants of a call read through a scope.
pub async fn participants(
    db: &impl ConnectionTrait,
    call: &StoredCall,
) -> ServiceResult<Vec<Participant>> {
    Ok(participants_of(db, &[call.visible()])
        .await?
        .remove(&call.id())
        .unwrap_or_default())
}

/// The participants of calls read through a scope, by call, in one query.
pub async fn participants_of(
    db: &impl ConnectionTrait,
    calls: &[VisibleCall],
) -> ServiceResult<HashMap<CallId, Vec<Participant>>> {
    let mut by_call: HashMap<CallId, Vec<Participant>> = HashMap::new();
    let rows = participant::Entity::find()
        .filter(participant::Column::CallId.is_in(calls.iter().map(|c| c.id().0)))
        .order_by_asc(participant::Column::Id)
        .all(db)
        .await?;
    for row in rows {
        let participant = Participant {
            role: row
                .role
                .parse()
                .map_err(|e: String| anyhow::anyhow!("participant {}: {e}", row.id))?,
            speaker: row.speaker,
            name: row.name,
            email: row.email,
        };
        by_call
            .entry(CallId(row.call_id))
            .or_default()
            .push(participant);
    }
    Ok(by_call)
}

/// The transcript of a call already read through a scope, in order.
pub async fn segments(db: &impl ConnectionTrait, call: &StoredCall) -> ServiceResult<Vec<Segment>> {
    segment::Entity::find()
        .filter(segment::Column::CallId.eq(call.id().0))
        .order_by_asc(segment::Column::Ordinal)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            let words = row
                .words
                .map(|json| {
                    words_from_json(json)
                        .ok_or_else(|| anyhow::anyhow!("segment {}: unreadable words", row.id))
                })
                .transpose()?;
            Ok(Segment {
                speaker: row.speaker,
                start_ms: row.start_ms,
                end_ms: row.end_ms,
                text: row.text,
                words,
            })
        })
        .collect()
}

/// The whole canonical call of a stored call, for analysis.
pub async fn load(
    db: &impl ConnectionTrait,
    call: &StoredCall,
) -> ServiceResult<Call<SpeakerRole>> {
    let (participants, segments) = tokio::try_join!(participants(db, call), segments(db, call))?;
    Ok(Call {
        external_id: call.external_id().map(str::to_owned),
        title: call.title().map(str::to_owned),
        started_at: Some(call.started_at()),
        duration_ms: Some(call.duration_ms()),
        language: call.language().to_owned(),
        direction: call.direction(),
        outcome: call.outcome(),
        recording: call.recording().map(str::to_owned),
        participants,
        segments,
    })
}

fn scoped(scope: &Scope) -> sea_orm::Select<call::Entity> {
    let query = call::Entity::find().filter(call::Column::OrgId.eq(scope.org().0));
    match scope.visibility() {
        Visibility::Organization => query,
        Visibility::Users(ids) => {
            query.filter(call::Column::SellerId.is_in(ids.iter().map(|id| id.0)))
        }
    }
}

/// Instants are kept to the millisecond, like every time in the model, so
/// both backends compare and order them the same way.
fn to_millis(at: DateTime<Utc>) -> DateTime<Utc> {
    at.duration_trunc(TimeDelta::milliseconds(1)).unwrap_or(at)
}

fn words_to_json(words: &[Word]) -> serde_json::Value {
    serde_json::Value::Array(
        words
            .iter()
            .map(|w| serde_json::json!([w.text, w.start_ms, w.end_ms]))
            .collect(),
    )
}

fn words_from_json(json: serde_json::Value) -> Option<Vec<Word>> {
    let serde_json::Value::Array(items) = json else {
        return None;
    };
    items
        .into_iter()
        .map(|item| {
            let serde_json::Value::Array(fields) = item else {
                return None;
            };
            let [text, start, end] = <[serde_json::Value; 3]>::try_from(fields).ok()?;
            Some(Word {
                text: text.as_str()?.to_owned(),
                start_ms: start.as_i64()?,
                end_ms: end.as_i64()?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_compactly() {
        let words = vec![
            Word {
                text: "hello,".into(),
                start_ms: 10,
                end_ms: 250,
            },
            Word {
                text: "world".into(),
                start_ms: 260,
                end_ms: 700,
            },
        ];
        let json = words_to_json(&words);
        assert_eq!(json.to_string(), r#"[["hello,",10,250],["world",260,700]]"#);
        assert_eq!(words_from_json(json), Some(words));
        assert_eq!(words_from_json(serde_json::json!([["x", 1]])), None);
    }
}
