//! What the plugin ABI costs: the conversation-style analyzer on a 30-minute
//! two-party call (4 500 words with word timings), called
//!
//! - as a plain Rust function on a call already laid out (`plain`), and
//! - through the ABI as the host calls it (`abi`): lay the stored call out,
//!   cross the boundary, encode the result as JSON in the plugin and decode
//!   it in the host;
//!
//! and the two parts of the difference on their own: the ABI call on a call
//! already laid out, and laying the call out.
//!
//! Run: `cargo bench -p callsight --bench plugin_boundary` (the release build
//! of the service puts the plugin next to its binaries, where this loads it).

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use callsight::analysis::{Plugin, SharedCall, layout_of};
use callsight::domain::{Call, Participant, Segment, SpeakerRole, Word};
use callsight_conversation_style::ConversationStyle;
use callsight_plugin_api::Analyzer;
use criterion::{Criterion, criterion_group, criterion_main};

const SELLER_LINES: &[&str] = &[
    "so the way most teams start is with a pilot for one group of reps",
    "what would success look like for you by the end of the quarter?",
    "we plug into your CRM in about a day and your managers see every call",
    "I'll send you the proposal by Friday, does that work for you?",
];
const CUSTOMER_LINES: &[&str] = &[
    "honestly the integration is the part I worry about the most",
    "we have about forty reps and onboarding takes three months right now",
    "that sounds reasonable, but I need to run it past finance first",
];

/// A 30-minute call: 300 alternating turns of 15 words each, 400 ms pauses.
fn thirty_minute_call() -> Call<SpeakerRole> {
    let mut segments = Vec::new();
    let mut at = 0i64;
    for i in 0..300 {
        let seller = i % 2 == 0;
        let lines = if seller { SELLER_LINES } else { CUSTOMER_LINES };
        let text: Vec<&str> = lines[i % lines.len()]
            .split(' ')
            .chain(["right", "okay", "yes", "sure", "so"])
            .take(15)
            .collect();
        let mut words = Vec::new();
        let start = at;
        for word in &text {
            words.push(Word {
                text: (*word).to_owned(),
                start_ms: at,
                end_ms: at + 320,
            });
            at += 380;
        }
        segments.push(Segment {
            speaker: if seller { "rep" } else { "client" }.to_owned(),
            start_ms: start,
            end_ms: at,
            text: text.join(" "),
            words: Some(words),
        });
        at += 400;
    }
    Call {
        external_id: None,
        title: None,
        started_at: None,
        duration_ms: Some(30 * 60 * 1000),
        language: "en-US".to_owned(),
        direction: None,
        outcome: None,
        recording: None,
        participants: vec![
            Participant {
                speaker: "rep".into(),
                name: None,
                email: None,
                role: SpeakerRole::Seller,
            },
            Participant {
                speaker: "client".into(),
                name: None,
                email: None,
                role: SpeakerRole::Customer,
            },
        ],
        segments,
    }
}

/// The plugin the release build put next to the bench's binaries.
fn plugin_path() -> PathBuf {
    let exe = std::env::current_exe().expect("bench path");
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    let file = format!(
        "{}callsight_conversation_style{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    );
    dir.join(file)
}

fn boundary(c: &mut Criterion) {
    let call = thirty_minute_call();
    let words: usize = call
        .segments
        .iter()
        .map(|s| s.words.as_ref().map_or(0, Vec::len))
        .sum();
    assert_eq!(words, 4_500);

    let plain = ConversationStyle::create(Default::default()).expect("analyzer");
    let shared = SharedCall::new(Arc::new(call.clone()), 0, Arc::from("{}"));
    let layout = shared.layout();
    let plugin =
        Arc::new(Plugin::load(&plugin_path(), Duration::from_secs(10), 1).expect("plugin loads"));
    let instance = plugin
        .create(&serde_json::json!({}), Duration::from_secs(10))
        .expect("instance");

    // Both paths compute the same numbers.
    let direct = plain.analyze(&layout.view()).expect("plain run");
    let through = instance
        .analyze_blocking(layout, usize::MAX)
        .expect("ABI run");
    assert_eq!(direct, through);

    let mut group = c.benchmark_group("conversation-style, 30-minute call");
    group.bench_function("plain", |b| {
        b.iter(|| black_box(plain.analyze(&layout.view()).expect("plain run")))
    });
    group.bench_function("abi", |b| {
        b.iter(|| {
            black_box(
                instance
                    .analyze_blocking(black_box(layout), usize::MAX)
                    .expect("ABI run"),
            )
        })
    });
    group.bench_function("layout, once per call", |b| {
        b.iter(|| black_box(layout_of(black_box(&call), 0, "{}")))
    });
    group.bench_function("abi + layout", |b| {
        b.iter(|| {
            black_box(
                instance
                    .analyze_blocking(&layout_of(black_box(&call), 0, "{}"), usize::MAX)
                    .expect("ABI run"),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, boundary);
criterion_main!(benches);
