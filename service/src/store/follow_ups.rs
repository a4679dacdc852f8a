//! Follow-ups on action items (issue 6 §5): what a seller or manager will
//! do about a commitment made in a call — a call, an e-mail, a meeting or a
//! task — with an owner, a due date and a status. A follow-up belongs to
//! its call: whoever sees the call sees and updates its follow-ups, and no
//! one else. The action item's text and position are copied, because
//! re-analysis replaces a call's signals.

use std::collections::HashMap;

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::Store;
use super::calls::{self, StoredCall};
use super::entity::{call_signal, follow_up};
use super::users;
use crate::domain::{
    CallId, Email, FollowUpId, OrgId, Scope, SpeakerRole, UserId, UserRole, Visibility,
};
use crate::error::{ServiceError, ServiceResult};

/// The signal kind of action items.
const ACTION_ITEM: &str = callsight_plugin_api::names::signal::ACTION_ITEM;

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest notes, in characters.
pub const MAX_NOTES_CHARS: usize = 10_000;
/// A meeting's length when none is given, in minutes.
pub const DEFAULT_MEETING_MINUTES: i32 = 30;
/// Shortest and longest meeting, in minutes.
pub const MEETING_MINUTES: std::ops::RangeInclusive<i32> = 5..=480;

/// What the follow-up is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpKind {
    Call,
    Email,
    Meeting,
    Task,
}

impl FollowUpKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Call => "call",
            Self::Email => "email",
            Self::Meeting => "meeting",
            Self::Task => "task",
        }
    }

    fn parse(stored: &str) -> Option<Self> {
        [Self::Call, Self::Email, Self::Meeting, Self::Task]
            .into_iter()
            .find(|k| k.as_str() == stored)
    }

    /// Whether it is done with the customer, who is then its recipient by
    /// default.
    fn reaches_customer(self) -> bool {
        matches!(self, Self::Email | Self::Meeting)
    }

    /// What a title starts with when none is given.
    fn title_prefix(self) -> &'static str {
        match self {
            Self::Call => "Call",
            Self::Email => "E-mail",
            Self::Meeting => "Meeting",
            Self::Task => "Task",
        }
    }
}

/// Where a follow-up stands; `done` and `dismissed` close it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpStatus {
    Open,
    Done,
    Dismissed,
}

impl FollowUpStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Done => "done",
            Self::Dismissed => "dismissed",
        }
    }

    fn parse(stored: &str) -> Option<Self> {
        [Self::Open, Self::Done, Self::Dismissed]
            .into_iter()
            .find(|s| s.as_str() == stored)
    }

    pub fn is_closed(self) -> bool {
        self != Self::Open
    }
}

/// The action item a follow-up was made from, as it was then.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionItem {
    /// Its signal at the time; gone once the call is analysed again.
    pub signal: Option<i64>,
    pub text: String,
    pub offset_ms: Option<i64>,
    pub segment: Option<i32>,
}

/// A stored follow-up. Only the scoped functions of this module make one,
/// so holding it proves the viewer may see its call.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    pub id: FollowUpId,
    pub org: OrgId,
    pub call: CallId,
    /// The seller of the call.
    pub seller: UserId,
    pub action_item: ActionItem,
    pub kind: FollowUpKind,
    pub title: String,
    pub notes: Option<String>,
    pub owner: UserId,
    pub due_at: DateTime<Utc>,
    /// Meetings only.
    pub duration_minutes: Option<i32>,
    /// Who the e-mail or the meeting invite goes to.
    pub recipient: Option<Email>,
    pub status: FollowUpStatus,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

impl TryFrom<follow_up::Model> for FollowUp {
    type Error = ServiceError;

