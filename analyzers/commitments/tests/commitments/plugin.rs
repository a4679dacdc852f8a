//! The analyzer through the plugin API, on calls laid out as the host lays
//! them out.

use callsight_commitments::{Commitments, Config};
use callsight_plugin_api::names::analyzer;
use callsight_plugin_api::names::signal::{ACTION_ITEM, QUESTION};
use callsight_plugin_api::{Analyzer, ErrorKind, Metric, Role, Signal};
use serde::Deserialize;
use serde_json::json;

use crate::support::{analyze, analyze_with, call, segment, timed};

#[test]
fn signals_carry_role_segment_offset_and_data() {
    let call = call(vec![
        // 11 timed words, 1 s each: each sentence starts at its first word.
        timed(segment(
            Role::Seller,
            10_000,
            21_000,
            "Thanks. Can you send me the list? I'll review it Monday.",
        )),
        // Another role: ignored.
        segment(Role::Other, 21_000, 22_000, "I'll take notes, okay?"),
        // Untimed: the segment's start.
        segment(Role::Customer, 22_000, 25_000, "Sure. Is Friday okay?"),
    ]);
    let output = analyze(&call);
    let question = |value: &str, role, segment, offset_ms| {
        let mut s = Signal::new(QUESTION, value);
        s.role = Some(role);
        s.segment = Some(segment);
        s.offset_ms = Some(offset_ms);
        s
    };
    let mut first = question("Can you send me the list?", Role::Seller, 0, 11_000);
    // "Can you send me the list?": words 1–6, 11 000 to 17 000.
    first.duration_ms = Some(6_000);
    let mut request = first.clone();
    request.kind = ACTION_ITEM.into();
    request.data =
        Some(json!({"owner": "customer", "cue": "Can you send", "when": null, "due": null}));
    let mut commitment = Signal::new(ACTION_ITEM, "I'll review it Monday.");
    commitment.role = Some(Role::Seller);
    commitment.segment = Some(0);
    // "I'll review it Monday.": words 7–10, 17 000 to 21 000.
    commitment.offset_ms = Some(17_000);
    commitment.duration_ms = Some(4_000);
    commitment.data = Some(
        json!({"owner": "seller", "cue": "I'll review", "when": "Monday", "due": "2023-11-20"}),
    );
    let last = question("Is Friday okay?", Role::Customer, 2, 22_000);
    assert_eq!(output.signals, [first, request, commitment, last]);
    assert_eq!(
        output.metrics,
        [
            Metric::new("seller_action_item_count", Some(1.0), "count"),
            Metric::new("customer_action_item_count", Some(1.0), "count"),
        ]
    );
}

#[test]
fn extra_phrases_add_cues() {
    let call = call(vec![segment(
        Role::Customer,
        0,
        1_000,
        "Noted as an ACTION ITEM for procurement. We’ll revert soon.",
    )]);
    assert!(analyze(&call).signals.is_empty());
    let config = Config {
        extra_phrases: vec!["action item".into(), "we'll revert".into()],
    };
    let cues: Vec<_> = analyze_with(config, &call)
        .signals
        .into_iter()
        .map(|s| s.data.unwrap()["cue"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(cues, ["ACTION ITEM", "We’ll revert"]);
}

#[test]
fn an_empty_call_has_zero_counts() {
    let output = analyze(&call(vec![]));
    assert!(output.signals.is_empty());
    assert_eq!(output.metrics.len(), 2);
    assert!(output.metrics.iter().all(|m| m.value == Some(0.0)));
}

#[test]
fn info_lists_what_analyze_emits() {
    let info = Commitments::info();
    assert_eq!(info.name, analyzer::COMMITMENTS);
    assert_eq!(info.signal_kinds, [QUESTION, ACTION_ITEM]);
    let names: Vec<_> = info.metrics.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        ["seller_action_item_count", "customer_action_item_count"]
    );
    callsight_analyzer_test_support::assert_built_in_units(&info);
}

#[test]
fn the_config_defaults_validates_and_refuses_unknown_fields() {
    let config: Config = serde_json::from_value(json!({})).unwrap();
    assert_eq!(config, Config::default());
    let err = Config::deserialize(json!({"phrases": []})).unwrap_err();
    assert!(err.to_string().contains("unknown field `phrases`"), "{err}");
    let bad = Config {
        extra_phrases: vec!["ok".into(), " ?! ".into()],
    };
    let err = Commitments::validate(&bad).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidConfig);
    assert!(err.message.contains("extra_phrases[1]"), "{}", err.message);
}
