//! The analyzer through the plugin API, on calls laid out as the host lays
//! them out.

use callsight_analyzer_test_support as support;
use callsight_competitors::{Competitors, Config};
use callsight_plugin_api::{Analyzer, CallData, Output, Role, SegmentData};

const CONFIG: &str = r#"{"competitors": [
    {"name": "Salesforce", "aliases": ["SFDC", "Sales Cloud", "세일즈포스"]},
    {"name": "Gong", "aliases": ["Gong.io", "ゴング"]},
    {"name": "Microsoft Teams", "aliases": ["Teams", "MS Teams"]}
]}"#;

fn segment(role: Role, start_ms: i64, end_ms: i64, text: &str) -> SegmentData {
    let speaker = if role == Role::Seller { "S" } else { "C" };
    support::segment(speaker, role, start_ms, end_ms, text)
}

/// `text`'s words, 300 ms apart from the segment's start.
fn timed(segment: SegmentData) -> SegmentData {
    support::timed_every(segment, 300, 250)
}

fn call(language: &str, segments: Vec<SegmentData>) -> CallData {
    support::call(
        language,
        &[("S", Role::Seller), ("C", Role::Customer)],
        segments,
    )
}

fn analyze(call: &CallData) -> Output {
    let config: Config = serde_json::from_str(CONFIG).unwrap();
    support::analyze(&Competitors::create(config).unwrap(), call).unwrap()
}

/// (value, label, role, segment, offset_ms) of each signal.
fn mentions(output: &Output) -> Vec<(&str, &str, Role, u32, i64)> {
    assert!(output.signals.iter().all(|s| s.kind == "competitor"));
    support::mentions(output, "competitor")
}

fn count(output: &Output) -> Option<f64> {
    assert_eq!(output.metrics.len(), 1);
    let metric = support::metric(output, "competitor_mention_count");
    assert_eq!(metric.unit, "count");
    metric.value
}

#[test]
fn aliases_are_reported_under_the_canonical_name() {
    let output = analyze(&call(
        "en-US",
        vec![
            segment(
                Role::Seller,
                0,
                4_000,
                "Are you on SFDC or on sales  cloud? Gong's pricing?",
            ),
            timed(segment(
                Role::Customer,
                5_000,
                9_000,
                "We use MS Teams, not teams-based tools, and gong.io for calls; Gongs no.",
            )),
        ],
    ));
    assert_eq!(
        mentions(&output),
        [
            ("Salesforce", "SFDC", Role::Seller, 0, 0),
            ("Salesforce", "sales  cloud", Role::Seller, 0, 0),
            ("Gong", "Gong", Role::Seller, 0, 0),
            // "MS Teams" (longest) rather than "Teams"; 3rd word.
            ("Microsoft Teams", "MS Teams", Role::Customer, 1, 5_600),
            // "teams-based": the hyphen is a boundary.
            ("Microsoft Teams", "teams", Role::Customer, 1, 6_500),
            ("Gong", "gong.io", Role::Customer, 1, 7_400),
        ]
    );
    assert_eq!(count(&output), Some(6.0));
}

#[test]
fn korean_and_japanese_particles() {
    let output = analyze(&call(
        "ko-KR",
        vec![
            timed(segment(
                Role::Customer,
                0,
                3_000,
                "지금은 세일즈포스를 쓰고 Gong이랑 비교 중이에요.",
            )),
            segment(
                Role::Seller,
                3_000,
                6_000,
                "ゴングは高いですか。ゴングさんの件です。",
            ),
        ],
    ));
    assert_eq!(
        mentions(&output),
        [
            ("Salesforce", "세일즈포스", Role::Customer, 0, 300),
            ("Gong", "Gong", Role::Customer, 0, 900),
            ("Gong", "ゴング", Role::Seller, 1, 3_000),
            ("Gong", "ゴング", Role::Seller, 1, 3_000),
        ]
    );
}

#[test]
fn nothing_to_find() {
    let output = analyze(&call(
        "en",
        vec![
            segment(Role::Customer, 0, 1_000, "Salesforcey gongs and steams."),
            segment(Role::Seller, 1_000, 2_000, ""),
        ],
    ));
    assert!(output.signals.is_empty());
    assert_eq!(count(&output), Some(0.0));
    let none = Competitors::create(Config::default()).unwrap();
    let output = support::analyze(
        &none,
        &call("en", vec![segment(Role::Customer, 0, 1, "Gong")]),
    )
    .unwrap();
    assert!(output.signals.is_empty());
    assert_eq!(count(&output), Some(0.0));
}
