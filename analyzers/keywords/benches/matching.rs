//! Words per second of the keywords analyzer on one core, on a 30-minute
//! two-party call (300 alternating turns of 15 words, word timings, 4 500
//! words), through `Analyzer::analyze` on the call laid out as the host
//! lays it out:
//!
//! - `tracked`: 40 org keywords (words and phrases), key phrases off: the
//!   matching alone (target ≥ 1 M words/s);
//! - `tracked+call list`: the same plus a per-call list of 10 terms in the
//!   context, so the union's automaton is built for the call;
//! - `tracked+key phrases`: the whole analyzer with the default settings.
//!
//! Run: `cargo bench --bench matching`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use callsight_keywords::{Config, Keywords};
use callsight_plugin_api::{Analyzer, CallData, ParticipantData, Role, SegmentData, WordData};

const SELLER_LINES: &[&str] = &[
    "so the way most teams start is with a pilot for one group of reps",
    "what would success look like for you by the end of the quarter?",
    "we plug into your CRM in about a day and your managers see every call",
    "I'll send you the pricing proposal by Friday, does that work for you?",
];
const CUSTOMER_LINES: &[&str] = &[
    "honestly the integration is the part I worry about the most",
    "we have about forty reps and onboarding takes three months right now",
    "that sounds reasonable, but I need to run the budget past finance first",
];

const KEYWORDS: &[&str] = &[
    "pricing",
    "budget",
    "integration",
    "onboarding",
    "pilot",
    "CRM",
    "finance",
    "security review",
    "procurement",
    "legal",
    "contract",
    "renewal",
    "discount",
    "ROI",
    "decision maker",
    "timeline",
    "next steps",
    "proposal",
    "quarter",
    "forecast",
    "churn",
    "implementation",
    "SSO",
    "data retention",
    "GDPR",
    "SOC 2",
    "API",
    "dashboard",
    "coaching",
    "quota",
    "pipeline",
    "champion",
    "competitor",
    "trial",
    "seat",
    "license",
    "upgrade",
    "support",
    "training",
    "가격",
];

/// A 30-minute call: 300 alternating turns of 15 words each, 400 ms pauses.
fn thirty_minute_call(context: &str) -> CallData {
    let mut segments = Vec::new();
    let mut at = 0i64;
    for i in 0..300 {
        let seller = i % 2 == 0;
        let lines = if seller { SELLER_LINES } else { CUSTOMER_LINES };
        let words: Vec<&str> = lines[i % lines.len()]
            .split(' ')
            .chain(["right", "okay", "yes", "sure", "so"])
            .take(15)
            .collect();
        let start = at;
        let timed = words
            .iter()
            .map(|w| {
                let word = WordData {
                    text: (*w).into(),
                    start_ms: at,
                    end_ms: at + 320,
                };
                at += 380;
                word
            })
            .collect();
        segments.push(SegmentData {
            speaker: if seller { "S" } else { "C" }.into(),
            role: if seller { Role::Seller } else { Role::Customer },
            start_ms: start,
            end_ms: at,
            text: words.join(" "),
            words: Some(timed),
        });
        at += 400;
    }
    CallData {
        language: "en-US".into(),
        duration_ms: at,
        started_at_ms: 0,
        participants: vec![
            ParticipantData {
                speaker: "S".into(),
                name: None,
                role: Role::Seller,
            },
            ParticipantData {
                speaker: "C".into(),
                name: None,
                role: Role::Customer,
            },
        ],
        segments,
        context: context.into(),
    }
}

/// Runs `analyze` for about two seconds after a warm-up; words per second.
fn measure(name: &str, analyzer: &Keywords, call: &CallData) {
    let layout = call.layout();
    let view = layout.view();
    let words: usize = call
        .segments
        .iter()
        .map(|s| s.text.split_whitespace().count())
        .sum();
    let signals = analyzer.analyze(&view).expect("analyzes").signals.len();
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < Duration::from_secs(2) {
        black_box(analyzer.analyze(black_box(&view)).expect("analyzes"));
        runs += 1;
    }
    let per_call = start.elapsed().as_secs_f64() / f64::from(runs);
    println!(
        "{name:<22} {words} words, {signals} signals: {:>8.1} µs/call, {:>6.2} M words/s",
        per_call * 1e6,
        words as f64 / per_call / 1e6
    );
}

fn main() {
    let config = |key_phrases: bool| -> Keywords {
        let json = serde_json::json!({
            "keywords": KEYWORDS,
            "key_phrases": { "enabled": key_phrases },
        });
        let config: Config = serde_json::from_value(json).expect("config");
        Keywords::create(config).expect("valid config")
    };
    let plain = thirty_minute_call("");
    let with_list = thirty_minute_call(
        r#"{"keywords": ["reps", "managers", "Friday", "three months", "group", "day",
            "success", "worry", "right now", "pilot"]}"#,
    );
    measure("tracked", &config(false), &plain);
    measure("tracked+call list", &config(false), &with_list);
    measure("tracked+key phrases", &config(true), &plain);
}
