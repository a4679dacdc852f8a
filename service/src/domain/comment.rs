//! What a comment on a call is made of, and the rules its parts keep
//! (docs/security.md#comment-visibility for who reads which).

use crate::domain::CallId;
use crate::error::{ServiceError, ServiceResult};

/// The longest comment body, in characters: a note, not a document.
pub const MAX_BODY_CHARS: usize = 10_000;

/// Who may read a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentVisibility {
    /// The seller of the call reads it too.
    Shared,
    /// Managers and admins only.
    Private,
}

text_enum!(CommentVisibility "comment visibility" {
    Shared => "shared",
    Private => "private",
});

/// The Markdown text of a comment: not blank, at most [`MAX_BODY_CHARS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentBody(String);

impl CommentBody {
    /// Trims surrounding whitespace; `field` names the input in errors.
    pub fn parse(text: &str, field: &str) -> ServiceResult<Self> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ServiceError::BadUserInput(format!("{field} is empty")));
        }
        let chars = text.chars().count();
        if chars > MAX_BODY_CHARS {
            return Err(ServiceError::BadUserInput(format!(
                "{field} has {chars} characters; a comment may have at most {MAX_BODY_CHARS}"
            )));
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// The moment of a call a comment is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// A stretch of time from the start of the call.
    Span { offset_ms: i64, duration_ms: i64 },
    /// Transcript segments `from..=to`, by position.
    Segments { from: i32, to: i32 },
}

/// An anchor resolved against its call: where it starts, how long it is,
/// and the segments it names, if it names any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub offset_ms: i64,
    pub duration_ms: i64,
    pub segments: Option<(i32, i32)>,
}

impl Placed {
    /// A span of a call of `call_ms`: not negative, not past the end.
    pub fn span(offset_ms: i64, duration_ms: i64, call_ms: i64) -> ServiceResult<Self> {
        if offset_ms < 0 || duration_ms < 0 {
            return Err(ServiceError::BadUserInput(
                "anchor.span: offsetMs and durationMs may not be negative".into(),
            ));
        }
        let end = offset_ms.saturating_add(duration_ms);
        if end > call_ms {
            return Err(ServiceError::BadUserInput(format!(
                "anchor.span ends at {end} ms, after the end of the call ({call_ms} ms)"
            )));
        }
        Ok(Self {
            offset_ms,
            duration_ms,
            segments: None,
        })
    }
}

/// Segment positions `from..=to` that can name segments (the transcript
/// then says whether the call has them).
pub fn check_segment_range(from: i32, to: i32) -> ServiceResult<()> {
    if from < 0 || to < from {
        return Err(ServiceError::BadUserInput(format!(
            "anchor.segments: from ({from}) must be at least 0 and at most to ({to})"
        )));
    }
    Ok(())
}

/// A new thread on a call.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub call: CallId,
    pub anchor: Anchor,
    pub body: CommentBody,
    pub visibility: CommentVisibility,
}

/// What an author changes in their comment.
#[derive(Debug, Clone, Default)]
pub struct CommentEdit {
    pub body: Option<CommentBody>,
    /// Threads only; replies follow their thread.
    pub visibility: Option<CommentVisibility>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_trimmed_and_bounded() {
        assert_eq!(
            CommentBody::parse("  **Nice** close  ", "body").unwrap(),
            CommentBody("**Nice** close".into())
        );
        let empty = CommentBody::parse(" \n\t", "body").unwrap_err();
        assert_eq!(empty.to_string(), "body is empty");
        assert!(CommentBody::parse(&"é".repeat(MAX_BODY_CHARS), "body").is_ok());
        let long = CommentBody::parse(&"é".repeat(MAX_BODY_CHARS + 1), "body").unwrap_err();
        assert!(long.to_string().contains("10001 characters"), "{long}");
    }

    #[test]
    fn visibility_keeps_its_stored_name() {
        for v in [CommentVisibility::Shared, CommentVisibility::Private] {
            assert_eq!(v.as_str().parse::<CommentVisibility>(), Ok(v));
        }
        assert!("public".parse::<CommentVisibility>().is_err());
    }

    #[test]
    fn a_span_must_lie_within_the_call() {
        let span = |offset_ms, duration_ms| Placed::span(offset_ms, duration_ms, 1_000);
        assert!(span(0, 1_000).is_ok());
        assert!(span(-1, 10).is_err());
        let late = span(900, 200).unwrap_err();
        assert!(late.to_string().contains("ends at 1100 ms"), "{late}");
        assert!(check_segment_range(2, 1).is_err());
        assert!(check_segment_range(1, 2).is_ok());
    }
}
