//! `importCall` with WebVTT, stored and read back: the speaker names a file
//! gives are the participants' names, and a file that cannot become a call
//! is refused saying why, with its line, writing nothing.

use serde_json::json;

use crate::support::{Backend, Team, TestApp, on_both_backends};

const IMPORT: &str = "mutation($input: ImportCallInput!) {
  importCall(input: $input) { call { participants { speaker name role } } }
}";

const TEAMS: &str = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Dana Whitfield>Hi Marcus.</v>\n\n\
    00:00:03.500 --> 00:00:05.000\n<v Marcus Oyelaran>Hi Dana.</v>\n";

async fn vtt_names_and_errors(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let token = app.token(&team.admin);
    let input = |payload: &str| {
        json!({"input": {"format": "VTT", "payload": payload, "sellerEmail": "seller-a1@acme.example",
            "speakers": [{"speaker": "Dana Whitfield", "role": "SELLER"}]}})
    };

    let data = app.ok(&token, IMPORT, input(TEAMS)).await;
    assert_eq!(
        data["importCall"]["call"]["participants"],
        json!([
            {"speaker": "Dana Whitfield", "name": "Dana Whitfield", "role": "SELLER"},
            {"speaker": "Marcus Oyelaran", "name": "Marcus Oyelaran", "role": "CUSTOMER"},
        ])
    );

    let calls = app.rows("calls").await;
    let cases = [
        ("", "line 1: the file is empty"),
        (
            "WEBVTT\n\n00:00:09.000 --> 00:00:04.000\n<v Dana Whitfield>Hi.</v>\n",
            "line 3: the cue ends at 0:00:04.000 before it starts at 0:00:09.000",
        ),
        (
            "WEBVTT\n",
            "line 1: the file has no cues after its `WEBVTT` header",
        ),
    ];
    for (payload, needle) in cases {
        let (code, message) = app.error(Some(&token), IMPORT, input(payload)).await;
        assert_eq!(code, "BAD_USER_INPUT", "{payload:?}: {message}");
        assert!(message.contains(needle), "{payload:?}: `{message}`");
        assert!(
            !message.contains("role mapping"),
            "{payload:?}: `{message}`"
        );
    }
    assert_eq!(app.rows("calls").await, calls);
    app.finish().await;
}

on_both_backends!(vtt_names_and_errors);
