//! Follow-ups on action items over HTTP: a seller turns an action item into
//! a task and closes it; a manager plans a meeting for their seller, lists
//! it by status and due date, and downloads its calendar invite with the
//! bearer token or a link token; an e-mail follow-up drafts the message.
//! Who may not see the call sees and changes nothing, and bad input writes
//! nothing.

use std::time::{Duration, Instant};

use callsight::auth::Link;
use callsight::domain::{Email, FollowUpId};
use callsight::store::users::{self, User};
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use serde_json::{Value, json};

use crate::builtins::install_builtins;
use crate::support::{Backend, Team, TestApp, on_both_backends};
use crate::transcripts;

const CREATE: &str = "mutation($input: CreateFollowUpInput!) { createFollowUp(input: $input) {
    id kind status title notes dueAt durationMinutes recipient closedAt
    owner { id name } createdBy { id } call { id }
    actionItem { text offsetMs segment }
    invite { url } emailDraft { to subject body mailtoUrl } } }";

const UPDATE: &str = "mutation($id: ID!, $input: UpdateFollowUpInput!) {
    updateFollowUp(id: $id, input: $input) { id status title notes dueAt closedAt owner { id } updatedAt } }";

const SELLER_FOLLOW_UPS: &str = "query($seller: ID!, $status: FollowUpStatus, $range: DateRange) {
    seller(id: $seller) { followUps(status: $status, range: $range) { id kind status owner { id } } } }";

const CALL_FOLLOW_UPS: &str =
    "query($call: ID!) { call(id: $call) { followUps { id kind status title } } }";

/// The action item the built-in commitments analyzer finds in the
/// reference call.
const PROMISE: &str = "I'll send you the proposal by Friday.";

/// An analysed call of a seller, with its signals.
struct AnalysedCall {
    id: String,
    /// (id, text) of each action item.
    action_items: Vec<(String, String)>,
    /// The id of a signal that is no action item.
    other_signal: String,
}

