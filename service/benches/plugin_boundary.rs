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
use callsight_plugin_api::{Analyzer, Role};
use criterion::{Criterion, criterion_group, criterion_main};

/// The shared 30-minute call (300 alternating turns of 15 words, 400 ms
/// pauses, word timings, stated as 30 minutes long) as a stored call.
fn thirty_minute_call() -> Call<SpeakerRole> {
    let call = callsight_analyzer_test_support::thirty_minute_call();
    let role = |role: Role| match role {
        Role::Seller => SpeakerRole::Seller,
        Role::Customer => SpeakerRole::Customer,
        Role::Other => SpeakerRole::Other,
    };
    Call {
        external_id: None,
        title: None,
        started_at: None,
        duration_ms: Some(call.duration_ms),
        language: call.language,
        direction: None,
        outcome: None,
        recording: None,
        participants: call
            .participants
            .into_iter()
            .map(|p| Participant {
                speaker: p.speaker,
                name: p.name,
                email: None,
                role: role(p.role),
            })
            .collect(),
        segments: call
            .segments
            .into_iter()
            .map(|s| Segment {
                speaker: s.speaker,
                start_ms: s.start_ms,
                end_ms: s.end_ms,
                text: s.text,
                words: s.words.map(|words| {
                    words
                        .into_iter()
                        .map(|w| Word {
                            text: w.text,
                            start_ms: w.start_ms,
                            end_ms: w.end_ms,
                        })
                        .collect()
                }),
            })
            .collect(),
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
