//! Domain types: the canonical call, who people are, what they may see, and
//! the figures the insights engine reads (periods, ideal ranges, terms).

/// Gives a fieldless enum its lowercase text form (storage, CLI, JSON) with
/// `as_str`, `Display` and a `FromStr` whose error lists the accepted names.
macro_rules! text_enum {
    ($ty:ident $label:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            /// The lowercase name used in storage, the CLI and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }

            /// The variant stored as exactly `name`; `None` for anything
            /// else (a stored name is never trimmed or recased).
            pub fn from_stored(name: &str) -> Option<Self> {
                match name { $($text => Some(Self::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($text => Ok(Self::$variant),)+
                    other => Err(format!(
                        concat!("unknown ", $label, " `{}`: expected one of", $(" ", $text),+),
                        other
                    )),
                }
            }
        }
    };
}

pub mod call;
mod call_history;
mod comment;
pub mod dates;
pub mod deep_links;
mod email;
mod evidence;
mod follow_up;
mod format;
mod ideal_range;
mod ids;
mod keywords;
pub mod language;
mod metric_stat;
mod page;
mod period;
mod roles;
mod scope;
mod settings;
mod terms;

pub use call::{AnalysisStatus, Call, Direction, Outcome, Participant, Segment, Word};
pub use call_history::{CallCursor, CallFilter, SentimentFilter};
pub use comment::{
    Anchor, CommentBody, CommentEdit, CommentVisibility, MAX_BODY_CHARS, NewComment, Placed,
    check_segment_range,
};
pub use email::Email;
pub use evidence::Evidence;
pub use follow_up::{
    ActionItem, DEFAULT_MEETING_MINUTES, FollowUpKind, FollowUpPatch, FollowUpStatus,
    MAX_NOTES_CHARS, MAX_TITLE_CHARS, MEETING_MINUTES, MeetingMinutes, NewFollowUp, Notes, Title,
};
pub use format::Format;
pub use ideal_range::{Bound, IdealRange, ROUNDING_TOLERANCE, default_ideal_ranges};
pub use ids::{CallId, CommentId, FollowUpId, OrgId, UserId};
pub use keywords::TrackedKeywords;
pub use language::Language;
pub use metric_stat::MetricStat;
pub use page::PageSize;
pub use period::{CallCounts, Period, Periods};
pub use roles::{SpeakerRole, UserRole};
pub use scope::{Actor, MANAGER_DEPTH, Scope, Visibility};
pub use settings::{AnalyzerSettings, OrgSettings};
pub use terms::{TermKind, TermSource, TermStat, same_words};
