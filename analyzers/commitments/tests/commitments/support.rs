//! Building calls for the tests and reading the analyzer's output.

use callsight_analyzer_test_support as support;
use callsight_commitments::{Commitments, Config};
use callsight_plugin_api::names::signal::{ACTION_ITEM, QUESTION};
use callsight_plugin_api::{Analyzer, CallData, Output, Role, SegmentData, Signal};

/// An untimed segment.
pub fn segment(role: Role, start_ms: i64, end_ms: i64, text: &str) -> SegmentData {
    support::segment(speaker(role), role, start_ms, end_ms, text)
}

/// `segment` with its whitespace-separated words spread evenly over its
/// time, punctuation attached as AWS Transcribe attaches it.
pub fn timed(segment: SegmentData) -> SegmentData {
    support::timed_evenly(segment)
}

fn speaker(role: Role) -> &'static str {
    match role {
        Role::Seller => "spk_0",
        Role::Customer => "spk_1",
        Role::Other => "spk_2",
    }
}

/// A call of `segments` with one participant per role.
pub fn call(segments: Vec<SegmentData>) -> CallData {
    let participants =
        [Role::Seller, Role::Customer, Role::Other].map(|role| (speaker(role), role));
    CallData {
        started_at_ms: 1_700_000_000_000,
        ..support::call("en-US", &participants, segments)
    }
}

/// The analyzer's output for `call`, with `config`.
pub fn analyze_with(config: Config, call: &CallData) -> Output {
    let analyzer = Commitments::create(config).expect("valid config");
    support::analyze(&analyzer, call).expect("analyzes")
}

pub fn analyze(call: &CallData) -> Output {
    analyze_with(Config::default(), call)
}

/// The action items of one text said by `role`: (owner, cue, when).
pub fn action_items(role: Role, text: &str) -> Vec<(String, String, Option<String>)> {
    let output = analyze(&call(vec![segment(role, 0, 1_000, text)]));
    output
        .signals
        .iter()
        .filter(|s| s.kind == ACTION_ITEM)
        .map(|s| {
            let data = s.data.as_ref().expect("action items carry data");
            (
                data["owner"].as_str().unwrap().to_owned(),
                data["cue"].as_str().unwrap().to_owned(),
                data["when"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

/// The owners of the action items in one text said by `role`.
pub fn owners(role: Role, text: &str) -> Vec<String> {
    action_items(role, text)
        .into_iter()
        .map(|(owner, _, _)| owner)
        .collect()
}

/// The question sentences of one text.
pub fn questions(text: &str) -> Vec<String> {
    analyze(&call(vec![segment(Role::Customer, 0, 1_000, text)]))
        .signals
        .into_iter()
        .filter(|s| s.kind == QUESTION)
        .map(|s: Signal| s.value)
        .collect()
}
