//! `importCall` over HTTP: formats agree, re-imports write nothing, bad
//! input is refused with where it went wrong and leaves the database as it was.

use serde_json::{Value, json};

use crate::support::{Backend, Team, TestApp, on_both_backends, shared_data};
use crate::transcripts;

const IMPORT: &str = "mutation($input: ImportCallInput!) {
  importCall(input: $input) { created call { id externalId title durationMs sourceFormat analysisStatus seller { email }
    participants { speaker role } transcript { segments { index speaker role startMs endMs text } } } }
}";

fn input(format: &str, payload: String, seller: &str) -> Value {
    json!({"input": {"format": format, "payload": payload, "sellerEmail": seller,
        "speakers": [{"speaker": "spk_0", "role": "SELLER"}]}})
}

/// Segments without the index, for comparing formats.
fn segments(call: &Value) -> Vec<Value> {
    call["transcript"]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| json!([s["speaker"], s["role"], s["startMs"], s["endMs"], s["text"]]))
        .collect()
}

async fn same_call_in_every_format(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let token = app.token(&team.manager_a);
    let seller = "seller-a1@acme.example";

    let native = app
        .ok(
            &token,
            IMPORT,
            input("NATIVE", transcripts::native("call-1"), seller),
        )
        .await;
    let vtt = app
        .ok(&token, IMPORT, input("VTT", transcripts::vtt(), seller))
        .await;
    let aws = app
        .ok(
            &token,
            IMPORT,
            input(
                "AWS_TRANSCRIBE",
                transcripts::aws_transcribe("job-1"),
                seller,
            ),
        )
        .await;
    let native = &native["importCall"]["call"];
    let expected: Vec<Value> = transcripts::SEGMENTS
        .iter()
        .map(|(speaker, start, end, text)| {
            json!([
                speaker,
                if *speaker == "spk_0" {
                    "SELLER"
                } else {
                    "CUSTOMER"
                },
                start,
                end,
                text
            ])
        })
        .collect();
    assert_eq!(segments(native), expected);
    assert_eq!(
        segments(&vtt["importCall"]["call"]),
        expected,
        "WebVTT differs from native"
    );
    assert_eq!(
        segments(&aws["importCall"]["call"]),
        expected,
        "AWS Transcribe differs from native"
    );
    assert_eq!(native["seller"]["email"], seller);
    assert_eq!(native["durationMs"], 18_500);
    assert_eq!(native["analysisStatus"], "PENDING");
    assert_eq!(native["sourceFormat"], "NATIVE");
    assert_eq!(aws["importCall"]["call"]["sourceFormat"], "AWS_TRANSCRIBE");
    assert_eq!(
        native["participants"],
        json!([{"speaker": "spk_0", "role": "SELLER"}, {"speaker": "spk_1", "role": "CUSTOMER"}])
    );

    // The call list shows the three, newest first, in pages.
    let page = app.ok(&token, "{ calls(first: 2) { edges { cursor node { sourceFormat } } pageInfo { hasNextPage endCursor } } }", json!({})).await;
    assert_eq!(page["calls"]["edges"].as_array().unwrap().len(), 2);
    assert_eq!(page["calls"]["pageInfo"]["hasNextPage"], true);
    let after = page["calls"]["pageInfo"]["endCursor"].clone();
    let rest = app.ok(&token, "query($after: String) { calls(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }", json!({"after": after})).await;
    assert_eq!(rest["calls"]["edges"].as_array().unwrap().len(), 1);
    assert_eq!(rest["calls"]["pageInfo"]["hasNextPage"], false);
    let (code, _) = app
        .error(
            Some(&token),
            "{ calls(first: 101) { edges { cursor } } }",
            json!({}),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
    let (code, _) = app
        .error(
            Some(&token),
            "{ calls(after: \"garbage\") { edges { cursor } } }",
            json!({}),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
    app.finish().await;
}

async fn reimport_writes_nothing(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let token = app.token(&team.admin);
    let first = app
        .ok(
            &token,
            IMPORT,
            input(
                "NATIVE",
                transcripts::native("crm-42"),
                "seller-b1@acme.example",
            ),
        )
        .await;
    let before = (
        app.rows("calls").await,
        app.rows("segments").await,
        app.rows("participants").await,
    );
    let again = app
        .ok(
            &token,
            IMPORT,
            input(
                "NATIVE",
                transcripts::native("crm-42"),
                "seller-b1@acme.example",
            ),
        )
        .await;
    assert_eq!(first["importCall"]["created"], true);
    assert_eq!(again["importCall"]["created"], false);
    assert_eq!(
        again["importCall"]["call"]["id"],
        first["importCall"]["call"]["id"]
    );
    assert_eq!(
        before,
        (
            app.rows("calls").await,
            app.rows("segments").await,
            app.rows("participants").await
        )
    );
    assert_eq!(before, (1, 5, 2));
    app.finish().await;
}

/// A file without an external id imported twice is one call: the second
/// import finds it by its fingerprint (seller, start, segments) and writes
/// nothing; the same file for another seller is that seller's own call.
async fn a_file_without_external_id_imports_once(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let token = app.token(&team.admin);
    let vtt = |seller: &str| {
        json!({"input": {"format": "VTT", "payload": transcripts::vtt(), "sellerEmail": seller,
            "speakers": [{"speaker": "spk_0", "role": "SELLER"}]}})
    };
    let query =
        "mutation($input: ImportCallInput!) { importCall(input: $input) { created call { id } } }";
    let first = app.ok(&token, query, vtt("seller-a1@acme.example")).await;
    let rows = (app.rows("calls").await, app.rows("segments").await);
    let again = app.ok(&token, query, vtt("seller-a1@acme.example")).await;
    assert_eq!(first["importCall"]["created"], true);
    assert_eq!(again["importCall"]["created"], false, "{again}");
    assert_eq!(
        again["importCall"]["call"]["id"],
        first["importCall"]["call"]["id"]
    );
    assert_eq!(rows, (app.rows("calls").await, app.rows("segments").await));
    let other = app.ok(&token, query, vtt("seller-b1@acme.example")).await;
    assert_eq!(other["importCall"]["created"], true);
    assert_eq!(app.rows("calls").await, 2);
    app.finish().await;
}

/// An external id names one call of one seller: importing it for another
/// seller is refused, never answered with that seller's call.
async fn external_ids_belong_to_their_seller(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let token = app.token(&team.admin);
    let payload = transcripts::native("crm-77");
    app.ok(
        &token,
        IMPORT,
        input("NATIVE", payload.clone(), "seller-a1@acme.example"),
    )
    .await;
    let (code, message) = app
        .error(
            Some(&token),
            IMPORT,
            input("NATIVE", payload, "seller-b1@acme.example"),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT", "{message}");
    assert!(
        message.contains("crm-77") && message.contains("another seller"),
        "{message}"
    );
    assert_eq!(app.rows("calls").await, 1);
    app.finish().await;
}

/// A speaker labelled with the seller's name is the seller: no mapping
/// needed.
async fn a_speaker_named_like_the_seller_is_the_seller(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let token = app.token(&team.admin);
    let payload = json!({"externalId": "named-1", "segments": [
        {"speaker": "Seller-A1", "startMs": 0, "endMs": 4000, "text": "Thanks for joining today."},
        {"speaker": "Dana", "startMs": 4500, "endMs": 9000, "text": "Happy to be here."}
    ]})
    .to_string();
    let variables = json!({"input": {"format": "NATIVE", "payload": payload,
        "sellerEmail": "seller-a1@acme.example"}});
    let data = app
        .ok(
            &token,
            "mutation($input: ImportCallInput!) { importCall(input: $input) {
                call { participants { speaker role } } } }",
            variables,
        )
        .await;
    let mut roles: Vec<(String, String)> = data["importCall"]["call"]["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["speaker"].as_str().unwrap().to_owned(),
                p["role"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    roles.sort();
    assert_eq!(
        roles,
        [
            ("Dana".to_owned(), "CUSTOMER".to_owned()),
            ("Seller-A1".to_owned(), "SELLER".to_owned())
        ]
    );
    app.finish().await;
}

/// Bad inputs of every kind: BAD_USER_INPUT that says what and where, and no row written.
async fn bad_input_is_refused_whole(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let token = app.token(&team.admin);
    let seller = "seller-a1@acme.example";
    let huge_segments: Vec<Value> = (0..100_001)
        .map(|i| json!({"speaker": "spk_0", "startMs": i * 10, "endMs": i * 10 + 5}))
        .collect();
    let cases: Vec<(&str, Value, &str)> = vec![
        ("native syntax", input("NATIVE", "{\"segments\": [\n  {\"speaker\": \"a\",\n}".into(), seller), "line 3"),
        (
            "native field",
            input("NATIVE", r#"{"segments":[{"speaker":"spk_0","startMs":0,"endMs":"soon"}]}"#.into(), seller),
            "segments[0].endMs",
        ),
        ("vtt timing", input("VTT", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>hi</v>\n\n00:00:0x.000 --> 00:00:04.000\n<v B>yo</v>\n".into(), seller), "line 6"),
        ("aws", input("AWS_TRANSCRIBE", r#"{"results":{"items":[{"type":"pronunciation","start_time":"abc","end_time":"1.0","alternatives":[{"content":"hi"}]}]}}"#.into(), seller), "results.items[0].start_time"),
        ("call analytics", input("AWS_CALL_ANALYTICS", r#"{"Transcript":[{"ParticipantRole":"AGENT","BeginOffsetMillis":"x"}]}"#.into(), seller), "Transcript[0].BeginOffsetMillis"),
        ("deepgram", input("DEEPGRAM", r#"{"results":{"utterances":[{"start":1.0}]}}"#.into(), seller), "results.utterances[0]"),
        ("assemblyai", input("ASSEMBLYAI", r#"{"utterances":[{"speaker":"A","start":"0"}]}"#.into(), seller), "utterances[0]"),
        ("dynamics", input("DYNAMICS", r#"{"metadata":{},"transcript":[{"offset":"x"}]}"#.into(), seller), "transcript"),
        ("unknown seller", input("NATIVE", transcripts::native("x"), "nobody@acme.example"), "unknown seller"),
        ("seller of another org", input("NATIVE", transcripts::native("x"), "admin@globex.example"), "unknown seller"),
        (
            "unmappable speakers",
            json!({"input": {"format": "NATIVE", "payload": transcripts::native("x"), "sellerEmail": seller}}),
            "spk_0",
        ),
        (
            "beyond 24 h",
            input("NATIVE", r#"{"segments":[{"speaker":"spk_0","startMs":0,"endMs":86400001}]}"#.into(), seller),
            "24",
        ),
        ("over 100 000 segments", input("NATIVE", json!({"segments": huge_segments}).to_string(), seller), "100000"),
        ("over 20 MB", input("NATIVE", format!("{{\"title\": \"{}\", \"segments\": []}}", "x".repeat(20 * 1024 * 1024)), seller), "20"),
        ("unknown format", input("WORD_DOC", transcripts::native("x"), seller), "WORD_DOC"),
    ];
    Team::create(&app, "Globex", true).await;
    let before = (
        app.rows("calls").await,
        app.rows("segments").await,
        app.rows("participants").await,
    );
    for (case, variables, needle) in cases {
        let (code, message) = app.error(Some(&token), IMPORT, variables).await;
        assert_eq!(code, "BAD_USER_INPUT", "{case}: {message}");
        assert!(
            message
                .replace(['_', ' '], "")
                .contains(&needle.replace(['_', ' '], "")),
            "{case}: `{message}` does not name `{needle}`"
        );
        assert!(!message.to_lowercase().contains("sql"), "{case}: {message}");
    }
    assert_eq!(
        before,
        (
            app.rows("calls").await,
            app.rows("segments").await,
            app.rows("participants").await
        )
    );
    app.finish().await;
}

/// The AWS Call Analytics sample of ../shared/data imports with the roles it names.
async fn aws_call_analytics_sample(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let payload =
        std::fs::read_to_string(shared_data("aws/pca_call_analytics_testfile.json")).unwrap();
    let variables = json!({"input": {"format": "AWS_CALL_ANALYTICS", "payload": payload, "sellerEmail": "seller-a2@acme.example"}});
    let data = app.ok(&app.token(&team.admin), IMPORT, variables).await;
    let call = &data["importCall"]["call"];
    let segments = call["transcript"]["segments"].as_array().unwrap();
    assert_eq!(segments.len(), 12);
    assert_eq!(
        segments[1]["text"],
        "Thank you for calling Networks abc technical Support."
    );
    assert_eq!(
        (segments[1]["startMs"].clone(), segments[1]["endMs"].clone()),
        (json!(640), json!(3700))
    );
    let roles: Vec<&Value> = call["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["role"])
        .collect();
    assert_eq!(roles.len(), 2);
    app.finish().await;
}

on_both_backends!(
    same_call_in_every_format,
    reimport_writes_nothing,
    bad_input_is_refused_whole,
    aws_call_analytics_sample,
    external_ids_belong_to_their_seller,
    a_file_without_external_id_imports_once,
    a_speaker_named_like_the_seller_is_the_seller
);
