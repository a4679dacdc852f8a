//! Words per second of the competitors analyzer on one core, on a 30-minute
//! two-party call (300 alternating turns of 15 words, word timings, 4 500
//! words), through `Analyzer::analyze` on the call laid out as the host
//! lays it out, with 20 competitors of 3 aliases each (target ≥ 1 M
//! words/s).
//!
//! Run: `cargo bench --bench matching`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use callsight_competitors::{Competitors, Config};
use callsight_plugin_api::{Analyzer, CallData, ParticipantData, Role, SegmentData, WordData};

const SELLER_LINES: &[&str] = &[
    "so the way most teams start is with a pilot for one group of reps",
    "what would success look like for you by the end of the quarter?",
    "we plug into SFDC in about a day and unlike Gong your managers see every call",
    "I'll send you the pricing proposal by Friday, does that work for you?",
];
const CUSTOMER_LINES: &[&str] = &[
    "honestly the integration is the part I worry about the most",
    "we have about forty reps and onboarding takes three months right now",
    "that sounds reasonable, but Chorus and Clari quoted less and finance asks",
];

/// 20 competitors: a name and three aliases each.
fn competitors() -> serde_json::Value {
    let names = [
        "Salesforce",
        "Gong",
        "Chorus",
        "Clari",
        "HubSpot",
        "Outreach",
        "Salesloft",
        "Zoom",
        "Microsoft",
        "Avoma",
        "Fireflies",
        "Otter",
        "Jiminny",
        "Wingman",
        "ExecVision",
        "Revenue.io",
        "Dialpad",
        "Aircall",
        "Pipedrive",
        "Zoho",
    ];
    let list: Vec<serde_json::Value> = names
        .iter()
        .map(|name| {
            serde_json::json!({
                "name": name,
                "aliases": [format!("{name} Cloud"), format!("{name} AI"), format!("{name}.com")],
            })
        })
        .collect();
    serde_json::json!({ "competitors": list })
}

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
fn measure(name: &str, analyzer: &Competitors, call: &CallData) {
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
    let mut config = competitors();
    config["competitors"][0]["aliases"]
        .as_array_mut()
        .expect("a list")
        .push("SFDC".into());
    let config: Config = serde_json::from_value(config).expect("config");
    let analyzer = Competitors::create(config).expect("valid config");
    measure("competitors", &analyzer, &thirty_minute_call(""));
}
