//! The same real call, earnings21 file 4384683 (Amazon Transcribe words of a
//! real earnings call), written out as native JSON, Teams and Zoom WebVTT and
//! AWS Transcribe JSON (with `speaker_labels.segments`, and with labels on
//! the items only), must import to the same segments, and so give the same
//! conversation-style KPIs to the millisecond, whatever the format.
//!
//! The call is rendered from its words, cut into utterances the way a
//! recogniser cuts speech: at a change of speaker or at a pause longer than
//! the KPI definitions' turn pause ([`G_MERGE_MS`]).

use std::collections::HashMap;

use callsight_conversation_style::ConversationStyle;
use callsight_plugin_api::Analyzer;
use callsight_plugin_api::turns::G_MERGE_MS;
use serde_json::{Value, json};

use crate::analysis::layout_of;
use crate::domain::SpeakerRole;
use crate::import::{Format, assign_roles, parse};

const NLP: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/data/earnings21/amazon_transcribe_nlp/4384683.nlp"
);

/// One row of the `.nlp` table: `token|speaker|ts|endTs|punctuation|case|tags`.
struct Token {
    token: String,
    speaker: String,
    start: String,
    end: String,
    punctuation: String,
}

impl Token {
    fn text(&self) -> String {
        format!("{}{}", self.token, self.punctuation)
    }
}

fn tokens() -> Vec<Token> {
    let table = std::fs::read_to_string(NLP).expect("earnings21 data beside the checkout");
    table
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.trim_end_matches('\r').split('|').collect();
            Token {
                token: fields[0].to_owned(),
                speaker: format!("spk_{}", fields[1]),
                start: fields[2].to_owned(),
                end: fields[3].to_owned(),
                punctuation: fields[4].to_owned(),
            }
        })
        .collect()
}

/// Milliseconds of a seconds column, computed independently of the importers.
fn ms(seconds: &str) -> i64 {
    (seconds.parse::<f64>().expect("seconds") * 1000.0).round() as i64
}

/// Utterances: maximal runs of consecutive tokens by one speaker, cut where
/// the next token starts more than [`G_MERGE_MS`] after the latest end so far.
fn runs(tokens: &[Token]) -> Vec<&[Token]> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut latest_end = i64::MIN;
    for (index, token) in tokens.iter().enumerate() {
        if index > start {
            let previous = &tokens[index - 1];
            if token.speaker != previous.speaker || ms(&token.start) - latest_end > G_MERGE_MS {
                runs.push(&tokens[start..index]);
                start = index;
                latest_end = i64::MIN;
            }
        }
        latest_end = latest_end.max(ms(&token.end));
    }
    runs.push(&tokens[start..]);
    runs
}

type Summary = Vec<(String, i64, i64, String)>;

fn expected(tokens: &[Token]) -> Summary {
    runs(tokens)
        .into_iter()
        .map(|run| {
            let texts: Vec<String> = run.iter().map(Token::text).collect();
            (
                run[0].speaker.clone(),
                ms(&run[0].start),
                run.iter().map(|t| ms(&t.end)).max().unwrap_or_default(),
                texts.join(" "),
            )
        })
        .collect()
}

fn imported(format: Format, payload: &[u8]) -> Summary {
    let call = parse(format, payload).unwrap_or_else(|err| panic!("{format}: {err}"));
    call.segments
        .into_iter()
        .map(|s| (s.speaker, s.start_ms, s.end_ms, s.text))
        .collect()
}

fn native(tokens: &[Token]) -> Vec<u8> {
    let segments: Vec<Value> = runs(tokens)
        .into_iter()
        .map(|run| {
            let words: Vec<Value> = run
                .iter()
                .map(|t| json!({"text": t.text(), "startMs": ms(&t.start), "endMs": ms(&t.end)}))
                .collect();
            let texts: Vec<String> = run.iter().map(Token::text).collect();
            json!({
                "speaker": run[0].speaker,
                "startMs": ms(&run[0].start),
                "endMs": run.iter().map(|t| ms(&t.end)).max(),
                "text": texts.join(" "),
                "words": words,
            })
        })
        .collect();
    json!({"externalId": "earnings21-4384683", "title": "ONE Gas Q3 earnings call", "segments": segments})
        .to_string()
        .into_bytes()
}

/// Teams writes `0:0:5.32`; Zoom `00:00:05.320`.
fn vtt_time(ms: i64, padded: bool) -> String {
    let (h, m, s, f) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    if padded {
        format!("{h:02}:{m:02}:{s:02}.{f:03}")
    } else {
        let fraction = format!("{f:03}");
        let fraction = fraction.trim_end_matches('0');
        let dot = if fraction.is_empty() { "" } else { "." };
        format!("{h}:{m}:{s}{dot}{fraction}")
    }
}

