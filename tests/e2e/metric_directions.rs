//! Every metric knows which way is better: the team ranking puts the best
//! seller first by the metric's direction (docs/metrics.md#ranking), and a
//! metric name nobody declares is refused wherever a client names one.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::builtins::install_builtins;
use crate::fixtures::copy_plugin_as;
use crate::support::{Backend, Team, TestApp, on_both_backends};

const RANGE: &str = r#"{from: "2026-11-01", to: "2026-11-30"}"#;

/// A turn: speaker label, start ms, end ms.
type Turn = (&'static str, i64, i64);

/// (seller e-mail, turns): one call each,
/// with seller talk-to-listen ratios of 0.45 (a1, closest to the ideal
/// 0.43), 0.85 (a2, the most talkative) and 0.20 (b1), and longest seller
/// monologues of 25 s, 85 s and 10 s.
const CALLS: [(&str, &[Turn]); 3] = [
    (
        "seller-a1@acme.example",
        &[
            ("rep", 0, 20_000),
            ("client", 20_000, 50_000),
            ("rep", 50_000, 75_000),
            ("client", 75_000, 100_000),
        ],
    ),
    (
        "seller-a2@acme.example",
        &[("rep", 0, 85_000), ("client", 85_000, 100_000)],
    ),
    (
        "seller-b1@acme.example",
        &[
            ("rep", 0, 10_000),
            ("client", 10_000, 50_000),
            ("rep", 50_000, 60_000),
            ("client", 60_000, 100_000),
        ],
    ),
];

/// What each speaker says: plain sentences, no questions or commitments.
fn text(speaker: &str) -> &'static str {
    if speaker == "rep" {
        "Our platform records every call and the team reviews the highlights together every week."
    } else {
        "We mostly work with spreadsheets today and the managers listen to a few calls each month."
    }
}

