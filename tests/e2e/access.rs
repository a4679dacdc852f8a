//! Who may do and see what: the feature switch, admin-only mutations, and
//! the role matrix over every field that takes an id or returns people.

use serde_json::{Value, json};

use crate::comments;
use crate::support::{Backend, Team, TestApp, on_both_backends};
use crate::transcripts;

pub(crate) async fn import_for(
    app: &TestApp,
    team: &Team,
    seller_email: &str,
    external_id: &str,
) -> String {
    let query = "mutation($input: ImportCallInput!) { importCall(input: $input) { call { id } } }";
    let variables = json!({"input": {"format": "NATIVE", "payload": transcripts::native(external_id),
        "sellerEmail": seller_email, "speakers": [{"speaker": "spk_0", "role": "SELLER"}]}});
    let data = app.ok(&app.token(&team.admin), query, variables).await;
    data["importCall"]["call"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn feature_switch(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", false).await;
    let admin = app.token(&team.admin);
    let seller = app.token(&team.seller_a1);

    // Off: `me` and `organization` answer; everything else is FEATURE_DISABLED with how to switch it on.
    let data = app
        .ok(
            &seller,
            "{ me { email } organization { name settings { conversationIntelligence } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        data["organization"]["settings"]["conversationIntelligence"],
        false
    );
    for query in [
        "{ calls { edges { cursor } } }",
        "{ call(id: \"1\") { id } }",
    ] {
        let (code, message) = app.error(Some(&seller), query, json!({})).await;
        assert_eq!(code, "FEATURE_DISABLED");
        assert!(
            message.contains("an admin") && message.contains("updateOrganizationSettings"),
            "{message}"
        );
    }
    let (code, _) = app
        .error(Some(&admin), "mutation { importCall(input: {format: NATIVE, payload: \"{}\", sellerEmail: \"x@y.z\"}) { created } }", json!({}))
        .await;
    assert_eq!(code, "FEATURE_DISABLED");

    // Only an admin switches it on.
    let enable = "mutation { updateOrganizationSettings(input: {conversationIntelligence: true, timeZone: \"Europe/Berlin\"}) { timeZone settings { conversationIntelligence } } }";
    let (code, _) = app.error(Some(&seller), enable, json!({})).await;
    assert_eq!(code, "FORBIDDEN");
    let data = app.ok(&admin, enable, json!({})).await;
    assert_eq!(
        data["updateOrganizationSettings"],
        json!({"timeZone": "Europe/Berlin", "settings": {"conversationIntelligence": true}})
    );
    let (code, _) = app
        .error(
            Some(&admin),
            "mutation { updateOrganizationSettings(input: {timeZone: \"Mars/Base\"}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
    app.ok(&seller, "{ calls { edges { cursor } } }", json!({}))
        .await;
    app.finish().await;
}

async fn admin_manages_users(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let admin = app.token(&team.admin);
    let create = "mutation($input: CreateUserInput!) { createUser(input: $input) { id email role manager { email } } }";
    let new = |manager: &str| json!({"input": {"email": "New.Seller@Acme.example", "name": "New Seller", "role": "SELLER", "managerId": manager}});
    let manager_b = team.manager_b.id.to_string();

    for user in [&team.manager_a, &team.seller_a1] {
        let (code, _) = app
            .error(Some(&app.token(user)), create, new(&manager_b))
            .await;
        assert_eq!(code, "FORBIDDEN");
    }
    let (code, message) = app
        .error(Some(&admin), create, new(&team.seller_a1.id.to_string()))
        .await;
    assert_eq!(code, "BAD_USER_INPUT", "a seller cannot manage: {message}");
    let created = app.ok(&admin, create, new(&manager_b)).await["createUser"].clone();
    assert_eq!(created["email"], "new.seller@acme.example");
    assert_eq!(created["manager"]["email"], "manager-b@acme.example");
    let (code, message) = app.error(Some(&admin), create, new(&manager_b)).await;
    assert_eq!(
        (code.as_str(), message.contains("already exists")),
        ("BAD_USER_INPUT", true)
    );

    let update = "mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { role manager { email } } }";
    let id = created["id"].clone();
    let moved = app.ok(&admin, update, json!({"id": id, "input": {"managerId": team.manager_a.id.to_string(), "role": "MANAGER"}})).await;
    assert_eq!(
        moved["updateUser"],
        json!({"role": "MANAGER", "manager": {"email": "manager-a@acme.example"}})
    );
    let cleared = app
        .ok(
            &admin,
            update,
            json!({"id": id, "input": {"managerId": null}}),
        )
        .await;
    assert_eq!(cleared["updateUser"]["manager"], Value::Null);
    // manager A reporting to someone who reports to manager A: a cycle.
    app.ok(
        &admin,
        update,
        json!({"id": id, "input": {"managerId": team.manager_a.id.to_string()}}),
    )
    .await;
    let (code, message) = app
        .error(
            Some(&admin),
            update,
            json!({"id": team.manager_a.id.to_string(), "input": {"managerId": id}}),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT", "{message}");
    let (code, _) = app
        .error(
            Some(&app.token(&team.manager_a)),
            update,
            json!({"id": id, "input": {"name": "x"}}),
        )
        .await;
    assert_eq!(code, "FORBIDDEN");
    app.finish().await;
}

/// Every field that takes an id or returns people, for every kind of viewer.
async fn role_matrix(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let other = Team::create(&app, "Globex", true).await;
    let call_a1 = import_for(&app, &team, "seller-a1@acme.example", "a1").await;
    let call_b1 = import_for(&app, &team, "seller-b1@acme.example", "b1").await;
    let call_other = import_for(&app, &other, "seller-a1@globex.example", "g1").await;
    // Manager A's notes on A1's call: one shared with A1, one private.
    for visibility in ["SHARED", "PRIVATE"] {
        let variables = comments::input(&call_a1, comments::span(0, 0), "note", visibility);
        app.ok(&app.token(&team.manager_a), comments::ADD, variables)
            .await;
    }
    let seller_a1 = team.seller_a1.id.0.to_string();

    // (viewer, may see seller A1's call, calls listed, users listed)
    let matrix: Vec<(&str, &callsight::store::users::User, bool, usize, usize)> = vec![
        ("seller self", &team.seller_a1, true, 1, 1),
        ("seller other", &team.seller_a2, false, 0, 1),
        ("manager of", &team.manager_a, true, 1, 3),
        ("manager not of", &team.manager_b, false, 1, 2),
        ("admin", &team.admin, true, 2, 6),
        ("other org admin", &other.admin, false, 1, 6),
    ];
    for (who, user, sees_a1, listed, people) in matrix {
        let token = app.token(user);
        let query = "query($id: ID!) { call(id: $id) { id seller { email } participants { speaker } transcript { segments { text } } metrics { name } analyzerRuns { analyzer } signals { kind } } }";
        let (_, body) = app.post(Some(&token), query, json!({"id": call_a1})).await;
        if sees_a1 {
            assert_eq!(
                body["data"]["call"]["seller"]["email"], "seller-a1@acme.example",
                "{who}: {body}"
            );
        } else {
            assert_eq!(
                body["errors"][0]["extensions"]["code"], "NOT_FOUND",
                "{who}: {body}"
            );
        }
        // Comments: the seller reads the shared note only; what is unread
        // is what the viewer did not write; contact links go with the seller.
        let query = "query($call: ID!, $seller: ID!) { call(id: $call) { comments { visibility } }
            seller(id: $seller) { unreadComments { count } mailtoUrl teamsChatUrl } }";
        let variables = json!({"call": call_a1, "seller": seller_a1});
        let (_, body) = app.post(Some(&token), query, variables).await;
        if sees_a1 {
            let (threads, unread) = match who {
                "seller self" => (1, 1),
                "manager of" => (2, 0),
                _ => (2, 2),
            };
            let data = &body["data"];
            assert_eq!(
                data["call"]["comments"].as_array().map(Vec::len),
                Some(threads),
                "{who}: {body}"
            );
            assert_eq!(
                data["seller"]["unreadComments"]["count"], unread,
                "{who}: {body}"
            );
            assert_eq!(
                data["seller"]["mailtoUrl"], "mailto:seller-a1@acme.example",
                "{who}: {body}"
            );
            assert_eq!(
                data["seller"]["teamsChatUrl"],
                "https://teams.microsoft.com/l/chat/0/0?users=seller-a1@acme.example"
            );
        } else {
            assert!(body["data"].is_null(), "{who}: {body}");
            assert_eq!(
                body["errors"][0]["extensions"]["code"], "NOT_FOUND",
                "{who}: {body}"
            );
        }
        let configure = "mutation { configureAnalyzer(input: {name: \"talk-share\", enabled: false}) { name } }";
        let (code, _) = app.error(Some(&token), configure, json!({})).await;
        // Admins get past the role check to "no such analyzer"; others are forbidden.
        let expected = if user.role == callsight::domain::UserRole::Admin {
            "BAD_USER_INPUT"
        } else {
            "FORBIDDEN"
        };
        assert_eq!(code, expected, "{who} configuring an analyzer");
        let data = app.ok(&token, "{ calls(first: 100) { edges { node { id seller { email } } } } users { email manager { email } } analyzers { name } }", json!({})).await;
        assert_eq!(
            data["calls"]["edges"].as_array().unwrap().len(),
            listed,
            "{who}: {data}"
        );
        assert_eq!(
            data["users"].as_array().unwrap().len(),
            people,
            "{who}: {data}"
        );
        let (_, body) = app
            .post(
                Some(&token),
                "query($id: ID!) { call(id: $id) { id } }",
                json!({"id": call_b1}),
            )
            .await;
        let sees_b1 = body["errors"].is_null();
        assert_eq!(
            sees_b1,
            matches!(who, "admin" | "manager not of"),
            "{who} and B1's call: {body}"
        );
    }
    // No viewer of Acme reaches Globex's call, not even Acme's admin.
    let (code, _) = app
        .error(
            Some(&app.token(&team.admin)),
            "query($id: ID!) { call(id: $id) { id } }",
            json!({"id": call_other}),
        )
        .await;
    assert_eq!(code, "NOT_FOUND");
    let (code, _) = app
        .error(
            Some(&app.token(&team.admin)),
            "{ call(id: \"not-a-number\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
    // A seller cannot import for another seller.
    let query = "mutation($input: ImportCallInput!) { importCall(input: $input) { call { id } } }";
    let variables = json!({"input": {"format": "NATIVE", "payload": transcripts::native("z"), "sellerEmail": "seller-a2@acme.example", "speakers": [{"speaker": "spk_0", "role": "SELLER"}]}});
    let (code, _) = app
        .error(Some(&app.token(&team.seller_a1)), query, variables)
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
    app.finish().await;
}

on_both_backends!(feature_switch, admin_manages_users, role_matrix);
