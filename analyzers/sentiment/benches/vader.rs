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

use callsight_analyzer_test_support::ThirtyMinuteCall;
use callsight_plugin_api::Analyzer;
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

    // The shared 30-minute call (the service's plugin-boundary benchmark's
    // too) without word timings, started at 1 700 000 000 000 ms.
    let call = ThirtyMinuteCall {
        word_timings: false,
        started_at_ms: 1_700_000_000_000,
        ..ThirtyMinuteCall::default()
    }
    .build();
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
