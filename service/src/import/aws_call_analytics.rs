//! AWS Transcribe Call Analytics output, in two variants told apart by
//! their top-level keys:
//!
//! - the Call Analytics job output (`Transcript[]`): each turn's
//!   `ParticipantRole` (`AGENT`, `CUSTOMER`) is its speaker label as written
//!   and gives its role (agent → seller); `BeginOffsetMillis`,
//!   `EndOffsetMillis`, `Content`, and words from `Items[]` (punctuation
//!   attached to the previous word); `ConversationCharacteristics
//!   .TotalConversationDurationMillis`, `LanguageCode`, `JobName`.
//! - the Post-Call Analytics solution's output (`SpeechSegments[]`):
//!   `SegmentSpeaker` (`spk_0`) is the label, roles come from
//!   `ConversationAnalytics.SpeakerLabels` (`Agent`/`Customer`), times are
//!   seconds (`SegmentStartTime`, `WordConfidence[].StartTime`), the text is
//!   `DisplayText` (else `OriginalText`); `ConversationAnalytics.Duration`
//!   (seconds), `LanguageCode`, `GUID`, and `ConversationTime`, read as the
//!   wall-clock time in the `ConversationLocation` time zone (UTC when none
//!   is given).
//!
//! Segments with word times are cut where their words pause
//! (docs/import.md#word-timed-segments).

use std::str::FromStr;

use chrono::TimeZone;
use chrono_tz::Tz;
use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::domain::{Participant, Segment, Word};

use super::aws_transcribe::ItemKind;
use super::json::{Millis, Seconds, from_json};
use super::normalise::{Draft, indexed_origins};
use super::roles::role_from_source;
use super::time::naive_date_time;
use super::words::attach_punctuation;
use super::{ImportError, Location};

/// Which variant a document is, from its top-level keys alone.
#[derive(Deserialize)]
struct Probe {
    #[serde(rename = "Transcript", default)]
    transcript: Option<IgnoredAny>,
    #[serde(rename = "SpeechSegments", default)]
    speech_segments: Option<IgnoredAny>,
}

