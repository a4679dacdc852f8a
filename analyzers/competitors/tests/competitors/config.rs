//! The organisation's settings: shape and validation.

use callsight_competitors::{Competitors, Config};
use callsight_plugin_api::{Analyzer, ErrorKind};

fn config(json: &str) -> Config {
    serde_json::from_str(json).unwrap()
}

#[test]
fn empty_config_is_valid() {
    assert_eq!(config("{}"), Config::default());
    assert!(Competitors::validate(&Config::default()).is_ok());
    assert!(Competitors::create(Config::default()).is_ok());
    let c = config(r#"{"competitors": [{"name": "Gong"}]}"#);
    assert!(c.competitors[0].aliases.is_empty());
}

#[test]
fn unknown_fields_are_refused() {
    assert!(serde_json::from_str::<Config>(r#"{"rivals": []}"#).is_err());
    assert!(
        serde_json::from_str::<Config>(r#"{"competitors": [{"name": "Gong", "alias": []}]}"#)
            .is_err()
    );
    assert!(serde_json::from_str::<Config>(r#"{"competitors": [{"aliases": ["x"]}]}"#).is_err());
}

#[test]
fn invalid_configs_say_why() {
    for (json, message) in [
        (
            r#"{"competitors": [{"name": "Gong"}, {"name": "  "}]}"#,
            "competitor 2 has no name",
        ),
        (
            r#"{"competitors": [{"name": "Gong", "aliases": ["gong.io", ""]}]}"#,
            "competitor \"Gong\" has an empty alias",
        ),
        (
            r#"{"competitors": [{"name": "Salesforce", "aliases": ["SFDC"]},
                                {"name": "Slack", "aliases": ["sfdc"]}]}"#,
            "\"sfdc\" is claimed by both \"Salesforce\" and \"Slack\"",
        ),
        (
            r#"{"competitors": [{"name": "Zoom"}, {"name": "Zoom  Video", "aliases": ["ZOOM"]}]}"#,
            "\"ZOOM\" is claimed by both \"Zoom\" and \"Zoom  Video\"",
        ),
    ] {
        let error = Competitors::validate(&config(json)).unwrap_err();
        assert_eq!(error.kind, ErrorKind::InvalidConfig);
        assert_eq!(error.message, message);
        assert!(Competitors::create(config(json)).is_err());
    }
}

#[test]
fn one_competitor_may_repeat_itself() {
    // The name among its own aliases, or an alias twice: harmless.
    let c =
        config(r#"{"competitors": [{"name": "Gong", "aliases": ["gong", "Gong.io", "GONG.IO"]}]}"#);
    assert!(Competitors::validate(&c).is_ok());
}

#[test]
fn info_names_what_it_emits() {
    let info = Competitors::info();
    assert_eq!(info.name, "competitors");
    assert_eq!(info.signal_kinds, ["competitor"]);
    assert_eq!(info.metrics[0].name, "competitor_mention_count");
    assert_eq!(info.metrics[0].unit, "count");
    callsight_analyzer_test_support::assert_built_in_units(&info);
}
