//! Call recordings over real HTTP: upload, playback with Range requests,
//! recording tokens in the URL, who may upload and play, external URLs.

use callsight::auth::Link;
use callsight::domain::{CallId, Email};
use callsight::store::users::{self, User};
use reqwest::header::{ACCEPT_RANGES, CONTENT_RANGE, CONTENT_TYPE, LOCATION, RANGE};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::{Backend, Team, TestApp, on_both_backends};
use crate::transcripts;

/// Imports a call of `seller_email` as the admin, with an external
/// recording URL when given; returns its id.
async fn import(app: &TestApp, team: &Team, seller_email: &str, recording: Option<&str>) -> i64 {
    let mut payload: Value = serde_json::from_str(&transcripts::native(seller_email)).unwrap();
    if let Some(url) = recording {
        payload["recording"] = json!(url);
    }
    let query = "mutation($input: ImportCallInput!) { importCall(input: $input) { call { id } } }";
    let variables = json!({"input": {"format": "NATIVE", "payload": payload.to_string(),
        "sellerEmail": seller_email, "speakers": [{"speaker": "spk_0", "role": "SELLER"}]}});
    let data = app.ok(&app.token(&team.admin), query, variables).await;
    data["importCall"]["call"]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// A client that reports redirects instead of following them.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn audio(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(7).wrapping_add(seed))
        .collect()
}

fn path(call: i64) -> String {
    format!("/calls/{call}/recording")
}

async fn put(
    app: &TestApp,
    token: Option<&str>,
    call: i64,
    content_type: Option<&str>,
    bytes: Vec<u8>,
) -> (u16, Value) {
    let mut request = client().put(app.url(&path(call))).body(bytes);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(content_type) = content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn get(app: &TestApp, token: Option<&str>, url: &str) -> reqwest::Response {
    let mut request = client().get(app.url(url));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

/// The status and `extensions.code` of a refused request.
async fn refusal(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    let code = body["errors"][0]["extensions"]["code"].as_str();
    (status, code.unwrap_or_default().to_owned())
}

async fn seller_b1(app: &TestApp, team: &Team) -> User {
    let email = Email::parse("seller-b1@acme.example").unwrap();
    users::by_email_in_org(app.app.store.db(), team.admin.org, &email)
        .await
        .unwrap()
        .unwrap()
}

async fn upload_then_play_with_ranges(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let call = import(&app, &team, "seller-a1@acme.example", None).await;
    let seller = app.token(&team.seller_a1);
    let manager = app.token(&team.manager_a);
    let bytes = audio(1000, 3);

    let (status, body) = put(&app, Some(&seller), call, Some("audio/mpeg"), bytes.clone()).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["bytes"], 1000);
    assert_eq!(body["contentType"], "audio/mpeg");

    let whole = get(&app, Some(&manager), &path(call)).await;
    assert_eq!(whole.status().as_u16(), 200);
    assert_eq!(whole.headers()[CONTENT_TYPE], "audio/mpeg");
    assert_eq!(whole.headers()[ACCEPT_RANGES], "bytes");
    assert_eq!(whole.content_length(), Some(1000));
    assert_eq!(whole.bytes().await.unwrap(), bytes);

    let range = client()
        .get(app.url(&path(call)))
        .bearer_auth(&manager)
        .header(RANGE, "bytes=100-199")
        .send()
        .await
        .unwrap();
    assert_eq!(range.status().as_u16(), 206);
    assert_eq!(range.headers()[CONTENT_RANGE], "bytes 100-199/1000");
    assert_eq!(range.headers()[CONTENT_TYPE], "audio/mpeg");
    assert_eq!(range.bytes().await.unwrap(), bytes[100..200]);

    let beyond = client()
        .get(app.url(&path(call)))
        .bearer_auth(&manager)
        .header(RANGE, "bytes=5000-")
        .send()
        .await
        .unwrap();
    assert_eq!(beyond.status().as_u16(), 416);
    assert_eq!(beyond.headers()[CONTENT_RANGE], "bytes */1000");

    // The manager replaces it; the new bytes and type are served whole.
    let replacement = audio(500, 9);
    let (status, _) = put(
        &app,
        Some(&manager),
        call,
        Some("video/webm; codecs=vp9"),
        replacement.clone(),
    )
    .await;
    assert_eq!(status, 200);
    let whole = get(&app, Some(&seller), &path(call)).await;
    assert_eq!(whole.headers()[CONTENT_TYPE], "video/webm; codecs=vp9");
    assert_eq!(whole.bytes().await.unwrap(), replacement);

    // On disk: the recording and its type, no temporary files.
    let folder = app
        .app
        .config
        .data_dir
        .join(format!("recordings/{}", team.admin.org));
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [call.to_string(), format!("{call}.type")]);
    app.finish().await;
}

