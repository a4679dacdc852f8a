//! Key phrases of spoken customer segments: what a manager would read, not
//! the greetings, fillers and names that fill a sales call. The expected
//! phrases below were labelled by reading the call, before the extractor was
//! tuned on it.

use callsight_analyzer_test_support::{self as support, of_kind};
use callsight_keywords::{Config, Keywords};
use callsight_plugin_api::{Analyzer, CallData, Output, Role, Signal};

/// A discovery call of Dana Whitfield (seller) with Priya Raman (customer),
/// as a transcription service renders it: the customer's side only matters.
fn discovery_call() -> CallData {
    let customer = [
        "Hey Dana! Good to meet you. Thanks for making the time.",
        "Good question. So we have about forty reps and a couple of sales managers. \
         Right now coaching is basically managers joining live calls.",
        "Sort of, yeah. Each manager joins live calls maybe twice a week, which doesn't scale.",
        "Exactly. And when a manager is joining live calls the rep gets nervous, so the call \
         changes.",
        "Hmm, good question. At the end of the day we want fewer managers on live calls and \
         more time reviewing recorded calls.",
        "Yeah. Priya Raman, by the way, I run revenue operations. Our call recordings already \
         sit in Salesforce but nobody listens to them.",
        "Sort of. The other pain is forecast accuracy. Our forecast accuracy was off by 20 \
         percent last quarter.",
        "Mm-hmm. Right. A couple of things before a pilot: a security review, and the managers \
         joining live calls have to see value in week one.",
        "Okay, thanks Dana. Let's say Thursday at 10. Bye!",
    ];
    let mut segments = Vec::new();
    for (i, text) in customer.iter().enumerate() {
        let start = i as i64 * 20_000;
        segments.push(support::segment(
            "spk_0",
            Role::Seller,
            start,
            start + 8_000,
            "That makes sense. Tell me more about how your team works today.",
        ));
        segments.push(support::segment(
            "spk_1",
            Role::Customer,
            start + 9_000,
            start + 19_000,
            text,
        ));
    }
    let mut call = support::call(
        "en-US",
        &[("spk_0", Role::Seller), ("spk_1", Role::Customer)],
        segments,
    );
    call.participants[0].name = Some("Dana Whitfield".into());
    call.participants[1].name = Some("Priya Raman".into());
    call
}

fn key_phrases(call: &CallData) -> Output {
    let analyzer = Keywords::create(Config::default()).unwrap();
    support::analyze(&analyzer, call).unwrap()
}

fn values<'o>(phrases: &[&'o Signal]) -> Vec<&'o str> {
    phrases.iter().map(|s| s.value.as_str()).collect()
}

/// The words of a phrase, lowercased, a plural `s` dropped: enough to tell
/// the variants of "managers joining live calls" in this call.
fn words(phrase: &str) -> Vec<String> {
    phrase
        .split_whitespace()
        .map(|w| {
            let w = w.to_lowercase();
            w.strip_suffix('s').map(str::to_owned).unwrap_or(w)
        })
        .collect()
}

