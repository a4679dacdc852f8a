//! The same real call, earnings21 file 4384683 (Amazon Transcribe words of a
//! real earnings call), written out as native JSON, Teams and Zoom WebVTT and
//! AWS Transcribe JSON, must import to the same segments whatever the
//! format.

use serde_json::{Value, json};

use crate::import::{Format, parse};

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

/// Maximal runs of consecutive tokens by one speaker.
fn runs(tokens: &[Token]) -> Vec<&[Token]> {
    tokens.chunk_by(|a, b| a.speaker == b.speaker).collect()
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
/// own, speakers in `speaker_labels.segments` split at most every 20 words
/// (as AWS splits at pauses), not on the items.
fn aws_transcribe(tokens: &[Token]) -> Vec<u8> {
    let mut items = Vec::new();
    for token in tokens {
        items.push(json!({
            "start_time": token.start, "end_time": token.end, "type": "pronunciation",
            "alternatives": [{"confidence": "0.99", "content": token.token}],
        }));
        if !token.punctuation.is_empty() {
            items.push(json!({
                "type": "punctuation",
                "alternatives": [{"confidence": "0.0", "content": token.punctuation}],
            }));
        }
    }
    let segments: Vec<Value> = runs(tokens)
        .into_iter()
        .flat_map(|run| run.chunks(20))
        .map(|chunk| {
            let speaker = &chunk[0].speaker;
            let items: Vec<Value> = chunk
                .iter()
                .map(
                    |t| json!({"start_time": t.start, "end_time": t.end, "speaker_label": speaker}),
                )
                .collect();
            json!({
                "start_time": chunk[0].start,
                "end_time": chunk[chunk.len() - 1].end,
                "speaker_label": speaker,
                "items": items,
            })
        })
        .collect();
    json!({
        "jobName": "earnings21-4384683",
        "status": "COMPLETED",
        "results": {
            "language_code": "en-US",
            "transcripts": [{"transcript": "…"}],
            "speaker_labels": {"speakers": 6, "segments": segments},
            "items": items,
        },
    })
    .to_string()
    .into_bytes()
}

#[test]
fn earnings_call_imports_the_same_in_every_format() {
    let tokens = tokens();
    let expected = expected(&tokens);

    assert_eq!(imported(Format::Native, &native(&tokens)), expected);
    assert_eq!(imported(Format::Vtt, &vtt(&tokens, true)), expected);
    assert_eq!(imported(Format::Vtt, &vtt(&tokens, false)), expected);
    assert_eq!(
        imported(Format::AwsTranscribe, &aws_transcribe(&tokens)),
        expected
    );

    // A real call, read right: six voices, and the operator's opening line.
    let call = parse(Format::AwsTranscribe, &aws_transcribe(&tokens)).unwrap();
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