async fn recording_tokens_in_the_url(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let call = import(&app, &team, "seller-a1@acme.example", None).await;
    let other_call = import(&app, &team, "seller-a2@acme.example", None).await;
    let bytes = audio(300, 1);
    let (status, _) = put(
        &app,
        Some(&app.token(&team.admin)),
        call,
        Some("audio/ogg"),
        bytes.clone(),
    )
    .await;
    assert_eq!(status, 201);
    let keys = &app.app.keys;
    let org = team.admin.org;
    let token = keys
        .mint_link(org, team.seller_a1.id, Link::Recording(CallId(call)))
        .unwrap();
    let with = |token: &str| format!("{}?token={token}", path(call));

    // A recording token needs no header, and seeks like the bearer.
    let played = get(&app, None, &with(&token)).await;
    assert_eq!(played.status().as_u16(), 200);
    assert_eq!(played.headers()[CONTENT_TYPE], "audio/ogg");
    assert_eq!(played.bytes().await.unwrap(), bytes);
    let range = client()
        .get(app.url(&with(&token)))
        .header(RANGE, "bytes=10-19")
        .send()
        .await
        .unwrap();
    assert_eq!(range.status().as_u16(), 206);
    assert_eq!(range.bytes().await.unwrap(), bytes[10..20]);

    // Tampered, for another call, expired, an API token: 401.
    let mut tampered = token.clone().into_bytes();
    let last = tampered.len() - 2;
    tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    let for_other_call = keys
        .mint_link(org, team.seller_a1.id, Link::Recording(CallId(other_call)))
        .unwrap();
    let secret = callsight::auth::load_or_create_secret(None, &app.app.config.data_dir).unwrap();
    let now = chrono::Utc::now().timestamp();
    let expired = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &json!({"sub": team.seller_a1.id.to_string(), "org": org.0, "call": call,
            "aud": "callsight:recording", "iss": "callsight", "iat": now - 7200, "exp": now - 3600}),
        &jsonwebtoken::EncodingKey::from_secret(&secret),
    )
    .unwrap();
    let api = app.token(&team.seller_a1);
    for (what, bad) in [
        ("tampered", &tampered),
        ("another call's", &for_other_call),
        ("expired", &expired),
        ("API", &api),
    ] {
        let response = get(&app, None, &with(bad)).await;
        assert_eq!(
            refusal(response).await,
            (401, "UNAUTHENTICATED".to_owned()),
            "{what} token"
        );
    }
    // Neither is a recording token an API token.
    let response = get(&app, Some(&token), &path(call)).await;
    assert_eq!(refusal(response).await.0, 401);
    let (status, _) = app.post(Some(&token), "{ me { id } }", json!({})).await;
    assert_eq!(status, 401);
    let (status, _) = put(&app, Some(&token), call, Some("audio/ogg"), bytes).await;
    assert_eq!(status, 401, "a recording token uploads nothing");

    // The scope is checked on every request: a token for a user who cannot
    // see the call opens nothing.
    let outsider = keys
        .mint_link(org, team.seller_a2.id, Link::Recording(CallId(call)))
        .unwrap();
    let response = get(&app, None, &with(&outsider)).await;
    assert_eq!(refusal(response).await, (404, "NOT_FOUND".to_owned()));
    app.finish().await;
}