/// A WebVTT file with one cue per run, its text wrapped at 12 words.
fn vtt(tokens: &[Token], teams: bool) -> Vec<u8> {
    let mut out = String::from("WEBVTT\n\nNOTE earnings21 4384683, one cue per speaker turn\n\n");
    for (index, run) in runs(tokens).into_iter().enumerate() {
        let end = run.iter().map(|t| ms(&t.end)).max().unwrap_or_default();
        let lines: Vec<String> = run
            .chunks(12)
            .map(|chunk| chunk.iter().map(Token::text).collect::<Vec<_>>().join(" "))
            .collect();
        let speaker = &run[0].speaker;
        let text = if teams {
            format!("<v {speaker}>{}</v>", lines.join("\n"))
        } else {
            format!("{speaker}: {}", lines.join("\n"))
        };
        out += &format!(
            "{}\n{} --> {}\n{text}\n\n",
            index + 1,
            vtt_time(ms(&run[0].start), !teams),
            vtt_time(end, !teams),
        );
    }
    out.into_bytes()
}

/// AWS Transcribe output: string-second items, punctuation as items of its
/// own, and the speakers either in `speaker_labels.segments` (one per
/// utterance, as AWS cuts them at pauses) or on the items themselves.
fn aws_transcribe(tokens: &[Token], speaker_segments: bool) -> Vec<u8> {
    let mut items = Vec::new();
    for token in tokens {
        let mut item = json!({
            "start_time": token.start, "end_time": token.end, "type": "pronunciation",
            "alternatives": [{"confidence": "0.99", "content": token.token}],
        });
        if !speaker_segments {
            item["speaker_label"] = token.speaker.clone().into();
        }
        items.push(item);
        if !token.punctuation.is_empty() {
            items.push(json!({
                "type": "punctuation",
                "alternatives": [{"confidence": "0.0", "content": token.punctuation}],
            }));
        }
    }
    let mut results = json!({
        "language_code": "en-US",
        "transcripts": [{"transcript": "…"}],
        "items": items,
    });
    if speaker_segments {
        let segments: Vec<Value> = runs(tokens)
            .into_iter()
            .map(|run| {
                let speaker = &run[0].speaker;
                let items: Vec<Value> = run
                    .iter()
                    .map(|t| json!({"start_time": t.start, "end_time": t.end, "speaker_label": speaker}))
                    .collect();
                json!({
                    "start_time": run[0].start,
                    "end_time": run[run.len() - 1].end,
                    "speaker_label": speaker,
                    "items": items,
                })
            })
            .collect();
        results["speaker_labels"] = json!({"speakers": 6, "segments": segments});
    }
    json!({"jobName": "earnings21-4384683", "status": "COMPLETED", "results": results})
        .to_string()
        .into_bytes()
}

/// Every format the call is rendered in, with its payload.
fn renderings(tokens: &[Token]) -> Vec<(&'static str, Format, Vec<u8>)> {
    vec![
        ("native", Format::Native, native(tokens)),
        ("Teams VTT", Format::Vtt, vtt(tokens, true)),
        ("Zoom VTT", Format::Vtt, vtt(tokens, false)),
        (
            "AWS speaker_labels",
            Format::AwsTranscribe,
            aws_transcribe(tokens, true),
        ),
        (
            "AWS item labels",
            Format::AwsTranscribe,
            aws_transcribe(tokens, false),
        ),
    ]
}

/// The speaker who talks most (Karen and Pierce's voice in Amazon's
/// diarisation) is the seller; everyone else a customer.
const SELLER: &str = "spk_1";

/// Every conversation-style metric of the call imported from `payload`, as
/// the analyzer computes it on the call the host would store.
fn kpis(format: Format, payload: &[u8]) -> Vec<(String, Option<f64>)> {
    let call = parse(format, payload).unwrap_or_else(|err| panic!("{format}: {err}"));
    let call = assign_roles(
        call,
        &HashMap::from([(SELLER.to_owned(), SpeakerRole::Seller)]),
    )
    .unwrap_or_else(|err| panic!("{format}: {err}"));
    let output = ConversationStyle
        .analyze(&layout_of(&call, 0, "").view())
        .unwrap_or_else(|err| panic!("{format}: {err:?}"));
    output
        .metrics
        .into_iter()
        .map(|metric| (metric.name, metric.value))
        .collect()
}

#[test]
fn earnings_call_imports_the_same_in_every_format() {
    let tokens = tokens();
    let expected = expected(&tokens);
    for (name, format, payload) in renderings(&tokens) {
        assert_eq!(imported(format, &payload), expected, "{name}");
    }

    // A real call, read right: six voices, and the operator's opening line.
    let call = parse(Format::AwsTranscribe, &aws_transcribe(&tokens, true)).unwrap();
    assert_eq!(call.participants.len(), 6);
    assert_eq!(
        call.segments[0].text,
        "good day and welcome to the one gas third quarter earnings conference call."
    );
    assert_eq!(
        (call.segments[0].start_ms, call.segments[0].end_ms),
        (4_040, 8_680)
    );
    let words: usize = call
        .segments
        .iter()
        .flat_map(|s| s.words.iter().flatten())
        .count();
    assert_eq!(words, tokens.len());
}

