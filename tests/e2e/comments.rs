//! Comments on moments of a call over HTTP: who may write, reply, edit,
//! delete and read them; a private note never reaches the seller; bad input
//! writes nothing; authors are read in one batch.

use std::time::Duration;

use serde_json::{Value, json};

use crate::access::import_for;
use crate::smtp_sink::SmtpSink;
use crate::support::{Backend, Team, TestApp, on_both_backends};

pub const ADD: &str = "mutation($input: AddCommentInput!) { addComment(input: $input) {
    id parentId body visibility deleted anchor { offsetMs durationMs segmentFrom segmentTo }
    author { name role } call { id } } }";
pub const REPLY: &str =
    "mutation($id: ID!, $body: String!) { replyToComment(commentId: $id, body: $body) {
    id parentId body visibility anchor { offsetMs durationMs } author { name } } }";
const EDIT: &str =
    "mutation($id: ID!, $input: EditCommentInput!) { editComment(id: $id, input: $input) {
    id body visibility editedAt } }";
const DELETE: &str = "mutation($id: ID!) { deleteComment(id: $id) { id comment { id deleted body replies { id } } } }";
const THREADS: &str = "query($id: ID!) { call(id: $id) { comments {
    id body visibility deleted anchor { offsetMs durationMs } author { name }
    replies { id body parentId author { name } } } } }";
const PAGE: &str = "query($id: ID!, $seller: ID!) {
    call(id: $id) { comments { author { name } replies { author { name } } } }
    seller(id: $seller) { unreadComments(first: 50) { comments {
        author { name } call { id title } replies { author { name } } } } } }";
const UNREAD: &str =
    "query($id: ID!) { seller(id: $id) { unreadComments { count comments { id body } } } }";
/// Long enough for a loaded CI machine; not a performance bound.
const PATIENCE: Duration = Duration::from_secs(30);
const MARK: &str =
    "mutation($call: ID, $ids: [ID!]) { markCommentsRead(callId: $call, commentIds: $ids) }";

/// A comment input on `call` at `anchor`.
pub fn input(call: &str, anchor: Value, body: &str, visibility: &str) -> Value {
    json!({"input": {"callId": call, "anchor": anchor, "body": body, "visibility": visibility}})
}

pub fn span(offset_ms: i64, duration_ms: i64) -> Value {
    json!({"span": {"offsetMs": offset_ms, "durationMs": duration_ms}})
}

fn id(data: &Value, field: &str) -> String {
    data[field]["id"].as_str().unwrap().to_owned()
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect()
}

