//! Dynamics 365 conversation-intelligence upload pair: a metadata JSON and a
//! `*.transcript.json`. Microsoft does not publish one fixed schema for
//! these files, so the reading is tolerant. Keys may be camelCase or
//! PascalCase, and unknown keys are ignored.
//!
//! Metadata (an object):
//! - `id` (or `conversationId`, `callId`; string or number) → external id
//! - `title` (or `subject`) → title
//! - `startTime` (or `startedAt`, `startDateTime`): RFC 3339; a time without
//!   an offset is taken as UTC
//! - `duration` (or `durationMs`): milliseconds
//! - `language` (or `locale`, `languageCode`)
//! - `direction`: `inbound`/`incoming` or `outbound`/`outgoing`; anything
//!   else is ignored
//! - `recordingUrl` (or `recording`)
//! - `participants[]`: `id` (the speaker label), `displayName` (or `name`),
//!   `email` (or `emailAddress`), `role`: `agent`, `seller` or `user` →
//!   seller; `customer`, `contact` or `lead` → customer; `other`, `bot` →
//!   other; anything else leaves the role to the import request.
//!
//! Transcript: the array of fragments itself, or an object holding it under
//! `fragments`, `transcript`, `recognizedPhrases`, `phrases` or `segments`.
//! Each fragment has `participantId` (or `speakerId`, `speaker`), `offset`
//! and `duration` in milliseconds, `text` (or `display`, `displayText`) and
//! optional `words[]` keyed `word` or `text`, with their own `offset` and
//! `duration`, also from the start of the call. A fragment without text
//! takes its words' text.
//!
//! [`parse_envelope`] reads both files wrapped in one JSON document
//! `{"metadata": …, "transcript": …}` (as the GraphQL API receives them), so
//! error paths start with `metadata.` or `transcript.`; [`parse_pair`] reads
//! them as two files and its errors say which file.
//!
//! Segments with word times are cut where their words pause
//! (docs/import.md#word-timed-segments).

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::domain::{Direction, Participant, Segment, Word};

use super::json::{Instant, Label, Millis, from_json};
use super::normalise::Draft;
use super::roles::role_from_source;
use super::words::join_text;
use super::{ImportError, Location};

/// How errors name the metadata file of the pair.
pub(crate) const METADATA_FILE: &str = "the metadata file";
/// How errors name the transcript file of the pair.
pub(crate) const TRANSCRIPT_FILE: &str = "the transcript file";

/// Reads `{"metadata": …, "transcript": …}`.
pub(crate) fn parse_envelope(text: &str) -> Result<Draft, ImportError> {
    #[derive(Deserialize)]
    struct Envelope {
        metadata: Metadata,
        transcript: Transcript,
    }

    let Envelope {
        metadata,
        transcript,
    } = from_json(text)?;
    Ok(convert(metadata, transcript, |part, path| {
        let prefix = match part {
            Part::Metadata => "metadata",
            Part::Transcript => "transcript",
        };
        let separator = if path.starts_with('[') { "" } else { "." };
        Location::JsonPath(format!("{prefix}{separator}{path}"))
    }))
}

/// Reads the metadata file and the transcript file.
pub(crate) fn parse_pair(metadata: &str, transcript: &str) -> Result<Draft, ImportError> {
    let metadata = from_json(metadata).map_err(|err| err.in_file(METADATA_FILE))?;
    let transcript = from_json(transcript).map_err(|err| err.in_file(TRANSCRIPT_FILE))?;
    Ok(convert(metadata, transcript, |part, path| Location::File {
        file: match part {
            Part::Metadata => METADATA_FILE,
            Part::Transcript => TRANSCRIPT_FILE,
        }
        .to_owned(),
        within: Some(Box::new(Location::JsonPath(path))),
    }))
}

