//! `FollowUp`: what a seller or manager will do about an action item of a
//! call, with its calendar invite (meetings) or drafted e-mail (e-mails).

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::date_range::DateRangeInput;
use super::enums::{FollowUpKindGql, FollowUpStatusGql};
use super::ids::parse_id;
use super::nodes::{CallNode, FollowUpNode};
use super::user::UserNode;
use crate::domain::{
    CallId, Email, FollowUpKind, FollowUpPatch, MeetingMinutes, NewFollowUp, Notes, Title, UserId,
};
use crate::error::ServiceError;
use crate::graphql::context::{service, viewer};
use crate::graphql::loaders::{self, AuthorLoader, CallLoader, ParticipantsLoader};
use crate::services::calls::StoredCall;
use crate::services::coaching::follow_ups::{self, FollowUp};
use crate::services::coaching::outreach::{self, Parties};
use crate::services::people::User;

/// Most follow-ups `Seller.followUps` returns.
const MAX_SELLER_FOLLOW_UPS: i32 = 100;

/// The action item a follow-up was made from, as it was then (analysing
/// the call again does not change it).
#[derive(SimpleObject)]
#[graphql(name = "FollowUpActionItem")]
pub struct ActionItemNode {
    text: String,
    offset_ms: Option<i64>,
    /// Index of the segment in the call's transcript.
    segment: Option<i32>,
}

/// Where a calendar app or browser downloads a meeting's invite.
#[derive(SimpleObject)]
pub struct FollowUpInvite {
    /// An iCalendar (.ics) file, at a URL relative to the server
    /// (`/follow-ups/{id}/invite.ics?token=…`; resolve it against the
    /// API's origin) that works without an `Authorization` header and
    /// expires an hour after this response; query the field again for a
    /// fresh one. The bearer token of the API works there too.
    url: String,
}

/// A drafted e-mail for the owner to send from their own mail client.
#[derive(SimpleObject)]
pub struct EmailDraft {
    /// The recipient; null when unknown.
    to: Option<String>,
    subject: String,
    body: String,
    /// The draft as a `mailto:` link, subject and body percent-encoded.
    mailto_url: String,
}

#[Object(name = "FollowUp")]
impl FollowUpNode {
    async fn id(&self) -> ID {
        ID(self.0.id().to_string())
    }

    async fn kind(&self) -> FollowUpKindGql {
        self.0.kind().into()
    }

    async fn status(&self) -> FollowUpStatusGql {
        self.0.status().into()
    }

    async fn title(&self) -> &str {
        self.0.title()
    }

    async fn notes(&self) -> Option<&str> {
        self.0.notes()
    }

    /// Who will do it: the call's seller, or a manager or admin who sees
    /// them.
    async fn owner(&self, ctx: &Context<'_>) -> Result<Option<UserNode>> {
        Ok(person(ctx, self.0.owner()).await?.map(UserNode))
    }

    async fn due_at(&self) -> DateTime<Utc> {
        self.0.due_at()
    }

    /// Meetings only.
    async fn duration_minutes(&self) -> Option<i32> {
        self.0.duration_minutes()
    }

    /// Who the e-mail or invite goes to; by default the customer's address
    /// on the call.
    async fn recipient(&self) -> Option<&str> {
        self.0.recipient().map(Email::as_str)
    }

    async fn call(&self, ctx: &Context<'_>) -> Result<CallNode> {
        Ok(CallNode(call_of(ctx, &self.0).await?))
    }

    async fn action_item(&self) -> ActionItemNode {
        let item = self.0.action_item();
        ActionItemNode {
            text: item.text.clone(),
            offset_ms: item.offset_ms,
            segment: item.segment,
        }
    }

    async fn created_by(&self, ctx: &Context<'_>) -> Result<Option<UserNode>> {
        Ok(person(ctx, self.0.created_by()).await?.map(UserNode))
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at()
    }

    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at()
    }

    /// When it was done or dismissed; null while open.
    async fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.0.closed_at()
    }

    /// The calendar invite of a meeting; null for other kinds.
    async fn invite(&self, ctx: &Context<'_>) -> Result<Option<FollowUpInvite>> {
        let url = outreach::invite_url(service(ctx)?, &self.0)?;
        Ok(url.map(|url| FollowUpInvite { url }))
    }

    /// The drafted message of an e-mail follow-up; null for other kinds.
    async fn email_draft(&self, ctx: &Context<'_>) -> Result<Option<EmailDraft>> {
        if self.0.kind() != FollowUpKind::Email {
            return Ok(None);
        }
        let viewer = viewer(ctx)?;
        let (call, owner) = tokio::try_join!(call_of(ctx, &self.0), person(ctx, self.0.owner()))?;
        let participants = loaders::get::<ParticipantsLoader>(ctx)
            .load_one(call.visible())
            .await?;
        let owner = owner.ok_or_else(|| {
            ServiceError::Internal(anyhow::anyhow!(
                "follow-up {}: owner {} is gone",
                self.0.id(),
                self.0.owner()
            ))
        })?;
        let name = outreach::recipient_name(
            participants.as_deref().unwrap_or_default(),
            self.0.recipient(),
        );
        let draft = outreach::email_draft(
            &self.0,
            &Parties {
                call: &call,
                owner: &owner,
                recipient_name: name.as_deref(),
                time_zone: viewer.organization.time_zone,
            },
        );
        Ok(Some(EmailDraft {
            to: draft.to.as_ref().map(|to| to.as_str().to_owned()),
            mailto_url: draft.mailto_url(),
            subject: draft.subject,
            body: draft.body,
        }))
    }
}

