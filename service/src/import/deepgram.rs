//! Deepgram pre-recorded transcription responses, requested with
//! `utterances=true&diarize=true`.
//!
//! Each `results.utterances[]` entry is a segment: `speaker` (an integer,
//! whose decimal text is the speaker label: "0", "1"), `start`/`end` in
//! seconds, `transcript`, and `words[]` (`punctuated_word`, else `word`).
//! Seconds are floats; they become milliseconds through their shortest
//! decimal text, rounded half away from zero (see [`super::time`]).
//! `metadata.request_id` is the external id, `metadata.created` the start
//! instant, `metadata.duration` (seconds) the duration, and the first
//! channel's `detected_language` the language when detection was on.
//! Utterances are cut where their words pause (docs/import.md#word-timed-segments).

use serde::Deserialize;

use crate::domain::{Segment, Word};

use super::json::{Instant, Label, Seconds, from_json};
use super::normalise::{Draft, indexed_origins};
use super::{ImportError, Location};

#[derive(Deserialize)]
struct Response {
    #[serde(default)]
    metadata: Option<Metadata>,
    results: Results,
}

#[derive(Deserialize)]
struct Metadata {
    #[serde(default)]
    request_id: Option<String>,
    #[serde(default)]
    created: Option<Instant>,
    #[serde(default)]
    duration: Option<Seconds>,
}

#[derive(Deserialize)]
struct Results {
    #[serde(default)]
    utterances: Option<Vec<Utterance>>,
    #[serde(default)]
    channels: Vec<Channel>,
}

#[derive(Deserialize)]
struct Channel {
    #[serde(default)]
    detected_language: Option<String>,
}

#[derive(Deserialize)]
struct Utterance {
    start: Seconds,
    end: Seconds,
    #[serde(default)]
    speaker: Option<Label>,
    #[serde(default)]
    transcript: String,
    #[serde(default)]
    words: Vec<DeepgramWord>,
}

#[derive(Deserialize)]
struct DeepgramWord {
    word: String,
    #[serde(default)]
    punctuated_word: Option<String>,
    start: Seconds,
    end: Seconds,
}

/// Reads a Deepgram response.
pub(crate) fn parse(text: &str) -> Result<Draft, ImportError> {
    let Response { metadata, results } = from_json(text)?;
    let utterances = results.utterances.ok_or_else(|| {
        ImportError::path(
            "results",
            "the response has no `utterances`: request the transcription with \
             `utterances=true&diarize=true`",
        )
    })?;
    let mut segments = Vec::with_capacity(utterances.len());
    for (index, utterance) in utterances.into_iter().enumerate() {
        let Label(speaker) = utterance.speaker.ok_or_else(|| {
            ImportError::path(
                format!("results.utterances[{index}]"),
                "the utterance has no `speaker`: request the transcription with \
                 `diarize=true`",
            )
        })?;
        segments.push(Segment {
            speaker,
            start_ms: utterance.start.0,
            end_ms: utterance.end.0,
            text: utterance.transcript,
            words: Some(
                utterance
                    .words
                    .into_iter()
                    .map(|word| Word {
                        text: word.punctuated_word.unwrap_or(word.word),
                        start_ms: word.start.0,
                        end_ms: word.end.0,
                    })
                    .collect(),
            ),
        });
    }
    let origins = indexed_origins("results.utterances", segments.len());
    let mut draft = Draft::word_timed(segments, origins);
    if let Some(metadata) = metadata {
        draft.call.external_id = metadata.request_id;
        draft.call.started_at = metadata.created.map(|Instant(instant)| instant);
        draft.call.duration_ms = metadata.duration.map(|Seconds(ms)| ms);
        draft.duration_origin = Some(Location::JsonPath("metadata.duration".to_owned()));
    }
    if let Some(language) = results
        .channels
        .into_iter()
        .find_map(|channel| channel.detected_language)
    {
        draft.call.language = language;
    }
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use crate::import::Format;
    use crate::import::test_support::{assert_json_error, import_testdata, spans, word_spans};

    #[test]
    fn diarized_response() {
        let call = import_testdata(Format::Deepgram, "deepgram.json");
        assert_eq!(
            call.external_id.as_deref(),
            Some("8c3a6f0e-52d1-4b7e-a0f4-3e9b1d7c2a55")
        );
        assert_eq!(
            call.started_at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-02-20T10:15:42.118+00:00")
        );
        assert_eq!(call.duration_ms, Some(14_532));
        assert_eq!(
            spans(&call),
            [
                ("0", 80, 3_440, "Thanks for jumping on, Sam."),
                ("1", 3_920, 7_120, "No problem. What did legal say?"),
                ("0", 7_600, 14_240, "They approved the three-year term."),
            ]
        );
        assert_eq!(
            word_spans(&call.segments[0]),
            [
                ("Thanks", 80, 480),
                ("for", 480, 640),
                ("jumping", 640, 1_040),
                ("on,", 1_040, 1_360),
                ("Sam.", 1_840, 3_440)
            ]
        );
        let speakers: Vec<_> = call
            .participants
            .iter()
            .map(|p| p.speaker.as_str())
            .collect();
        assert_eq!(speakers, ["0", "1"]);
    }

    #[test]
    fn errors_say_how_to_request_utterances() {
        let cases = [
            (
                r#"{"metadata": {"duration": 3.5}, "results": {"channels": []}}"#,
                "results",
                "the response has no `utterances`: request the transcription with \
                 `utterances=true&diarize=true`",
            ),
            (
                r#"{"results": {"utterances": [{"start": 0.1, "end": 1.2, "transcript": "hi"}]}}"#,
                "results.utterances[0]",
                "the utterance has no `speaker`: request the transcription with `diarize=true`",
            ),
            (
                r#"{"results": {"utterances": [{"start": 0.1, "end": "1.2s", "speaker": 0}]}}"#,
                "results.utterances[0].end",
                "`1.2s` is not a decimal number",
            ),
            (
                r#"{"results": {"utterances": [{"start": 0.1, "end": 1.2, "speaker": 0.5}]}}"#,
                "results.utterances[0].speaker",
                "invalid type: floating point `0.5`, expected a label (string or integer)",
            ),
        ];
        for (json, path, message) in cases {
            assert_json_error(Format::Deepgram, json, path, message);
        }
    }
}
