//! The organisation's settings: defaults, unknown fields, validation.

use callsight_keywords::{Config, KeyPhrases, Keywords};
use callsight_plugin_api::{Analyzer, ErrorKind};

fn config(json: &str) -> Result<Config, serde_json::Error> {
    serde_json::from_str(json)
}

#[test]
fn empty_config_is_the_default() {
    let c = config("{}").unwrap();
    assert_eq!(c, Config::default());
    assert!(c.keywords.is_empty());
    assert_eq!(
        c.key_phrases,
        KeyPhrases {
            enabled: true,
            top: 10
        }
    );
    assert!(Keywords::validate(&c).is_ok());
    let c = config(r#"{"key_phrases": {"top": 5}}"#).unwrap();
    assert!(c.key_phrases.enabled);
    assert_eq!(c.key_phrases.top, 5);
}

#[test]
fn unknown_fields_are_refused() {
    assert!(config(r#"{"keyword": ["x"]}"#).is_err());
    assert!(config(r#"{"key_phrases": {"count": 3}}"#).is_err());
}

#[test]
fn empty_terms_and_bad_top_are_refused() {
    for (json, message) in [
        (r#"{"keywords": ["pricing", "  "]}"#, "keyword 2 is empty"),
        (r#"{"keywords": [""]}"#, "keyword 1 is empty"),
        (
            r#"{"key_phrases": {"top": 0}}"#,
            "key_phrases.top must be between 1 and 50, not 0",
        ),
        (
            r#"{"key_phrases": {"top": 51}}"#,
            "key_phrases.top must be between 1 and 50, not 51",
        ),
    ] {
        let error = Keywords::validate(&config(json).unwrap()).unwrap_err();
        assert_eq!(error.kind, ErrorKind::InvalidConfig);
        assert_eq!(error.message, message);
        assert!(Keywords::create(config(json).unwrap()).is_err());
    }
    let ok = config(r#"{"keywords": ["pricing", "가격"], "key_phrases": {"top": 50}}"#).unwrap();
    assert!(Keywords::validate(&ok).is_ok());
}

#[test]
fn info_names_what_it_emits() {
    let info = Keywords::info();
    assert_eq!(info.name, "keywords");
    assert_eq!(info.signal_kinds, ["keyword", "key_phrase"]);
    assert_eq!(info.metrics.len(), 1);
    assert_eq!(info.metrics[0].name, "keyword_mention_count");
    assert_eq!(info.metrics[0].unit, "count");
    callsight_analyzer_test_support::assert_built_in_units(&info);
}