/// A person a follow-up names, batched: anyone of the organisation, since
/// the viewer sees the follow-up (a seller sees the manager who owns one).
async fn person(ctx: &Context<'_>, id: UserId) -> Result<Option<User>> {
    loaders::get::<AuthorLoader>(ctx).load_one(id).await
}

async fn call_of(ctx: &Context<'_>, follow_up: &FollowUp) -> Result<StoredCall> {
    Ok(loaders::get::<CallLoader>(ctx)
        .load_one(follow_up.call())
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("call {}", follow_up.call())))?)
}

/// The follow-ups on a seller's calls, by due date: of one status, due on
/// a day of `range` in the organisation's time zone, at most `first`.
pub async fn of_seller(
    ctx: &Context<'_>,
    seller: UserId,
    status: Option<FollowUpStatusGql>,
    range: Option<DateRangeInput>,
    first: Option<i32>,
) -> Result<Vec<FollowUpNode>> {
    let viewer = viewer(ctx)?;
    let limit = match first.unwrap_or(50) {
        n @ 0..=MAX_SELLER_FOLLOW_UPS => n as u64,
        n => {
            return Err(ServiceError::BadUserInput(format!(
                "`first` must be between 0 and {MAX_SELLER_FOLLOW_UPS}, not {n}"
            ))
            .into());
        }
    };
    let due = range
        .map(|r| {
            r.days()
                .map(|days| days.instants(viewer.organization.time_zone))
        })
        .transpose()?;
    let found =
        follow_ups::of_seller(service(ctx)?, seller, status.map(Into::into), due, limit).await?;
    Ok(found.into_iter().map(FollowUpNode).collect())
}

/// A follow-up to make from an action item (`Call.actionItems`).
#[derive(InputObject)]
pub struct CreateFollowUpInput {
    pub call_id: ID,
    /// The action item's id (`Call.actionItems { id }`).
    pub action_item_id: ID,
    pub kind: FollowUpKindGql,
    pub due_at: DateTime<Utc>,
    /// Default: the call's seller. Else a manager or admin who sees them.
    pub owner_id: Option<ID>,
    /// At most 200 characters. Default: the kind and the action item.
    pub title: Option<String>,
    /// At most 10 000 characters.
    pub notes: Option<String>,
    /// Meetings only: 5 to 480 (default 30).
    pub duration_minutes: Option<i32>,
    /// An e-mail address. Default for e-mails and meetings: the customer's
    /// on the call, when known.
    pub recipient: Option<String>,
}

impl CreateFollowUpInput {
    pub fn parse(self) -> Result<NewFollowUp, ServiceError> {
        Ok(NewFollowUp {
            call: parse_id(&self.call_id, "call", CallId)?,
            action_item: parse_id(&self.action_item_id, "action item", |id| id)?,
            kind: self.kind.into(),
            due_at: self.due_at,
            owner: self
                .owner_id
                .map(|id| parse_id(&id, "user", UserId))
                .transpose()?,
            title: self.title.as_deref().map(Title::parse).transpose()?,
            notes: self.notes.as_deref().map(Notes::parse).transpose()?,
            duration_minutes: self
                .duration_minutes
                .map(MeetingMinutes::parse)
                .transpose()?,
            recipient: self.recipient.as_deref().map(recipient).transpose()?,
        })
    }
}

/// Changes to a follow-up; omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateFollowUpInput {
    /// DONE or DISMISSED closes it (`closedAt`); OPEN reopens it.
    pub status: Option<FollowUpStatusGql>,
    pub due_at: Option<DateTime<Utc>>,
    /// The call's seller, or a manager or admin who sees them.
    pub owner_id: Option<ID>,
    /// At most 200 characters.
    pub title: Option<String>,
    /// At most 10 000 characters; `null` removes them.
    pub notes: MaybeUndefined<String>,
    /// Meetings only: 5 to 480.
    pub duration_minutes: Option<i32>,
    /// An e-mail address; `null` removes it.
    pub recipient: MaybeUndefined<String>,
}

impl UpdateFollowUpInput {
    pub fn parse(self) -> Result<FollowUpPatch, ServiceError> {
        Ok(FollowUpPatch {
            status: self.status.map(Into::into),
            due_at: self.due_at,
            owner: self
                .owner_id
                .map(|id| parse_id(&id, "user", UserId))
                .transpose()?,
            title: self.title.as_deref().map(Title::parse).transpose()?,
            notes: match self.notes {
                MaybeUndefined::Undefined => None,
                MaybeUndefined::Null => Some(Notes::default()),
                MaybeUndefined::Value(notes) => Some(Notes::parse(&notes)?),
            },
            duration_minutes: self
                .duration_minutes
                .map(MeetingMinutes::parse)
                .transpose()?,
            recipient: match self.recipient {
                MaybeUndefined::Undefined => None,
                MaybeUndefined::Null => Some(None),
                MaybeUndefined::Value(address) => Some(Some(recipient(&address)?)),
            },
        })
    }
}

fn recipient(address: &str) -> Result<Email, ServiceError> {
    Email::parse(address).map_err(|e| ServiceError::BadUserInput(format!("recipient: {e}")))
}