    fn try_from(row: follow_up::Model) -> Result<Self, Self::Error> {
        let corrupt =
            |what: String| ServiceError::Internal(anyhow::anyhow!("follow-up {}: {what}", row.id));
        let kind = FollowUpKind::parse(&row.kind)
            .ok_or_else(|| corrupt(format!("unknown kind `{}`", row.kind)))?;
        let status = FollowUpStatus::parse(&row.status)
            .ok_or_else(|| corrupt(format!("unknown status `{}`", row.status)))?;
        let recipient = row
            .recipient
            .as_deref()
            .map(Email::parse)
            .transpose()
            .map_err(corrupt)?;
        Ok(Self {
            id: FollowUpId(row.id),
            org: OrgId(row.org_id),
            call: CallId(row.call_id),
            seller: UserId(row.seller_id),
            action_item: ActionItem {
                signal: row.signal_id,
                text: row.action_item,
                offset_ms: row.action_offset_ms,
                segment: row.action_segment,
            },
            kind,
            title: row.title,
            notes: row.notes,
            owner: UserId(row.owner_id),
            due_at: row.due_at,
            duration_minutes: row.duration_minutes,
            recipient,
            status,
            created_by: UserId(row.created_by),
            created_at: row.created_at,
            updated_at: row.updated_at,
            closed_at: row.closed_at,
        })
    }
}

/// A follow-up's title: trimmed, not empty, at most [`MAX_TITLE_CHARS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title(String);

impl Title {
    pub fn parse(input: &str) -> ServiceResult<Self> {
        let title = input.trim();
        if title.is_empty() {
            return Err(ServiceError::BadUserInput("title cannot be empty".into()));
        }
        let chars = title.chars().count();
        if chars > MAX_TITLE_CHARS {
            return Err(ServiceError::BadUserInput(format!(
                "title has {chars} characters; at most {MAX_TITLE_CHARS} are allowed"
            )));
        }
        Ok(Self(title.to_owned()))
    }
}

/// Notes on a follow-up: at most [`MAX_NOTES_CHARS`]; blank notes, and
/// the default, are none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes(Option<String>);

impl Notes {
    pub fn parse(input: &str) -> ServiceResult<Self> {
        let notes = input.trim();
        let chars = notes.chars().count();
        if chars > MAX_NOTES_CHARS {
            return Err(ServiceError::BadUserInput(format!(
                "notes have {chars} characters; at most {MAX_NOTES_CHARS} are allowed"
            )));
        }
        Ok(Self((!notes.is_empty()).then(|| notes.to_owned())))
    }
}

/// A meeting's length in minutes, within [`MEETING_MINUTES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingMinutes(i32);

impl MeetingMinutes {
    pub fn parse(minutes: i32) -> ServiceResult<Self> {
        if MEETING_MINUTES.contains(&minutes) {
            Ok(Self(minutes))
        } else {
            Err(ServiceError::BadUserInput(format!(
                "durationMinutes must be between {} and {}, not {minutes}",
                MEETING_MINUTES.start(),
                MEETING_MINUTES.end()
            )))
        }
    }
}

/// A follow-up to make from an action item of a call.
#[derive(Debug, Clone)]
pub struct NewFollowUp {
    pub call: CallId,
    /// The action item's signal id.
    pub action_item: i64,
    pub kind: FollowUpKind,
    pub due_at: DateTime<Utc>,
    /// Default: the call's seller.
    pub owner: Option<UserId>,
    /// Default: the kind and the action item.
    pub title: Option<Title>,
    pub notes: Option<Notes>,
    /// Meetings only; default [`DEFAULT_MEETING_MINUTES`].
    pub duration_minutes: Option<MeetingMinutes>,
    /// Default for e-mails and meetings: the customer's address on the call.
    pub recipient: Option<Email>,
}

/// Changes to a follow-up; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct FollowUpPatch {
    pub status: Option<FollowUpStatus>,
    pub due_at: Option<DateTime<Utc>>,
    pub owner: Option<UserId>,
    pub title: Option<Title>,
    pub notes: Option<Notes>,
    pub duration_minutes: Option<MeetingMinutes>,
    /// `Some(None)` removes the recipient.
    pub recipient: Option<Option<Email>>,
}