async fn managers_comment_and_sellers_reply(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let call = import_for(&app, &team, "seller-a1@acme.example", "c1").await;
    let manager = app.token(&team.manager_a);
    let seller = app.token(&team.seller_a1);

    // A shared note on 16.2 s – 18.5 s, and a private one on segments 1–3,
    // whose times the server looks up (2.9 s to 16.0 s).
    let shared = app
        .ok(
            &manager,
            ADD,
            input(&call, span(16_200, 2_300), "**Nice** close.", "SHARED"),
        )
        .await;
    assert_eq!(
        shared["addComment"]["anchor"],
        json!({"offsetMs": 16_200, "durationMs": 2_300, "segmentFrom": null, "segmentTo": null})
    );
    assert_eq!(
        shared["addComment"]["author"],
        json!({"name": "manager-a", "role": "MANAGER"})
    );
    assert_eq!(shared["addComment"]["call"]["id"], call.as_str());
    let shared = id(&shared, "addComment");
    let private = app
        .ok(
            &manager,
            ADD,
            input(
                &call,
                json!({"segments": {"from": 1, "to": 3}}),
                "Coach on discovery next 1:1.",
                "PRIVATE",
            ),
        )
        .await;
    assert_eq!(
        private["addComment"]["anchor"],
        json!({"offsetMs": 2_900, "durationMs": 13_100, "segmentFrom": 1, "segmentTo": 3})
    );
    let private = id(&private, "addComment");

    // The seller reads only the shared thread, and replies to it; the reply
    // takes the thread's anchor and visibility.
    let threads = app.ok(&seller, THREADS, json!({"id": call})).await;
    assert_eq!(ids(&threads["call"]["comments"]), [shared.as_str()]);
    let reply = app
        .ok(
            &seller,
            REPLY,
            json!({"id": shared, "body": "Thanks, will do again."}),
        )
        .await;
    assert_eq!(reply["replyToComment"]["parentId"], shared.as_str());
    assert_eq!(reply["replyToComment"]["visibility"], "SHARED");
    assert_eq!(reply["replyToComment"]["anchor"]["offsetMs"], 16_200);
    let reply = id(&reply, "replyToComment");
    // A reply to the reply joins the thread.
    let manager_reply = app
        .ok(&manager, REPLY, json!({"id": reply, "body": "Great."}))
        .await;
    assert_eq!(manager_reply["replyToComment"]["parentId"], shared.as_str());

    // The manager sees both threads in anchor order, replies oldest first.
    let threads = app.ok(&manager, THREADS, json!({"id": call})).await;
    let comments = &threads["call"]["comments"];
    assert_eq!(ids(comments), [private.as_str(), shared.as_str()]);
    assert_eq!(comments[1]["replies"][0]["author"]["name"], "seller-a1");
    assert_eq!(comments[1]["replies"].as_array().unwrap().len(), 2);

    // Who may do what.
    let (code, _) = app
        .error(
            Some(&seller),
            ADD,
            input(&call, span(0, 0), "Self note", "SHARED"),
        )
        .await;
    assert_eq!(code, "FORBIDDEN", "a seller does not start threads");
    let (code, _) = app
        .error(Some(&seller), REPLY, json!({"id": private, "body": "peek"}))
        .await;
    assert_eq!(
        code, "NOT_FOUND",
        "a private thread does not exist for the seller"
    );
    for outsider in [&team.manager_b, &team.seller_a2] {
        let token = app.token(outsider);
        let (code, _) = app
            .error(Some(&token), ADD, input(&call, span(0, 0), "x", "SHARED"))
            .await;
        let expected = if outsider.role == callsight::domain::UserRole::Seller {
            "FORBIDDEN"
        } else {
            "NOT_FOUND"
        };
        assert_eq!(code, expected, "{}", outsider.name);
        let (code, _) = app
            .error(Some(&token), REPLY, json!({"id": shared, "body": "x"}))
            .await;
        assert_eq!(code, "NOT_FOUND", "{} replying", outsider.name);
    }
    let admin = app.token(&team.admin);
    app.ok(
        &admin,
        ADD,
        input(&call, span(0, 1_000), "Admin note", "PRIVATE"),
    )
    .await;

    // Authors only edit and delete their own.
    let (code, _) = app
        .error(
            Some(&seller),
            EDIT,
            json!({"id": shared, "input": {"body": "hijack"}}),
        )
        .await;
    assert_eq!(code, "FORBIDDEN");
    let (code, _) = app.error(Some(&admin), DELETE, json!({"id": shared})).await;
    assert_eq!(
        code, "FORBIDDEN",
        "not even an admin deletes another's comment"
    );
    let edited = app
        .ok(
            &seller,
            EDIT,
            json!({"id": reply, "input": {"body": "Thanks!"}}),
        )
        .await;
    assert_eq!(edited["editComment"]["body"], "Thanks!");
    assert!(edited["editComment"]["editedAt"].is_string());
    let (code, message) = app
        .error(
            Some(&seller),
            EDIT,
            json!({"id": reply, "input": {"visibility": "PRIVATE"}}),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT", "{message}");

    // Deleting a thread with replies keeps it, without its text.
    let deleted = app.ok(&manager, DELETE, json!({"id": shared})).await;
    assert_eq!(deleted["deleteComment"]["comment"]["deleted"], true);
    assert_eq!(deleted["deleteComment"]["comment"]["body"], "");
    assert_eq!(
        deleted["deleteComment"]["comment"]["replies"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let (code, _) = app
        .error(Some(&seller), REPLY, json!({"id": shared, "body": "late"}))
        .await;
    assert_eq!(code, "BAD_USER_INPUT", "a deleted thread takes no replies");
    // Its last reply takes it along.
    let manager_reply = id(&manager_reply, "replyToComment");
    let gone = app.ok(&manager, DELETE, json!({"id": manager_reply})).await;
    assert!(gone["deleteComment"]["comment"].is_null());
    app.ok(&seller, DELETE, json!({"id": reply})).await;
    let threads = app.ok(&manager, THREADS, json!({"id": call})).await;
    assert!(!ids(&threads["call"]["comments"]).contains(&shared.as_str()));
    app.finish().await;
}

async fn private_notes_never_reach_the_seller(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let call = import_for(&app, &team, "seller-a1@acme.example", "c1").await;
    let manager = app.token(&team.manager_a);
    let seller = app.token(&team.seller_a1);
    let seller_id = team.seller_a1.id.0.to_string();
    let private = app
        .ok(
            &manager,
            ADD,
            input(&call, span(1_000, 0), "Weak opener.", "PRIVATE"),
        )
        .await;
    let private = id(&private, "addComment");

    // Not in the call's threads, not unread, not markable, not editable.
    let threads = app.ok(&seller, THREADS, json!({"id": call})).await;
    assert_eq!(threads["call"]["comments"], json!([]));
    let unread = app.ok(&seller, UNREAD, json!({"id": seller_id})).await;
    assert_eq!(
        unread["seller"]["unreadComments"],
        json!({"count": 0, "comments": []})
    );
    let (code, _) = app
        .error(Some(&seller), MARK, json!({"ids": [private]}))
        .await;
    assert_eq!(code, "NOT_FOUND");
    let (code, _) = app
        .error(
            Some(&seller),
            EDIT,
            json!({"id": private, "input": {"body": "x"}}),
        )
        .await;
    assert_eq!(code, "NOT_FOUND");
    let (code, _) = app
        .error(Some(&seller), DELETE, json!({"id": private}))
        .await;
    assert_eq!(code, "NOT_FOUND");

    // Sharing it makes it the seller's: readable and unread.
    app.ok(
        &manager,
        EDIT,
        json!({"id": private, "input": {"visibility": "SHARED"}}),
    )
    .await;
    let unread = app.ok(&seller, UNREAD, json!({"id": seller_id})).await;
    assert_eq!(unread["seller"]["unreadComments"]["count"], 1);
    assert_eq!(
        unread["seller"]["unreadComments"]["comments"][0]["body"],
        "Weak opener."
    );
    // Marked read, it is no longer unread; marking again marks nothing.
    let marked = app.ok(&seller, MARK, json!({"call": call})).await;
    assert_eq!(marked["markCommentsRead"], 1);
    let marked = app.ok(&seller, MARK, json!({"call": call})).await;
    assert_eq!(marked["markCommentsRead"], 0);
    let unread = app.ok(&seller, UNREAD, json!({"id": seller_id})).await;
    assert_eq!(unread["seller"]["unreadComments"]["count"], 0);

    // The seller's reply is unread for the manager, not for the seller.
    app.ok(&seller, REPLY, json!({"id": private, "body": "Noted."}))
        .await;
    let unread = app.ok(&manager, UNREAD, json!({"id": seller_id})).await;
    assert_eq!(unread["seller"]["unreadComments"]["count"], 1);
    let unread = app.ok(&seller, UNREAD, json!({"id": seller_id})).await;
    assert_eq!(unread["seller"]["unreadComments"]["count"], 0);
    app.finish().await;
}

async fn bad_input_writes_nothing(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let call = import_for(&app, &team, "seller-a1@acme.example", "c1").await;
    let manager = app.token(&team.manager_a);
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            input(&call, span(18_000, 600), "x", "SHARED"),
            "BAD_USER_INPUT",
            "after the end of the call",
        ),
        (
            input(&call, span(-1, 0), "x", "SHARED"),
            "BAD_USER_INPUT",
            "negative",
        ),
        (
            input(
                &call,
                json!({"segments": {"from": 3, "to": 5}}),
                "x",
                "SHARED",
            ),
            "BAD_USER_INPUT",
            "the call has 5 segments",
        ),
        (
            input(
                &call,
                json!({"segments": {"from": 2, "to": 1}}),
                "x",
                "SHARED",
            ),
            "BAD_USER_INPUT",
            "at most to",
        ),
        (
            input(
                &call,
                json!({"span": {"offsetMs": 0}, "segments": {"from": 0, "to": 0}}),
                "x",
                "SHARED",
            ),
            "BAD_USER_INPUT",
            "",
        ),
        (
            input(&call, span(0, 0), " \n ", "SHARED"),
            "BAD_USER_INPUT",
            "body is empty",
        ),
        (
            input(&call, span(0, 0), &"a".repeat(10_001), "SHARED"),
            "BAD_USER_INPUT",
            "at most 10000",
        ),
        (
            input("999999", span(0, 0), "x", "SHARED"),
            "NOT_FOUND",
            "call 999999",
        ),
        (
            input("nope", span(0, 0), "x", "SHARED"),
            "BAD_USER_INPUT",
            "not a valid call id",
        ),
    ];
    for (variables, code, says) in cases {
        let (got, message) = app.error(Some(&manager), ADD, variables).await;
        assert_eq!(got, code, "{message}");
        assert!(message.contains(says), "{message:?} should say {says:?}");
    }
    let (code, _) = app
        .error(Some(&manager), REPLY, json!({"id": "424242", "body": "x"}))
        .await;
    assert_eq!(code, "NOT_FOUND");
    let (code, _) = app.error(Some(&manager), MARK, json!({})).await;
    assert_eq!(code, "BAD_USER_INPUT");
    assert_eq!(app.rows("comments").await, 0);
    assert_eq!(app.rows("comment_reads").await, 0);
    // Exactly 10 000 characters is accepted.
    let added = app
        .ok(
            &manager,
            ADD,
            input(&call, span(18_000, 500), &"é".repeat(10_000), "SHARED"),
        )
        .await;
    assert_eq!(app.rows("comments").await, 1);
    // Replies and edits are held to the same rules.
    let thread = id(&added, "addComment");
    let seller = app.token(&team.seller_a1);
    for body in ["", &"b".repeat(10_001)] {
        let (code, _) = app
            .error(Some(&seller), REPLY, json!({"id": thread, "body": body}))
            .await;
        assert_eq!(code, "BAD_USER_INPUT");
        let (code, _) = app
            .error(
                Some(&manager),
                EDIT,
                json!({"id": thread, "input": {"body": body}}),
            )
            .await;
        assert_eq!(code, "BAD_USER_INPUT");
    }
    assert_eq!(app.rows("comments").await, 1);
    assert_eq!(app.rows("comments WHERE edited_at IS NULL").await, 1);
    app.finish().await;
}

/// The call page's threads and the unread list cost about the same
/// statements with 2 threads or 12: authors, calls and replies do not cost
/// a query each.
async fn authors_are_batched(backend: Backend) {
    // No analysis workers: their polling would count too.
    let app = TestApp::spawn_without_workers(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let call = import_for(&app, &team, "seller-a1@acme.example", "c1").await;
    let writers = [&team.manager_a, &team.admin];
    let seller = app.token(&team.seller_a1);
    let mut costs = Vec::new();
    for threads in [2, 12] {
        while app.rows("comments WHERE parent_id IS NULL").await < threads {
            let n = app.rows("comments").await as usize;
            let token = app.token(writers[n % 2]);
            let added = app
                .ok(
                    &token,
                    ADD,
                    input(&call, span(n as i64 * 100, 50), "note", "SHARED"),
                )
                .await;
            let thread = id(&added, "addComment");
            app.ok(&seller, REPLY, json!({"id": thread, "body": "ok"}))
                .await;
        }
        // The first read warms the viewer cache; the second is measured.
        let variables = json!({"id": call, "seller": team.seller_a1.id.0.to_string()});
        app.ok(&seller, PAGE, variables.clone()).await;
        let before = app.app.store.statements_executed();
        let data = app.ok(&seller, PAGE, variables).await;
        costs.push(app.app.store.statements_executed() - before);
        assert_eq!(
            data["call"]["comments"].as_array().unwrap().len(),
            threads as usize
        );
        let unread = &data["seller"]["unreadComments"]["comments"];
        assert_eq!(unread.as_array().unwrap().len(), threads as usize);
        assert_eq!(unread[0]["replies"][0]["author"]["name"], "seller-a1");
    }
    // A query per thread for any of the five batched fields would cost at
    // least 10 more statements for 12 threads than for 2. A batch can come
    // out split in two when its loader starts before the last item asked
    // (loaders do not wait on a timer), which costs one statement, not ten.
    assert!(
        costs[1] < costs[0] + 10,
        "statements for 2 and 12 threads: {costs:?}"
    );
    app.finish().await;
}

/// A call history with each call's comments and follow-ups costs about the
/// same statements for 2 calls as for 12.
async fn call_lists_batch_comments(backend: Backend) {
    let app = TestApp::spawn_without_workers(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let manager = app.token(&team.manager_a);
    let list = "{ calls(first: 50) { edges { node { id comments { author { name } replies { id } }
        followUps { id } participants { speaker } } } } }";
    let mut costs = Vec::new();
    for calls in [2, 12] {
        while app.rows("calls").await < calls {
            let n = app.rows("calls").await;
            let call = import_for(&app, &team, "seller-a1@acme.example", &format!("c{n}")).await;
            app.ok(&manager, ADD, input(&call, span(0, 0), "note", "SHARED"))
                .await;
        }
        app.ok(&manager, list, json!({})).await;
        let before = app.app.store.statements_executed();
        let data = app.ok(&manager, list, json!({})).await;
        costs.push(app.app.store.statements_executed() - before);
        let edges = data["calls"]["edges"].as_array().unwrap();
        assert_eq!(edges.len(), calls as usize);
        assert!(
            edges
                .iter()
                .all(|e| e["node"]["comments"][0]["author"]["name"] == "manager-a")
        );
    }
    // One query per call for any of the batched fields would cost at
    // least 10 more; a split batch costs one.
    assert!(
        costs[1] < costs[0] + 10,
        "statements for 2 and 12 calls: {costs:?}"
    );
    app.finish().await;
}

