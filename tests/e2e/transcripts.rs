//! One small call rendered in several source formats, so tests can check
//! that every importer yields the same segments.

use callsight::domain::{Call, Participant, Segment, SpeakerRole};
use serde_json::{Value, json};

/// (speaker, start ms, end ms, text) of the reference call.
pub const SEGMENTS: &[(&str, i64, i64, &str)] = &[
    ("spk_0", 0, 2_400, "Hi Dana, thanks for joining today."),
    ("spk_1", 2_900, 4_100, "Happy to be here."),
    (
        "spk_0",
        4_600,
        9_800,
        "What does your current process for coaching reps look like?",
    ),
    (
        "spk_1",
        10_300,
        16_000,
        "Honestly, managers listen to two calls a week, and that's not enough.",
    ),
    (
        "spk_0",
        16_200,
        18_500,
        "I'll send you the proposal by Friday.",
    ),
];

/// The reference call as native JSON (speakers unmapped).
pub fn native(external_id: &str) -> String {
    json!({
        "externalId": external_id,
        "title": "Discovery with Dana",
        "startedAt": "2026-11-02T15:00:00Z",
        "language": "en-US",
        "segments": SEGMENTS.iter().map(|(speaker, start, end, text)| json!({
            "speaker": speaker, "startMs": start, "endMs": end, "text": text
        })).collect::<Vec<_>>(),
    })
    .to_string()
}

/// A five-second call of one seller line, as the store takes it.
pub fn minimal_call(external_id: &str) -> Call<SpeakerRole> {
    Call {
        external_id: Some(external_id.to_owned()),
        title: None,
        started_at: None,
        duration_ms: Some(5_000),
        language: "en-US".into(),
        direction: None,
        outcome: None,
        recording: None,
        participants: vec![Participant {
            speaker: "rep".into(),
            name: None,
            email: None,
            role: SpeakerRole::Seller,
        }],
        segments: vec![Segment {
            speaker: "rep".into(),
            start_ms: 0,
            end_ms: 4_000,
            text: "hello".into(),
            words: None,
        }],
    }
}

fn vtt_time(ms: i64) -> String {
    // Teams style: unpadded fields.
    format!(
        "{}:{}:{}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// The reference call as a Teams WebVTT file with cue ids.
pub fn vtt() -> String {
    let mut out = String::from("WEBVTT\n\n");
    for (i, (speaker, start, end, text)) in SEGMENTS.iter().enumerate() {
        out += &format!(
            "cue-{i}\n{} --> {}\n<v {speaker}>{text}</v>\n\n",
            vtt_time(*start),
            vtt_time(*end)
        );
    }
    out
}

/// The reference call as an AWS Transcribe batch result: words spread
/// evenly over each segment, punctuation as separate items.
pub fn aws_transcribe(job: &str) -> String {
    let mut items: Vec<Value> = Vec::new();
    let secs = |ms: i64| format!("{}.{:03}", ms / 1000, ms % 1000);
    for (speaker, start, end, text) in SEGMENTS {
        let words: Vec<&str> = text.split_whitespace().collect();
        let step = (end - start) / words.len() as i64;
        for (i, word) in words.iter().enumerate() {
            let core = word.trim_end_matches([',', '.', '?', '!']);
            let punct = &word[core.len()..];
            let w_start = start + step * i as i64;
            let w_end = if i + 1 == words.len() {
                *end
            } else {
                w_start + step - 20
            };
            items.push(json!({
                "start_time": secs(w_start), "end_time": secs(w_end), "speaker_label": speaker,
                "type": "pronunciation", "alternatives": [{"confidence": "0.99", "content": core}]
            }));
            if !punct.is_empty() {
                items.push(json!({"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": punct}]}));
            }
        }
    }
    json!({
        "jobName": job,
        "status": "COMPLETED",
        "results": {
            "language_code": "en-US",
            "transcripts": [{"transcript": SEGMENTS.iter().map(|s| s.3).collect::<Vec<_>>().join(" ")}],
            "items": items,
        }
    })
    .to_string()
}