/// Makes a follow-up from an action item of a call the scope sees
/// (NOT_FOUND otherwise, as for a call that does not exist). Checks and
/// write happen in one transaction; bad input writes nothing.
pub async fn create(store: &Store, scope: &Scope, new: NewFollowUp) -> ServiceResult<FollowUp> {
    if new.duration_minutes.is_some() && new.kind != FollowUpKind::Meeting {
        return Err(meetings_only());
    }
    let txn = store.begin_write().await?;
    let call = calls::get(&txn, scope, new.call).await?;
    let signal = action_item(&txn, &call, new.action_item).await?;
    let owner = match new.owner {
        Some(owner) => eligible_owner(&txn, scope, &call, owner).await?,
        None => call.seller(),
    };
    let recipient = match new.recipient {
        Some(recipient) => Some(recipient),
        None if new.kind.reaches_customer() => customer_email(&txn, &call).await?,
        None => None,
    };
    let title = new
        .title
        .map_or_else(|| default_title(new.kind, &signal.value), |t| t.0);
    let duration = (new.kind == FollowUpKind::Meeting).then(|| {
        new.duration_minutes
            .map_or(DEFAULT_MEETING_MINUTES, |m| m.0)
    });
    let now = to_millis(Utc::now());
    let row = follow_up::ActiveModel {
        org_id: Set(scope.org().0),
        call_id: Set(call.id().0),
        seller_id: Set(call.seller().0),
        signal_id: Set(Some(signal.id)),
        action_item: Set(signal.value),
        action_offset_ms: Set(signal.offset_ms),
        action_segment: Set(signal.segment),
        kind: Set(new.kind.as_str().to_owned()),
        title: Set(title),
        notes: Set(new.notes.and_then(|n| n.0)),
        owner_id: Set(owner.0),
        due_at: Set(to_millis(new.due_at)),
        duration_minutes: Set(duration),
        recipient: Set(recipient.map(|r| r.as_str().to_owned())),
        status: Set(FollowUpStatus::Open.as_str().to_owned()),
        created_by: Set(scope.author()?.0),
        created_at: Set(now),
        updated_at: Set(now),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    row.try_into()
}

/// Changes a follow-up of a call the scope sees: anyone who sees the call
/// may (a seller closes their own). Closing it (done or dismissed) stamps
/// `closed_at`, reopening clears it. Bad input writes nothing.
pub async fn update(
    store: &Store,
    scope: &Scope,
    id: FollowUpId,
    patch: FollowUpPatch,
) -> ServiceResult<FollowUp> {
    let txn = store.begin_write().await?;
    let current = get(&txn, scope, id).await?;
    let call = calls::get(&txn, scope, current.call).await?;
    if patch.duration_minutes.is_some() && current.kind != FollowUpKind::Meeting {
        return Err(meetings_only());
    }
    let now = to_millis(Utc::now());
    let mut row = follow_up::ActiveModel {
        id: Set(id.0),
        ..Default::default()
    };
    if let Some(status) = patch.status.filter(|s| *s != current.status) {
        row.status = Set(status.as_str().to_owned());
        row.closed_at = Set(match (current.status.is_closed(), status.is_closed()) {
            (false, true) => Some(now),
            (true, true) => current.closed_at,
            (_, false) => None,
        });
    }
    if let Some(due_at) = patch.due_at {
        row.due_at = Set(to_millis(due_at));
    }
    if let Some(owner) = patch.owner {
        row.owner_id = Set(eligible_owner(&txn, scope, &call, owner).await?.0);
    }
    if let Some(title) = patch.title {
        row.title = Set(title.0);
    }
    if let Some(notes) = patch.notes {
        row.notes = Set(notes.0);
    }
    if let Some(minutes) = patch.duration_minutes {
        row.duration_minutes = Set(Some(minutes.0));
    }
    if let Some(recipient) = patch.recipient {
        row.recipient = Set(recipient.map(|r| r.as_str().to_owned()));
    }
    if !row.is_changed() {
        return Ok(current);
    }
    row.updated_at = Set(now);
    let updated = row.update(&txn).await?;
    txn.commit().await?;
    updated.try_into()
}

/// One follow-up the scope may see.
pub async fn get(
    db: &impl ConnectionTrait,
    scope: &Scope,
    id: FollowUpId,
) -> ServiceResult<FollowUp> {
    scoped(scope)
        .filter(follow_up::Column::Id.eq(id.0))
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("follow-up {id}")))?
        .try_into()
}

