//! AWS Transcribe batch job output (`results.items`).
//!
//! - Items are `pronunciation` (a timed word: `start_time`/`end_time` as
//!   decimal-second strings, read exactly, and `alternatives[0].content`) or
//!   `punctuation` (untimed; attached to the previous word without a space,
//!   not a word of its own).
//! - A word's speaker is its item's `speaker_label` (or `channel_label`),
//!   else the label of the `results.speaker_labels.segments[].items[]` or
//!   `results.channel_labels.channels[].items[]` entry with the same start
//!   and end time. A transcript without any speaker information is refused.
//! - Segments follow `speaker_labels.segments` where the output has them
//!   (one segment per labelled span); otherwise (channel labels, labels on
//!   the items only) they are the runs of consecutive words by one speaker.
//!   Either way a segment is cut where its words pause longer than a turn's
//!   pause (see [`super::words::split_at_pauses`]), so a silence inside a
//!   run is not counted as talk.
//! - `results.language_code` gives the language and `jobName` the external id.

use std::collections::HashMap;

use serde::Deserialize;

use crate::domain::Word;

use super::json::{Seconds, from_json};
use super::normalise::Draft;
use super::time::clock;
use super::words::{SpokenWord, attach_punctuation, group_runs};
use super::{ImportError, Location};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Output {
    #[serde(default)]
    job_name: Option<String>,
    results: Results,
}

#[derive(Deserialize)]
struct Results {
    #[serde(default)]
    language_code: Option<String>,
    #[serde(default)]
    items: Vec<Item>,
    #[serde(default)]
    speaker_labels: Option<SpeakerLabels>,
    #[serde(default)]
    channel_labels: Option<ChannelLabels>,
}

#[derive(Deserialize)]
struct Item {
    #[serde(rename = "type")]
    kind: ItemKind,
    alternatives: Vec<Alternative>,
    #[serde(default)]
    start_time: Option<Seconds>,
    #[serde(default)]
    end_time: Option<Seconds>,
    #[serde(default)]
    speaker_label: Option<String>,
    #[serde(default)]
    channel_label: Option<String>,
}

/// What an AWS transcript item is (AWS Call Analytics uses the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ItemKind {
    Pronunciation,
    Punctuation,
}

#[derive(Deserialize)]
struct Alternative {
    content: String,
}

#[derive(Deserialize)]
struct SpeakerLabels {
    #[serde(default)]
    segments: Vec<LabelledSpan>,
}

#[derive(Deserialize)]
struct LabelledSpan {
    speaker_label: String,
    #[serde(default)]
    items: Vec<TimedRef>,
}

#[derive(Deserialize)]
struct ChannelLabels {
    #[serde(default)]
    channels: Vec<Channel>,
}

#[derive(Deserialize)]
struct Channel {
    channel_label: String,
    #[serde(default)]
    items: Vec<TimedRef>,
}

/// An item as `speaker_labels` and `channel_labels` repeat it: only its
/// times matter, to find the item in `results.items`.
#[derive(Deserialize)]
struct TimedRef {
    #[serde(default)]
    start_time: Option<Seconds>,
    #[serde(default)]
    end_time: Option<Seconds>,
}

/// Reads an AWS Transcribe batch job output.
pub(crate) fn parse(text: &str) -> Result<Draft, ImportError> {
    let Output { job_name, results } = from_json(text)?;
    let labels = speakers_by_time(&results);
    let has_item_labels = results
        .items
        .iter()
        .any(|item| item.speaker_label.is_some() || item.channel_label.is_some());
    if labels.is_empty() && !has_item_labels && !results.items.is_empty() {
        return Err(ImportError::new(
            "the transcript has no speakers: run the Transcribe job with speaker \
             partitioning (`ShowSpeakerLabels`) or channel identification \
             (`ChannelIdentification`)",
        ));
    }

    let mut words: Vec<SpokenWord> = Vec::new();
    for (index, item) in results.items.into_iter().enumerate() {
        let path = format!("results.items[{index}]");
        let content = item
            .alternatives
            .first()
            .map(|alternative| alternative.content.clone())
            .ok_or_else(|| ImportError::path(&path, "the item has no `alternatives`"))?;
        if item.kind == ItemKind::Punctuation {
            attach_punctuation(words.last_mut().map(|spoken| &mut spoken.word), &content);
            continue;
        }
        let (Some(Seconds(start_ms)), Some(Seconds(end_ms))) = (item.start_time, item.end_time)
        else {
            return Err(ImportError::path(
                &path,
                format!("the word `{content}` has no `start_time` and `end_time`"),
            ));
        };
        let labelled = labels.get(&(start_ms, end_ms));
        let span = labelled.and_then(|(_, span)| *span);
        let speaker = item
            .speaker_label
            .or(item.channel_label)
            .or_else(|| labelled.map(|(label, _)| label.clone()))
            .ok_or_else(|| {
                ImportError::path(
                    &path,
                    format!(
                        "the word `{content}` at {} has no speaker: it is in neither \
                         `speaker_labels` nor `channel_labels`",
                        clock(start_ms)
                    ),
                )
            })?;
        words.push(SpokenWord {
            speaker,
            span,
            word: Word {
                text: content,
                start_ms,
                end_ms,
            },
            origin: Location::JsonPath(path),
        });
    }

    let (segments, origins) = group_runs(words);
    let mut draft = Draft::word_timed(segments, origins);
    draft.call.external_id = job_name;
    if let Some(language) = results.language_code {
        draft.call.language = language;
    }
    Ok(draft)
}

