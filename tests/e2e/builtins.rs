//! The built-in analyzers, loaded from beside the binary like any plugin,
//! on a real call: keywords from the org, team and per-call lists,
//! competitors, action items and questions, conversation style, sentiment.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::{Backend, Team, TestApp, on_both_backends};

/// The folder the build installs the built-in analyzers in (the binaries'
/// folder, `target/<profile>`), seen from this test's executable in `deps/`.
fn builtins_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent()
        .and_then(|deps| deps.parent())
        .unwrap()
        .to_owned()
}

const CALL: &str = r#"{"segments": [
  {"speaker": "rep", "startMs": 0, "endMs": 6000, "text": "Thanks for joining. What does pricing look like on your side today?"},
  {"speaker": "client", "startMs": 6500, "endMs": 14000, "text": "Honestly the integration worries me, and Gong quoted us less for onboarding."},
  {"speaker": "rep", "startMs": 14500, "endMs": 20000, "text": "Understood. I'll send you the proposal by Friday."},
  {"speaker": "client", "startMs": 20500, "endMs": 24000, "text": "Can you get me a reference customer?"}
]}"#;

/// A temp folder holding copies of the built-in analyzers (and nothing
/// else the build put beside them).
pub(crate) fn install_builtins() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "keywords",
        "competitors",
        "commitments",
        "conversation_style",
        "sentiment",
    ] {
        let file = format!(
            "{}callsight_{name}{}",
            std::env::consts::DLL_PREFIX,
            std::env::consts::DLL_SUFFIX
        );
        std::fs::copy(builtins_dir().join(&file), dir.path().join(&file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    dir
}

async fn builtins_analyse_a_call(backend: Backend) {
    let dir = install_builtins();
    let app = TestApp::spawn_with_plugins(&backend, dir.path(), 10_000).await;
    let loaded: Vec<&str> = app
        .app
        .analysis
        .host()
        .plugins()
        .iter()
        .map(|p| p.name())
        .collect();
    assert_eq!(
        loaded,
        [
            "commitments",
            "competitors",
            "conversation-style",
            "keywords",
            "sentiment"
        ]
    );
    let team = Team::create(&app, "Acme", true).await;
    let admin = app.token(&team.admin);
    let configure =
        "mutation($input: ConfigureAnalyzerInput!) { configureAnalyzer(input: $input) { name } }";
    app.ok(
        &admin,
        configure,
        json!({"input": {"name": "keywords", "config": {"keywords": ["pricing"]}}}),
    )
    .await;
    let competitors = json!({"competitors": [{"name": "Gong", "aliases": ["gong.io"]}]});
    app.ok(
        &admin,
        configure,
        json!({"input": {"name": "competitors", "config": competitors}}),
    )
    .await;
    let team_keywords = "mutation($id: ID!) { setTeamKeywords(managerId: $id, keywords: [\"integration\", \" \"]) }";
    let saved = app
        .ok(
            &admin,
            team_keywords,
            json!({"id": team.manager_a.id.to_string()}),
        )
        .await;
    assert_eq!(saved["setTeamKeywords"], json!(["integration"]));

    let import = "mutation($input: ImportCallInput!) { importCall(input: $input) { call { id } } }";
    let variables = json!({"input": {"format": "NATIVE", "payload": CALL, "sellerEmail": "seller-a1@acme.example",
        "speakers": [{"speaker": "rep", "role": "SELLER"}], "keywords": ["onboarding"]}});
    let id = app.ok(&admin, import, variables).await["importCall"]["call"]["id"].clone();
    let query = "query($id: ID!) { call(id: $id) { analysisStatus analyzerRuns { analyzer error }
        signals { analyzer kind value role segment offsetMs } metrics { analyzer name value } } }";
    let deadline = Instant::now() + Duration::from_secs(60);
    let call = loop {
        let call = app.ok(&admin, query, json!({"id": id})).await["call"].clone();
        if call["analysisStatus"] != "PENDING" || Instant::now() > deadline {
            break call;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(call["analysisStatus"], "DONE", "{call}");
    for run in call["analyzerRuns"].as_array().unwrap() {
        assert_eq!(run["error"], Value::Null, "{run}");
    }
    let found = |kind: &str| -> Vec<(String, String)> {
        call["signals"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["kind"] == kind)
            .map(|s| {
                (
                    s["value"].as_str().unwrap().to_owned(),
                    s["role"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    let mut keywords = found("keyword");
    keywords.sort();
    assert_eq!(
        keywords,
        [
            ("integration".into(), "CUSTOMER".into()),
            ("onboarding".into(), "CUSTOMER".into()),
            ("pricing".into(), "SELLER".into())
        ],
        "org, team and per-call lists all count"
    );
    assert_eq!(
        found("competitor"),
        [("Gong".to_owned(), "CUSTOMER".to_owned())]
    );
    assert_eq!(found("question").len(), 2);
    let action_items = found("action_item");
    assert!(
        action_items.contains(&(
            "I'll send you the proposal by Friday.".to_owned(),
            "SELLER".to_owned()
        )),
        "{action_items:?}"
    );
    let metric = |name: &str| {
        call["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == name)
            .map(|m| m["value"].clone())
    };
    assert_eq!(metric("switch_count"), Some(json!(3.0)));
    assert_eq!(metric("seller_question_count"), Some(json!(1.0)));
    assert_eq!(metric("competitor_mention_count"), Some(json!(1.0)));
    // VADER scores every segment; the customer's two make the call's shares.
    assert_eq!(found("sentiment").len(), 4, "{call}");
    let shares = [
        "customer_positive_share",
        "customer_neutral_share",
        "customer_negative_share",
    ]
    .map(|name| {
        metric(name)
            .and_then(|v| v.as_f64())
            .unwrap_or_else(|| panic!("{name}"))
    });
    assert!(
        (shares.iter().sum::<f64>() - 1.0).abs() < 1e-9,
        "{shares:?}"
    );
    assert!(metric("customer_sentiment_score").is_some_and(|v| v.is_number()));

    // The seller page says which list tracks each term the customer said.
    let today = chrono::Utc::now().date_naive().to_string();
    let page = app
        .ok(
            &app.token(&team.manager_a),
            "query($id: ID!, $range: DateRange!) { seller(id: $id) {
                keywords(range: $range) { term source mentions }
                competitors(range: $range) { term source } } }",
            json!({"id": team.seller_a1.id.to_string(),
                "range": {"from": today, "to": today}}),
        )
        .await;
    let sources = |field: &str| -> Vec<(String, String)> {
        let mut terms: Vec<(String, String)> = page["seller"][field]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["source"] != "AUTOMATIC")
            .map(|t| {
                (
                    t["term"].as_str().unwrap().to_owned(),
                    t["source"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        terms.sort();
        terms
    };
    assert_eq!(
        sources("keywords"),
        [
            ("integration".into(), "TEAM".into()),
            ("onboarding".into(), "CALL".into())
        ],
        "{page}"
    );
    assert_eq!(
        sources("competitors"),
        [("Gong".into(), "COMPETITOR".into())]
    );

    // A team's tracked keywords are read by its manager and admins only.
    let read = "query($id: ID!) { teamKeywords(managerId: $id) }";
    let manager_a = json!({"id": team.manager_a.id.to_string()});
    for token in [&admin, &app.token(&team.manager_a)] {
        let list = app.ok(token, read, manager_a.clone()).await;
        assert_eq!(list["teamKeywords"], json!(["integration"]));
    }
    let (code, _) = app
        .error(Some(&app.token(&team.manager_b)), read, manager_a.clone())
        .await;
    assert_eq!(code, "NOT_FOUND");
    let (code, _) = app
        .error(Some(&app.token(&team.seller_a1)), read, manager_a)
        .await;
    assert_eq!(code, "FORBIDDEN");
    app.finish().await;
}

/// A Korean Teams file says no language: the import detects it from what
/// was said, so the call is not taken for English, and the sentiment
/// analyzer, which scores English, says so instead of reporting a neutral
/// 0.0. A language given with the import wins.
async fn a_calls_language_is_given_or_detected(backend: Backend) {
    let dir = install_builtins();
    let app = TestApp::spawn_with_plugins(&backend, dir.path(), 10_000).await;
    let team = Team::create(&app, "Acme", true).await;
    let token = app.token(&team.admin);
    let lines = [
        (
            "Sam",
            "안녕하세요, 오늘 시간 내주셔서 감사합니다. 먼저 현재 상황을 여쭤봐도 될까요?",
        ),
        (
            "Dana",
            "네, 저희 팀은 지금 온보딩 과정이 너무 길어서 고민이 많습니다.",
        ),
        (
            "Sam",
            "알겠습니다. 그럼 다음 주 금요일까지 제안서를 보내드리겠습니다.",
        ),
        ("Dana", "좋습니다. 가격 정보도 함께 보내주세요."),
    ];
    let mut vtt = String::from("WEBVTT\n\n");
    for (i, (speaker, text)) in lines.iter().enumerate() {
        vtt += &format!(
            "00:00:{:02}.000 --> 00:00:{:02}.500\n<v {speaker}>{text}</v>\n\n",
            i * 5,
            i * 5 + 4
        );
    }
    let import = |language: Option<&str>, external_id: &str| {
        let mut input = json!({"format": "VTT", "payload": vtt, "externalId": external_id,
            "sellerEmail": "seller-a1@acme.example",
            "speakers": [{"speaker": "Sam", "role": "SELLER"}]});
        if let Some(language) = language {
            input["language"] = json!(language);
        }
        json!({"input": input})
    };
    let query =
        "mutation($input: ImportCallInput!) { importCall(input: $input) { call { id language } } }";
    let detected = app.ok(&token, query, import(None, "ko-1")).await;
    assert_eq!(
        detected["importCall"]["call"]["language"], "ko",
        "{detected}"
    );
    let given = app.ok(&token, query, import(Some("ko_kr"), "ko-2")).await;
    assert_eq!(given["importCall"]["call"]["language"], "ko-KR");
    let (code, message) = app
        .error(Some(&token), query, import(Some("Korean please"), "ko-3"))
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
    assert!(message.contains("input.language"), "{message}");

    let id = detected["importCall"]["call"]["id"].clone();
    let facts = "query($id: ID!) { call(id: $id) { analysisStatus customerSentiment
        analyzerRuns { analyzer error } } }";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let call = loop {
        let call = app.ok(&token, facts, json!({"id": id})).await["call"].clone();
        if call["analysisStatus"] != "PENDING" || std::time::Instant::now() > deadline {
            break call;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(
        call["customerSentiment"],
        Value::Null,
        "never a neutral 0.0: {call}"
    );
    let sentiment = call["analyzerRuns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["analyzer"] == "sentiment")
        .unwrap_or_else(|| panic!("{call}"));
    assert!(
        sentiment["error"]
            .as_str()
            .is_some_and(|e| e.contains("language ko is not supported")),
        "{sentiment}"
    );
    app.finish().await;
}

on_both_backends!(
    builtins_analyse_a_call,
    a_calls_language_is_given_or_detected
);
