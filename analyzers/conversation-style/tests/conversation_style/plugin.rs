//! The analyzer through the plugin API, on a call laid out as the host lays
//! it out.

use callsight_analyzer_test_support::{
    analyze, assert_built_in_units, metric, participant, segment, timed_evenly,
};
use callsight_conversation_style::{Config, ConversationStyle};
use callsight_plugin_api::names::analyzer;
use callsight_plugin_api::{Analyzer, CallData, Metric, Role};
use serde::Deserialize;
use serde::de::value::{Error, MapDeserializer};

#[test]
fn analyze_emits_every_metric_with_its_unit() {
    let call = CallData {
        language: "en-US".into(),
        duration_ms: 25_000,
        started_at_ms: 1_700_000_000_000,
        participants: vec![
            participant("A", Role::Seller),
            participant("B", Role::Customer),
            participant("C", Role::Other),
        ],
        segments: vec![
            // 5 words (How is the rollout going), 1 question.
            segment("A", Role::Seller, 0, 4_000, "How is the rollout going?"),
            // 8 words, 1 500 ms.
            segment(
                "B",
                Role::Customer,
                4_500,
                6_000,
                "Slowly, we hit a snag with the import.",
            ),
            // 500 ms, 2 words: a backchannel between two customer segments,
            // skipped by rule 3 (but still seller talk and words).
            segment("A", Role::Seller, 6_000, 6_500, "mm-hmm"),
            // 6 timed words, 1 question; 6 800 ≤ 6 000 + 1 000: the customer's
            // turn goes on to 12 000.
            timed_evenly(segment(
                "B",
                Role::Customer,
                6_800,
                12_000,
                "Can you help us fix it?",
            )),
            // Another role: only the duration may use it.
            segment("C", Role::Other, 12_000, 13_000, "Note taker joined?"),
            // 8 timed words (Yes, I'll set up a call with support).
            timed_evenly(segment(
                "A",
                Role::Seller,
                12_500,
                20_000,
                "Yes, I'll set up a call with support.",
            )),
        ],
        context: String::new(),
    };
    let analyzer = ConversationStyle::create(Config::default()).unwrap();
    let output = analyze(&analyzer, &call).unwrap();
    assert!(output.signals.is_empty());
    // Turns: seller [0, 4 000), customer [4 500, 12 000), seller [12 500, 20 000).
    let expected = [
        // seller 4 000 + 500 + 7 500 = 12 000; customer 1 500 + 5 200 = 6 700.
        ("talk_to_listen_ratio", Some(12_000.0 / 18_700.0), "ratio"),
        ("switch_count", Some(2.0), "count"),
        // 2 × 3 600 000 / 25 000
        ("switches_per_hour", Some(288.0), "per_hour"),
        ("longest_customer_monologue_ms", Some(7_500.0), "ms"),
        ("longest_seller_monologue_ms", Some(7_500.0), "ms"),
        // 12 500 − 12 000
        ("avg_pause_before_speaking_ms", Some(500.0), "ms"),
        ("interruption_count", Some(0.0), "count"),
        // (5 + 2 + 8) words × 60 000 / 12 000
        ("talking_speed_wpm", Some(75.0), "wpm"),
        ("seller_question_count", Some(1.0), "count"),
        ("customer_question_count", Some(1.0), "count"),
        // The source's 25 000 ≥ the largest end (20 000).
        ("duration_ms", Some(25_000.0), "ms"),
        ("seller_talk_ms", Some(12_000.0), "ms"),
        ("customer_talk_ms", Some(6_700.0), "ms"),
    ]
    .map(|(name, value, unit)| Metric::new(name, value, unit));
    assert_eq!(output.metrics, expected);
}

#[test]
fn a_timing_only_call_has_null_speed_and_ratio_when_silent() {
    let call = CallData {
        segments: vec![segment("X", Role::Other, 0, 3_000, "")],
        ..CallData::default()
    };
    let output = analyze(&ConversationStyle, &call).unwrap();
    let value = |name: &str| metric(&output, name).value;
    assert_eq!(value("talk_to_listen_ratio"), None);
    assert_eq!(value("talking_speed_wpm"), None);
    assert_eq!(value("avg_pause_before_speaking_ms"), None);
    assert_eq!(value("switches_per_hour"), Some(0.0));
    assert_eq!(value("duration_ms"), Some(3_000.0));
}

#[test]
fn info_lists_the_metrics_analyze_emits() {
    let info = ConversationStyle::info();
    assert_eq!(info.name, analyzer::CONVERSATION_STYLE);
    assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
    assert!(info.signal_kinds.is_empty());
    let output = analyze(&ConversationStyle, &CallData::default()).unwrap();
    let declared: Vec<_> = info.metrics.iter().map(|m| (&*m.name, &m.unit)).collect();
    let emitted: Vec<_> = output.metrics.iter().map(|m| (&*m.name, &m.unit)).collect();
    assert_eq!(declared, emitted);
    assert!(info.metrics.iter().all(|m| !m.description.is_empty()));
    assert_built_in_units(&info);
}

#[test]
fn the_config_is_empty_and_refuses_unknown_fields() {
    let empty = MapDeserializer::<_, Error>::new(std::iter::empty::<(&str, i64)>());
    assert_eq!(Config::deserialize(empty), Ok(Config {}));
    let typo = MapDeserializer::<_, Error>::new([("g_merge", 500_i64)].into_iter());
    let err = Config::deserialize(typo).unwrap_err().to_string();
    assert!(err.contains("unknown field `g_merge`"), "{err}");
}