/// Sharing e-mails the seller through the outbox; a private note e-mails
/// nobody; an unreachable mail server does not hold up the mutation.
async fn sharing_emails_the_seller(backend: Backend) {
    let sink = SmtpSink::start().await;
    let smtp = sink.config("Callsight <coach@acme.example>");
    let app = TestApp::spawn_with(&backend, |config| config.smtp = Some(smtp)).await;
    let team = Team::create(&app, "Acme", true).await;
    let call = import_for(&app, &team, "seller-a1@acme.example", "c1").await;
    let manager = app.token(&team.manager_a);
    let private = app
        .ok(
            &manager,
            ADD,
            input(&call, span(1_000, 0), "Private: weak opener.", "PRIVATE"),
        )
        .await;
    app.ok(
        &manager,
        ADD,
        input(&call, span(16_200, 2_000), "Nice *close*.", "SHARED"),
    )
    .await;
    let mail = sink.wait_for(1, PATIENCE).await;
    assert_eq!(mail[0].to, ["seller-a1@acme.example"]);
    assert_eq!(
        mail[0].header("Subject").as_deref(),
        Some("manager-a commented on your call \"Discovery with Dana\"")
    );
    let body = mail[0].body();
    assert!(body.contains("> Nice *close*."), "{body}");
    assert!(body.contains("at 0:16"), "{body}");
    // Sharing the private note later sends it too.
    let private = id(&private, "addComment");
    app.ok(
        &manager,
        EDIT,
        json!({"id": private, "input": {"visibility": "SHARED"}}),
    )
    .await;
    let mail = sink.wait_for(2, PATIENCE).await;
    assert!(mail[1].body().contains("> Private: weak opener."));
    // The seller's reply reaches the thread's author only.
    app.ok(
        &app.token(&team.seller_a1),
        REPLY,
        json!({"id": private, "body": "Will fix."}),
    )
    .await;
    let mail = sink.wait_for(3, PATIENCE).await;
    assert_eq!(mail[2].to, ["manager-a@acme.example"]);
    assert_eq!(mail.len(), 3);
    app.finish().await;

    // With the mail server down the comment is stored at once and its
    // e-mail waits in the outbox.
    let smtp = SmtpSink::start().await.config("coach@acme.example");
    let app = TestApp::spawn_with(&backend, |config| {
        config.smtp = Some(callsight::mail::SmtpConfig {
            port: Some(closed_port()),
            ..smtp
        })
    })
    .await;
    let team = Team::create(&app, "Acme", true).await;
    let call = import_for(&app, &team, "seller-a1@acme.example", "c1").await;
    app.ok(
        &app.token(&team.manager_a),
        ADD,
        input(&call, span(0, 0), "Queued.", "SHARED"),
    )
    .await;
    assert_eq!(app.rows("comments").await, 1);
    assert_eq!(app.rows("outbox WHERE status = 'pending'").await, 1);
    app.finish().await;
}

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

on_both_backends!(
    sharing_emails_the_seller,
    managers_comment_and_sellers_reply,
    private_notes_never_reach_the_seller,
    bad_input_writes_nothing,
    authors_are_batched,
    call_lists_batch_comments,
);