/// Imports each call of [`CALLS`] and waits until the built-in analyzers
/// are done with all of them.
async fn import_calls(app: &TestApp, admin: &str) {
    let import = "mutation($input: ImportCallInput!) { importCall(input: $input) { call { id } } }";
    let mut ids = Vec::new();
    for (i, (seller, segments)) in CALLS.iter().enumerate() {
        let payload = json!({
            "externalId": format!("direction-{i}"),
            "startedAt": "2026-11-02T15:00:00Z",
            "language": "en-US",
            "segments": segments.iter().map(|(speaker, start, end)| json!({
                "speaker": speaker, "startMs": start, "endMs": end, "text": text(speaker)
            })).collect::<Vec<_>>(),
        });
        let variables = json!({"input": {"format": "NATIVE", "payload": payload.to_string(),
            "sellerEmail": seller, "speakers": [{"speaker": "rep", "role": "SELLER"}]}});
        ids.push(app.ok(admin, import, variables).await["importCall"]["call"]["id"].clone());
    }
    let query = "query($id: ID!) { call(id: $id) { analysisStatus } }";
    let deadline = Instant::now() + Duration::from_secs(60);
    for id in ids {
        loop {
            let status =
                app.ok(admin, query, json!({"id": id})).await["call"]["analysisStatus"].clone();
            if status == "DONE" {
                break;
            }
            assert!(
                status == "PENDING" && Instant::now() < deadline,
                "call {id}: {status}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// The sellers of a ranking, first to last, with their values rounded to
/// 0.01.
async fn ranking(app: &TestApp, token: &str, arguments: &str) -> Vec<(String, f64)> {
    let query = format!(
        "{{ team(range: {RANGE}) {{ ranking({arguments}) {{ rank seller {{ email }} kpi {{ value }} }} }} }}"
    );
    app.ok(token, &query, json!({})).await["team"]["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["rank"].is_null())
        .map(|r| {
            let email = r["seller"]["email"].as_str().unwrap();
            let seller = email.split('@').next().unwrap().to_owned();
            let value = r["kpi"]["value"].as_f64().unwrap();
            (seller, (value * 100.0).round() / 100.0)
        })
        .collect()
}

fn sellers(ranked: &[(String, f64)]) -> Vec<&str> {
    ranked.iter().map(|(s, _)| s.as_str()).collect()
}

async fn the_best_seller_comes_first(backend: Backend) {
    let dir = install_builtins();
    copy_plugin_as(dir.path(), "fixture-good", "fixture_good");
    let app = TestApp::spawn_with_plugins(&backend, dir.path(), 10_000).await;
    let team = Team::create(&app, "Acme", true).await;
    let admin = app.token(&team.admin);
    import_calls(&app, &admin).await;

    // Talk-to-listen is best at its target, 0.43: not the most talkative first.
    let ratio = r#"metric: "talk_to_listen_ratio""#;
    let best = ranking(&app, &admin, ratio).await;
    assert_eq!(
        best,
        [
            ("seller-a1".to_owned(), 0.45),
            ("seller-b1".to_owned(), 0.2),
            ("seller-a2".to_owned(), 0.85)
        ]
    );
    let worst = ranking(&app, &admin, &format!("{ratio}, order: WORST_FIRST")).await;
    assert_eq!(sellers(&worst), ["seller-a2", "seller-b1", "seller-a1"]);
    // An explicit order works as it always did.
    let highest = ranking(&app, &admin, &format!("{ratio}, order: HIGHEST_FIRST")).await;
    assert_eq!(sellers(&highest), ["seller-a2", "seller-a1", "seller-b1"]);
    let lowest = ranking(&app, &admin, &format!("{ratio}, order: LOWEST_FIRST")).await;
    assert_eq!(sellers(&lowest), ["seller-b1", "seller-a1", "seller-a2"]);

    // The organisation's ideal target, when it sets one, is the target.
    let settings = "mutation { updateOrganizationSettings(input: {idealRanges: \
        [{metric: \"talk_to_listen_ratio\", max: 0.9, target: 0.8}]}) { id } }";
    app.ok(&admin, settings, json!({})).await;
    let best = ranking(&app, &admin, ratio).await;
    assert_eq!(sellers(&best), ["seller-a2", "seller-a1", "seller-b1"]);

    // A shorter seller monologue is better.
    let monologue = ranking(&app, &admin, r#"metric: "longest_seller_monologue_ms""#).await;
    assert_eq!(sellers(&monologue), ["seller-b1", "seller-a1", "seller-a2"]);
    // A plugin's metric that declares no direction ranks highest first.
    let share = ranking(&app, &admin, r#"metric: "seller_talk_share""#).await;
    assert_eq!(sellers(&share), ["seller-a2", "seller-a1", "seller-b1"]);

    // Each metric says which way is better.
    let analyzers = app
        .ok(
            &admin,
            "{ analyzers { name metrics { name direction target } } }",
            json!({}),
        )
        .await;
    let spec = |analyzer: &str, metric: &str| -> Value {
        analyzers["analyzers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == analyzer)
            .and_then(|a| {
                a["metrics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|m| m["name"] == metric)
            })
            .cloned()
            .unwrap_or_else(|| panic!("{analyzer}/{metric}: {analyzers}"))
    };
    assert_eq!(
        spec("conversation-style", "talk_to_listen_ratio"),
        json!({"name": "talk_to_listen_ratio", "direction": "TARGET", "target": 0.43})
    );
    assert_eq!(
        spec("conversation-style", "interruption_count")["direction"],
        "LOWER_IS_BETTER"
    );
    assert_eq!(
        spec("sentiment", "customer_positive_share")["direction"],
        "HIGHER_IS_BETTER"
    );
    assert_eq!(
        spec("talk-share", "seller_talk_share"),
        json!({"name": "seller_talk_share", "direction": "NEUTRAL", "target": null})
    );
    app.finish().await;
}

async fn unknown_metric_names_are_refused(backend: Backend) {
    let dir = install_builtins();
    copy_plugin_as(dir.path(), "fixture-good", "fixture_good");
    let app = TestApp::spawn_with_plugins(&backend, dir.path(), 10_000).await;
    let team = Team::create(&app, "Acme", true).await;
    let admin = app.token(&team.admin);
    let manager = app.token(&team.manager_a);
    let names_the_known_ones = |message: &str, field: &str| {
        assert!(
            message.starts_with(&format!("{field}: unknown metric `talk_to_listen`")),
            "{message}"
        );
        for known in [
            "talk_to_listen_ratio",
            "longest_seller_monologue_ms",
            "seller_talk_share",
        ] {
            assert!(message.contains(known), "{known}: {message}");
        }
    };

    let seller = format!(
        "{{ seller(id: \"{}\") {{ metric(name: \"talk_to_listen\", range: {RANGE}) {{ value }} }} }}",
        team.seller_a1.id
    );
    let (code, message) = app.error(Some(&manager), &seller, json!({})).await;
    assert_eq!(code, "BAD_USER_INPUT", "{message}");
    names_the_known_ones(&message, "name");

    let ranking =
        format!("{{ team(range: {RANGE}) {{ ranking(metric: \"talk_to_listen\") {{ rank }} }} }}");
    let (code, message) = app.error(Some(&manager), &ranking, json!({})).await;
    assert_eq!(code, "BAD_USER_INPUT", "{message}");
    names_the_known_ones(&message, "ranking.metric");

    let settings = "mutation { updateOrganizationSettings(input: {idealRanges: [\
        {metric: \"seller_talk_share\", max: 0.7}, {metric: \"talk_to_listen\", max: 0.5}]}) { id } }";
    let (code, message) = app.error(Some(&admin), settings, json!({})).await;
    assert_eq!(code, "BAD_USER_INPUT", "{message}");
    names_the_known_ones(&message, "idealRanges[1].metric");
    // Nothing was saved; a plugin's metric may have a range.
    let ranges = "{ organization { settings { idealRanges { metric } } } }";
    let saved = |data: Value| -> Vec<String> {
        data["organization"]["settings"]["idealRanges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["metric"].as_str().unwrap().to_owned())
            .collect()
    };
    let before = saved(app.ok(&admin, ranges, json!({})).await);
    assert!(
        !before
            .iter()
            .any(|m| m.starts_with("seller_talk") || m == "talk_to_listen")
    );
    let plugin_range = "mutation { updateOrganizationSettings(input: {idealRanges: [\
        {metric: \"seller_talk_share\", max: 0.7}]}) { settings { idealRanges { metric } } } }";
    let after = app.ok(&admin, plugin_range, json!({})).await;
    assert!(
        after["updateOrganizationSettings"]["settings"]["idealRanges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["metric"] == "seller_talk_share"),
        "{after}"
    );
    app.finish().await;
}

on_both_backends!(
    the_best_seller_comes_first,
    unknown_metric_names_are_refused
);
