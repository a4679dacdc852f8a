//! What a follow-up on an action item is made of, and the rules its parts
//! keep: kinds, statuses, titles, notes and meeting lengths.

use chrono::{DateTime, Utc};

use crate::domain::{CallId, Email, UserId};
use crate::error::{ServiceError, ServiceResult};

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

text_enum!(FollowUpKind "follow-up kind" {
    Call => "call",
    Email => "email",
    Meeting => "meeting",
    Task => "task",
});

impl FollowUpKind {
    /// Whether it is done with the customer, who is then its recipient by
    /// default.
    pub fn reaches_customer(self) -> bool {
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

    /// "Meeting: I'll send you the proposal by Friday.", whitespace
    /// collapsed and cut to [`MAX_TITLE_CHARS`]: the title of a follow-up
    /// of this kind on `action_item` when none is given.
    pub fn default_title(self, action_item: &str) -> Title {
        let text = action_item.split_whitespace().collect::<Vec<_>>().join(" ");
        let title = format!("{}: {text}", self.title_prefix());
        if title.chars().count() <= MAX_TITLE_CHARS {
            return Title(title);
        }
        let mut cut: String = title.chars().take(MAX_TITLE_CHARS - 1).collect();
        cut.truncate(cut.trim_end().len());
        cut.push('…');
        Title(cut)
    }

    /// Only meetings have a length.
    pub fn check_duration(self, minutes: Option<MeetingMinutes>) -> ServiceResult<()> {
        if minutes.is_some() && self != Self::Meeting {
            return Err(ServiceError::BadUserInput(
                "durationMinutes applies to meeting follow-ups only".into(),
            ));
        }
        Ok(())
    }
}

/// Where a follow-up stands; `done` and `dismissed` close it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpStatus {
    Open,
    Done,
    Dismissed,
}

text_enum!(FollowUpStatus "follow-up status" {
    Open => "open",
    Done => "done",
    Dismissed => "dismissed",
});

impl FollowUpStatus {
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

    pub fn into_string(self) -> String {
        self.0
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

    pub fn into_option(self) -> Option<String> {
        self.0
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

    pub fn minutes(self) -> i32 {
        self.0
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
            assert_eq!(FollowUpKind::from_stored(kind.as_str()), Some(kind));
        }
        for status in [
            FollowUpStatus::Open,
            FollowUpStatus::Done,
            FollowUpStatus::Dismissed,
        ] {
            assert_eq!(FollowUpStatus::from_stored(status.as_str()), Some(status));
        }
        assert_eq!(FollowUpKind::from_stored("Meeting"), None);
        assert_eq!(FollowUpStatus::from_stored("closed"), None);
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
            FollowUpKind::Meeting
                .default_title("Let's schedule\n a demo.")
                .into_string(),
            "Meeting: Let's schedule a demo."
        );
        let long = FollowUpKind::Task
            .default_title(&"word ".repeat(100))
            .into_string();
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
