//! Small builders of `CallData` and its parts.

use callsight_plugin_api::{CallData, ParticipantData, Role, SegmentData, WordData};

/// A participant without a name.
pub fn participant(speaker: &str, role: Role) -> ParticipantData {
    ParticipantData {
        speaker: speaker.into(),
        name: None,
        role,
    }
}

/// An untimed segment: `text` without word timings.
pub fn segment(speaker: &str, role: Role, start_ms: i64, end_ms: i64, text: &str) -> SegmentData {
    SegmentData {
        speaker: speaker.into(),
        role,
        start_ms,
        end_ms,
        text: text.into(),
        words: None,
    }
}

/// `segment` with its whitespace-separated words timed `step_ms` apart from
/// the segment's start, each `length_ms` long (punctuation stays attached,
/// as AWS Transcribe attaches it).
pub fn timed_every(mut segment: SegmentData, step_ms: i64, length_ms: i64) -> SegmentData {
    segment.words = Some(
        segment
            .text
            .split_whitespace()
            .zip(0..)
            .map(|(text, i)| WordData {
                text: text.into(),
                start_ms: segment.start_ms + step_ms * i,
                end_ms: segment.start_ms + step_ms * i + length_ms,
            })
            .collect(),
    );
    segment
}

/// `segment` with its whitespace-separated words spread evenly over
/// `[start_ms, end_ms)`, one after the other (punctuation stays attached).
pub fn timed_evenly(mut segment: SegmentData) -> SegmentData {
    let words: Vec<&str> = segment.text.split_whitespace().collect();
    let step = (segment.end_ms - segment.start_ms) / words.len().max(1) as i64;
    segment.words = Some(
        words
            .iter()
            .zip(0..)
            .map(|(text, i)| WordData {
                text: (*text).into(),
                start_ms: segment.start_ms + i * step,
                end_ms: segment.start_ms + (i + 1) * step,
            })
            .collect(),
    );
    segment
}

/// A call in `language` among `participants` (speaker, role), lasting until
/// its last segment ends, started at 0 ms, with an empty context; set other
/// fields with struct update syntax.
pub fn call(language: &str, participants: &[(&str, Role)], segments: Vec<SegmentData>) -> CallData {
    CallData {
        language: language.into(),
        duration_ms: segments.iter().map(|s| s.end_ms).max().unwrap_or(0),
        started_at_ms: 0,
        participants: participants
            .iter()
            .map(|&(speaker, role)| participant(speaker, role))
            .collect(),
        segments,
        context: String::new(),
    }
}
