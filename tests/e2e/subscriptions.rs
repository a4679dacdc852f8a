//! Subscriptions over websocket (graphql-transport-ws): the token is
//! checked in `connection_init`, each subscriber receives only what its
//! viewer may read, and on PostgreSQL an event raised by one replica
//! reaches subscribers on another.

use std::time::Duration;

use serde_json::{Value, json};

use crate::access::import_for;
use crate::builtins::install_builtins;
use crate::comments::{ADD, REPLY, input, span};
use crate::smtp_sink::SmtpSink;
use crate::support::{Backend, Team, TestApp, on_both_backends, post_to, serve_process};
use crate::ws::{WsClient, listening};

const COMMENT_ADDED: &str = "subscription($id: ID!) { commentAdded(callId: $id) {
    id body visibility parentId author { name } call { id } } }";
const FEED: &str = "subscription { myCommentFeed { id body author { name } call { id } } }";
const ANALYSIS_FINISHED: &str =
    "subscription($id: ID!) { analysisFinished(callId: $id) { id analysisStatus } }";

/// Nothing arrives within this long when nothing should (it can only make
/// the test pass wrongly if the server is slower than this, never fail it).
const SETTLE: Duration = Duration::from_millis(300);

async fn subscribers_see_what_they_may_read(backend: Backend) {
    let app = TestApp::spawn_without_workers(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let call = import_for(&app, &team, "seller-a1@acme.example", "c1").await;
    let other_call = import_for(&app, &team, "seller-a2@acme.example", "c2").await;
    let manager = app.token(&team.manager_a);
    let addr = app.addr.to_string();

    let mut seller = WsClient::connect(&addr, &app.token(&team.seller_a1)).await;
    seller
        .subscribe("call", COMMENT_ADDED, json!({"id": call}))
        .await;
    seller.subscribe("feed", FEED, json!({})).await;
    let mut boss = WsClient::connect(&addr, &manager).await;
    boss.subscribe("feed", FEED, json!({})).await;
    let mut peer = WsClient::connect(&addr, &app.token(&team.seller_a2)).await;
    peer.subscribe("feed", FEED, json!({})).await;
    listening(&app.app.store, 4).await;

    // A private note first, then a shared one: the seller's first message
    // on each subscription is the shared one.
    app.ok(
        &manager,
        ADD,
        input(&call, span(1_000, 0), "Private: weak opener.", "PRIVATE"),
    )
    .await;
    let shared = app
        .ok(
            &manager,
            ADD,
            input(&call, span(2_000, 500), "Shared: nice question.", "SHARED"),
        )
        .await;
    let shared_id = shared["addComment"]["id"].as_str().unwrap().to_owned();
    let mut got = vec![seller.next().await, seller.next().await];
    got.sort_by_key(|m| m["id"].as_str().unwrap().to_owned());
    let field = |m: &Value, name: &str| m["payload"]["data"][name].clone();
    assert_eq!(got[0]["id"], "call", "{got:?}");
    assert_eq!(field(&got[0], "commentAdded")["id"], shared_id.as_str());
    assert_eq!(field(&got[0], "commentAdded")["visibility"], "SHARED");
    assert_eq!(
        field(&got[0], "commentAdded")["author"]["name"],
        "manager-a"
    );
    assert_eq!(got[1]["id"], "feed", "{got:?}");
    assert_eq!(field(&got[1], "myCommentFeed")["id"], shared_id.as_str());

    // The seller replies: the manager's feed hears it (their own comments
    // were not in it), the seller's call subscription too.
    let reply = app
        .ok(
            &app.token(&team.seller_a1),
            REPLY,
            json!({"id": shared_id, "body": "Thanks!"}),
        )
        .await;
    let reply_id = reply["replyToComment"]["id"].as_str().unwrap();
    let heard = boss.data("feed").await;
    assert_eq!(heard["myCommentFeed"]["id"], reply_id);
    assert_eq!(heard["myCommentFeed"]["author"]["name"], "seller-a1");
    let echoed = seller.data("call").await;
    assert_eq!(echoed["commentAdded"]["parentId"], shared_id.as_str());
    assert_eq!(
        seller.quiet(SETTLE).await,
        None,
        "own reply not in own feed"
    );
    // Another seller hears nothing of it.
    assert_eq!(peer.quiet(SETTLE).await, None);

    // A call the viewer may not see cannot be subscribed to.
    peer.subscribe("spy", COMMENT_ADDED, json!({"id": call}))
        .await;
    let refused = peer.next().await;
    assert_eq!(refused["id"], "spy", "{refused}");
    assert_eq!(
        refused["payload"]["errors"][0]["extensions"]["code"],
        "NOT_FOUND"
    );
    assert_eq!(peer.next().await["type"], "complete");

    // analysisFinished: the call once its job has run.
    seller
        .subscribe("analysis", ANALYSIS_FINISHED, json!({"id": call}))
        .await;
    peer.subscribe("analysis", ANALYSIS_FINISHED, json!({"id": other_call}))
        .await;
    listening(&app.app.store, 6).await;
    let _workers = callsight::analysis::spawn_workers(
        app.app.store.clone(),
        app.app.analysis.clone(),
        app.app.config.analysis.settings(),
    );
    let finished = seller.data("analysis").await;
    assert_eq!(finished["analysisFinished"]["id"], call.as_str());
    assert_eq!(finished["analysisFinished"]["analysisStatus"], "DONE");
    let finished = peer.data("analysis").await;
    assert_eq!(finished["analysisFinished"]["id"], other_call.as_str());
    app.finish().await;
}

async fn a_websocket_needs_a_valid_token(backend: Backend) {
    let app = TestApp::spawn_without_workers(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let addr = app.addr.to_string();
    for payload in [
        json!({}),
        json!({"Authorization": "Bearer not-a-token"}),
        json!({"token": "not-a-token"}),
    ] {
        let refused = WsClient::connect_with(&addr, payload.clone()).await;
        assert!(refused.is_err(), "{payload} was accepted");
    }
    // `token` without the scheme works as well as the header form.
    let token = app.token(&team.seller_a1);
    WsClient::connect_with(&addr, json!({"token": token}))
        .await
        .expect("token accepted");

    // A subscription follows its viewer's reach as it changes: manager B,
    // who did not see A1 when subscribing, hears of A1's call once A1
    // moves to B's team.
    let call = import_for(&app, &team, "seller-a1@acme.example", "c1").await;
    let mut manager_b = WsClient::connect(&addr, &app.token(&team.manager_b)).await;
    manager_b.subscribe("feed", FEED, json!({})).await;
    listening(&app.app.store, 1).await;
    let update = "mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id } }";
    let moved = json!({"id": team.seller_a1.id.0.to_string(),
        "input": {"managerId": team.manager_b.id.0.to_string()}});
    app.ok(&app.token(&team.admin), update, moved).await;
    app.ok(
        &app.token(&team.admin),
        ADD,
        input(&call, span(0, 0), "After.", "SHARED"),
    )
    .await;
    let heard = manager_b.data("feed").await;
    assert_eq!(heard["myCommentFeed"]["body"], "After.");

    // A connection ends when its token expires.
    let short = app
        .app
        .keys
        .mint(&team.seller_a1, Duration::from_secs(2))
        .unwrap();
    let mut client = WsClient::connect(&addr, &short).await;
    client.subscribe("feed", FEED, json!({})).await;
    client.closed().await;

    // An organisation with the feature off gets FEATURE_DISABLED.
    let off = Team::create(&app, "Initech", false).await;
    let mut client = WsClient::connect(&addr, &app.token(&off.seller_a1)).await;
    client.subscribe("feed", FEED, json!({})).await;
    let refused = client.next().await;
    assert_eq!(
        refused["payload"]["errors"][0]["extensions"]["code"], "FEATURE_DISABLED",
        "{refused}"
    );
    app.finish().await;
}

on_both_backends!(
    subscribers_see_what_they_may_read,
    a_websocket_needs_a_valid_token
);

/// Issue 6's whole story on two `callsight serve` replicas sharing one
/// PostgreSQL database: a manager comments through replica A, the seller's
/// subscriptions on replica B receive it, the seller replies through B,
/// the private note stays invisible, the e-mail lands in the SMTP sink,
/// and an action item becomes a follow-up the seller closes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_share_events() {
    let Some(backend) = Backend::postgres("subscriptions::replicas_share_events") else {
        return;
    };
    // The test's own App seeds the organisation and mints tokens with the
    // secret the replicas read from the shared data folder.
    let seed = TestApp::spawn_without_workers(&backend).await;
    let team = Team::create(&seed, "Acme", true).await;
    let sink = SmtpSink::start().await;
    let port = sink.addr.port().to_string();
    let smtp = [
        ("CALLSIGHT_SMTP__HOST", "127.0.0.1"),
        ("CALLSIGHT_SMTP__PORT", port.as_str()),
        ("CALLSIGHT_SMTP__FROM", "Callsight <coach@acme.example>"),
        ("CALLSIGHT_SMTP__TLS", "none"),
        ("CALLSIGHT_OUTBOX__POLL_MS", "200"),
    ];
    let plugins = install_builtins();
    let (mut replica_a, url_a) = serve_process(&seed.db, plugins.path(), &smtp);
    let (mut replica_b, url_b) = serve_process(&seed.db, plugins.path(), &smtp);
    let addr_b = url_b
        .trim_start_matches("http://")
        .trim_end_matches("/graphql")
        .to_owned();
    let manager = seed.token(&team.manager_a);
    let seller = seed.token(&team.seller_a1);
    let post = |url: String, token: String, query: &'static str, variables: Value| async move {
        let body = post_to(&url, &token, query, variables).await;
        assert!(body.get("errors").is_none(), "{body}");
        body["data"].clone()
    };

    // The call is imported through A; B's subscriber hears its analysis end.
    let import = "mutation($input: ImportCallInput!) { importCall(input: $input) { call { id } } }";
    let call_json = json!({"segments": [
        {"speaker": "rep", "startMs": 0, "endMs": 6000, "text": "Thanks for joining. What does pricing look like today?"},
        {"speaker": "client", "startMs": 6500, "endMs": 14000, "text": "Honestly the integration worries me."},
        {"speaker": "rep", "startMs": 14500, "endMs": 20000, "text": "Understood. I'll send you the proposal by Friday."}
    ]})
    .to_string();
    let mut seller_ws = WsClient::connect(&addr_b, &seller).await;
    seller_ws.subscribe("feed", FEED, json!({})).await;
    let imported = post(
        url_a.clone(),
        seed.token(&team.admin),
        import,
        json!({"input": {"format": "NATIVE", "payload": call_json, "sellerEmail": "seller-a1@acme.example",
            "title": "Pricing with Dana", "speakers": [{"speaker": "rep", "role": "SELLER"}]}}),
    )
    .await;
    let call = imported["importCall"]["call"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    seller_ws
        .subscribe("call", COMMENT_ADDED, json!({"id": call}))
        .await;
    seller_ws
        .subscribe("analysis", ANALYSIS_FINISHED, json!({"id": call}))
        .await;
    // Unless the analysis finished before the subscription started, B's
    // subscriber hears of it; either way the call ends analysed.
    let status = "query($id: ID!) { call(id: $id) { analysisStatus actionItems { id value } } }";
    let mut analysed = post(url_b.clone(), seller.clone(), status, json!({"id": call})).await;
    if analysed["call"]["analysisStatus"] == "PENDING" {
        let finished = seller_ws.data("analysis").await;
        assert_eq!(finished["analysisFinished"]["analysisStatus"], "DONE");
        analysed = post(url_b.clone(), seller.clone(), status, json!({"id": call})).await;
    }
    assert_eq!(analysed["call"]["analysisStatus"], "DONE");

    // The manager writes a private note, then a shared comment, through A.
    post(
        url_a.clone(),
        manager.clone(),
        ADD,
        input(
            &call,
            span(1_000, 0),
            "Private: pricing came too early.",
            "PRIVATE",
        ),
    )
    .await;
    let shared = post(
        url_a.clone(),
        manager.clone(),
        ADD,
        input(
            &call,
            span(14_500, 5_500),
            "Great **commitment** here.",
            "SHARED",
        ),
    )
    .await;
    let shared_id = shared["addComment"]["id"].as_str().unwrap().to_owned();
    let mut got = vec![seller_ws.next().await, seller_ws.next().await];
    got.sort_by_key(|m| m["id"].as_str().unwrap().to_owned());
    assert_eq!(
        got[0]["payload"]["data"]["commentAdded"]["id"],
        shared_id.as_str(),
        "{got:?}"
    );
    assert_eq!(
        got[1]["payload"]["data"]["myCommentFeed"]["id"],
        shared_id.as_str(),
        "{got:?}"
    );

    // The seller replies through B; the private note is nowhere for them.
    post(
        url_b.clone(),
        seller.clone(),
        REPLY,
        json!({"id": shared_id, "body": "Thanks, I will keep doing it."}),
    )
    .await;
    let threads = "query($id: ID!) { call(id: $id) { comments { body replies { body } } } }";
    let seen = post(url_b.clone(), seller.clone(), threads, json!({"id": call})).await;
    assert_eq!(
        seen["call"]["comments"],
        json!([{"body": "Great **commitment** here.",
                "replies": [{"body": "Thanks, I will keep doing it."}]}])
    );

    // The shared comment reached the seller by e-mail; the reply its author.
    let mail = sink.wait_for(2, Duration::from_secs(30)).await;
    let to_seller = mail
        .iter()
        .find(|m| m.to.iter().any(|r| r.contains("seller-a1@acme.example")))
        .expect("an e-mail to the seller");
    assert!(to_seller.body().contains("Great **commitment** here."));
    assert!(
        to_seller
            .header("Subject")
            .unwrap()
            .contains("Pricing with Dana")
    );
    assert!(
        mail.iter()
            .any(|m| m.to.iter().any(|r| r.contains("manager-a@acme.example")))
    );
    assert!(mail.iter().all(|m| !m.body().contains("Private")));

    // The action item becomes a task the seller closes.
    let item = analysed["call"]["actionItems"][0]["id"]
        .as_str()
        .expect("an action item")
        .to_owned();
    let create =
        "mutation($input: CreateFollowUpInput!) { createFollowUp(input: $input) { id status } }";
    let created = post(
        url_a.clone(),
        manager.clone(),
        create,
        json!({"input": {"callId": call, "actionItemId": item, "kind": "TASK",
            "dueAt": "2030-01-10T09:00:00Z"}}),
    )
    .await;
    let follow_up = created["createFollowUp"]["id"].as_str().unwrap().to_owned();
    let close =
        "mutation($id: ID!) { updateFollowUp(id: $id, input: {status: DONE}) { status closedAt } }";
    let closed = post(
        url_b.clone(),
        seller.clone(),
        close,
        json!({"id": follow_up}),
    )
    .await;
    assert_eq!(closed["updateFollowUp"]["status"], "DONE");
    assert!(closed["updateFollowUp"]["closedAt"].is_string());

    // A replica asked to stop stops, open websockets and all.
    // SAFETY: SIGTERM to a child we spawned and have not reaped.
    unsafe { libc::kill(replica_b.id() as i32, libc::SIGTERM) };
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = replica_b.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "replica B still running 30 s after SIGTERM with a websocket open"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "{status}");
    seller_ws.closed().await;
    replica_a.kill().unwrap();
    replica_a.wait().unwrap();
    seed.finish().await;
}