/// Speaker (or channel) labels keyed by the (start, end) of the words they
/// cover, from `speaker_labels` or else `channel_labels`; with the index of
/// the `speaker_labels` segment the word is in (channels have none).
fn speakers_by_time(results: &Results) -> HashMap<(i64, i64), (String, Option<usize>)> {
    let labelled: Vec<(&String, Option<usize>, &[TimedRef])> =
        match (&results.speaker_labels, &results.channel_labels) {
            (Some(speakers), _) if !speakers.segments.is_empty() => speakers
                .segments
                .iter()
                .enumerate()
                .map(|(index, span)| (&span.speaker_label, Some(index), span.items.as_slice()))
                .collect(),
            (_, Some(channels)) => channels
                .channels
                .iter()
                .map(|channel| (&channel.channel_label, None, channel.items.as_slice()))
                .collect(),
            _ => Vec::new(),
        };
    labelled
        .into_iter()
        .flat_map(|(label, span, items)| {
            items
                .iter()
                .filter_map(move |item| match (item.start_time, item.end_time) {
                    (Some(start), Some(end)) => Some(((start.0, end.0), (label.clone(), span))),
                    _ => None,
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::test_support::{import_testdata, roles, spans, word_spans};
    use crate::import::{Format, parse as import};

    #[test]
    fn channel_identified_call() {
        let call = import_testdata(Format::AwsTranscribe, "aws_transcribe_channels.json");
        assert_eq!(
            call.external_id.as_deref(),
            Some("support-call-2024-05-14-0932")
        );
        assert_eq!(call.language, "en-US");
        assert_eq!(
            spans(&call),
            [
                ("ch_0", 4_860, 6_870, "I've been on hold for an hour."),
                ("ch_1", 8_500, 9_790, "Sorry about that."),
            ]
        );
        assert_eq!(
            word_spans(&call.segments[0]),
            [
                ("I've", 4_860, 5_010),
                ("been", 5_010, 5_160),
                ("on", 5_160, 5_280),
                ("hold", 5_280, 5_620),
                ("for", 5_620, 5_830),
                ("an", 6_100, 6_250),
                ("hour.", 6_250, 6_870),
            ]
        );
        assert_eq!(roles(&call), [("ch_0", None), ("ch_1", None)]);
    }

    fn item(
        kind: &str,
        content: &str,
        times: Option<(&str, &str)>,
        speaker: Option<&str>,
    ) -> serde_json::Value {
        let mut item = serde_json::json!({"type": kind, "alternatives": [{"confidence": "0.98", "content": content}]});
        if let Some((start, end)) = times {
            item["start_time"] = start.into();
            item["end_time"] = end.into();
        }
        if let Some(speaker) = speaker {
            item["speaker_label"] = speaker.into();
        }
        item
    }

    fn document(items: Vec<serde_json::Value>) -> Vec<u8> {
        serde_json::json!({"jobName": "j", "status": "COMPLETED", "results": {"transcripts": [], "items": items}})
            .to_string()
            .into_bytes()
    }

    #[test]
    fn item_level_speaker_labels_and_exact_times() {
        let payload = document(vec![
            item(
                "pronunciation",
                "Thanks",
                Some(("0.009", "12.345")),
                Some("spk_1"),
            ),
            item("punctuation", ",", None, None),
            item(
                "pronunciation",
                "bye",
                Some(("12.345", "12.9995")),
                Some("spk_1"),
            ),
            item("punctuation", ".", None, None),
        ]);
        let call = import(Format::AwsTranscribe, &payload).unwrap();
        assert_eq!(spans(&call), [("spk_1", 9, 13_000, "Thanks, bye.")]);
    }

    #[test]
    fn errors_name_the_item() {
        let cases = [
            (
                document(vec![
                    item(
                        "pronunciation",
                        "Hello",
                        Some(("0.5", "0.9")),
                        Some("spk_0"),
                    ),
                    item("pronunciation", "there", Some(("1.0", "1.2")), None),
                ]),
                Some("results.items[1]"),
                "the word `there` at 0:00:01.000 has no speaker: it is in neither \
                 `speaker_labels` nor `channel_labels`",
            ),
            (
                document(vec![item(
                    "pronunciation",
                    "Hello",
                    Some(("0.5", "0.9")),
                    None,
                )]),
                None,
                "the transcript has no speakers: run the Transcribe job with speaker \
                 partitioning (`ShowSpeakerLabels`) or channel identification \
                 (`ChannelIdentification`)",
            ),
            (
                document(vec![item(
                    "pronunciation",
                    "Hello",
                    Some(("0.5", "0,9")),
                    Some("spk_0"),
                )]),
                Some("results.items[0].end_time"),
                "`0,9` is not a decimal number",
            ),
            (
                document(vec![item("pronunciation", "Hello", None, Some("spk_0"))]),
                Some("results.items[0]"),
                "the word `Hello` has no `start_time` and `end_time`",
            ),
            (
                document(vec![item("breath", "Hello", None, Some("spk_0"))]),
                Some("results.items[0].type"),
                "unknown variant `breath`, expected `pronunciation` or `punctuation`",
            ),
        ];
        for (payload, path, message) in cases {
            let err = import(Format::AwsTranscribe, &payload).unwrap_err();
            assert_eq!(err.location, path.map(|p| Location::JsonPath(p.into())));
            assert_eq!(err.message, message);
        }
    }

    #[test]
    fn segments_follow_speaker_labels_segments() {
        let items = vec![
            item("pronunciation", "Welcome", Some(("1.0", "1.5")), None),
            item("punctuation", ".", None, None),
            item("pronunciation", "First", Some(("1.6", "2.0")), None),
            item("pronunciation", "results", Some(("2.0", "2.6")), None),
            item("pronunciation", "Thanks", Some(("2.7", "3.0")), None),
        ];
        let labelled = |speaker: &str, times: &[(&str, &str)]| {
            let items: Vec<serde_json::Value> = times
                .iter()
                .map(|(start, end)| serde_json::json!({"start_time": start, "end_time": end, "speaker_label": speaker}))
                .collect();
            serde_json::json!({"speaker_label": speaker, "items": items})
        };
        let mut output: serde_json::Value = serde_json::from_slice(&document(items)).unwrap();
        output["results"]["speaker_labels"] = serde_json::json!({"speakers": 2, "segments": [
            labelled("spk_0", &[("1.0", "1.5")]),
            labelled("spk_0", &[("1.6", "2.0"), ("2.0", "2.6")]),
            labelled("spk_1", &[("2.7", "3.0")]),
        ]});
        let call = import(Format::AwsTranscribe, output.to_string().as_bytes()).unwrap();
        // The same speaker's two labelled segments stay two, as AWS cut them.
        assert_eq!(
            spans(&call),
            [
                ("spk_0", 1_000, 1_500, "Welcome."),
                ("spk_0", 1_600, 2_600, "First results"),
                ("spk_1", 2_700, 3_000, "Thanks"),
            ]
        );
    }

    #[test]
    fn a_run_of_item_labels_is_cut_at_a_pause() {
        let payload = document(vec![
            item(
                "pronunciation",
                "Hello",
                Some(("0.5", "0.9")),
                Some("spk_0"),
            ),
            item(
                "pronunciation",
                "again",
                Some(("5.0", "5.4")),
                Some("spk_0"),
            ),
        ]);
        let call = import(Format::AwsTranscribe, &payload).unwrap();
        assert_eq!(
            spans(&call),
            [
                ("spk_0", 500, 900, "Hello"),
                ("spk_0", 5_000, 5_400, "again")
            ]
        );
    }
}