async fn who_may_upload_and_play(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let other = Team::create(&app, "Globex", true).await;
    let call = import(&app, &team, "seller-a1@acme.example", None).await;
    let outsiders = [
        ("seller of the same team", app.token(&team.seller_a2)),
        (
            "seller of another team",
            app.token(&seller_b1(&app, &team).await),
        ),
        ("manager of another team", app.token(&team.manager_b)),
        ("other org's admin", app.token(&other.admin)),
    ];

    for (who, token) in &outsiders {
        let (status, body) = put(&app, Some(token), call, Some("audio/mpeg"), audio(10, 0)).await;
        assert_eq!(status, 404, "{who}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND");
    }
    let (status, body) = put(&app, None, call, Some("audio/mpeg"), audio(10, 0)).await;
    assert_eq!(
        (status, &body["errors"][0]["extensions"]["code"]),
        (401, &json!("UNAUTHENTICATED"))
    );
    let admin = app.token(&team.admin);
    let response = get(&app, Some(&admin), &path(call)).await;
    assert_eq!(
        refusal(response).await,
        (404, "NOT_FOUND".to_owned()),
        "refused uploads write nothing"
    );

    let manager = app.token(&team.manager_a);
    for content_type in [
        Some("text/plain"),
        Some("audio/"),
        Some("application/ogg"),
        None,
    ] {
        let (status, body) = put(&app, Some(&manager), call, content_type, audio(10, 0)).await;
        assert_eq!(status, 415, "{content_type:?}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("audio/*")
        );
    }
    let (status, _) = put(&app, Some(&manager), call, Some("Audio/MP4"), audio(10, 0)).await;
    assert_eq!(status, 201);

    for (who, token) in &outsiders {
        let response = get(&app, Some(token), &path(call)).await;
        assert_eq!(
            refusal(response).await,
            (404, "NOT_FOUND".to_owned()),
            "{who}"
        );
    }
    for missing in [path(999_999), "/calls/abc/recording".to_owned()] {
        let response = get(&app, Some(&admin), &missing).await;
        assert_eq!(refusal(response).await, (404, "NOT_FOUND".to_owned()));
    }
    let response = get(&app, None, &path(call)).await;
    assert!(response.headers().contains_key("www-authenticate"));
    assert_eq!(refusal(response).await, (401, "UNAUTHENTICATED".to_owned()));
    for user in [&team.seller_a1, &team.manager_a, &team.admin] {
        let response = get(&app, Some(&app.token(user)), &path(call)).await;
        assert_eq!(response.status().as_u16(), 200, "{}", user.email);
    }

    // A declared size over the cap is refused before any byte is read.
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "PUT {} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {manager}\r\n\
         Content-Type: audio/mpeg\r\nContent-Length: {}\r\n\r\n",
        path(call),
        app.addr,
        3u64 << 30
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut response = vec![0; 12];
    stream.read_exact(&mut response).await.unwrap();
    assert_eq!(response, b"HTTP/1.1 413");

    // With conversation intelligence off, recordings are off too.
    let globex_call = import(&app, &other, "seller-a1@globex.example", None).await;
    let globex_admin = app.token(&other.admin);
    let disable =
        "mutation { updateOrganizationSettings(input: {conversationIntelligence: false}) { id } }";
    app.ok(&globex_admin, disable, json!({})).await;
    let (status, body) = put(
        &app,
        Some(&globex_admin),
        globex_call,
        Some("audio/mpeg"),
        vec![1],
    )
    .await;
    assert_eq!(
        (status, &body["errors"][0]["extensions"]["code"]),
        (403, &json!("FEATURE_DISABLED"))
    );
    app.finish().await;
}

async fn external_urls_pass_through(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let url = "https://media.example/calls/a1.mp3";
    let web = import(&app, &team, "seller-a1@acme.example", Some(url)).await;
    let elsewhere = import(
        &app,
        &team,
        "seller-a2@acme.example",
        Some("s3://bucket/a2.mp3"),
    )
    .await;
    let admin = app.token(&team.admin);

    let response = get(&app, Some(&admin), &path(web)).await;
    assert_eq!(response.status().as_u16(), 307);
    assert_eq!(response.headers()[LOCATION], url);
    let response = get(&app, Some(&app.token(&team.seller_a2)), &path(web)).await;
    assert_eq!(
        refusal(response).await.0,
        404,
        "only for those who see the call"
    );
    let response = get(&app, Some(&admin), &path(elsewhere)).await;
    assert_eq!(refusal(response).await, (404, "NOT_FOUND".to_owned()));

    // An upload wins over the URL given at import.
    let (status, _) = put(&app, Some(&admin), web, Some("audio/mpeg"), audio(20, 5)).await;
    assert_eq!(status, 201);
    let response = get(&app, Some(&admin), &path(web)).await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.bytes().await.unwrap(), audio(20, 5));
    app.finish().await;
}

on_both_backends!(
    upload_then_play_with_ranges,
    recording_tokens_in_the_url,
    who_may_upload_and_play,
    external_urls_pass_through,
);
