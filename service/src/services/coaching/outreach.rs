//! What a follow-up offers outside the API: a meeting's calendar invite
//! (an iCalendar file, served at an authenticated URL) and an e-mail's
//! drafted message. Both are pure functions of the follow-up and the
//! people it names; [`invite`] is the check the invite URL makes.

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};
use tracing::instrument;

use crate::auth::Link;
use crate::domain::{
    DEFAULT_MEETING_MINUTES, Email, FollowUpId, FollowUpKind, FollowUpStatus, Participant,
    deep_links,
};
use crate::error::{ServiceError, ServiceResult};
use crate::services::Ctx;
use crate::services::coaching::follow_ups::{self, FollowUp};
use crate::store::calls::{self, StoredCall};
use crate::store::users::{self, User};

/// Everything a draft or an invite says besides the follow-up itself.
#[derive(Debug, Clone, Copy)]
pub struct Parties<'a> {
    pub call: &'a StoredCall,
    pub owner: &'a User,
    /// The recipient's name, when a participant of the call has their
    /// address.
    pub recipient_name: Option<&'a str>,
    /// The organisation's, for the date of the call.
    pub time_zone: Tz,
}

/// A drafted e-mail for an e-mail follow-up, for the owner to send from
/// their own mail client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailDraft {
    /// Unknown when the call has no customer address and none was given.
    pub to: Option<Email>,
    pub subject: String,
    pub body: String,
}

impl EmailDraft {
    /// A `mailto:` URL that opens the draft in a mail client.
    pub fn mailto_url(&self) -> String {
        deep_links::mailto(self.to.as_ref(), Some(&self.subject), Some(&self.body))
    }
}

/// The e-mail to send for a follow-up: "Follow-up: {call title or date}",
/// a greeting, the action item quoted with "> ", and the owner's name.
/// The follow-up's notes are internal and stay out of it.
pub fn email_draft(follow_up: &FollowUp, parties: &Parties<'_>) -> EmailDraft {
    let subject = match parties.call.title().map(str::trim) {
        Some(title) if !title.is_empty() => format!("Follow-up: {}", one_line(title)),
        _ => format!(
            "Follow-up: our call on {}",
            call_date(parties.call.started_at(), parties.time_zone)
        ),
    };
    let greeting = parties
        .recipient_name
        .and_then(|name| name.split_whitespace().next())
        .map_or_else(|| "Hello,".to_owned(), |first| format!("Hi {first},"));
    let body = format!(
        "{greeting}\n\nThank you for your time on our call on {date}. Following up on what we \
         agreed:\n\n{quote}\n\nBest regards,\n{owner}\n",
        date = call_date(parties.call.started_at(), parties.time_zone),
        quote = quoted(&follow_up.action_item().text),
        owner = parties.owner.name,
    );
    EmailDraft {
        to: follow_up.recipient().cloned(),
        subject,
        body,
    }
}

/// The iCalendar file of a meeting follow-up: one event with a UID stable
/// across edits and a sequence that grows with them, so a calendar that
/// imports it again updates the event; cancelled once dismissed. The owner
/// organises it and attends with the recipient, when known.
pub fn calendar(follow_up: &FollowUp, parties: &Parties<'_>) -> String {
    let minutes = follow_up
        .duration_minutes()
        .unwrap_or(DEFAULT_MEETING_MINUTES);
    let revision = (follow_up.updated_at() - follow_up.created_at()).num_seconds();
    let description = format!(
        "Follow-up on {} on {}.\n\nAction item:\n{}",
        match parties.call.title().map(str::trim) {
            Some(title) if !title.is_empty() => format!("the call \"{}\"", one_line(title)),
            _ => "the call".to_owned(),
        },
        call_date(parties.call.started_at(), parties.time_zone),
        quoted(&follow_up.action_item().text),
    );
    let status = match follow_up.status() {
        FollowUpStatus::Dismissed => EventStatus::Cancelled,
        FollowUpStatus::Open | FollowUpStatus::Done => EventStatus::Confirmed,
    };
    let owner = parties.owner;
    let mut event = Event::new();
    event
        .uid(&format!("follow-up-{}@callsight", follow_up.id()))
        .timestamp(follow_up.updated_at())
        .created(follow_up.created_at())
        .last_modified(follow_up.updated_at())
        .sequence(u32::try_from(revision).unwrap_or(u32::MAX))
        .starts(follow_up.due_at())
        .ends(follow_up.due_at() + TimeDelta::minutes(i64::from(minutes)))
        .summary(&one_line(follow_up.title()))
        .description(&description)
        .status(status)
        .append_property(person("ORGANIZER", &owner.email, Some(&owner.name), &[]))
        .append_multi_property(person(
            "ATTENDEE",
            &owner.email,
            Some(&owner.name),
            &[("ROLE", "CHAIR"), ("PARTSTAT", "ACCEPTED")],
        ));
    if let Some(recipient) = follow_up.recipient().filter(|r| **r != owner.email) {
        event.append_multi_property(person(
            "ATTENDEE",
            recipient,
            parties.recipient_name,
            &[
                ("ROLE", "REQ-PARTICIPANT"),
                ("PARTSTAT", "NEEDS-ACTION"),
                ("RSVP", "TRUE"),
            ],
        ));
    }
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Callsight//Follow-ups//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .push(event.done());
    calendar.to_string()
}

