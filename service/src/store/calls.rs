//! Calls with their participants and transcript segments.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set, TransactionTrait, TryInsertResult,
};

use super::Store;
use super::entity::{call, participant, segment};
use crate::domain::{
    AnalysisStatus, Call, CallId, Direction, OrgId, Outcome, Participant, Scope, Segment,
    SpeakerRole, UserId, Visibility, Word,
};
use crate::error::{ServiceError, ServiceResult};
use crate::import::Format;

/// Rows per multi-row INSERT: well under SQLite's and PostgreSQL's limits on
/// bound parameters.
const ROWS_PER_INSERT: usize = 1_000;

/// A stored call's header. Only the scoped functions of this module make
/// one, so holding it proves the viewer may see the call.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredCall {
    pub id: CallId,
    pub org: OrgId,
    pub seller: UserId,
    pub external_id: Option<String>,
    pub title: Option<String>,
    pub started_at: DateTime<Utc>,
    pub duration_ms: i64,
    pub language: String,
    pub direction: Option<Direction>,
    pub outcome: Option<Outcome>,
    pub recording: Option<String>,
    /// Keywords tracked for this call only (besides the org and team lists).
    pub tracked_keywords: Vec<String>,
    pub source_format: Format,
    pub analysis_status: AnalysisStatus,
}

impl TryFrom<call::Model> for StoredCall {
    type Error = ServiceError;

    fn try_from(row: call::Model) -> Result<Self, Self::Error> {
        let corrupt =
            |what: String| ServiceError::Internal(anyhow::anyhow!("call {}: {what}", row.id));
        Ok(Self {
            id: CallId(row.id),
            org: OrgId(row.org_id),
            seller: UserId(row.seller_id),
            direction: row
                .direction
                .as_deref()
                .map(str::parse)
                .transpose()
                .map_err(corrupt)?,
            outcome: row
                .outcome
                .as_deref()
                .map(str::parse)
                .transpose()
                .map_err(corrupt)?,
            analysis_status: row.analysis_status.parse().map_err(corrupt)?,
            source_format: row.source_format.parse().map_err(corrupt)?,
            external_id: row.external_id,
            title: row.title,
            started_at: row.started_at,
            duration_ms: row.duration_ms,
            language: row.language,
            recording: row.recording,
            tracked_keywords: row
                .tracked_keywords
                .map(serde_json::from_value)
                .transpose()
                .map_err(|e| corrupt(format!("unreadable tracked keywords: {e}")))?
                .unwrap_or_default(),
        })
    }
}

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

/// Keyset position in the newest-first call list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallCursor {
    pub started_at: DateTime<Utc>,
    pub id: CallId,
}

impl StoredCall {
    pub fn cursor(&self) -> CallCursor {
        CallCursor {
            started_at: self.started_at,
            id: self.id,
        }
    }
}

/// Stores calls in one transaction: all of them whole, or none. A call whose
/// external id the organisation already has is not written again.
pub async fn insert(
    store: &Store,
    scope: &Scope,
    calls: Vec<NewCall>,
) -> ServiceResult<Vec<Inserted>> {
    if let Some(hidden) = calls.iter().find(|c| !scope.can_see(c.seller)) {
        return Err(ServiceError::Forbidden(format!(
            "you cannot import calls for user {}",
            hidden.seller
        )));
    }
    let txn = store.db().begin().await?;
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
        } = new;
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
            analysis_status: Set(AnalysisStatus::Pending.as_str().to_owned()),
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
                let existing =
                    find_by_external_id(&txn, scope.org(), call.external_id.as_deref()).await?;
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
        outcomes.push(Inserted::Created(id));
        if segments.len() >= ROWS_PER_INSERT {
            flush(&txn, &mut participants, &mut segments).await?;
        }
    }
    flush(&txn, &mut participants, &mut segments).await?;
    // Analysis is queued in the same transaction: a stored call always has
    // its job, whatever happens next.
    let created: Vec<CallId> = outcomes
        .iter()
        .filter_map(|o| match o {
            Inserted::Created(id) => Some(*id),
            Inserted::Existing(_) => None,
        })
        .collect();
    super::jobs::enqueue(&txn, scope.org(), &created).await?;
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

async fn find_by_external_id(
    db: &impl ConnectionTrait,
    org: OrgId,
    external_id: Option<&str>,
) -> ServiceResult<CallId> {
    let external_id =
        external_id.ok_or_else(|| anyhow::anyhow!("an insert without external id conflicted"))?;
    let id: i64 = call::Entity::find()
        .select_only()
        .column(call::Column::Id)
        .filter(call::Column::OrgId.eq(org.0))
        .filter(call::Column::ExternalId.eq(external_id))
        .into_tuple()
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("conflicting call {external_id} vanished"))?;
    Ok(CallId(id))
}

/// The scope's calls, newest first, after `after`; at most `limit`.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &Scope,
    after: Option<CallCursor>,
    limit: u64,
) -> ServiceResult<Vec<StoredCall>> {
    let mut query = scoped(scope);
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

/// The participants of a call already read through a scope.
pub async fn participants(
    db: &impl ConnectionTrait,
    call: &StoredCall,
) -> ServiceResult<Vec<Participant>> {
    participant::Entity::find()
        .filter(participant::Column::CallId.eq(call.id.0))
        .order_by_asc(participant::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            Ok(Participant {
                role: row
                    .role
                    .parse()
                    .map_err(|e: String| anyhow::anyhow!("participant {}: {e}", row.id))?,
                speaker: row.speaker,
                name: row.name,
                email: row.email,
            })
        })
        .collect()
}

/// The transcript of a call already read through a scope, in order.
pub async fn segments(db: &impl ConnectionTrait, call: &StoredCall) -> ServiceResult<Vec<Segment>> {
    segment::Entity::find()
        .filter(segment::Column::CallId.eq(call.id.0))
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
        external_id: call.external_id.clone(),
        title: call.title.clone(),
        started_at: Some(call.started_at),
        duration_ms: Some(call.duration_ms),
        language: call.language.clone(),
        direction: call.direction,
        outcome: call.outcome,
        recording: call.recording.clone(),
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
