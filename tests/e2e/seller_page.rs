//! The seller details page and the team view over HTTP: who may read which
//! page (a table over every field that takes an id or returns people), and
//! the cost of a request in SQL statements, flat in the page size.

use callsight::domain::{Outcome, Scope};
use callsight::store::calls::{self, NewCall};
use callsight::store::results::RunRecord;
use callsight::store::{orgs, rollups};
use callsight_plugin_api::{Metric, Output, Role, Signal};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::support::{Backend, Team, TestApp, on_both_backends};
use crate::transcripts;

const RANGE: &str = r#"{from: "2000-01-01", to: "2001-12-31"}"#;

async fn import_for(app: &TestApp, team: &Team, seller_email: &str, external_id: &str) -> String {
    let query = "mutation($input: ImportCallInput!) { importCall(input: $input) { call { id } } }";
    let variables = json!({"input": {"format": "NATIVE", "payload": transcripts::native(external_id),
        "sellerEmail": seller_email, "speakers": [{"speaker": "spk_0", "role": "SELLER"}],
        "startedAt": "2001-06-01T10:00:00Z"}});
    let data = app.ok(&app.token(&team.admin), query, variables).await;
    data["importCall"]["call"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// What a viewer gets from one probe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// The data names seller A1 (or their call).
    Allow,
    /// The field answers, without seller A1 in it.
    Absent,
    /// An error with this code.
    Deny(&'static str),
}

use Expect::{Absent, Allow, Deny};

/// One field to probe: the query (with `$seller` and `$call` as seller
/// A1's and their call's ids) and a test of whether the answer names A1.
struct Probe {
    name: &'static str,
    query: String,
    names_a1: fn(&Value, &str, &str) -> bool,
}

fn contains_id(list: &Value, id: &str) -> bool {
    list.as_array()
        .is_some_and(|items| items.iter().any(|i| i["id"] == id))
}

fn probes() -> Vec<Probe> {
    let r = RANGE;
    vec![
        Probe {
            name: "seller(id) page",
            query: format!(
                "query($seller: ID!) {{ seller(id: $seller) {{ id name email user {{ id manager {{ id }} }} \
                 style(range: {r}) {{ talkToListen {{ value team topPerformers }} all {{ name }} }} \
                 metric(name: \"duration_ms\", range: {r}) {{ value }} \
                 stats(range: {r}) {{ calls customerSentiment {{ score }} sentimentOverTime(bucket: WEEK) {{ start }} }} \
                 insights(range: {r}) {{ kind calls {{ id }} }} \
                 keywords(range: {r}) {{ term calls {{ id }} }} competitors(range: {r}) {{ term }} \
                 outcomes(range: {r}) {{ calls }} \
                 calls(first: 10) {{ edges {{ node {{ id seller {{ id }} }} }} }} }} }}"
            ),
            names_a1: |d, seller, _| d["seller"]["id"] == seller,
        },
        Probe {
            name: "call(id) page",
            query: "query($call: ID!) { call(id: $call) { id seller { id } participants { name } \
                    transcript { segments { index role sentiment { label } } } sentiment { customer { score } } \
                    actionItems { value } questions { value } metrics { name } comments { id author { id } } \
                    analysisStatus } }"
                .to_owned(),
            names_a1: |d, _, call| d["call"]["id"] == call,
        },
        Probe {
            name: "calls(filter: sellerId)",
            query: "query($seller: ID!) { calls(filter: {sellerId: $seller}, first: 100) { edges { node { id seller { id } } } } }"
                .to_owned(),
            names_a1: |d, _, call| {
                d["calls"]["edges"]
                    .as_array()
                    .is_some_and(|e| e.iter().any(|e| e["node"]["id"] == call))
            },
        },
        Probe {
            name: "sellers",
            query: "{ sellers { id } }".to_owned(),
            names_a1: |d, seller, _| contains_id(&d["sellers"], seller),
        },
        Probe {
            name: "users",
            query: "{ users { id manager { id } } }".to_owned(),
            names_a1: |d, seller, _| contains_id(&d["users"], seller),
        },
        Probe {
            name: "team.sellers",
            query: format!("{{ team(range: {r}) {{ sellers {{ id }} }} }}"),
            names_a1: |d, seller, _| contains_id(&d["team"]["sellers"], seller),
        },
        Probe {
            name: "team.ranking",
            query: format!(
                "{{ team(range: {r}) {{ ranking(metric: \"duration_ms\") {{ rank seller {{ id }} kpi {{ value }} }} }} }}"
            ),
            names_a1: |d, seller, _| {
                d["team"]["ranking"]
                    .as_array()
                    .is_some_and(|r| r.iter().any(|r| r["seller"]["id"] == seller))
            },
        },
        Probe {
            name: "team.coaching/top/best",
            query: format!(
                "{{ team(range: {r}) {{ coachingCandidates {{ seller {{ id }} reasons {{ kind }} }} \
                 topPerformers {{ count sellers {{ seller {{ id }} }} }} \
                 bestPractices {{ kpis {{ name }} keywords {{ term }} }} sellers {{ id }} }} }}"
            ),
            names_a1: |d, seller, _| contains_id(&d["team"]["sellers"], seller),
        },
    ]
}

/// Every field of the seller page and team view that takes an id or
/// returns people × every kind of viewer.
async fn seller_page_roles(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let other = Team::create(&app, "Globex", true).await;
    let call = import_for(&app, &team, "seller-a1@acme.example", "a1").await;
    import_for(&app, &team, "seller-b1@acme.example", "b1").await;
    import_for(&app, &other, "seller-a1@globex.example", "g1").await;
    let seller = team.seller_a1.id.to_string();

    let viewers = [
        ("seller self", &team.seller_a1),
        ("seller other", &team.seller_a2),
        ("manager of", &team.manager_a),
        ("manager not of", &team.manager_b),
        ("admin", &team.admin),
        ("other org", &other.admin),
    ];
    // Expected outcome per probe (rows) and viewer (columns, as above).
    let nf = Deny("NOT_FOUND");
    let fb = Deny("FORBIDDEN");
    let table: [[Expect; 6]; 8] = [
        [Allow, nf, Allow, nf, Allow, nf],             // seller(id)
        [Allow, nf, Allow, nf, Allow, nf],             // call(id)
        [Allow, Absent, Allow, Absent, Allow, Absent], // calls(filter)
        [Allow, Absent, Allow, Absent, Allow, Absent], // sellers
        [Allow, Absent, Allow, Absent, Allow, Absent], // users
        [fb, fb, Allow, Absent, Allow, Absent],        // team.sellers
        [fb, fb, Allow, Absent, Allow, Absent],        // team.ranking
        [fb, fb, Allow, Absent, Allow, Absent],        // team.coaching/top/best
    ];
    let probes = probes();
    assert_eq!(probes.len(), table.len());
    for (probe, row) in probes.iter().zip(table) {
        for ((who, user), expected) in viewers.iter().zip(row) {
            let (status, body) = app
                .post(
                    Some(&app.token(user)),
                    &probe.query,
                    json!({"seller": seller, "call": call}),
                )
                .await;
            assert_eq!(status, 200, "{}: {who}: {body}", probe.name);
            let got = match body["errors"][0]["extensions"]["code"].as_str() {
                Some("NOT_FOUND") => Deny("NOT_FOUND"),
                Some("FORBIDDEN") => Deny("FORBIDDEN"),
                Some(other) => panic!("{}: {who}: unexpected {other}: {body}", probe.name),
                None if (probe.names_a1)(&body["data"], &seller, &call) => Allow,
                None => Absent,
            };
            assert_eq!(got, expected, "{}: {who}: {body}", probe.name);
            if let Deny(_) = got {
                let message = body["errors"][0]["message"].as_str().unwrap_or("");
                assert!(
                    !message.to_lowercase().contains("select") && !message.contains("sqlx"),
                    "{message}"
                );
            }
        }
    }
    app.finish().await;
}

/// A query whose lists hold `first` items.
type PageQuery = fn(usize) -> String;

/// The statements a request runs do not grow with the page size.
async fn statements_flat_in_page_size(backend: Backend) {
    let app = TestApp::spawn_without_workers(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    for n in 0..60 {
        import_for(&app, &team, "seller-a1@acme.example", &format!("a1-{n}")).await;
    }
    let token = app.token(&team.manager_a);
    let seller = team.seller_a1.id.to_string();
    // The seller page, the call list and the team ranking, each a list of
    // `first` items under a fixed shape.
    let pages: [(&str, PageQuery); 3] = [
        ("seller page", |first| {
            format!(
                "query($seller: ID!) {{ seller(id: $seller) {{ name \
                 style(range: {RANGE}) {{ all {{ name value team topPerformers trend {{ change }} }} }} \
                 stats(range: {RANGE}) {{ customerSentiment {{ score }} talkToListen }} \
                 insights(range: {RANGE}) {{ message }} keywords(range: {RANGE}) {{ term calls {{ id }} }} \
                 competitors(range: {RANGE}) {{ term calls {{ id }} }} \
                 calls(first: {first}) {{ edges {{ node {{ id title startedAt durationMs customerSentiment \
                 seller {{ name }} }} }} }} }} }}"
            )
        }),
        ("call list", |first| {
            format!(
                "{{ calls(first: {first}) {{ edges {{ node {{ id customerSentiment seller {{ name role }} }} }} }} }}"
            )
        }),
        ("team ranking", |first| {
            format!(
                "{{ team(range: {RANGE}) {{ ranking(metric: \"talk_to_listen_ratio\", first: {first}) \
                 {{ rank seller {{ name }} kpi {{ value team }} }} }} }}"
            )
        }),
    ];
    for (name, page) in pages {
        let mut counts = Vec::new();
        for first in [1, 10, 50] {
            let query = page(first);
            // The organisation's baselines are cached for a minute: warm them.
            app.ok(&token, &query, json!({"seller": seller})).await;
            let before = app.app.store.statements_executed();
            app.ok(&token, &query, json!({"seller": seller})).await;
            counts.push(app.app.store.statements_executed() - before);
        }
        assert!(
            counts.iter().all(|c| *c == counts[0]),
            "{name}: statements for page sizes 1, 10, 50: {counts:?}"
        );
    }
    app.finish().await;
}

/// Results as an analyzer would return them: a talk ratio, and customer
/// mentions of a competitor.
fn results(ratio: f64, mentions: usize) -> Vec<RunRecord> {
    let mut output = Output::default();
    output
        .metrics
        .push(Metric::new("talk_to_listen_ratio", Some(ratio), "ratio"));
    for _ in 0..mentions {
        let mut signal = Signal::new("competitor", "Gong");
        signal.role = Some(Role::Customer);
        output.signals.push(signal);
    }
    vec![RunRecord {
        analyzer: "test".into(),
        version: "1".into(),
        outcome: Ok(output),
    }]
}

/// The rollup rows of the organisation, in key order.
async fn rollup_rows(app: &TestApp) -> Vec<String> {
    let mut rows = Vec::new();
    for (table, columns) in [
        (
            "day_metrics",
            "seller_id, day, name, total, calls, in_ideal",
        ),
        ("day_terms", "seller_id, day, kind, term, mentions, calls"),
        ("day_calls", "seller_id, day, calls, won, lost"),
    ] {
        let statement = sea_orm::Statement::from_string(
            app.app.store.backend(),
            format!("SELECT {columns} FROM {table} ORDER BY {columns}"),
        );
        for row in app.app.store.db().query_all_raw(statement).await.unwrap() {
            let mut fields = vec![table.to_owned()];
            for column in columns.split(", ") {
                let text = row
                    .try_get::<i64>("", column)
                    .map(|v| v.to_string())
                    .or_else(|_| row.try_get::<i32>("", column).map(|v| v.to_string()))
                    .or_else(|_| row.try_get::<f64>("", column).map(|v| format!("{v:.9}")))
                    .or_else(|_| row.try_get::<String>("", column))
                    .unwrap();
                fields.push(text);
            }
            rows.push(fields.join(" "));
        }
    }
    rows
}

/// Rebuilding the rollups from stored results gives the rows the
/// incremental path wrote; changing the ideal ranges or the time zone
/// recomputes them.
async fn rollups_rebuild_like_they_accumulate(backend: Backend) {
    let app = TestApp::spawn_without_workers(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let store = &app.app.store;
    let scope = Scope::local_operator(team.admin.org);
    let org = orgs::get(store.db(), &scope).await.unwrap();
    // Five calls on two days, at 02:00 UTC (the evening before in New York).
    let new = |n: usize, seller: &callsight::store::users::User| {
        let started_at = format!("2026-03-1{}T02:00:00Z", n % 2)
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap();
        let mut call = crate::transcripts::minimal_call(&format!("r{n}"));
        call.outcome = Some(if n.is_multiple_of(2) {
            Outcome::Won
        } else {
            Outcome::Lost
        });
        NewCall {
            seller: seller.id,
            call,
            started_at,
            source_format: callsight::domain::Format::Native,
            tracked_keywords: Vec::new(),
            fingerprint: None,
            analysis: Some(results(0.2 * n as f64, n)),
        }
    };
    let calls: Vec<NewCall> = (0..5)
        .map(|n| {
            new(
                n,
                if n < 3 {
                    &team.seller_a1
                } else {
                    &team.seller_a2
                },
            )
        })
        .collect();
    calls::insert_analysed(store, &org, calls).await.unwrap();
    let incremental = rollup_rows(&app).await;
    assert!(incremental.len() > 10, "{incremental:?}");
    rollups::rebuild(store, &org).await.unwrap();
    assert_eq!(rollup_rows(&app).await, incremental);

    // A narrower ideal range counts fewer calls as ideal; the page shows it.
    let admin = app.token(&team.admin);
    let talk_to_listen = "query($id: ID!) { seller(id: $id) { style(range: {from: \"2026-03-01\", to: \"2026-03-31\"}) { talkToListen { value calls inIdealShare } } } }";
    let a1 = json!({"id": team.seller_a1.id.to_string()});
    // A1's ratios are 0, 0.2 and 0.4: all inside the default maximum 0.65.
    let before =
        app.ok(&admin, talk_to_listen, a1.clone()).await["seller"]["style"]["talkToListen"].clone();
    assert_eq!(before["calls"], 3);
    assert_eq!(before["inIdealShare"], 1.0);
    app.ok(
        &admin,
        "mutation { updateOrganizationSettings(input: {idealRanges: [{metric: \"talk_to_listen_ratio\", min: 0.1, max: 0.3}]}) { settings { idealRanges { metric min max } } } }",
        json!({}),
    )
    .await;
    let after = app.ok(&admin, talk_to_listen, a1).await["seller"]["style"]["talkToListen"].clone();
    assert!(
        (after["inIdealShare"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-9,
        "{after}"
    );
    let (code, message) = app
        .error(
            Some(&admin),
            "mutation { updateOrganizationSettings(input: {idealRanges: [{metric: \"x\", min: 2, max: 1}]}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT", "{message}");
    assert!(message.contains("idealRanges[0]"), "{message}");

    // In New York the calls fall a day earlier; totals stay.
    let days = |rows: &[String]| {
        rows.iter()
            .filter(|r| r.starts_with("day_calls 0 "))
            .cloned()
            .collect::<Vec<_>>()
    };
    let utc_days = days(&rollup_rows(&app).await);
    app.ok(
        &admin,
        "mutation { updateOrganizationSettings(input: {timeZone: \"America/New_York\"}) { timeZone } }",
        json!({}),
    )
    .await;
    let new_york_days = days(&rollup_rows(&app).await);
    assert_eq!(utc_days.len(), new_york_days.len());
    assert_ne!(utc_days, new_york_days);
    let org = orgs::get(store.db(), &scope).await.unwrap();
    let rebuilt = rollup_rows(&app).await;
    rollups::rebuild(store, &org).await.unwrap();
    assert_eq!(rollup_rows(&app).await, rebuilt);
    app.finish().await;
}

/// An insight's evidence is the seller's calls in range that show it,
/// newest first, and only those.
async fn insights_carry_their_calls(backend: Backend) {
    let app = TestApp::spawn_without_workers(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let store = &app.app.store;
    let org = orgs::get(store.db(), &Scope::local_operator(team.admin.org))
        .await
        .unwrap();
    // Talk-to-listen per day of March: above the ideal 0.65 on days 2, 4
    // and 5, inside it on day 3; day 9 is outside the range asked for.
    let calls: Vec<NewCall> = [(2, 0.9), (3, 0.5), (4, 0.8), (5, 0.95), (9, 0.9)]
        .into_iter()
        .map(|(day, ratio)| NewCall {
            seller: team.seller_a1.id,
            call: crate::transcripts::minimal_call(&format!("d{day}")),
            started_at: format!("2026-03-0{day}T12:00:00Z").parse().unwrap(),
            source_format: callsight::domain::Format::Native,
            tracked_keywords: Vec::new(),
            fingerprint: None,
            analysis: Some(results(ratio, 0)),
        })
        .collect();
    let ids = calls::insert_analysed(store, &org, calls).await.unwrap();
    let id = |n: usize| ids[n].id().to_string();
    let data = app
        .ok(
            &app.token(&team.manager_a),
            "query($id: ID!) { seller(id: $id) { insights(range: {from: \"2026-03-01\", to: \"2026-03-07\"}) { kind subject calls(first: 5) { id } } } }",
            json!({"id": team.seller_a1.id.to_string()}),
        )
        .await;
    let insights = data["seller"]["insights"].as_array().unwrap();
    let outside = insights
        .iter()
        .find(|i| i["kind"] == "OUTSIDE_IDEAL_RANGE" && i["subject"] == "talk_to_listen_ratio")
        .unwrap_or_else(|| panic!("{data}"));
    assert_eq!(
        outside["calls"],
        json!([{"id": id(3)}, {"id": id(2)}, {"id": id(0)}])
    );
    app.finish().await;
}

on_both_backends!(
    insights_carry_their_calls,
    seller_page_roles,
    statements_flat_in_page_size,
    rollups_rebuild_like_they_accumulate
);