/// Where the caller downloads the calendar invite of a meeting follow-up,
/// relative to the server, with a link token good for an hour; `None` for
/// other kinds.
pub fn invite_url(ctx: Ctx<'_>, follow_up: &FollowUp) -> ServiceResult<Option<String>> {
    if follow_up.kind() != FollowUpKind::Meeting {
        return Ok(None);
    }
    let viewer = ctx.viewer()?;
    let token = ctx
        .services()
        .keys()
        .mint_link(
            follow_up.org(),
            viewer.user.id,
            Link::Invite(follow_up.id()),
        )
        .map_err(ServiceError::Internal)?;
    Ok(Some(format!(
        "/follow-ups/{}/invite.ics?token={token}",
        follow_up.id()
    )))
}

/// The invite of meeting follow-up `id` for `viewer`: the check the invite
/// URL makes on every request. A follow-up the viewer may not see is "not
/// found", like one that does not exist; so is the invite of a follow-up
/// that is no meeting.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn invite(ctx: Ctx<'_>, id: FollowUpId) -> ServiceResult<String> {
    let viewer = ctx.viewer()?;
    viewer
        .organization
        .settings
        .require_conversation_intelligence()?;
    let db = ctx.store().db();
    let follow_up = follow_ups::get(ctx, id).await?;
    if follow_up.kind() != FollowUpKind::Meeting {
        return Err(ServiceError::NotFound(format!(
            "follow-up {id} is a {}, not a meeting; only meetings have a calendar invite",
            follow_up.kind().as_str()
        )));
    }
    let call = calls::get(db, &viewer.scope, follow_up.call()).await?;
    let owner = users::authors(db, &viewer.scope, &[follow_up.owner()])
        .await?
        .pop()
        .ok_or_else(|| anyhow::anyhow!("follow-up {id}: owner {} is gone", follow_up.owner()))?;
    let participants = calls::participants(db, &call).await?;
    let recipient_name = recipient_name(&participants, follow_up.recipient());
    Ok(calendar(
        &follow_up,
        &Parties {
            call: &call,
            owner: &owner,
            recipient_name: recipient_name.as_deref(),
            time_zone: viewer.organization.time_zone,
        },
    ))
}

/// The name of the participant with the recipient's address.
pub fn recipient_name(participants: &[Participant], recipient: Option<&Email>) -> Option<String> {
    let recipient = recipient?;
    participants
        .iter()
        .filter(|p| {
            p.email
                .as_deref()
                .and_then(|e| Email::parse(e).ok())
                .is_some_and(|e| e == *recipient)
        })
        .find_map(|p| p.name.clone().filter(|n| !n.trim().is_empty()))
}

/// An `ORGANIZER` or `ATTENDEE` property: a `mailto:` address with the
/// person's name (`CN`) and `params`.
fn person(key: &str, email: &Email, name: Option<&str>, params: &[(&str, &str)]) -> Property {
    let mut property = Property::new(key, format!("mailto:{email}"));
    // A parameter value cannot hold a double quote or a line break.
    if let Some(name) = name
        .map(|n| one_line(n).replace('"', "'"))
        .filter(|n| !n.is_empty())
    {
        property.add_parameter("CN", &name);
    }
    for (key, value) in params {
        property.add_parameter(key, value);
    }
    property.done()
}

