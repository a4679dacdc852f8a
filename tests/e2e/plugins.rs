//! Analyzer plugins as real shared libraries: a good one loads and its
//! metric can be queried; every bad one is refused or contained with the
//! message its author needs; the server keeps answering throughout.

use std::process::Command;
use std::time::{Duration, Instant};

use callsight::analysis::{LoadError, PluginHost, PluginLimits, StartError};
use serde_json::{Value, json};

use crate::fixtures::{build_abort_fixture, copy_plugin_as, plugin_file, plugins_dir};
use crate::support::{Backend, Team, TestApp, on_both_backends};

/// A call where the seller talks 40 s and the customer 10 s.
fn talk_call() -> String {
    json!({
        "externalId": "plugin-call",
        "segments": [
            {"speaker": "rep", "startMs": 0, "endMs": 40_000, "text": "Let me walk you through the whole plan."},
            {"speaker": "client", "startMs": 41_000, "endMs": 51_000, "text": "Sounds good to me."}
        ]
    })
    .to_string()
}

/// Imports the call and waits for its analysis to finish.
async fn import_and_wait(app: &TestApp, token: &str) -> Value {
    let import = "mutation($input: ImportCallInput!) { importCall(input: $input) { call { id } } }";
    let variables = json!({"input": {"format": "NATIVE", "payload": talk_call(), "sellerEmail": "seller-a1@acme.example",
        "speakers": [{"speaker": "rep", "role": "SELLER"}]}});
    let id = app.ok(token, import, variables).await["importCall"]["call"]["id"].clone();
    let query = "query($id: ID!) { call(id: $id) { analysisStatus metrics { analyzer name value unit } analyzerRuns { analyzer version error } } }";
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let call = app.ok(token, query, json!({"id": id})).await["call"].clone();
        if call["analysisStatus"] != "PENDING" || Instant::now() > deadline {
            return call;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn run_error<'a>(call: &'a Value, analyzer: &str) -> &'a Value {
    let runs = call["analyzerRuns"].as_array().expect("runs");
    &runs
        .iter()
        .find(|r| r["analyzer"] == analyzer)
        .unwrap_or_else(|| panic!("no run of {analyzer}: {call}"))["error"]
}

/// The good analyzer's metric lands on the call while every misbehaving one
/// fails alone, with its reason recorded on the call.
async fn failures_stay_with_their_analyzer(backend: Backend) {
    let dir = plugins_dir(&[
        "fixture-good",
        "fixture-panic-analyze",
        "fixture-panic-create",
        "fixture-slow",
        "fixture-oversized",
    ]);
    // Long enough for the debug-built oversized fixture to encode its 26 MB
    // on a busy machine; the slow fixture sleeps 30 s.
    let app = TestApp::spawn_with_plugins(&backend, dir.path(), 8_000).await;
    let team = Team::create(&app, "Acme", true).await;
    let token = app.token(&team.admin);

    let call = import_and_wait(&app, &token).await;
    assert_eq!(call["analysisStatus"], "DONE", "{call}");
    assert_eq!(
        call["metrics"],
        json!([{"analyzer": "talk-share", "name": "seller_talk_share", "value": 0.8, "unit": "ratio"}])
    );
    assert_eq!(run_error(&call, "talk-share"), &Value::Null);
    assert_eq!(
        run_error(&call, "panic-analyze"),
        "the analyzer panicked: analyze exploded"
    );
    assert_eq!(
        run_error(&call, "panic-create"),
        "the analyzer panicked: create exploded"
    );
    assert_eq!(
        run_error(&call, "slow"),
        "the analyzer did not answer within 8000 ms"
    );
    let oversized = run_error(&call, "oversized").as_str().unwrap();
    assert!(
        oversized.contains("over the 16777216-byte cap"),
        "{oversized}"
    );

    // The service carries on: queries answer, and a second call is analysed too.
    app.ok(&token, "{ me { email } analyzers { name } }", json!({}))
        .await;
    let health = app.http.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status().as_u16(), 200);
    app.finish().await;
}