/// The follow-ups of calls already read through the scope, each call's by
/// due date, in one query.
pub async fn of_calls(
    db: &impl ConnectionTrait,
    scope: &Scope,
    calls: &[CallId],
) -> ServiceResult<HashMap<CallId, Vec<FollowUp>>> {
    let mut by_call: HashMap<CallId, Vec<FollowUp>> = HashMap::new();
    let rows = scoped(scope)
        .filter(follow_up::Column::CallId.is_in(calls.iter().map(|c| c.0)))
        .order_by_asc(follow_up::Column::DueAt)
        .order_by_asc(follow_up::Column::Id)
        .all(db)
        .await?;
    for row in rows {
        let follow_up = FollowUp::try_from(row)?;
        by_call.entry(follow_up.call).or_default().push(follow_up);
    }
    Ok(by_call)
}

/// The follow-ups on a seller's calls that the scope sees, by due date:
/// of one status, due in `[from, to)`, at most `limit`.
pub async fn of_seller(
    db: &impl ConnectionTrait,
    scope: &Scope,
    seller: UserId,
    status: Option<FollowUpStatus>,
    due: Option<(DateTime<Utc>, DateTime<Utc>)>,
    limit: u64,
) -> ServiceResult<Vec<FollowUp>> {
    let mut query = scoped(scope).filter(follow_up::Column::SellerId.eq(seller.0));
    if let Some(status) = status {
        query = query.filter(follow_up::Column::Status.eq(status.as_str()));
    }
    if let Some((from, to)) = due {
        query = query
            .filter(follow_up::Column::DueAt.gte(from))
            .filter(follow_up::Column::DueAt.lt(to));
    }
    query
        .order_by_asc(follow_up::Column::DueAt)
        .order_by_asc(follow_up::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(FollowUp::try_from)
        .collect()
}

/// The follow-ups of the scope's organisation on calls of sellers it sees.
fn scoped(scope: &Scope) -> sea_orm::Select<follow_up::Entity> {
    let query = follow_up::Entity::find().filter(follow_up::Column::OrgId.eq(scope.org().0));
    match scope.visibility() {
        Visibility::Organization => query,
        Visibility::Users(ids) => {
            query.filter(follow_up::Column::SellerId.is_in(ids.iter().map(|id| id.0)))
        }
    }
}

fn meetings_only() -> ServiceError {
    ServiceError::BadUserInput("durationMinutes applies to meeting follow-ups only".into())
}

/// The action item `id` of `call`.
async fn action_item(
    db: &impl ConnectionTrait,
    call: &StoredCall,
    id: i64,
) -> ServiceResult<call_signal::Model> {
    call_signal::Entity::find_by_id(id)
        .filter(call_signal::Column::CallId.eq(call.id().0))
        .filter(call_signal::Column::Kind.eq(ACTION_ITEM))
        .one(db)
        .await?
        .ok_or_else(|| {
            ServiceError::BadUserInput(format!(
                "actionItemId: {id} is not an action item of call {}",
                call.id()
            ))
        })
}

/// `owner` when they may own a follow-up on `call`: its seller, or a
/// manager or admin of the organisation who sees that seller. Unknown and
/// ineligible users get the same answer, so the check reveals nobody.
async fn eligible_owner(
    db: &impl ConnectionTrait,
    scope: &Scope,
    call: &StoredCall,
    owner: UserId,
) -> ServiceResult<UserId> {
    if owner == call.seller() {
        return Ok(owner);
    }
    let eligible = match users::authors(db, scope, &[owner]).await?.pop() {
        None => false,
        Some(user) => match user.role {
            UserRole::Seller => false,
            UserRole::Admin => true,
            UserRole::Manager => match users::visibility(db, &user).await? {
                Visibility::Organization => true,
                Visibility::Users(ids) => ids.contains(&call.seller()),
            },
        },
    };
    if eligible {
        Ok(owner)
    } else {
        Err(ServiceError::BadUserInput(format!(
            "ownerId: user {owner} cannot own a follow-up on this call; the owner is the call's \
             seller or a manager or admin who sees that seller"
        )))
    }
}

/// The first customer participant's e-mail address on the call, if any.
async fn customer_email(
    db: &impl ConnectionTrait,
    call: &StoredCall,
) -> ServiceResult<Option<Email>> {
    Ok(calls::participants(db, call)
        .await?
        .into_iter()
        .filter(|p| p.role == SpeakerRole::Customer)
        .find_map(|p| Email::parse(p.email.as_deref()?).ok()))
}

/// "Meeting: I'll send you the proposal by Friday.", whitespace collapsed
/// and cut to [`MAX_TITLE_CHARS`].
fn default_title(kind: FollowUpKind, action_item: &str) -> String {
    let text = action_item.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = format!("{}: {text}", kind.title_prefix());
    if title.chars().count() <= MAX_TITLE_CHARS {
        return title;
    }
    let mut cut: String = title.chars().take(MAX_TITLE_CHARS - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// Instants are kept to the millisecond, like every time in the model, so
/// both backends compare and order them the same way.
fn to_millis(at: DateTime<Utc>) -> DateTime<Utc> {
    at.duration_trunc(TimeDelta::milliseconds(1)).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_round_trip() {
        for kind in [
            FollowUpKind::Call,
            FollowUpKind::Email,
            FollowUpKind::Meeting,
            FollowUpKind::Task,
        ] {
            assert_eq!(FollowUpKind::parse(kind.as_str()), Some(kind));
        }
        for status in [
            FollowUpStatus::Open,
            FollowUpStatus::Done,
            FollowUpStatus::Dismissed,
        ] {
            assert_eq!(FollowUpStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(FollowUpKind::parse("Meeting"), None);
        assert_eq!(FollowUpStatus::parse("closed"), None);
    }

    #[test]
    fn inputs_name_their_field() {
        let too_long = "x".repeat(MAX_TITLE_CHARS + 1);
        let err = Title::parse(&too_long).unwrap_err().to_string();
        assert!(err.starts_with("title has 201 characters"), "{err}");
        assert!(Title::parse(" \n ").is_err());
        assert_eq!(
            Title::parse("  Send deck ").unwrap(),
            Title("Send deck".into())
        );
        // Characters, not bytes: 200 × "é" is 400 bytes.
        assert!(Title::parse(&"é".repeat(MAX_TITLE_CHARS)).is_ok());

        let err = Notes::parse(&"n".repeat(MAX_NOTES_CHARS + 1))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("notes have"), "{err}");
        assert_eq!(Notes::parse("   ").unwrap(), Notes(None));

        assert!(MeetingMinutes::parse(4).is_err());
        assert!(MeetingMinutes::parse(481).is_err());
        assert_eq!(MeetingMinutes::parse(45).unwrap(), MeetingMinutes(45));
        let err = MeetingMinutes::parse(0).unwrap_err().to_string();
        assert!(err.contains("durationMinutes"), "{err}");
    }

    #[test]
    fn default_titles_say_what_and_fit() {
        assert_eq!(
            default_title(FollowUpKind::Meeting, "Let's schedule\n a demo."),
            "Meeting: Let's schedule a demo."
        );
        let long = default_title(FollowUpKind::Task, &"word ".repeat(100));
        assert_eq!(long.chars().count(), MAX_TITLE_CHARS);
        assert!(
            long.starts_with("Task: word word") && long.ends_with("wor…"),
            "{long}"
        );
        assert!(
            Title::parse(&long).is_ok(),
            "a default title is a valid title"
        );
    }
}