/// The action item quoted line by line with "> ".
fn quoted(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| format!("> {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text on one line: control characters and runs of whitespace become one
/// space.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// "2 November 2026", the call's day in the organisation's time zone.
fn call_date(started_at: DateTime<Utc>, tz: Tz) -> String {
    started_at
        .with_timezone(&tz)
        .format("%-d %B %Y")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FollowUpStatus;
    use crate::domain::{CallId, OrgId, UserId, UserRole};

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn call(title: Option<&str>) -> StoredCall {
        // Late on 2 November in New York, 3 November in UTC.
        StoredCall::fixture(
            (CallId(5), OrgId(1), UserId(3)),
            title,
            at("2026-11-03T02:30:00Z"),
        )
    }

    fn owner() -> User {
        User {
            id: UserId(3),
            org: OrgId(1),
            email: Email::parse("sam@acme.example").unwrap(),
            name: "Sam Seller".into(),
            role: UserRole::Seller,
            manager: None,
        }
    }

    fn parties<'a>(call: &'a StoredCall, owner: &'a User, name: Option<&'a str>) -> Parties<'a> {
        Parties {
            call,
            owner,
            recipient_name: name,
            time_zone: "America/New_York".parse().unwrap(),
        }
    }

    #[test]
    fn drafts_quote_the_action_item_and_sign_with_the_owner() {
        let (call, owner) = (call(Some("Discovery with Dana")), owner());
        let draft = email_draft(
            &FollowUp::fixture(FollowUpKind::Email),
            &parties(&call, &owner, Some("Dana Cruz")),
        );
        assert_eq!(draft.to.as_ref().unwrap().as_str(), "dana@customer.example");
        assert_eq!(draft.subject, "Follow-up: Discovery with Dana");
        assert_eq!(
            draft.body,
            "Hi Dana,\n\nThank you for your time on our call on 2 November 2026. Following up \
             on what we agreed:\n\n> I'll send you the proposal by Friday.\n> And the pricing, \
             too.\n\nBest regards,\nSam Seller\n"
        );
        assert!(!draft.body.contains("internal"), "notes stay inside");

        let untitled = self::call(None);
        let draft = email_draft(
            &FollowUp::fixture(FollowUpKind::Email),
            &parties(&untitled, &owner, None),
        );
        assert_eq!(draft.subject, "Follow-up: our call on 2 November 2026");
        assert!(draft.body.starts_with("Hello,\n"), "{}", draft.body);
    }

    #[test]
    fn mailto_urls_encode_every_field() {
        let draft = EmailDraft {
            to: Some(Email::parse("dana+sales@customer.example").unwrap()),
            subject: "Follow-up: Q&A, 50% off?".into(),
            body: "Hi Dana,\n> ünïcode & more\n".into(),
        };
        assert_eq!(
            draft.mailto_url(),
            "mailto:dana%2Bsales@customer.example?subject=Follow-up%3A%20Q%26A%2C%2050%25%20off%3F\
             &body=Hi%20Dana%2C%0D%0A%3E%20%C3%BCn%C3%AFcode%20%26%20more%0D%0A"
        );
        let nobody = EmailDraft { to: None, ..draft };
        assert!(nobody.mailto_url().starts_with("mailto:?subject="));
    }

    /// Content lines with their folding undone (RFC 5545 §3.1).
    fn unfolded(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "")
            .split("\r\n")
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn invites_are_one_stable_event_in_utc() {
        let (call, owner) = (call(Some("Discovery with Dana")), owner());
        let meeting = FollowUp::fixture(FollowUpKind::Meeting);
        let ics = calendar(&meeting, &parties(&call, &owner, Some("Dana Cruz")));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.split("\r\n").all(|line| line.len() <= 75), "{ics}");
        let lines = unfolded(&ics);
        for expected in [
            "VERSION:2.0",
            "PRODID:-//Callsight//Follow-ups//EN",
            "BEGIN:VEVENT",
            "UID:follow-up-9@callsight",
            "DTSTART:20261201T150000Z",
            "DTEND:20261201T154500Z",
            "DTSTAMP:20261103T100500Z",
            "SEQUENCE:300",
            "SUMMARY:Proposal review\\; pricing\\, terms",
            "STATUS:CONFIRMED",
            "ORGANIZER;CN=Sam Seller:mailto:sam@acme.example",
            "ATTENDEE;CN=Sam Seller;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:sam@acme.example",
            "ATTENDEE;CN=Dana Cruz;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:dana@customer.example",
            "DESCRIPTION:Follow-up on the call \"Discovery with Dana\" on 2 November 2026.\\n\\nAction item:\\n> I'll send you the proposal by Friday.\\n> And the pricing\\, too.",
        ] {
            assert!(lines.iter().any(|l| l == expected), "{expected}\n{ics}");
        }
        assert!(!ics.contains("internal"), "notes stay inside");

        let dismissed = meeting.with(FollowUpStatus::Dismissed, None);
        let lines = unfolded(&calendar(&dismissed, &parties(&call, &owner, None)));
        assert!(lines.iter().any(|l| l == "STATUS:CANCELLED"));
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("ATTENDEE")).count(),
            1
        );
    }
}