/// Libraries that are not valid plugins are refused with the reason and
/// the fix; the valid one next to them loads and the server serves.
async fn bad_libraries_are_refused_at_start(backend: Backend) {
    let dir = plugins_dir(&[
        "fixture-good",
        "fixture-panic-describe",
        "fixture-abi-too-new",
        "fixture-abi-too-old",
        "fixture-bad-magic",
        "fixture-no-entry",
    ]);
    std::fs::write(
        dir.path().join("libnot_a_library.so"),
        b"this is text, not ELF",
    )
    .unwrap();
    let app = TestApp::spawn_with_plugins(&backend, dir.path(), 5_000).await;
    let host = app.app.analysis.host();
    let loaded: Vec<&str> = host.plugins().iter().map(|p| p.name()).collect();
    assert_eq!(loaded, ["talk-share"]);
    let refused = |stem: &str| -> String {
        let failure = host
            .refused()
            .iter()
            .find(|f| f.path.file_name().unwrap().to_string_lossy().contains(stem))
            .unwrap_or_else(|| panic!("{stem} was not refused"));
        failure.error.to_string()
    };
    assert_eq!(
        refused("panic_describe"),
        "describing the analyzer failed: the analyzer panicked: describe exploded"
    );
    assert_eq!(
        refused("abi_too_new"),
        format!(
            "plugin ABI version 2 is not supported: this Callsight accepts ABI versions 1 to 1; rebuild the plugin \
             against callsight-plugin-api {} (ABI 1)",
            callsight_plugin_api::API_VERSION
        )
    );
    assert!(refused("abi_too_old").starts_with("plugin ABI version 0 is not supported"));
    assert!(refused("bad_magic").contains("not a Callsight plugin"));
    assert!(refused("no_entry").contains("no `callsight_plugin_entry` symbol"));
    assert!(refused("not_a_library").starts_with("cannot load the library"));
    assert_eq!(host.refused().len(), 6);

    let team = Team::create(&app, "Acme", true).await;
    let data = app.ok(&app.token(&team.seller_a1), "{ analyzers { name version abiVersion signalKinds metrics { name unit } enabled config } }", json!({})).await;
    assert_eq!(
        data["analyzers"],
        json!([{"name": "talk-share", "version": "0.1.0", "abiVersion": 1, "signalKinds": ["long_turn"],
            "metrics": [{"name": "seller_talk_share", "unit": "ratio"}], "enabled": true, "config": {}}])
    );
    app.finish().await;
}