/// Reads either variant (see the module doc).
pub(crate) fn parse(text: &str) -> Result<Draft, ImportError> {
    match from_json::<Probe>(text)? {
        Probe {
            transcript: Some(_),
            ..
        } => job_output(from_json(text)?),
        Probe {
            speech_segments: Some(_),
            ..
        } => post_call_analytics(from_json(text)?),
        _ => Err(ImportError::path(
            "",
            "expected AWS Call Analytics output (`Transcript`) or Post-Call Analytics output \
             (`SpeechSegments`)",
        )),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct JobOutput {
    #[serde(default)]
    job_name: Option<String>,
    #[serde(default)]
    language_code: Option<String>,
    transcript: Vec<Turn>,
    #[serde(default)]
    conversation_characteristics: Option<Characteristics>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Turn {
    participant_role: String,
    begin_offset_millis: Millis,
    end_offset_millis: Millis,
    #[serde(default)]
    content: String,
    #[serde(default)]
    items: Vec<TurnItem>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TurnItem {
    content: String,
    #[serde(rename = "Type", default)]
    kind: Option<ItemKind>,
    #[serde(default)]
    begin_offset_millis: Option<Millis>,
    #[serde(default)]
    end_offset_millis: Option<Millis>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Characteristics {
    #[serde(default)]
    total_conversation_duration_millis: Option<Millis>,
}

fn job_output(output: JobOutput) -> Result<Draft, ImportError> {
    let mut participants: Vec<Participant<_>> = Vec::new();
    let mut segments = Vec::with_capacity(output.transcript.len());
    for (index, turn) in output.transcript.into_iter().enumerate() {
        let speaker = turn.participant_role.trim().to_owned();
        if !participants.iter().any(|p| p.speaker == speaker) {
            participants.push(Participant {
                speaker: speaker.clone(),
                name: None,
                email: None,
                role: role_from_source(&speaker),
            });
        }
        let mut words: Vec<Word> = Vec::new();
        for (item_index, item) in turn.items.into_iter().enumerate() {
            match (item.kind, item.begin_offset_millis, item.end_offset_millis) {
                (Some(ItemKind::Punctuation), ..) => {
                    attach_punctuation(words.last_mut(), &item.content);
                }
                (_, Some(Millis(start_ms)), Some(Millis(end_ms))) => words.push(Word {
                    text: item.content,
                    start_ms,
                    end_ms,
                }),
                _ => {
                    return Err(ImportError::path(
                        format!("Transcript[{index}].Items[{item_index}]"),
                        format!(
                            "the word `{}` has no `BeginOffsetMillis` and `EndOffsetMillis`",
                            item.content
                        ),
                    ));
                }
            }
        }
        segments.push(Segment {
            speaker,
            start_ms: turn.begin_offset_millis.0,
            end_ms: turn.end_offset_millis.0,
            text: turn.content,
            words: Some(words),
        });
    }
    let origins = indexed_origins("Transcript", segments.len());
    let mut draft = Draft::word_timed(segments, origins);
    draft.call.external_id = output.job_name;
    draft.call.participants = participants;
    draft.call.duration_ms = output
        .conversation_characteristics
        .and_then(|c| c.total_conversation_duration_millis)
        .map(|Millis(ms)| ms);
    draft.duration_origin = Some(Location::JsonPath(
        "ConversationCharacteristics.TotalConversationDurationMillis".to_owned(),
    ));
    if let Some(language) = output.language_code {
        draft.call.language = language;
    }
    Ok(draft)
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PostCallAnalytics {
    conversation_analytics: ConversationAnalytics,
    speech_segments: Vec<SpeechSegment>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ConversationAnalytics {
    #[serde(rename = "GUID", default)]
    guid: Option<String>,
    #[serde(default)]
    conversation_time: Option<String>,
    #[serde(default)]
    conversation_location: Option<String>,
    #[serde(default)]
    language_code: Option<String>,
    #[serde(default)]
    duration: Option<Seconds>,
    #[serde(default)]
    speaker_labels: Vec<SpeakerLabel>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SpeakerLabel {
    speaker: String,
    display_text: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SpeechSegment {
    segment_start_time: Seconds,
    segment_end_time: Seconds,
    segment_speaker: String,
    #[serde(default)]
    display_text: Option<String>,
    #[serde(default)]
    original_text: Option<String>,
    #[serde(default)]
    word_confidence: Vec<ScoredWord>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ScoredWord {
    text: String,
    start_time: Seconds,
    end_time: Seconds,
}

fn post_call_analytics(output: PostCallAnalytics) -> Result<Draft, ImportError> {
    let analytics = output.conversation_analytics;
    let segments: Vec<Segment> = output
        .speech_segments
        .into_iter()
        .map(|segment| Segment {
            speaker: segment.segment_speaker,
            start_ms: segment.segment_start_time.0,
            end_ms: segment.segment_end_time.0,
            text: segment
                .display_text
                .or(segment.original_text)
                .unwrap_or_default(),
            words: Some(
                segment
                    .word_confidence
                    .into_iter()
                    .map(|word| Word {
                        text: word.text,
                        start_ms: word.start_time.0,
                        end_ms: word.end_time.0,
                    })
                    .collect(),
            ),
        })
        .collect();
    let origins = indexed_origins("SpeechSegments", segments.len());
    let mut draft = Draft::word_timed(segments, origins);
    draft.call.started_at = conversation_start(&analytics)?;
    draft.call.external_id = analytics
        .guid
        .filter(|guid| !guid.trim().is_empty() && guid != "None");
    draft.call.duration_ms = analytics.duration.map(|Seconds(ms)| ms);
    draft.duration_origin = Some(Location::JsonPath(
        "ConversationAnalytics.Duration".to_owned(),
    ));
    draft.call.participants = analytics
        .speaker_labels
        .into_iter()
        .map(|label| Participant {
            role: role_from_source(&label.display_text),
            speaker: label.speaker,
            name: None,
            email: None,
        })
        .collect();
    if let Some(language) = analytics.language_code {
        draft.call.language = language;
    }
    Ok(draft)
}

/// `ConversationTime` as wall-clock time in `ConversationLocation`.
fn conversation_start(
    analytics: &ConversationAnalytics,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, ImportError> {
    let Some(time) = &analytics.conversation_time else {
        return Ok(None);
    };
    let naive = naive_date_time(time).ok_or_else(|| {
        ImportError::path(
            "ConversationAnalytics.ConversationTime",
            format!("`{time}` is not a date-time like `2021-11-25 13:35:14.215558`"),
        )
    })?;
    let zone = match analytics.conversation_location.as_deref().map(str::trim) {
        None | Some("") => return Ok(Some(naive.and_utc())),
        Some(name) => Tz::from_str(name).map_err(|_| {
            ImportError::path(
                "ConversationAnalytics.ConversationLocation",
                format!("`{name}` is not a time zone name like `America/New_York`"),
            )
        })?,
    };
    // In a daylight-saving gap or overlap, the earliest valid reading.
    let local = zone.from_local_datetime(&naive).earliest().ok_or_else(|| {
        ImportError::path(
            "ConversationAnalytics.ConversationTime",
            format!("`{time}` does not exist in {zone} (a daylight-saving gap)"),
        )
    })?;
    Ok(Some(local.to_utc()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SpeakerRole::{Customer, Seller};
    use crate::import::test_support::{
        import_error, import_testdata, roles, spans, word_spans, word_texts,
    };
    use crate::import::{Format, parse as import};

    const PCA: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/data/aws/pca_call_analytics_testfile.json"
    );

    #[test]
    fn post_call_analytics_sample() {
        let payload = std::fs::read(PCA).unwrap();
        let call = import(Format::AwsCallAnalytics, &payload).unwrap();
        assert_eq!(call.segments.len(), 12);
        assert_eq!(
            roles(&call),
            [("spk_0", Some(Seller)), ("spk_1", Some(Customer))]
        );
        assert_eq!(
            spans(&call)[..3],
            [
                ("spk_0", 40, 250, "MM."),
                (
                    "spk_1",
                    640,
                    3_700,
                    "Thank you for calling Networks abc technical Support."
                ),
                ("spk_0", 740, 5_840, "Now called, so All right, yeah."),
            ]
        );
        assert_eq!(
            word_spans(&call.segments[1])[..3],
            [
                ("Thank", 640, 640),
                ("you", 1_340, 1_340),
                ("for", 1_430, 1_430)
            ]
        );
        assert_eq!(call.segments[11].end_ms, 28_960);
        assert_eq!(call.duration_ms, Some(28_670));
        assert_eq!(call.language, "en-US");
        assert_eq!(call.external_id, None);
        // 13:35 in New York in November is 18:35 UTC.
        assert_eq!(
            call.started_at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2021-11-25T18:35:14.215558+00:00")
        );
    }

    #[test]
    fn call_analytics_job_output() {
        let call = import_testdata(Format::AwsCallAnalytics, "aws_call_analytics.json");
        assert_eq!(call.external_id.as_deref(), Some("renewal-call-8841"));
        assert_eq!(call.duration_ms, Some(21_650));
        assert_eq!(
            roles(&call),
            [("AGENT", Some(Seller)), ("CUSTOMER", Some(Customer))]
        );
        assert_eq!(
            spans(&call),
            [
                (
                    "AGENT",
                    3_960,
                    8_410,
                    "Thanks for calling Northwind, this is Kim. How can I help?"
                ),
                (
                    "CUSTOMER",
                    9_030,
                    14_820,
                    "Hi, I'd like to renew our plan, but the price went up again."
                ),
                (
                    "AGENT",
                    15_200,
                    21_650,
                    "I understand. Let me see what discount I can offer."
                ),
            ]
        );
        assert_eq!(
            word_texts(&call.segments[0]),
            [
                "Thanks",
                "for",
                "calling",
                "Northwind,",
                "this",
                "is",
                "Kim.",
                "How",
                "can",
                "I",
                "help?"
            ]
        );
    }

    #[test]
    fn errors_name_the_json_path() {
        let cases = [
            (
                r#"{"JobName": "x", "Transcript": [{"ParticipantRole": "AGENT", "BeginOffsetMillis": 10, "EndOffsetMillis": "soon", "Content": "Hi"}]}"#,
                "Transcript[0].EndOffsetMillis",
                "`soon` is not a decimal number",
            ),
            (
                r#"{"Transcript": [{"ParticipantRole": "AGENT", "BeginOffsetMillis": 10, "EndOffsetMillis": 900, "Content": "Hi", "Items": [{"Content": "Hi", "Type": "pronunciation"}]}]}"#,
                "Transcript[0].Items[0]",
                "the word `Hi` has no `BeginOffsetMillis` and `EndOffsetMillis`",
            ),
            (
                r#"{"ConversationAnalytics": {"ConversationTime": "2021-11-25 13:35:14.215558", "ConversationLocation": "Mars/Olympus"}, "SpeechSegments": []}"#,
                "ConversationAnalytics.ConversationLocation",
                "`Mars/Olympus` is not a time zone name like `America/New_York`",
            ),
            (
                r#"{"ConversationAnalytics": {}, "SpeechSegments": [{"SegmentStartTime": 1.5, "SegmentSpeaker": "spk_0"}]}"#,
                "SpeechSegments[0]",
                "missing field `SegmentEndTime`",
            ),
            (
                r#"{"results": {"items": []}}"#,
                "",
                "expected AWS Call Analytics output",
            ),
        ];
        for (json, path, message) in cases {
            let err = import_error(Format::AwsCallAnalytics, json);
            assert_eq!(err.location, Some(Location::JsonPath(path.into())), "{err}");
            assert!(err.message.starts_with(message), "{err}");
        }
    }
}
