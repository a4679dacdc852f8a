//! The seller details page and the team view over HTTP: who may read which
//! page (a table over every field that takes an id or returns people), and
//! the cost of a request in SQL statements, flat in the page size.

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

on_both_backends!(seller_page_roles, statements_flat_in_page_size);
