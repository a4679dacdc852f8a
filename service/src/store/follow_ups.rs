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
    ActionItem, CallId, DEFAULT_MEETING_MINUTES, Email, FollowUpId, FollowUpKind, FollowUpPatch,
    FollowUpStatus, MeetingMinutes, NewFollowUp, Notes, OrgId, Scope, SpeakerRole, UserId,
    UserRole, Visibility,
};
use crate::error::{ServiceError, ServiceResult};

/// A stored follow-up. Only the scoped functions of this module make one,
/// so holding it proves the viewer may see its call.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    id: FollowUpId,
    org: OrgId,
    call: CallId,
    seller: UserId,
    action_item: ActionItem,
    kind: FollowUpKind,
    title: String,
    notes: Option<String>,
    owner: UserId,
    due_at: DateTime<Utc>,
    duration_minutes: Option<i32>,
    recipient: Option<Email>,
    status: FollowUpStatus,
    created_by: UserId,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
}

impl FollowUp {
    pub fn id(&self) -> FollowUpId {
        self.id
    }

    pub fn org(&self) -> OrgId {
        self.org
    }

    pub fn call(&self) -> CallId {
        self.call
    }

    /// The seller of the call.
    pub fn seller(&self) -> UserId {
        self.seller
    }

    pub fn action_item(&self) -> &ActionItem {
        &self.action_item
    }

    pub fn kind(&self) -> FollowUpKind {
        self.kind
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn notes(&self) -> Option<&str> {
        self.notes.as_deref()
    }

    pub fn owner(&self) -> UserId {
        self.owner
    }

    pub fn due_at(&self) -> DateTime<Utc> {
        self.due_at
    }

    /// Meetings only.
    pub fn duration_minutes(&self) -> Option<i32> {
        self.duration_minutes
    }

    /// Who the e-mail or the meeting invite goes to.
    pub fn recipient(&self) -> Option<&Email> {
        self.recipient.as_ref()
    }

    pub fn status(&self) -> FollowUpStatus {
        self.status
    }

    pub fn created_by(&self) -> UserId {
        self.created_by
    }

    pub fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }

    pub fn updated_at(&self) -> DateTime<Utc> {
        self.updated_at
    }

    pub fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.closed_at
    }
}

impl TryFrom<follow_up::Model> for FollowUp {
    type Error = ServiceError;

    fn try_from(row: follow_up::Model) -> Result<Self, Self::Error> {
        let corrupt =
            |what: String| ServiceError::Internal(anyhow::anyhow!("follow-up {}: {what}", row.id));
        let kind = FollowUpKind::from_stored(&row.kind)
            .ok_or_else(|| corrupt(format!("unknown kind `{}`", row.kind)))?;
        let status = FollowUpStatus::from_stored(&row.status)
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

/// Makes a follow-up from an action item of a call the scope sees
/// (NOT_FOUND otherwise, as for a call that does not exist). Checks and
/// write happen in one transaction; bad input writes nothing.
pub async fn create(store: &Store, scope: &Scope, new: NewFollowUp) -> ServiceResult<FollowUp> {
    new.kind.check_duration(new.duration_minutes)?;
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
        .unwrap_or_else(|| new.kind.default_title(&signal.value))
        .into_string();
    let duration = (new.kind == FollowUpKind::Meeting).then(|| {
        new.duration_minutes
            .map_or(DEFAULT_MEETING_MINUTES, MeetingMinutes::minutes)
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
        notes: Set(new.notes.and_then(Notes::into_option)),
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
    current.kind.check_duration(patch.duration_minutes)?;
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
        row.title = Set(title.into_string());
    }
    if let Some(notes) = patch.notes {
        row.notes = Set(notes.into_option());
    }
    if let Some(minutes) = patch.duration_minutes {
        row.duration_minutes = Set(Some(minutes.minutes()));
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

/// The action item `id` of `call`.
async fn action_item(
    db: &impl ConnectionTrait,
    call: &StoredCall,
    id: i64,
) -> ServiceResult<call_signal::Model> {
    call_signal::Entity::find_by_id(id)
        .filter(call_signal::Column::CallId.eq(call.id().0))
        .filter(call_signal::Column::Kind.eq(callsight_plugin_api::names::signal::ACTION_ITEM))
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

/// Instants are kept to the millisecond, like every time in the model, so
/// both backends compare and order them the same way.
fn to_millis(at: DateTime<Utc>) -> DateTime<Utc> {
    at.duration_trunc(TimeDelta::milliseconds(1)).unwrap_or(at)
}

#[cfg(test)]
impl FollowUp {
    /// A meeting-length follow-up of `kind` on call 5 of seller 3, for unit
    /// tests of what is built from a follow-up.
    pub(crate) fn fixture(kind: FollowUpKind) -> Self {
        let at = |text: &str| text.parse::<DateTime<Utc>>().unwrap();
        Self {
            id: FollowUpId(9),
            org: OrgId(1),
            call: CallId(5),
            seller: UserId(3),
            action_item: ActionItem {
                signal: Some(77),
                text: "I'll send you the proposal by Friday.\nAnd the pricing, too.".into(),
                offset_ms: Some(16_200),
                segment: Some(4),
            },
            kind,
            title: "Proposal review; pricing, terms".into(),
            notes: Some("internal: push for annual".into()),
            owner: UserId(3),
            due_at: at("2026-12-01T15:00:00Z"),
            duration_minutes: Some(45),
            recipient: Some(Email::parse("dana@customer.example").unwrap()),
            status: FollowUpStatus::Open,
            created_by: UserId(3),
            created_at: at("2026-11-03T10:00:00Z"),
            updated_at: at("2026-11-03T10:05:00Z"),
            closed_at: None,
        }
    }

    /// This follow-up with another status and recipient.
    pub(crate) fn with(self, status: FollowUpStatus, recipient: Option<Email>) -> Self {
        Self {
            status,
            recipient,
            ..self
        }
    }
}