#[test]
fn a_sales_call_gives_phrases_worth_reading() {
    let output = key_phrases(&discovery_call());
    let phrases = of_kind(&output, "key_phrase");
    let found = values(&phrases);
    let lower: Vec<String> = found.iter().map(|p| p.to_lowercase()).collect();

    // Labelled before tuning: what the customer talked about.
    for expected in [
        "managers joining live calls",
        "forecast accuracy",
        "security review",
        "revenue operations",
        "recorded calls",
    ] {
        assert!(
            lower.iter().any(|p| p == expected),
            "{expected:?} missing from {found:?}"
        );
    }
    // Greetings, thanks, fillers, backchannels, names, numbers, generic words.
    for junk in [
        "hey",
        "dana",
        "priya",
        "raman",
        "good",
        "good question",
        "question",
        "thanks",
        "couple",
        "sort",
        "end",
        "day",
        "calls",
        "call",
        "yeah",
        "mm-hmm",
        "hmm",
        "okay",
        "forty",
        "percent",
        "week",
        "time",
        "bye",
        "thursday",
    ] {
        assert!(
            !lower.iter().any(|p| p == junk),
            "{junk:?} is not a key phrase: {found:?}"
        );
    }
    for phrase in &lower {
        for name in ["dana", "priya", "raman", "whitfield"] {
            assert!(
                !phrase.split_whitespace().any(|w| w == name),
                "a participant's name in {phrase:?}"
            );
        }
    }

    // Five variants of one phrase are one phrase; none of its parts stays.
    let family = ["manager", "joining", "live", "call"];
    let variants: Vec<&str> = found
        .iter()
        .copied()
        .filter(|p| {
            let w = words(p);
            w.iter()
                .all(|w| family.contains(&w.as_str()) || w == "join")
                && w.iter()
                    .any(|w| w == "live" || w == "joining" || w == "join")
        })
        .collect();
    assert_eq!(variants, ["managers joining live calls"], "{found:?}");
    // Said in five segments (2, 3, 4, 5 and 8): five mentions, whichever
    // variant was said.
    let merged = phrases
        .iter()
        .find(|s| s.value == "managers joining live calls")
        .unwrap();
    assert_eq!(merged.data, Some(serde_json::json!({ "count": 5 })));
    assert_eq!(merged.segment, Some(3), "first said in the second answer");
}

#[test]
fn names_come_from_the_participants() {
    // Without names in the call, a capitalised word the customer repeats is
    // a proper noun like any other; with them, it is who is talking.
    let text = "Ask Morgan about the renewal terms. Morgan owns the renewal terms at Globex.";
    let mut call = support::call(
        "en",
        &[("Morgan", Role::Customer), ("S", Role::Seller)],
        vec![support::segment("Morgan", Role::Customer, 0, 5_000, text)],
    );
    call.participants[1].name = Some("Sam Okafor".into());
    let output = key_phrases(&call);
    let found = values(&of_kind(&output, "key_phrase"));
    assert!(found.contains(&"renewal terms"), "{found:?}");
    assert!(
        found.iter().all(|p| !p.contains("Morgan")),
        "the speaker label is a name: {found:?}"
    );
}

#[test]
fn a_word_said_in_many_phrases_is_their_topic() {
    // "Salesforce" is said three times, each time in another phrase: it is
    // the topic, said three times. "pricing" is said mostly as "pricing
    // page": a part of that phrase, not a key phrase of its own.
    let call = support::call(
        "en",
        &[("C", Role::Customer)],
        vec![
            support::segment(
                "C",
                Role::Customer,
                0,
                5_000,
                "Salesforce is our system of record. We moved to Salesforce last year.",
            ),
            support::segment(
                "C",
                Role::Customer,
                6_000,
                10_000,
                "Honestly Salesforce data is messy, and the pricing page confused our buyers.",
            ),
            support::segment(
                "C",
                Role::Customer,
                11_000,
                14_000,
                "The pricing page and the pricing tiers, yeah.",
            ),
        ],
    );
    let output = key_phrases(&call);
    let phrases = of_kind(&output, "key_phrase");
    let found = values(&phrases);
    let count = |value: &str| {
        phrases
            .iter()
            .find(|s| s.value == value)
            .and_then(|s| s.data.as_ref())
            .map(|d| d["count"].clone())
    };
    assert_eq!(count("Salesforce"), Some(serde_json::json!(3)), "{found:?}");
    assert_eq!(
        count("pricing page"),
        Some(serde_json::json!(2)),
        "{found:?}"
    );
    for part in [
        "Salesforce data",
        "moved to Salesforce",
        "Salesforce last year",
        "pricing",
    ] {
        assert!(!found.contains(&part), "{part:?} in {found:?}");
    }
}