/// Configs are validated by the plugin when an admin saves them.
async fn configs_are_validated_by_the_plugin(backend: Backend) {
    let dir = plugins_dir(&["fixture-good", "fixture-invalid-config"]);
    let app = TestApp::spawn_with_plugins(&backend, dir.path(), 5_000).await;
    let team = Team::create(&app, "Acme", true).await;
    let admin = app.token(&team.admin);
    let configure = "mutation($input: ConfigureAnalyzerInput!) { configureAnalyzer(input: $input) { name enabled config } }";
    let input = |config: Value| json!({"input": {"name": "strict-config", "config": config}});

    let (code, message) = app
        .error(Some(&admin), configure, input(json!({"threshold": 2})))
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
    assert!(
        message.contains("threshold must be between 0 and 1, got 2"),
        "{message}"
    );
    let (code, message) = app.error(Some(&admin), configure, input(json!({}))).await;
    assert_eq!(code, "BAD_USER_INPUT");
    assert!(message.contains("missing field `threshold`"), "{message}");
    let (code, _) = app
        .error(
            Some(&app.token(&team.manager_a)),
            configure,
            input(json!({"threshold": 0.5})),
        )
        .await;
    assert_eq!(code, "FORBIDDEN");
    let (code, _) = app
        .error(
            Some(&admin),
            configure,
            json!({"input": {"name": "nope", "enabled": false}}),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT");

    let saved = app
        .ok(&admin, configure, input(json!({"threshold": 0.5})))
        .await;
    assert_eq!(
        saved["configureAnalyzer"],
        json!({"name": "strict-config", "enabled": true, "config": {"threshold": 0.5}})
    );
    let off = json!({"input": {"name": "talk-share", "enabled": false}});
    app.ok(&admin, configure, off).await;
    let data = app
        .ok(&admin, "{ analyzers { name enabled config } }", json!({}))
        .await;
    assert_eq!(
        data["analyzers"],
        json!([{"name": "talk-share", "enabled": false, "config": {}}, {"name": "strict-config", "enabled": true, "config": {"threshold": 0.5}}])
    );
    // A disabled analyzer does not run; the configured one does.
    let call = import_and_wait(&app, &admin).await;
    let runs: Vec<&Value> = call["analyzerRuns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["analyzer"])
        .collect();
    assert_eq!(runs, [&json!("strict-config")]);

    // Switched back on, a re-analysis replaces the call's results.
    app.ok(
        &admin,
        configure,
        json!({"input": {"name": "talk-share", "enabled": true}}),
    )
    .await;
    let reanalyze = "mutation { reanalyzeCalls(filter: {}) }";
    let (code, _) = app
        .error(Some(&app.token(&team.manager_a)), reanalyze, json!({}))
        .await;
    assert_eq!(code, "FORBIDDEN");
    assert_eq!(
        app.ok(&admin, reanalyze, json!({})).await["reanalyzeCalls"],
        1
    );
    let query = "{ calls { edges { node { analysisStatus analyzerRuns { analyzer } metrics { name value } } } } }";
    let deadline = Instant::now() + Duration::from_secs(60);
    let node = loop {
        let node = app.ok(&admin, query, json!({})).await["calls"]["edges"][0]["node"].clone();
        if node["analysisStatus"] != "PENDING" || Instant::now() > deadline {
            break node;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(
        node["analyzerRuns"],
        json!([{"analyzer": "strict-config"}, {"analyzer": "talk-share"}])
    );
    assert_eq!(
        node["metrics"],
        json!([{"name": "seller_talk_share", "value": 0.8}])
    );
    app.finish().await;
}

on_both_backends!(
    failures_stay_with_their_analyzer,
    bad_libraries_are_refused_at_start,
    configs_are_validated_by_the_plugin
);

#[test]
fn the_same_analyzer_twice_stops_the_start() {
    let dir = plugins_dir(&["fixture-good"]);
    let copy = copy_plugin_as(dir.path(), "fixture-good", "talk_share_again");
    let err = PluginHost::load(dir.path(), PluginLimits::default()).unwrap_err();
    match &err {
        StartError::Duplicate { name, second, .. } => {
            assert_eq!((name.as_str(), second), ("talk-share", &copy))
        }
        other => panic!("{other}"),
    }
    assert!(
        err.to_string()
            .contains("two libraries declare the analyzer `talk-share`")
    );

    let output = Command::new(env!("CARGO_BIN_EXE_callsight"))
        .args(["plugins", "--plugins"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("two libraries declare the analyzer `talk-share`")
    );
}

#[test]
fn plugins_cli_lists_and_checks() {
    let dir = plugins_dir(&["fixture-good", "fixture-bad-magic"]);
    let callsight = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_callsight"));
        command.env("CALLSIGHT_LOG", "error");
        command
    };
    let list = callsight()
        .args(["plugins", "--plugins"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&list.stdout);
    assert!(list.status.success(), "{stdout}");
    assert!(
        stdout.contains("loaded   talk-share 0.1.0 (ABI 1"),
        "{stdout}"
    );
    assert!(
        stdout.contains("refused") && stdout.contains("not a Callsight plugin"),
        "{stdout}"
    );

    let good = callsight()
        .args(["plugins", "check"])
        .arg(plugin_file("fixture-good"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&good.stdout);
    assert!(
        good.status.success() && stdout.contains("\"name\": \"talk-share\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("min_segment_ms"),
        "the config schema is shown: {stdout}"
    );

    let bad = callsight()
        .args(["plugins", "check"])
        .arg(plugin_file("fixture-abi-too-new"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(!bad.status.success());
    assert!(
        stderr.contains("ABI version 2 is not supported") && stderr.contains("rebuild the plugin"),
        "{stderr}"
    );
}

#[test]
fn a_plugin_built_with_panic_abort_does_not_compile() {
    let output = build_abort_fixture();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("must unwind on panic"));
}

#[test]
fn load_errors_name_versions_and_fixes() {
    let err = LoadError::AbiVersion {
        found: 7,
        min: 1,
        max: 1,
        api: "0.1.0",
    };
    assert_eq!(
        err.to_string(),
        "plugin ABI version 7 is not supported: this Callsight accepts ABI versions 1 to 1; rebuild the plugin against \
         callsight-plugin-api 0.1.0 (ABI 1)"
    );
}