/// Imports the reference call (with a named customer who has an e-mail
/// address) for `seller_email` as the admin and waits for the built-in
/// analyzers to finish with it.
async fn analysed_call(
    app: &TestApp,
    team: &Team,
    seller_email: &str,
    external_id: &str,
) -> AnalysedCall {
    let admin = app.token(&team.admin);
    let mut payload: Value = serde_json::from_str(&transcripts::native(external_id)).unwrap();
    payload["participants"] = json!([
        {"speaker": "spk_0", "role": "seller"},
        {"speaker": "spk_1", "name": "Dana Cruz", "email": "Dana@Customer.example", "role": "customer"},
    ]);
    let import = "mutation($input: ImportCallInput!) { importCall(input: $input) { call { id } } }";
    let variables = json!({"input": {"format": "NATIVE", "payload": payload.to_string(),
        "sellerEmail": seller_email, "speakers": [{"speaker": "spk_0", "role": "SELLER"}]}});
    let id = app.ok(&admin, import, variables).await["importCall"]["call"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let query = "query($id: ID!) { call(id: $id) { analysisStatus signals { id kind value } } }";
    let deadline = Instant::now() + Duration::from_secs(60);
    let call = loop {
        let call = app.ok(&admin, query, json!({"id": id})).await["call"].clone();
        if call["analysisStatus"] != "PENDING" || Instant::now() > deadline {
            break call;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(call["analysisStatus"], "DONE", "{call}");
    let signals = call["signals"].as_array().unwrap();
    let action_items: Vec<(String, String)> = signals
        .iter()
        .filter(|s| s["kind"] == "action_item")
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_owned(),
                s["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        action_items.iter().any(|(_, text)| text == PROMISE),
        "{call}"
    );
    let other_signal = signals
        .iter()
        .find(|s| s["kind"] != "action_item")
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .unwrap();
    AnalysedCall {
        id,
        action_items,
        other_signal,
    }
}

impl AnalysedCall {
    fn promise(&self) -> &str {
        &self
            .action_items
            .iter()
            .find(|(_, text)| text == PROMISE)
            .unwrap()
            .0
    }
}

async fn spawn(backend: &Backend) -> (TestApp, tempfile::TempDir) {
    let plugins = install_builtins();
    let app = TestApp::spawn_with_plugins(backend, plugins.path(), 10_000).await;
    (app, plugins)
}

/// A GET of `path` with an optional bearer token.
async fn get(app: &TestApp, bearer: Option<&str>, path: &str) -> reqwest::Response {
    let mut request = app.http.get(app.url(path));
    if let Some(token) = bearer {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

/// The status, `extensions.code` and message of a refused request.
async fn refusal(response: reqwest::Response) -> (u16, String, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    let error = &body["errors"][0];
    (
        status,
        error["extensions"]["code"]
            .as_str()
            .unwrap_or("")
            .to_owned(),
        error["message"].as_str().unwrap_or("").to_owned(),
    )
}

/// A `DateTime` of a response.
fn instant(value: &Value) -> chrono::DateTime<chrono::Utc> {
    value.as_str().unwrap().parse().unwrap()
}

/// The content lines of an iCalendar file, folding undone.
fn content_lines(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .map(str::to_owned)
        .collect()
}

fn line<'a>(lines: &'a [String], name: &str) -> &'a str {
    lines
        .iter()
        .find(|l| l.starts_with(name))
        .unwrap_or_else(|| panic!("no {name} in {lines:?}"))
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect()
}

/// `Seller.followUps` of `seller` as `token` sees them.
async fn listed(
    app: &TestApp,
    token: &str,
    seller: &str,
    status: Value,
    range: Option<Value>,
) -> Value {
    let variables = json!({"seller": seller, "status": status, "range": range});
    app.ok(token, SELLER_FOLLOW_UPS, variables).await["seller"]["followUps"].clone()
}

async fn seller_b1(app: &TestApp, team: &Team) -> User {
    let email = Email::parse("seller-b1@acme.example").unwrap();
    users::by_email_in_org(app.app.store.db(), team.admin.org, &email)
        .await
        .unwrap()
        .unwrap()
}

/// A seller turns an action item into a task and closes it; reopening
/// clears `closedAt`.
async fn seller_closes_a_task(backend: Backend) {
    let (app, _plugins) = spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let call = analysed_call(&app, &team, "seller-a1@acme.example", "c1").await;
    let seller = app.token(&team.seller_a1);
    let a1 = team.seller_a1.id.to_string();

    let task = app
        .ok(
            &seller,
            CREATE,
            json!({"input": {"callId": call.id, "actionItemId": call.promise(), "kind": "TASK",
                "dueAt": "2026-11-06T17:00:00Z", "notes": "  Attach the security review.  "}}),
        )
        .await["createFollowUp"]
        .clone();
    assert_eq!(task["kind"], "TASK");
    assert_eq!(task["status"], "OPEN");
    assert_eq!(task["title"], format!("Task: {PROMISE}"));
    assert_eq!(task["notes"], "Attach the security review.");
    assert_eq!(task["owner"]["id"], a1, "the owner defaults to the seller");
    assert_eq!(task["createdBy"]["id"], a1);
    assert_eq!(task["call"]["id"], call.id);
    assert_eq!(task["actionItem"]["text"], PROMISE);
    assert_eq!(task["actionItem"]["offsetMs"], 16_200);
    assert_eq!(task["actionItem"]["segment"], 4);
    assert_eq!(
        instant(&task["dueAt"]),
        instant(&json!("2026-11-06T17:00:00Z"))
    );
    assert_eq!(task["durationMinutes"], Value::Null);
    assert_eq!(task["recipient"], Value::Null, "a task reaches no customer");
    assert_eq!(task["closedAt"], Value::Null);
    assert_eq!(task["invite"], Value::Null);
    assert_eq!(task["emailDraft"], Value::Null);
    let id = task["id"].as_str().unwrap();

    let done = app
        .ok(
            &seller,
            UPDATE,
            json!({"id": id, "input": {"status": "DONE"}}),
        )
        .await["updateFollowUp"]
        .clone();
    assert_eq!(done["status"], "DONE");
    let closed_at = done["closedAt"]
        .as_str()
        .expect("closedAt is set")
        .to_owned();
    // Dismissing a done follow-up keeps when it was closed.
    let dismissed = app
        .ok(
            &seller,
            UPDATE,
            json!({"id": id, "input": {"status": "DISMISSED"}}),
        )
        .await["updateFollowUp"]
        .clone();
    assert_eq!(dismissed["closedAt"], closed_at.as_str());
    let reopened = app
        .ok(
            &seller,
            UPDATE,
            json!({"id": id, "input": {"status": "OPEN", "notes": null, "title": "Send the proposal"}}),
        )
        .await["updateFollowUp"]
        .clone();
    assert_eq!(reopened["status"], "OPEN");
    assert_eq!(reopened["closedAt"], Value::Null);
    assert_eq!(reopened["notes"], Value::Null);
    assert_eq!(reopened["title"], "Send the proposal");
    let done = app
        .ok(
            &seller,
            UPDATE,
            json!({"id": id, "input": {"status": "DONE"}}),
        )
        .await["updateFollowUp"]
        .clone();
    assert!(done["closedAt"].is_string(), "{done}");

    // The seller's page lists it among the done ones, not the open ones.
    let done = listed(&app, &seller, &a1, json!("DONE"), None).await;
    assert_eq!(ids(&done), [id]);
    let open = listed(&app, &seller, &a1, json!("OPEN"), None).await;
    assert!(ids(&open).is_empty(), "{open}");
    app.finish().await;
}

/// A manager plans a meeting for their seller: it is listed by status and
/// due day in the organisation's time zone, and its invite downloads with
/// the bearer token or the link token, for those who see the call only.
async fn manager_plans_a_meeting_with_an_invite(backend: Backend) {
    let (app, _plugins) = spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let admin = app.token(&team.admin);
    app.ok(
        &admin,
        "mutation { updateOrganizationSettings(input: {timeZone: \"America/New_York\"}) { timeZone } }",
        json!({}),
    )
    .await;
    let call = analysed_call(&app, &team, "seller-a1@acme.example", "c1").await;
    let manager = app.token(&team.manager_a);
    let seller = app.token(&team.seller_a1);
    let a1 = team.seller_a1.id.to_string();

    // 03:00 UTC on 1 December is the evening of 30 November in New York.
    let meeting = app
        .ok(
            &manager,
            CREATE,
            json!({"input": {"callId": call.id, "actionItemId": call.promise(), "kind": "MEETING",
                "dueAt": "2026-12-01T03:00:00Z", "ownerId": team.manager_a.id.to_string(),
                "durationMinutes": 45, "title": "Proposal review; pricing"}}),
        )
        .await["createFollowUp"]
        .clone();
    assert_eq!(meeting["kind"], "MEETING");
    assert_eq!(meeting["owner"]["id"], team.manager_a.id.to_string());
    assert_eq!(meeting["createdBy"]["id"], team.manager_a.id.to_string());
    assert_eq!(meeting["durationMinutes"], 45);
    assert_eq!(
        meeting["recipient"], "dana@customer.example",
        "the customer on the call is invited"
    );
    assert_eq!(meeting["emailDraft"], Value::Null);
    let id = meeting["id"].as_str().unwrap().to_owned();
    let url = meeting["invite"]["url"].as_str().unwrap().to_owned();
    let path = format!("/follow-ups/{id}/invite.ics");
    assert!(url.starts_with(&format!("{path}?token=")), "{url}");

    // A task due later, and the seller's own; a default meeting is 30 min.
    let task = app
        .ok(
            &seller,
            CREATE,
            json!({"input": {"callId": call.id, "actionItemId": call.promise(), "kind": "TASK",
                "dueAt": "2026-12-02T12:00:00Z"}}),
        )
        .await["createFollowUp"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Listed by status and due day (New York days), on the seller's page
    // and the call, for the manager and the seller alike.
    for viewer in [&manager, &seller] {
        let day = |from: &str, to: &str| Some(json!({"from": from, "to": to}));
        let open = listed(
            &app,
            viewer,
            &a1,
            json!("OPEN"),
            day("2026-11-30", "2026-11-30"),
        )
        .await;
        assert_eq!(ids(&open), [id.as_str()]);
        assert_eq!(open[0]["owner"]["id"], team.manager_a.id.to_string());
        let next_day = listed(
            &app,
            viewer,
            &a1,
            json!("OPEN"),
            day("2026-12-02", "2026-12-02"),
        )
        .await;
        assert_eq!(ids(&next_day), [task.as_str()]);
        let any = listed(
            &app,
            viewer,
            &a1,
            Value::Null,
            day("2026-11-01", "2026-12-31"),
        )
        .await;
        assert_eq!(ids(&any), [id.as_str(), task.as_str()]);
        let done = listed(
            &app,
            viewer,
            &a1,
            json!("DONE"),
            day("2026-11-01", "2026-12-31"),
        )
        .await;
        assert!(ids(&done).is_empty(), "{done}");
        let on_call = app
            .ok(viewer, CALL_FOLLOW_UPS, json!({"call": call.id}))
            .await;
        assert_eq!(
            ids(&on_call["call"]["followUps"]),
            [id.as_str(), task.as_str()]
        );
    }
    let (code, message) = app
        .error(
            Some(&manager),
            SELLER_FOLLOW_UPS,
            json!({"seller": a1, "range": {"from": "2026-12-02", "to": "2026-12-01"}}),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT", "{message}");

    // The invite with the bearer token: one event, in UTC, quoting the item.
    let response = get(&app, Some(&manager), &path).await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.headers()[CONTENT_TYPE],
        "text/calendar; charset=utf-8"
    );
    assert_eq!(
        response.headers()[CONTENT_DISPOSITION],
        format!("attachment; filename=\"follow-up-{id}.ics\"").as_str()
    );
    let ics = response.text().await.unwrap();
    let lines = content_lines(&ics);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(
        line(&lines, "UID:"),
        format!("UID:follow-up-{id}@callsight")
    );
    assert_eq!(line(&lines, "DTSTART"), "DTSTART:20261201T030000Z");
    assert_eq!(line(&lines, "DTEND"), "DTEND:20261201T034500Z");
    assert_eq!(
        line(&lines, "SUMMARY"),
        "SUMMARY:Proposal review\\; pricing"
    );
    assert_eq!(line(&lines, "STATUS"), "STATUS:CONFIRMED");
    let description = line(&lines, "DESCRIPTION");
    assert!(
        description.contains("Discovery with Dana")
            && description.contains("on 2 November 2026")
            && description.contains(&format!("\\n> {PROMISE}")),
        "{description}"
    );
    assert_eq!(
        line(&lines, "ORGANIZER"),
        "ORGANIZER;CN=manager-a:mailto:manager-a@acme.example"
    );
    let attendees: Vec<&String> = lines.iter().filter(|l| l.starts_with("ATTENDEE")).collect();
    assert_eq!(attendees.len(), 2, "{attendees:?}");
    assert!(
        attendees
            .iter()
            .any(|a| a.starts_with("ATTENDEE;CN=Dana Cruz;")
                && a.ends_with(":mailto:dana@customer.example")),
        "{attendees:?}"
    );

    // The link token needs no header and serves the same event; the seller
    // of the call opens it with their own bearer too.
    let linked = get(&app, None, &url).await;
    assert_eq!(linked.status().as_u16(), 200);
    let linked = content_lines(&linked.text().await.unwrap());
    assert_eq!(line(&linked, "UID:"), line(&lines, "UID:"));
    assert_eq!(line(&linked, "DTSTART"), "DTSTART:20261201T030000Z");
    assert_eq!(get(&app, Some(&seller), &path).await.status().as_u16(), 200);

    // No token: 401. Another seller's bearer, or another org's admin: 404.
    let (status, code, _) = refusal(get(&app, None, &path).await).await;
    assert_eq!((status, code.as_str()), (401, "UNAUTHENTICATED"));
    let other = Team::create(&app, "Globex", true).await;
    for outsider in [
        &team.seller_a2,
        &seller_b1(&app, &team).await,
        &team.manager_b,
        &other.admin,
    ] {
        let (status, code, _) = refusal(get(&app, Some(&app.token(outsider)), &path).await).await;
        assert_eq!(
            (status, code.as_str()),
            (404, "NOT_FOUND"),
            "{}",
            outsider.email
        );
    }
    // A link token of another follow-up, a recording token, an API token
    // in the URL: 401. A link token for a user who cannot see the call: 404.
    let keys = &app.app.keys;
    let org = team.admin.org;
    let task_id = FollowUpId(task.parse().unwrap());
    let for_task = keys
        .mint_link(org, team.manager_a.id, Link::Invite(task_id))
        .unwrap();
    let recording = keys
        .mint_link(
            org,
            team.manager_a.id,
            Link::Recording(callsight::domain::CallId(call.id.parse().unwrap())),
        )
        .unwrap();
    for (what, token) in [
        ("another follow-up's", for_task.clone()),
        ("a recording", recording),
        ("an API", manager.clone()),
    ] {
        let (status, code, _) =
            refusal(get(&app, None, &format!("{path}?token={token}")).await).await;
        assert_eq!(
            (status, code.as_str()),
            (401, "UNAUTHENTICATED"),
            "{what} token"
        );
    }
    let meeting_id = FollowUpId(id.parse().unwrap());
    let outsider = keys
        .mint_link(org, team.seller_a2.id, Link::Invite(meeting_id))
        .unwrap();
    let (status, code, _) =
        refusal(get(&app, None, &format!("{path}?token={outsider}")).await).await;
    assert_eq!((status, code.as_str()), (404, "NOT_FOUND"));
    // An invite token is no API token.
    let link_token = url.split("token=").nth(1).unwrap();
    let (status, _) = app.post(Some(link_token), "{ me { id } }", json!({})).await;
    assert_eq!(status, 401);
    // A task has no invite, even with a valid token for it.
    let (status, code, message) = refusal(
        get(
            &app,
            None,
            &format!("/follow-ups/{task}/invite.ics?token={for_task}"),
        )
        .await,
    )
    .await;
    assert_eq!((status, code.as_str()), (404, "NOT_FOUND"));
    assert!(message.contains("not a meeting"), "{message}");

    // Dismissed, the event is cancelled; the invite follows every change.
    app.ok(
        &manager,
        UPDATE,
        json!({"id": id, "input": {"status": "DISMISSED", "dueAt": "2026-12-03T16:30:00Z"}}),
    )
    .await;
    let lines = content_lines(&get(&app, Some(&manager), &path).await.text().await.unwrap());
    assert_eq!(line(&lines, "STATUS"), "STATUS:CANCELLED");
    assert_eq!(line(&lines, "DTSTART"), "DTSTART:20261203T163000Z");
    assert_eq!(line(&lines, "DTEND"), "DTEND:20261203T171500Z");
    app.finish().await;
}

/// An e-mail follow-up drafts the message to the customer on the call.
async fn email_follow_up_drafts_the_message(backend: Backend) {
    let (app, _plugins) = spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let call = analysed_call(&app, &team, "seller-a1@acme.example", "c1").await;
    let seller = app.token(&team.seller_a1);

    let email = app
        .ok(
            &seller,
            CREATE,
            json!({"input": {"callId": call.id, "actionItemId": call.promise(), "kind": "EMAIL",
                "dueAt": "2026-11-04T09:00:00Z"}}),
        )
        .await["createFollowUp"]
        .clone();
    assert_eq!(email["title"], format!("E-mail: {PROMISE}"));
    assert_eq!(email["invite"], Value::Null);
    let draft = &email["emailDraft"];
    assert_eq!(draft["to"], "dana@customer.example");
    assert_eq!(draft["subject"], "Follow-up: Discovery with Dana");
    let body = draft["body"].as_str().unwrap();
    assert!(body.starts_with("Hi Dana,\n"), "{body}");
    assert!(body.contains(&format!("\n> {PROMISE}\n")), "{body}");
    assert!(body.ends_with("Best regards,\nseller-a1\n"), "{body}");
    assert!(
        draft["mailtoUrl"]
            .as_str()
            .unwrap()
            .starts_with(
                "mailto:dana@customer.example?subject=Follow-up%3A%20Discovery%20with%20Dana&body=Hi%20Dana%2C%0D%0A"
            ),
        "{draft}"
    );

    // Another recipient; without one the draft is addressed to nobody.
    let update = "mutation($id: ID!, $input: UpdateFollowUpInput!) { updateFollowUp(id: $id, input: $input) {
        recipient emailDraft { to mailtoUrl } } }";
    let id = email["id"].as_str().unwrap();
    let changed = app
        .ok(
            &seller,
            update,
            json!({"id": id, "input": {"recipient": " Omar@Buyer.example "}}),
        )
        .await["updateFollowUp"]
        .clone();
    assert_eq!(changed["recipient"], "omar@buyer.example");
    assert_eq!(changed["emailDraft"]["to"], "omar@buyer.example");
    let cleared = app
        .ok(
            &seller,
            update,
            json!({"id": id, "input": {"recipient": null}}),
        )
        .await["updateFollowUp"]
        .clone();
    assert_eq!(cleared["emailDraft"]["to"], Value::Null);
    assert!(
        cleared["emailDraft"]["mailtoUrl"]
            .as_str()
            .unwrap()
            .starts_with("mailto:?subject=")
    );
    app.finish().await;
}

/// Who does not see the call gets NOT_FOUND on create and update, and
/// never sees the follow-up, whatever their role or organisation.
async fn outsiders_see_and_change_nothing(backend: Backend) {
    let (app, _plugins) = spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let other = Team::create(&app, "Globex", true).await;
    let call = analysed_call(&app, &team, "seller-a1@acme.example", "c1").await;
    let mine = app
        .ok(
            &app.token(&team.seller_a1),
            CREATE,
            json!({"input": {"callId": call.id, "actionItemId": call.promise(), "kind": "CALL",
                "dueAt": "2026-11-05T10:00:00Z"}}),
        )
        .await["createFollowUp"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let rows = app.rows("follow_ups").await;
    let create = json!({"input": {"callId": call.id, "actionItemId": call.promise(), "kind": "TASK",
        "dueAt": "2026-11-05T10:00:00Z"}});
    let update = json!({"id": mine, "input": {"status": "DISMISSED"}});
    let b1 = seller_b1(&app, &team).await;
    for outsider in [
        &team.seller_a2,
        &b1,
        &team.manager_b,
        &other.admin,
        &other.seller_a1,
    ] {
        let token = app.token(outsider);
        let who = outsider.email.as_str();
        let (code, _) = app.error(Some(&token), CREATE, create.clone()).await;
        assert_eq!(code, "NOT_FOUND", "{who} creates");
        let (code, _) = app.error(Some(&token), UPDATE, update.clone()).await;
        assert_eq!(code, "NOT_FOUND", "{who} updates");
        let (code, _) = app
            .error(Some(&token), CALL_FOLLOW_UPS, json!({"call": call.id}))
            .await;
        assert_eq!(code, "NOT_FOUND", "{who} reads the call");
        let (code, _) = app
            .error(
                Some(&token),
                SELLER_FOLLOW_UPS,
                json!({"seller": team.seller_a1.id.to_string()}),
            )
            .await;
        assert_eq!(code, "NOT_FOUND", "{who} reads the seller");
        // Their own page lists nothing of it.
        let own = app
            .ok(
                &token,
                SELLER_FOLLOW_UPS,
                json!({"seller": outsider.id.to_string()}),
            )
            .await;
        assert!(ids(&own["seller"]["followUps"]).is_empty(), "{who}: {own}");
    }
    assert_eq!(app.rows("follow_ups").await, rows, "nothing was written");
    let status = app
        .ok(
            &app.token(&team.admin),
            CALL_FOLLOW_UPS,
            json!({"call": call.id}),
        )
        .await["call"]["followUps"][0]["status"]
        .clone();
    assert_eq!(status, "OPEN", "no outsider changed it");
    app.finish().await;
}

/// Each kind of bad input is refused with the field it is about, and
/// writes nothing; an action item survives re-analysis of its call.
async fn bad_input_writes_nothing(backend: Backend) {
    let (app, _plugins) = spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let call = analysed_call(&app, &team, "seller-a1@acme.example", "c1").await;
    let second = analysed_call(&app, &team, "seller-a1@acme.example", "c2").await;
    let manager = app.token(&team.manager_a);
    let base = json!({"callId": call.id, "actionItemId": call.promise(), "kind": "MEETING",
        "dueAt": "2026-11-05T10:00:00Z"});
    let with = |changes: Value| {
        let mut input = base.clone();
        for (key, value) in changes.as_object().unwrap() {
            input[key] = value.clone();
        }
        json!({"input": input})
    };
    let b1 = seller_b1(&app, &team).await;
    let cases = [
        (
            "unknown action item",
            json!({"actionItemId": "999999"}),
            "BAD_USER_INPUT",
            "actionItemId",
        ),
        (
            "malformed action item id",
            json!({"actionItemId": "x"}),
            "BAD_USER_INPUT",
            "action item id",
        ),
        (
            "another call's action item",
            json!({"actionItemId": second.promise()}),
            "BAD_USER_INPUT",
            "actionItemId",
        ),
        (
            "a signal that is no action item",
            json!({"actionItemId": call.other_signal}),
            "BAD_USER_INPUT",
            "actionItemId",
        ),
        (
            "title too long",
            json!({"title": "t".repeat(201)}),
            "BAD_USER_INPUT",
            "title",
        ),
        (
            "blank title",
            json!({"title": "  "}),
            "BAD_USER_INPUT",
            "title",
        ),
        (
            "notes too long",
            json!({"notes": "n".repeat(10_001)}),
            "BAD_USER_INPUT",
            "notes",
        ),
        (
            "unknown owner",
            json!({"ownerId": "999999"}),
            "BAD_USER_INPUT",
            "ownerId",
        ),
        (
            "owner who cannot see the seller",
            json!({"ownerId": team.manager_b.id.to_string()}),
            "BAD_USER_INPUT",
            "ownerId",
        ),
        (
            "another seller as owner",
            json!({"ownerId": team.seller_a2.id.to_string()}),
            "BAD_USER_INPUT",
            "ownerId",
        ),
        (
            "owner of another team",
            json!({"ownerId": b1.id.to_string()}),
            "BAD_USER_INPUT",
            "ownerId",
        ),
        (
            "meeting too long",
            json!({"durationMinutes": 481}),
            "BAD_USER_INPUT",
            "durationMinutes",
        ),
        (
            "duration of a task",
            json!({"kind": "TASK", "durationMinutes": 30}),
            "BAD_USER_INPUT",
            "durationMinutes",
        ),
        (
            "recipient no address",
            json!({"recipient": "dana at customer"}),
            "BAD_USER_INPUT",
            "recipient",
        ),
        (
            "unknown call",
            json!({"callId": "999999"}),
            "NOT_FOUND",
            "call",
        ),
    ];
    for (what, changes, expected, field) in cases {
        let (code, message) = app.error(Some(&manager), CREATE, with(changes)).await;
        assert_eq!(code, expected, "{what}: {message}");
        assert!(message.contains(field), "{what}: {message}");
    }
    assert_eq!(app.rows("follow_ups").await, 0, "nothing was written");

    // Valid owners: the admin, the manager, the seller; 200 characters fit.
    for owner in [&team.admin, &team.manager_a, &team.seller_a1] {
        let created = app
            .ok(
                &manager,
                CREATE,
                with(json!({"ownerId": owner.id.to_string(), "title": "é".repeat(200)})),
            )
            .await;
        assert_eq!(
            created["createFollowUp"]["owner"]["id"],
            owner.id.to_string()
        );
        assert_eq!(created["createFollowUp"]["durationMinutes"], 30);
    }
    assert_eq!(app.rows("follow_ups").await, 3);

    // A bad update changes nothing, not even `updatedAt`.
    let follow_up = app
        .ok(&manager, CALL_FOLLOW_UPS, json!({"call": call.id}))
        .await["call"]["followUps"][0]
        .clone();
    let id = follow_up["id"].as_str().unwrap();
    let read = "query($call: ID!) { call(id: $call) { followUps { id title status owner { id } updatedAt } } }";
    let before = app.ok(&manager, read, json!({"call": call.id})).await;
    for (what, input, field) in [
        ("title too long", json!({"title": "t".repeat(201)}), "title"),
        (
            "owner who cannot see the seller",
            json!({"ownerId": team.manager_b.id.to_string(), "status": "DONE"}),
            "ownerId",
        ),
        (
            "notes too long",
            json!({"notes": "n".repeat(10_001), "status": "DONE"}),
            "notes",
        ),
        (
            "meeting too short",
            json!({"durationMinutes": 4}),
            "durationMinutes",
        ),
        (
            "recipient no address",
            json!({"recipient": "nobody"}),
            "recipient",
        ),
    ] {
        let (code, message) = app
            .error(Some(&manager), UPDATE, json!({"id": id, "input": input}))
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{what}: {message}");
        assert!(message.contains(field), "{what}: {message}");
    }
    let (code, _) = app
        .error(
            Some(&manager),
            UPDATE,
            json!({"id": "999999", "input": {"status": "DONE"}}),
        )
        .await;
    assert_eq!(code, "NOT_FOUND");
    assert_eq!(
        app.ok(&manager, read, json!({"call": call.id})).await,
        before
    );

    // Analysing the call again replaces its signals; follow-ups keep the
    // action item they were made from.
    let admin = app.token(&team.admin);
    app.ok(&admin, "mutation { reanalyzeCalls(filter: {}) }", json!({}))
        .await;
    let signals = "query($id: ID!) { call(id: $id) { actionItems { id value } } }";
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let items = app.ok(&admin, signals, json!({"id": call.id})).await;
        let fresh = items["call"]["actionItems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["value"] == PROMISE && i["id"] != call.promise());
        if fresh {
            break;
        }
        assert!(Instant::now() < deadline, "the call was not analysed again");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let kept =
        "query($call: ID!) { call(id: $call) { followUps { actionItem { text offsetMs } } } }";
    let kept = app.ok(&manager, kept, json!({"call": call.id})).await;
    for follow_up in kept["call"]["followUps"].as_array().unwrap() {
        assert_eq!(
            follow_up["actionItem"],
            json!({"text": PROMISE, "offsetMs": 16_200})
        );
    }
    // The replaced signal can no longer be followed up.
    let (code, message) = app.error(Some(&manager), CREATE, with(json!({}))).await;
    assert_eq!(code, "BAD_USER_INPUT", "{message}");
    app.finish().await;
}

on_both_backends!(
    seller_closes_a_task,
    manager_plans_a_meeting_with_an_invite,
    email_follow_up_drafts_the_message,
    outsiders_see_and_change_nothing,
    bad_input_writes_nothing,
);
