//! Throughput of the VADER port, in words per second on one core
//! (criterion's `elem/s`, one element = one whitespace-separated word):
//!
//! - `vader/tweets`: `polarity_scores` on each of the VADER paper's 4 200
//!   tweets — the same sentences `benches/vader_python.py` times with the
//!   Python reference, for the ratio;
//! - `sentiment/30-minute call`: the whole analyzer on a 30-minute
//!   two-party call (300 alternating turns of 15 words: 4 500 words), laid
//!   out as the host lays it out.
//!
//! Run: `cargo bench --bench vader` then
//! `python3 benches/vader_python.py` (needs `pip install vaderSentiment`).

use std::collections::HashMap;
use std::hint::black_box;
use std::path::PathBuf;

use callsight_plugin_api::{Analyzer, CallData, ParticipantData, Role, SegmentData};
use callsight_sentiment::{Config, Sentiment, polarity_scores, word_count};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The tweets' texts, from `shared/data/vader` beside the repository.
fn tweets() -> Vec<String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let file = manifest.join("../../../shared/data/vader/tweets_GroundTruth.txt");
    let truth = std::fs::read_to_string(file).expect("readable");
    let by_id: HashMap<&str, &str> = truth
        .lines()
        .filter_map(|line| {
            let mut fields = line.splitn(3, '\t');
            Some((fields.next()?, fields.nth(1)?))
        })
        .collect();
    let mut ids: Vec<&str> = by_id.keys().copied().collect();
    ids.sort_by_key(|id| id.parse::<u32>().unwrap_or(u32::MAX));
    ids.iter().map(|id| by_id[id].to_owned()).collect()
}

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

/// A 30-minute call: 300 alternating turns of 15 words each, 400 ms pauses
/// (the same call as the service's plugin-boundary benchmark).
fn thirty_minute_call() -> CallData {
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
        let start = at;
        at += 380 * text.len() as i64;
        segments.push(SegmentData {
            speaker: if seller { "rep" } else { "client" }.to_owned(),
            role: if seller { Role::Seller } else { Role::Customer },
            start_ms: start,
            end_ms: at,
            text: text.join(" "),
            words: None,
        });
        at += 400;
    }
    CallData {
        language: "en-US".to_owned(),
        duration_ms: 30 * 60 * 1000,
        started_at_ms: 1_700_000_000_000,
        participants: vec![
            ParticipantData {
                speaker: "rep".into(),
                name: None,
                role: Role::Seller,
            },
            ParticipantData {
                speaker: "client".into(),
                name: None,
                role: Role::Customer,
            },
        ],
        segments,
        context: String::new(),
    }
}

fn bench(c: &mut Criterion) {
    let tweets = tweets();
    let words: usize = tweets.iter().map(|t| word_count(t)).sum();
    println!("{} tweets, {words} words", tweets.len());
    let mut group = c.benchmark_group("vader");
    group.throughput(Throughput::Elements(words as u64));
    group.bench_function("tweets", |b| {
        b.iter(|| {
            for tweet in &tweets {
                black_box(polarity_scores(black_box(tweet)));
            }
        })
    });
    group.finish();

    let call = thirty_minute_call();
    let words: usize = call.segments.iter().map(|s| word_count(&s.text)).sum();
    assert_eq!(words, 4_500);
    let layout = call.layout();
    let analyzer = Sentiment::create(Config::default()).expect("config");
    let mut group = c.benchmark_group("sentiment");
    group.throughput(Throughput::Elements(words as u64));
    group.bench_function("30-minute call", |b| {
        b.iter(|| {
            black_box(
                analyzer
                    .analyze(black_box(&layout.view()))
                    .expect("English"),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
