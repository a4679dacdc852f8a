//! Health endpoints and authentication at the door.

use serde_json::json;

use crate::support::{Backend, Team, TestApp, on_both_backends};

async fn health_and_auth(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let get = |path: &str| app.http.get(app.url(path)).send();
    let health = get("/healthz").await.unwrap();
    assert_eq!(
        (health.status().as_u16(), health.text().await.unwrap()),
        (200, "ok".to_owned())
    );
    let ready = get("/readyz").await.unwrap();
    assert_eq!(
        (ready.status().as_u16(), ready.text().await.unwrap()),
        (200, "ready".to_owned())
    );
    let graphiql = get("/graphql").await.unwrap();
    assert_eq!(graphiql.status().as_u16(), 200);
    assert!(graphiql.text().await.unwrap().contains("graphiql"));

    // No token, a malformed header, a forged token: UNAUTHENTICATED, HTTP 401.
    let (status, body) = app.post(None, "{ me { id } }", json!({})).await;
    assert_eq!(status, 401);
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    let forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwib3JnIjoxLCJpc3MiOiJjYWxsc2lnaHQiLCJleHAiOjQxMDI0NDQ4MDB9.x";
    let (status, body) = app.post(Some(forged), "{ me { id } }", json!({})).await;
    assert_eq!(
        (status, &body["errors"][0]["extensions"]["code"]),
        (401, &json!("UNAUTHENTICATED"))
    );
    let response = app
        .http
        .post(app.url("/graphql"))
        .header("Authorization", "Token abc")
        .json(&json!({"query": "{ me { id } }"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 401);

    // A valid token for a user that was since deleted is refused too: once
    // the viewer loaded for the last request expires (a deletion made
    // outside this process, e.g. by another replica, is not announced).
    let team = Team::create(&app, "Acme", true).await;
    let token = app.token(&team.seller_a1);
    let me = app
        .ok(&token, "{ me { email role manager { email } } }", json!({}))
        .await;
    assert_eq!(
        me["me"],
        json!({"email": "seller-a1@acme.example", "role": "SELLER", "manager": {"email": "manager-a@acme.example"}})
    );
    let backend = app.app.store.backend();
    sea_orm::ConnectionTrait::execute_raw(
        app.app.store.db(),
        sea_orm::Statement::from_string(
            backend,
            format!("DELETE FROM users WHERE id = {}", team.seller_a1.id),
        ),
    )
    .await
    .unwrap();
    tokio::time::sleep(callsight::auth::VIEWER_TTL + std::time::Duration::from_millis(100)).await;
    let (code, message) = app.error(Some(&token), "{ me { id } }", json!({})).await;
    assert_eq!(code, "UNAUTHENTICATED");
    assert!(message.contains("no longer exists"), "{message}");
    app.finish().await;
}

on_both_backends!(health_and_auth);