/// Which of the two documents a path is in.
enum Part {
    Metadata,
    Transcript,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Metadata {
    #[serde(
        default,
        alias = "Id",
        alias = "conversationId",
        alias = "ConversationId"
    )]
    #[serde(alias = "callId", alias = "CallId")]
    id: Option<Label>,
    #[serde(default, alias = "Title", alias = "subject", alias = "Subject")]
    title: Option<String>,
    #[serde(default, alias = "StartTime", alias = "startedAt", alias = "StartedAt")]
    #[serde(alias = "startDateTime", alias = "StartDateTime")]
    start_time: Option<Instant>,
    #[serde(
        default,
        alias = "Duration",
        alias = "durationMs",
        alias = "DurationMs"
    )]
    duration: Option<Millis>,
    #[serde(default, alias = "Language", alias = "locale", alias = "Locale")]
    #[serde(alias = "languageCode", alias = "LanguageCode")]
    language: Option<String>,
    #[serde(default, alias = "Direction")]
    direction: Option<String>,
    #[serde(
        default,
        alias = "RecordingUrl",
        alias = "recording",
        alias = "Recording"
    )]
    recording_url: Option<String>,
    #[serde(default, alias = "Participants")]
    participants: Vec<MetadataParticipant>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MetadataParticipant {
    #[serde(alias = "Id", alias = "participantId", alias = "ParticipantId")]
    id: Label,
    #[serde(default, alias = "DisplayName", alias = "name", alias = "Name")]
    display_name: Option<String>,
    #[serde(
        default,
        alias = "Email",
        alias = "emailAddress",
        alias = "EmailAddress"
    )]
    email: Option<String>,
    #[serde(default, alias = "Role")]
    role: Option<String>,
}

/// The transcript file: its fragments, and the key that held them (none
/// when the file is the array itself), for error paths.
struct Transcript {
    key: Option<&'static str>,
    fragments: Vec<Fragment>,
}

/// Keys under which a transcript object may hold its fragments.
const FRAGMENT_KEYS: [&str; 10] = [
    "fragments",
    "Fragments",
    "transcript",
    "Transcript",
    "recognizedPhrases",
    "RecognizedPhrases",
    "phrases",
    "Phrases",
    "segments",
    "Segments",
];

const EXPECTED_TRANSCRIPT: &str = "an array of fragments, or an object holding one under \
                                   `fragments`, `transcript` or `recognizedPhrases`";

impl<'de> Deserialize<'de> for Transcript {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TranscriptVisitor;

