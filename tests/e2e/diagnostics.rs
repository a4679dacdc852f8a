//! What a maintainer and a client get when something goes wrong: an id on
//! every internal error (GraphQL and plain HTTP), unique violations worded
//! as the client's mistake, and a request id on every response and on
//! the log lines of its request.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use callsight::error::ServiceError;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::support::{Backend, Team, TestApp, on_both_backends};
use crate::transcripts;

const CREATE_USER: &str =
    "mutation($input: CreateUserInput!) { createUser(input: $input) { email } }";

fn new_user(email: &str) -> Value {
    json!({"input": {"email": email, "name": "Nova Seller", "role": "SELLER"}})
}

/// Runs `sql` on the test's own database.
async fn execute(app: &TestApp, sql: &str) {
    app.app
        .store
        .db()
        .execute_unprepared(sql)
        .await
        .unwrap_or_else(|err| panic!("{sql}: {err}"));
}

/// A server whose organisation has a user with a role no version of
/// Callsight wrote (a real internal error on every read of the users),
/// its people and its admin's token.
async fn with_a_corrupted_user(backend: &Backend) -> (TestApp, Team, String) {
    let app = TestApp::spawn(backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let admin = app.token(&team.admin);
    execute(
        &app,
        &format!(
            "UPDATE users SET role = 'wizard' WHERE id = {}",
            team.seller_a2.id
        ),
    )
    .await;
    (app, team, admin)
}

/// The errorId of an INTERNAL error: 16 hex digits, and a message that
/// tells nothing of the cause.
fn error_id(error: &Value) -> String {
    assert_eq!(error["extensions"]["code"], "INTERNAL", "{error}");
    assert_eq!(error["message"], "internal error", "{error}");
    let id = error["extensions"]["errorId"]
        .as_str()
        .unwrap_or_else(|| panic!("no errorId: {error}"));
    assert!(
        id.len() == 16 && id.chars().all(|c| c.is_ascii_hexdigit()),
        "{id}"
    );
    id.to_owned()
}

/// Concurrent `createUser` with one e-mail: one wins, every other gets
/// BAD_USER_INPUT (the check before the insert, or the unique index when
/// they passed it together), never INTERNAL.
async fn concurrent_duplicate_users(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let admin = app.token(&team.admin);
    for round in 0..5 {
        let email = format!("twin-{round}@acme.example");
        let bodies = at_once(&app, &admin, 4, CREATE_USER, new_user(&email)).await;
        let won = bodies.iter().filter(|b| b.get("errors").is_none()).count();
        assert_eq!(won, 1, "{bodies:?}");
        for body in bodies.iter().filter(|b| b.get("errors").is_some()) {
            let error = &body["errors"][0];
            assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{body}");
            assert_eq!(
                error["message"],
                format!("a user with e-mail {email} already exists in this organisation"),
                "{body}"
            );
        }
    }
    let users = app
        .rows("users WHERE email LIKE 'twin-%@acme.example'")
        .await;
    assert_eq!(users, 5);
    app.finish().await;
}

/// `n` POSTs of one GraphQL request, each on its own task so they run
/// at once; returns the bodies.
async fn at_once(
    app: &TestApp,
    token: &str,
    n: usize,
    query: &str,
    variables: Value,
) -> Vec<Value> {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..n {
        let request = app
            .http
            .post(app.url("/graphql"))
            .bearer_auth(token)
            .json(&json!({"query": query, "variables": variables}));
        tasks.spawn(async move { request.send().await?.json::<Value>().await });
    }
    tasks
        .join_all()
        .await
        .into_iter()
        .map(|body| body.expect("a JSON answer"))
        .collect()
}

/// A unique violation straight from the database, on either backend, is
/// BAD_USER_INPUT in a sentence that names no table or index.
async fn unique_violation_is_bad_user_input(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let duplicate = format!(
        "INSERT INTO users (org_id, email, name, role, created_at) \
         VALUES ({}, '{}', 'Twin', 'seller', '2026-01-05T09:00:00Z')",
        team.admin.org, team.seller_a1.email
    );
    let err = app
        .app
        .store
        .db()
        .execute_unprepared(&duplicate)
        .await
        .expect_err("the unique index refuses a second user with the e-mail");
    match ServiceError::from(err) {
        ServiceError::BadUserInput(message) => {
            assert!(message.contains("exists already"), "{message}");
            assert!(!message.contains("users"), "names a table: {message}");
        }
        other => panic!("expected BAD_USER_INPUT, got {other:?}"),
    }
    app.finish().await;
}

/// A corrupted row is a real internal error: the client sees a generic
/// message and an id, over GraphQL and over plain HTTP.
async fn internal_errors_carry_an_id(backend: Backend) {
    let (app, team, admin) = with_a_corrupted_user(&backend).await;
    let (status, body) = app
        .post(Some(&admin), "{ users { email } }", json!({}))
        .await;
    assert_eq!(status, 200, "{body}");
    let first = error_id(&body["errors"][0]);
    assert!(
        !body.to_string().contains("wizard"),
        "the cause leaked: {body}"
    );
    let (_, body) = app
        .post(Some(&admin), "{ users { email } }", json!({}))
        .await;
    assert_ne!(error_id(&body["errors"][0]), first, "one id per error");

    // A call whose stored source format no longer parses: the recording
    // endpoint answers 500 with the id in the GraphQL error shape.
    let payload = transcripts::native("corrupt-1");
    let variables = json!({"input": {"format": "NATIVE", "payload": payload,
        "sellerEmail": team.seller_a1.email.as_str(),
        "speakers": [{"speaker": "spk_0", "role": "SELLER"}]}});
    let data = app
        .ok(
            &admin,
            "mutation($input: ImportCallInput!) { importCall(input: $input) { call { id } } }",
            variables,
        )
        .await;
    let call = data["importCall"]["call"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    execute(
        &app,
        &format!("UPDATE calls SET source_format = 'papyrus' WHERE id = {call}"),
    )
    .await;
    let response = app
        .http
        .get(app.url(&format!("/calls/{call}/recording")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 500);
    let body: Value = response.json().await.unwrap();
    error_id(&body["errors"][0]);
    assert!(
        !body.to_string().contains("papyrus"),
        "the cause leaked: {body}"
    );
    app.finish().await;
}

/// Every response names its request: the client's `x-request-id` echoed,
/// or a new UUID, errors included.
async fn responses_carry_a_request_id(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let health = app.http.get(app.url("/healthz")).send().await.unwrap();
    let id = health.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let again = app.http.get(app.url("/healthz")).send().await.unwrap();
    assert_ne!(again.headers()["x-request-id"], id.as_str());
    let refused = app
        .http
        .post(app.url("/graphql"))
        .header("x-request-id", "support-ticket-42")
        .json(&json!({"query": "{ me { id } }"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 401);
    assert_eq!(refused.headers()["x-request-id"], "support-ticket-42");
    app.finish().await;
}

/// In the server's own log, the line of an internal error holds the id
/// the client got, the request's id and the whole cause.
async fn the_log_names_the_request_and_the_cause(backend: Backend) {
    let (app, _, admin) = with_a_corrupted_user(&backend).await;
    let plugins = tempfile::tempdir().unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_callsight"))
        .args(["serve", "--bind", "127.0.0.1:0", "--plugins"])
        .arg(plugins.path())
        .env("CALLSIGHT_DATA_DIR", app.db.dir.path().join("data"))
        .env("CALLSIGHT_DATABASE", &app.db.url)
        .env("CALLSIGHT_LOG", "info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let url = BufReader::new(server.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok)
        .find_map(|line| {
            line.strip_prefix("Callsight is serving ")
                .map(str::to_owned)
        })
        .expect("the server says where it serves");
    let response = app
        .http
        .post(&url)
        .bearer_auth(&admin)
        .header("x-request-id", "support-ticket-43")
        .json(&json!({"query": "{ users { email } }"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "support-ticket-43");
    let body: Value = response.json().await.unwrap();
    let error_id = error_id(&body["errors"][0]);
    server.kill().unwrap();
    let mut log = String::new();
    server
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    server.wait().unwrap();
    let line = log
        .lines()
        .find(|line| line.contains(&error_id))
        .unwrap_or_else(|| panic!("no log line names {error_id}:\n{log}"));
    assert!(line.contains("ERROR"), "{line}");
    assert!(line.contains("id=support-ticket-43"), "{line}");
    assert!(line.contains("wizard"), "the cause is missing: {line}");
    app.finish().await;
}

on_both_backends!(
    concurrent_duplicate_users,
    unique_violation_is_bad_user_input,
    internal_errors_carry_an_id,
    responses_carry_a_request_id,
    the_log_names_the_request_and_the_cause,
);