#[test]
fn earnings_call_gives_the_same_kpis_in_every_format() {
    let tokens = tokens();
    let renderings = renderings(&tokens);
    let (reference, format, payload) = &renderings[0];
    let expected = kpis(*format, payload);
    assert_eq!(expected.len(), 13);
    for (name, format, payload) in &renderings[1..] {
        assert_eq!(
            kpis(*format, payload),
            expected,
            "{name} against {reference}"
        );
    }
}

/// The same two-second silence inside one utterance, in each format that
/// carries word times: every one of them cuts it; the native format, the
/// canonical model itself, keeps its segments as written.
#[test]
fn every_word_timed_format_cuts_a_segment_at_a_pause() {
    let cut = [
        ("A", 1_000, 1_800, "Yes, go"),
        ("A", 3_800, 4_500, "ahead."),
    ];
    let assemblyai = json!({"id": "a", "status": "completed", "utterances": [{
    "speaker": "A", "start": 1_000, "end": 4_500, "text": "Yes, go ahead.",
    "words": [
        {"text": "Yes,", "start": 1_000, "end": 1_400},
        {"text": "go", "start": 1_500, "end": 1_800},
        {"text": "ahead.", "start": 3_800, "end": 4_500},
    ]}]});
    let deepgram = json!({"results": {"utterances": [{
    "speaker": 0, "start": 1.0, "end": 4.5, "transcript": "yes go ahead",
    "words": [
        {"word": "yes", "punctuated_word": "Yes,", "start": 1.0, "end": 1.4},
        {"word": "go", "punctuated_word": "go", "start": 1.5, "end": 1.8},
        {"word": "ahead", "punctuated_word": "ahead.", "start": 3.8, "end": 4.5},
    ]}]}});
    let dynamics = json!({"metadata": {"id": "d"}, "transcript": [{
    "participantId": "A", "offset": 1_000, "duration": 3_500, "text": "Yes, go ahead.",
    "words": [
        {"word": "Yes,", "offset": 1_000, "duration": 400},
        {"word": "go", "offset": 1_500, "duration": 300},
        {"word": "ahead.", "offset": 3_800, "duration": 700},
    ]}]});
    let call_analytics = json!({"JobName": "c", "LanguageCode": "en-US", "Transcript": [{
    "ParticipantRole": "AGENT", "BeginOffsetMillis": 1_000, "EndOffsetMillis": 4_500,
    "Content": "Yes, go ahead.",
    "Items": [
        {"Type": "pronunciation", "Content": "Yes", "BeginOffsetMillis": 1_000, "EndOffsetMillis": 1_400},
        {"Type": "punctuation", "Content": ","},
        {"Type": "pronunciation", "Content": "go", "BeginOffsetMillis": 1_500, "EndOffsetMillis": 1_800},
        {"Type": "pronunciation", "Content": "ahead", "BeginOffsetMillis": 3_800, "EndOffsetMillis": 4_500},
        {"Type": "punctuation", "Content": "."},
    ]}]});
    let cases = [
        (Format::AssemblyAi, assemblyai, "A"),
        (Format::Deepgram, deepgram, "0"),
        (Format::Dynamics, dynamics, "A"),
        (Format::AwsCallAnalytics, call_analytics, "AGENT"),
    ];
    for (format, document, speaker) in cases {
        let call = parse(format, document.to_string().as_bytes())
            .unwrap_or_else(|err| panic!("{format}: {err}"));
        let expected: Vec<_> = cut
            .iter()
            .map(|&(_, start, end, text)| (speaker.to_owned(), start, end, text.to_owned()))
            .collect();
        let got: Vec<_> = call
            .segments
            .into_iter()
            .map(|s| (s.speaker, s.start_ms, s.end_ms, s.text))
            .collect();
        assert_eq!(got, expected, "{format}");
    }

    let native = json!({"segments": [{
    "speaker": "A", "startMs": 1_000, "endMs": 4_500, "text": "Yes, go ahead.",
    "words": [
        {"text": "Yes,", "startMs": 1_000, "endMs": 1_400},
        {"text": "go", "startMs": 1_500, "endMs": 1_800},
        {"text": "ahead.", "startMs": 3_800, "endMs": 4_500},
    ]}]});
    let call = parse(Format::Native, native.to_string().as_bytes()).unwrap();
    assert_eq!(call.segments.len(), 1);
}