        impl<'de> Visitor<'de> for TranscriptVisitor {
            type Value = Transcript;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(EXPECTED_TRANSCRIPT)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Transcript, A::Error> {
                let mut fragments = Vec::new();
                while let Some(fragment) = seq.next_element()? {
                    fragments.push(fragment);
                }
                Ok(Transcript {
                    key: None,
                    fragments,
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Transcript, A::Error> {
                let mut found = None;
                while let Some(key) = map.next_key::<String>()? {
                    match FRAGMENT_KEYS.iter().find(|known| **known == key) {
                        Some(known) if found.is_none() => {
                            found = Some(Transcript {
                                key: Some(*known),
                                fragments: map.next_value()?,
                            });
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                found.ok_or_else(|| de::Error::custom(format!("expected {EXPECTED_TRANSCRIPT}")))
            }
        }

        deserializer.deserialize_any(TranscriptVisitor)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Fragment {
    #[serde(alias = "ParticipantId", alias = "speakerId", alias = "SpeakerId")]
    #[serde(alias = "speaker", alias = "Speaker")]
    participant_id: Label,
    #[serde(alias = "Offset")]
    offset: Millis,
    #[serde(alias = "Duration")]
    duration: Millis,
    #[serde(default, alias = "Text", alias = "display", alias = "Display")]
    #[serde(alias = "displayText", alias = "DisplayText")]
    text: String,
    #[serde(default, alias = "Words")]
    words: Vec<FragmentWord>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FragmentWord {
    #[serde(alias = "Word", alias = "text", alias = "Text")]
    word: String,
    #[serde(alias = "Offset")]
    offset: Millis,
    #[serde(alias = "Duration")]
    duration: Millis,
}

/// Builds the draft; `locate` turns a path within one document into an
/// error location.
fn convert(
    metadata: Metadata,
    transcript: Transcript,
    locate: impl Fn(Part, String) -> Location,
) -> Draft {
    let fragments_path = transcript.key.unwrap_or_default();
    let mut segments = Vec::with_capacity(transcript.fragments.len());
    let mut origins = Vec::with_capacity(transcript.fragments.len());
    for (index, fragment) in transcript.fragments.into_iter().enumerate() {
        let words: Vec<Word> = fragment
            .words
            .into_iter()
            .map(|word| Word {
                text: word.word,
                start_ms: word.offset.0,
                end_ms: word.offset.0.saturating_add(word.duration.0),
            })
            .collect();
        let text = if fragment.text.trim().is_empty() {
            join_text(&words)
        } else {
            fragment.text
        };
        segments.push(Segment {
            speaker: fragment.participant_id.0,
            start_ms: fragment.offset.0,
            end_ms: fragment.offset.0.saturating_add(fragment.duration.0),
            text,
            words: Some(words),
        });
        origins.push(locate(
            Part::Transcript,
            format!("{fragments_path}[{index}]"),
        ));
    }

    let mut draft = Draft::word_timed(segments, origins);
    let call = &mut draft.call;
    call.external_id = metadata.id.map(|Label(id)| id);
    call.title = metadata.title;
    call.started_at = metadata.start_time.map(|Instant(instant)| instant);
    call.duration_ms = metadata.duration.map(|Millis(ms)| ms);
    call.direction = metadata.direction.as_deref().and_then(direction);
    call.recording = metadata.recording_url;
    if let Some(language) = metadata.language {
        call.language = language;
    }
    call.participants = metadata
        .participants
        .into_iter()
        .map(|participant| Participant {
            speaker: participant.id.0,
            name: participant.display_name,
            email: participant.email,
            role: participant.role.as_deref().and_then(role_from_source),
        })
        .collect();
    draft.duration_origin = Some(locate(Part::Metadata, "duration".to_owned()));
    draft
}

fn direction(text: &str) -> Option<Direction> {
    match text.trim().to_ascii_lowercase().as_str() {
        "inbound" | "incoming" => Some(Direction::Inbound),
        "outbound" | "outgoing" => Some(Direction::Outbound),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SpeakerRole::{Customer, Seller};
    use crate::import::test_support::{spans, word_spans};
    use crate::import::{Format, parse, parse_dynamics_pair};

    const METADATA: &[u8] = include_bytes!("testdata/dynamics.metadata.json");
    const TRANSCRIPT: &[u8] = include_bytes!("testdata/dynamics.transcript.json");

    #[test]
    fn upload_pair() {
        let call = parse_dynamics_pair(METADATA, TRANSCRIPT).unwrap();
        assert_eq!(
            call.external_id.as_deref(),
            Some("6f1d2c3b-8a47-4e0b-9c55-0d2e41b7a9f3")
        );
        assert_eq!(
            call.title.as_deref(),
            Some("Contoso - fleet tracking renewal")
        );
        assert_eq!(
            call.started_at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-04-09T14:30:00+00:00")
        );
        assert_eq!(call.duration_ms, Some(61_000));
        assert_eq!(call.language, "en-GB");
        assert_eq!(call.direction, Some(Direction::Outbound));
        let people: Vec<_> = call
            .participants
            .iter()
            .map(|p| (p.speaker.as_str(), p.name.as_deref(), p.role))
            .collect();
        assert_eq!(
            people,
            [
                ("a3c1", Some("Alex Rivera"), Some(Seller)),
                ("c7f9", Some("Jordan Blake"), Some(Customer)),
                ("x001", Some("Notetaker"), None),
            ]
        );
        assert_eq!(
            spans(&call),
            [
                (
                    "a3c1",
                    1_200,
                    5_600,
                    "Hi Jordan, it's Alex from Fabrikam. Is now still a good time?"
                ),
                ("c7f9", 6_100, 8_350, "Yes, go ahead."),
                (
                    "a3c1",
                    8_900,
                    13_300,
                    "Great. You mentioned fleet tracking costs last quarter."
                ),
            ]
        );
        assert_eq!(
            word_spans(&call.segments[1]),
            [
                ("Yes,", 6_100, 6_500),
                ("go", 6_600, 6_900),
                ("ahead.", 6_950, 8_350)
            ]
        );
    }

    /// The GraphQL form: both files in one document.
    fn envelope(transcript: &str) -> Vec<u8> {
        let metadata = std::str::from_utf8(METADATA).unwrap();
        format!("{{\"metadata\": {metadata}, \"transcript\": {transcript}}}").into_bytes()
    }

    #[test]
    fn envelope_reads_like_the_pair() {
        let transcript = std::str::from_utf8(TRANSCRIPT).unwrap();
        assert_eq!(
            parse(Format::Dynamics, &envelope(transcript)),
            parse_dynamics_pair(METADATA, TRANSCRIPT)
        );
    }

    #[test]
    fn pascal_case_array_transcript() {
        let transcript = r#"[{"ParticipantId": 7, "Offset": 0, "Duration": 900.4,
            "Words": [{"Text": "Hello", "Offset": 0, "Duration": 400}, {"Word": "there", "Offset": 450, "Duration": 450}]}]"#;
        let call = parse(Format::Dynamics, &envelope(transcript)).unwrap();
        assert_eq!(call.segments[0].speaker, "7");
        assert_eq!(call.segments[0].end_ms, 900);
        assert_eq!(call.segments[0].text, "Hello there");
    }

    #[test]
    fn errors_say_which_file_and_where() {
        let bad_transcript = br#"{"fragments": [{"participantId": "a3c1", "offset": 0, "duration": 500, "text": "Hi"},
            {"participantId": "c7f9", "offset": "later", "duration": 500, "text": "Hey"}]}"#;
        let err = parse_dynamics_pair(METADATA, bad_transcript).unwrap_err();
        assert_eq!(
            err.to_string(),
            "in the transcript file, at `fragments[1].offset`: `later` is not a decimal number"
        );
        let err = parse(
            Format::Dynamics,
            &envelope(std::str::from_utf8(bad_transcript).unwrap()),
        )
        .unwrap_err();
        assert_eq!(
            err.location,
            Some(Location::JsonPath("transcript.fragments[1].offset".into()))
        );

        let err =
            parse_dynamics_pair(b"{\"id\": \"x\",\n \"startTime\": 5}", TRANSCRIPT).unwrap_err();
        assert_eq!(
            err.location,
            Some(Location::File {
                file: METADATA_FILE.into(),
                within: Some(Box::new(Location::JsonPath("startTime".into()))),
            })
        );

        let err = parse_dynamics_pair(METADATA, b"{\"items\": []}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "in the transcript file, at the top level: expected an array of fragments, or an \
             object holding one under `fragments`, `transcript` or `recognizedPhrases`"
        );

        let late =
            r#"[{"participantId": "a3c1", "offset": 86399000, "duration": 5000, "text": "Bye"}]"#;
        let err = parse(Format::Dynamics, &envelope(late)).unwrap_err();
        assert_eq!(
            err.location,
            Some(Location::JsonPath("transcript[0]".into()))
        );
        assert_eq!(
            err.message,
            "segment 1 (speaker `a3c1`): end is 24:00:04.000, beyond the 24-hour limit of a call"
        );

        let err = parse_dynamics_pair(METADATA, b"[\xff]").unwrap_err();
        assert_eq!(
            err.location,
            Some(Location::File {
                file: TRANSCRIPT_FILE.into(),
                within: Some(Box::new(Location::Line(1)))
            })
        );
    }
}
