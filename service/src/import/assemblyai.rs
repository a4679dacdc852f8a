//! AssemblyAI transcripts, requested with `speaker_labels: true`.
//!
//! Each `utterances[]` entry is a segment: `speaker` ("A", "B", … is the
//! label), `start`/`end` in integer milliseconds, `text`, and `words[]`
//! (`text`, `start`, `end`). `id` is the external id, `audio_duration`
//! (seconds) the duration and `language_code` (`en_us`) the language. A
//! transcript whose `status` is `error` is refused with AssemblyAI's reason.
//! Utterances are cut where their words pause (docs/import.md#word-timed-segments).

use serde::Deserialize;

use crate::domain::{Segment, Word};

use super::json::{Label, Millis, Seconds, from_json};
use super::normalise::{Draft, indexed_origins};
use super::{ImportError, Location};

#[derive(Deserialize)]
struct Transcript {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    language_code: Option<String>,
    #[serde(default)]
    audio_duration: Option<Seconds>,
    #[serde(default)]
    utterances: Option<Vec<Utterance>>,
}

#[derive(Deserialize)]
struct Utterance {
    speaker: Label,
    start: Millis,
    end: Millis,
    #[serde(default)]
    text: String,
    #[serde(default)]
    words: Vec<AssemblyWord>,
}

#[derive(Deserialize)]
struct AssemblyWord {
    text: String,
    start: Millis,
    end: Millis,
}

/// Reads an AssemblyAI transcript.
pub(crate) fn parse(text: &str) -> Result<Draft, ImportError> {
    let transcript: Transcript = from_json(text)?;
    if transcript.status.as_deref() == Some("error") {
        return Err(ImportError::path(
            "status",
            format!(
                "AssemblyAI could not transcribe the audio: {}",
                transcript.error.as_deref().unwrap_or("no reason given")
            ),
        ));
    }
    let utterances = transcript.utterances.ok_or_else(|| {
        ImportError::path(
            "",
            "the transcript has no `utterances`: request it with `speaker_labels: true`",
        )
    })?;
    let segments: Vec<Segment> = utterances
        .into_iter()
        .map(|utterance| Segment {
            speaker: utterance.speaker.0,
            start_ms: utterance.start.0,
            end_ms: utterance.end.0,
            text: utterance.text,
            words: Some(
                utterance
                    .words
                    .into_iter()
                    .map(|word| Word {
                        text: word.text,
                        start_ms: word.start.0,
                        end_ms: word.end.0,
                    })
                    .collect(),
            ),
        })
        .collect();
    let origins = indexed_origins("utterances", segments.len());
    let mut draft = Draft::word_timed(segments, origins);
    draft.call.external_id = transcript.id;
    draft.call.duration_ms = transcript.audio_duration.map(|Seconds(ms)| ms);
    draft.duration_origin = Some(Location::JsonPath("audio_duration".to_owned()));
    if let Some(language) = transcript.language_code {
        draft.call.language = language;
    }
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use crate::import::Format;
    use crate::import::test_support::{assert_json_error, import_testdata, spans, word_spans};

    #[test]
    fn speaker_labelled_transcript() {
        let call = import_testdata(Format::AssemblyAi, "assemblyai.json");
        assert_eq!(
            call.external_id.as_deref(),
            Some("6rlr37h1kb-2e5c-4c3f-9a8e-41d7f0b2c6aa")
        );
        assert_eq!(call.language, "en-US");
        assert_eq!(call.duration_ms, Some(19_000));
        assert_eq!(
            spans(&call),
            [
                (
                    "A",
                    250,
                    4_730,
                    "Good afternoon, this is Riley with Tailspin Analytics."
                ),
                ("B", 5_110, 7_020, "Hi Riley. What's this about?"),
                (
                    "A",
                    7_400,
                    18_650,
                    "You downloaded our pricing guide last week, so I wanted to see if you had questions."
                ),
            ]
        );
        assert_eq!(
            word_spans(&call.segments[1]),
            [
                ("Hi", 5_110, 5_300),
                ("Riley.", 5_300, 5_800),
                ("What's", 6_010, 6_300),
                ("this", 6_300, 6_500),
                ("about?", 6_500, 7_020)
            ]
        );
    }

    #[test]
    fn errors_name_the_json_path() {
        let cases = [
            (
                r#"{"id": "x", "status": "completed", "text": "hi", "utterances": null}"#,
                "",
                "the transcript has no `utterances`: request it with `speaker_labels: true`",
            ),
            (
                r#"{"id": "x", "status": "error", "error": "Download error: 404"}"#,
                "status",
                "AssemblyAI could not transcribe the audio: Download error: 404",
            ),
            (
                r#"{"utterances": [{"speaker": "A", "start": 10, "end": 900, "text": "Hi", "words": [{"text": "Hi", "start": 10}]}]}"#,
                "utterances[0].words[0]",
                "missing field `end`",
            ),
            (
                r#"{"utterances": [{"speaker": "A", "start": -10, "end": 900, "text": "Hi"}]}"#,
                "utterances[0]",
                "segment 1 (speaker `A`): start is negative (-10 ms)",
            ),
        ];
        for (json, path, message) in cases {
            assert_json_error(Format::AssemblyAi, json, path, message);
        }
    }
}
