//! The analyzer through the plugin API, on calls laid out as the host lays
//! them out.

use callsight_analyzer_test_support::{self as support, segment};
use callsight_plugin_api::names::analyzer;
use callsight_plugin_api::{
    Analyzer, AnalyzerError, CallData, ErrorKind, Metric, Output, Role, SegmentData, Signal,
};
use callsight_sentiment::{Config, Sentiment, polarity_scores};
use serde::Deserialize;
use serde::de::value::{Error, MapDeserializer};

fn call(language: &str, segments: Vec<SegmentData>) -> CallData {
    CallData {
        duration_ms: 60_000,
        started_at_ms: 1_700_000_000_000,
        ..support::call(
            language,
            &[
                ("A", Role::Seller),
                ("B", Role::Customer),
                ("C", Role::Other),
            ],
            segments,
        )
    }
}

fn analyze(call: &CallData) -> Result<Output, AnalyzerError> {
    support::analyze(&Sentiment::create(Config::default()).unwrap(), call)
}

fn compound(text: &str) -> f64 {
    polarity_scores(text).compound
}

fn sentiment(value: &str, role: Role, segment: u32, start: i64, end: i64, score: f64) -> Signal {
    Signal {
        role: Some(role),
        segment: Some(segment),
        offset_ms: Some(start),
        duration_ms: Some(end - start),
        score: Some(score),
        ..Signal::new("sentiment", value)
    }
}

#[test]
fn each_seller_and_customer_segment_gets_a_signal_and_the_call_its_metrics() {
    let texts = [
        // seller, 8 words, positive
        "Thanks for joining, great to see you again!",
        // customer, 8 words, negative
        "The last release was terrible for our team.",
        // customer, 4 words, neutral (0)
        "We use it daily.",
        // customer, 6 words, positive
        "But the new dashboard looks really good.",
    ];
    let data = call(
        "en-US",
        vec![
            segment("A", Role::Seller, 0, 3_000, texts[0]),
            segment("B", Role::Customer, 3_500, 7_000, texts[1]),
            // Another role, and a segment without text: no signal.
            segment("C", Role::Other, 7_000, 8_000, "Great, recording now."),
            segment("B", Role::Customer, 8_000, 9_000, "  "),
            segment("B", Role::Customer, 9_000, 11_000, texts[2]),
            segment("B", Role::Customer, 11_000, 14_000, texts[3]),
        ],
    );
    let c = texts.map(compound);
    assert!(
        c[0] >= 0.05 && c[1] <= -0.05 && c[2] == 0.0 && c[3] >= 0.05,
        "{c:?}"
    );
    let output = analyze(&data).unwrap();
    assert_eq!(
        output.signals,
        [
            sentiment("positive", Role::Seller, 0, 0, 3_000, c[0]),
            sentiment("negative", Role::Customer, 1, 3_500, 7_000, c[1]),
            sentiment("neutral", Role::Customer, 4, 9_000, 11_000, c[2]),
            sentiment("positive", Role::Customer, 5, 11_000, 14_000, c[3]),
        ]
    );
    // Customer: words 8, 4, 7; one segment of each label out of three.
    let customer = (8.0 * c[1] + 4.0 * c[2] + 7.0 * c[3]) / 19.0;
    assert_eq!(
        output.metrics,
        [
            Metric::new("customer_sentiment_score", Some(customer), "score"),
            Metric::new("customer_positive_share", Some(1.0 / 3.0), "ratio"),
            Metric::new("customer_neutral_share", Some(1.0 / 3.0), "ratio"),
            Metric::new("customer_negative_share", Some(1.0 / 3.0), "ratio"),
            Metric::new("seller_sentiment_score", Some(c[0]), "score"),
        ]
    );
}

#[test]
fn a_role_without_text_has_null_metrics() {
    let data = call(
        "en",
        vec![
            segment("A", Role::Seller, 0, 1_000, "Hello?"),
            segment("B", Role::Customer, 1_000, 2_000, ""),
        ],
    );
    let output = analyze(&data).unwrap();
    assert_eq!(output.signals.len(), 1);
    let values: Vec<_> = output
        .metrics
        .iter()
        .map(|m| (m.name.as_str(), m.value))
        .collect();
    assert_eq!(
        values,
        [
            ("customer_sentiment_score", None),
            ("customer_positive_share", None),
            ("customer_neutral_share", None),
            ("customer_negative_share", None),
            ("seller_sentiment_score", Some(0.0)),
        ]
    );
}

#[test]
fn other_languages_are_unsupported_not_scored() {
    let data = call(
        "de-DE",
        vec![segment("B", Role::Customer, 0, 1_000, "Das ist gut")],
    );
    let error = analyze(&data).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unsupported);
    assert_eq!(
        error.message,
        "sentiment: language de-DE is not supported; VADER scores English"
    );
    let error = analyze(&call("", vec![])).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unsupported);
    // Case does not matter.
    assert!(analyze(&call("EN-gb", vec![])).is_ok());
}

#[test]
fn info_names_the_signal_and_every_metric() {
    let info = Sentiment::info();
    assert_eq!(info.name, analyzer::SENTIMENT);
    assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(info.signal_kinds, ["sentiment"]);
    let metrics: Vec<_> = info
        .metrics
        .iter()
        .map(|m| (m.name.as_str(), m.unit.as_str()))
        .collect();
    assert_eq!(
        metrics,
        [
            ("customer_sentiment_score", "score"),
            ("customer_positive_share", "ratio"),
            ("customer_neutral_share", "ratio"),
            ("customer_negative_share", "ratio"),
            ("seller_sentiment_score", "score"),
        ]
    );
    support::assert_built_in_units(&info);
}

#[test]
fn the_config_is_empty_and_refuses_unknown_fields() {
    let empty = MapDeserializer::<_, Error>::new(std::iter::empty::<(&str, &str)>());
    assert_eq!(Config::deserialize(empty).unwrap(), Config::default());
    let unknown = MapDeserializer::<_, Error>::new([("alpha", "15")].into_iter());
    assert!(Config::deserialize(unknown).is_err());
}
