//! Words per second of the commitments analyzer on one core, on a
//! 30-minute two-party call of about 4 500 words with word timings (the
//! target of issue 4 is ≥ 1 M words/s):
//!
//! ```text
//! cargo bench --bench throughput
//! ```
//!
//! The call is laid out once, as the host does; each iteration is one
//! `analyze` (sentence splitting, the rules, the timing alignment of the
//! segments that produce signals, and the output).

use std::hint::black_box;

use callsight_commitments::{Commitments, Config};
use callsight_plugin_api::{Analyzer, CallData, ParticipantData, Role, SegmentData, WordData};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// What a sales call sounds like: discovery, objections, small talk,
/// commitments, requests and questions, in both roles.
const SELLER: &[&str] = &[
    "Thanks for making the time today, how's your week going so far?",
    "What does your current process for forecasting look like?",
    "Got it. And what happens if you don't solve this by March?",
    "I'll send you the recording and the slides right after this call.",
    "Let me share my screen real quick so I can walk you through the dashboard.",
    "The fee covers data migration, training, and a dedicated onboarding manager.",
    "I hear you, and a lot of our customers felt the same way at first.",
    "Can you send me the list of stakeholders who need to sign off?",
    "Let's schedule a follow-up for next Tuesday at two.",
    "Most customers set up their first dashboard on day one, and the reporting module \
     gives managers a weekly view of every rep's pipeline, so nobody has to build \
     spreadsheets by hand anymore.",
    "Mm-hmm.",
    "Right, that makes sense.",
];
const CUSTOMER: &[&str] = &[
    "Pretty hectic, we're in the middle of quarter close.",
    "Honestly it's a mess of spreadsheets and Salesforce reports, and every Monday we \
     spend half a day reconciling numbers that never match what finance has.",
    "How long does a typical implementation take?",
    "Your competitor quoted us thirty percent less.",
    "Let me talk to Dana and I'll get back to you by Wednesday.",
    "We tried a tool like this two years ago and nobody used it.",
    "Is there any flexibility on the per-seat price?",
    "Yeah.",
    "Okay.",
    "We'll review the proposal internally next week.",
];

/// A 30-minute call: turns alternate, each of one or two utterances, with
/// word timings spread over the turn, until about 4 500 words.
fn thirty_minute_call() -> (CallData, usize) {
    const DURATION_MS: i64 = 30 * 60 * 1_000;
    const TARGET_WORDS: usize = 4_500;
    let mut texts = Vec::new();
    let mut words = 0;
    let mut i = 0;
    while words < TARGET_WORDS {
        let (role, pool) = if i % 2 == 0 {
            (Role::Seller, SELLER)
        } else {
            (Role::Customer, CUSTOMER)
        };
        let text = format!(
            "{} {}",
            pool[i % pool.len()],
            pool[(i * 7 + 3) % pool.len()]
        );
        words += text.split_whitespace().count();
        texts.push((role, text));
        i += 1;
    }
    let ms_per_word = DURATION_MS / words as i64;
    let mut at = 0;
    let segments = texts
        .into_iter()
        .map(|(role, text)| {
            let start_ms = at;
            let timed: Vec<WordData> = text
                .split_whitespace()
                .map(|word| {
                    at += ms_per_word;
                    WordData {
                        text: word.into(),
                        start_ms: at - ms_per_word,
                        end_ms: at,
                    }
                })
                .collect();
            SegmentData {
                speaker: format!("{role:?}"),
                role,
                start_ms,
                end_ms: at,
                text,
                words: Some(timed),
            }
        })
        .collect();
    let call = CallData {
        language: "en-US".into(),
        duration_ms: DURATION_MS,
        started_at_ms: 0,
        participants: [Role::Seller, Role::Customer]
            .map(|role| ParticipantData {
                speaker: format!("{role:?}"),
                name: None,
                role,
            })
            .into(),
        segments,
        context: String::new(),
    };
    (call, words)
}

fn throughput(c: &mut Criterion) {
    let (call, words) = thirty_minute_call();
    let layout = call.layout();
    let view = layout.view();
    let mut group = c.benchmark_group("commitments");
    group.throughput(Throughput::Elements(words as u64));
    let analyzer = Commitments::create(Config::default()).unwrap();
    group.bench_function(format!("30-minute call, {words} words"), |b| {
        b.iter(|| analyzer.analyze(black_box(&view)).unwrap())
    });
    let extra = Commitments::create(Config {
        extra_phrases: vec![
            "action item".into(),
            "next steps".into(),
            "we'll revert".into(),
        ],
    })
    .unwrap();
    group.bench_function(
        format!("30-minute call, {words} words, 3 extra phrases"),
        |b| b.iter(|| extra.analyze(black_box(&view)).unwrap()),
    );
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
