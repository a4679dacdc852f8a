//! The durable analysis queue: each job is claimed once, an expired lease
//! is taken over, and a process killed mid-analysis loses no job.

use std::collections::BTreeSet;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use callsight::domain::Scope;
use callsight::store::calls::{self, NewCall};
use callsight::store::{analysis, jobs, orgs};
use serde_json::json;

use crate::fixtures::plugins_dir;
use crate::support::{
    Backend, Team, TestApp, TestDb, count_rows, on_both_backends, post_to, serve_process,
};

/// Stores `count` calls for seller A1 (each queues its job).
async fn store_calls(app: &TestApp, team: &Team, count: usize) {
    let scope = Scope::local_operator(team.seller_a1.org);
    let new = (0..count)
        .map(|n| NewCall {
            seller: team.seller_a1.id,
            call: crate::transcripts::minimal_call(&format!("job-{n}")),
            started_at: chrono::Utc::now(),
            source_format: callsight::domain::Format::Native,
            tracked_keywords: Vec::new(),
            fingerprint: None,
            analysis: None,
        })
        .collect();
    calls::insert(&app.app.store, &scope, new).await.unwrap();
}

async fn each_job_is_claimed_once(backend: Backend) {
    let app = TestApp::spawn_without_workers(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    store_calls(&app, &team, 40).await;
    assert_eq!(jobs::outstanding(app.app.store.db()).await.unwrap(), 40);
    let claimers = (0..4).map(|n| {
        let store = app.app.store.clone();
        tokio::spawn(async move {
            let mut claimed = Vec::new();
            while let Some(job) = jobs::claim(&store, &format!("claimer-{n}"), 60_000)
                .await
                .unwrap()
            {
                claimed.push(job.id);
            }
            claimed
        })
    });
    let mut all = Vec::new();
    for claimer in claimers {
        all.extend(claimer.await.unwrap());
    }
    let unique: BTreeSet<i64> = all.iter().copied().collect();
    assert_eq!(
        (all.len(), unique.len()),
        (40, 40),
        "every job claimed exactly once"
    );
    app.finish().await;
}

async fn an_expired_lease_is_taken_over(backend: Backend) {
    let app = TestApp::spawn_without_workers(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    store_calls(&app, &team, 1).await;
    let store = &app.app.store;
    let dead = jobs::claim(store, "dead", 2_000)
        .await
        .unwrap()
        .expect("a job");
    assert!(
        jobs::claim(store, "alive", 50).await.unwrap().is_none(),
        "held while the lease lasts"
    );
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let alive = jobs::claim(store, "alive", 60_000)
        .await
        .unwrap()
        .expect("taken over after the lease");
    assert_eq!((alive.id, alive.attempts, dead.attempts), (dead.id, 2, 1));
    // The dead worker's late results are refused; the live one's land.
    let scope = Scope::local_operator(alive.org);
    let org = orgs::get(store.db(), &scope).await.unwrap();
    let call = calls::get(store.db(), &scope, alive.call).await.unwrap();
    assert_eq!(
        analysis::replace(store, &org, &call, Vec::new(), &dead)
            .await
            .unwrap(),
        None
    );
    assert!(
        analysis::replace(store, &org, &call, Vec::new(), &alive)
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(jobs::outstanding(store.db()).await.unwrap(), 0);
    app.finish().await;
}

on_both_backends!(each_job_is_claimed_once, an_expired_lease_is_taken_over);

/// `callsight serve` with short leases, so a dead process's job is taken
/// over quickly.
fn serve(db: &TestDb, plugins: &std::path::Path) -> (Child, String) {
    serve_process(
        db,
        plugins,
        &[
            ("CALLSIGHT_ANALYSIS__LEASE_MS", "2000"),
            ("CALLSIGHT_ANALYSIS__POLL_MS", "200"),
        ],
    )
}

fn cli(db: &TestDb, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_callsight"))
        .args(args)
        .env("CALLSIGHT_DATA_DIR", db.dir.path().join("data"))
        .env("CALLSIGHT_DATABASE", &db.url)
        .env("CALLSIGHT_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A server killed while analysing leaves its job to the next one, which
/// takes it up when the lease runs out.
async fn a_killed_process_loses_no_job(backend: Backend) {
    let db = TestDb::new(&backend).await;
    let init = cli(
        &db,
        &["init", "--org", "Acme", "--admin-email", "boss@acme.io"],
    );
    let token = init
        .lines()
        .find_map(|l| l.strip_prefix("Admin token: "))
        .unwrap()
        .to_owned();
    let csv = db.dir.path().join("team.csv");
    std::fs::write(&csv, "email,name,role\nleo@acme.io,Leo,seller\n").unwrap();
    cli(&db, &["users", "import", csv.to_str().unwrap()]);

    // First process: a good analyzer and one that takes 30 s.
    let slow = plugins_dir(&["fixture-good", "fixture-slow"]);
    let (mut first, url) = serve(&db, slow.path());
    let enable =
        "mutation { updateOrganizationSettings(input: {conversationIntelligence: true}) { id } }";
    post_to(&url, &token, enable, json!({})).await;
    let import = "mutation($input: ImportCallInput!) { importCall(input: $input) { call { id } } }";
    let payload = json!({"segments": [{"speaker": "rep", "startMs": 0, "endMs": 40000, "text": "a long pitch"},
        {"speaker": "client", "startMs": 41000, "endMs": 51000, "text": "fine"}]}).to_string();
    let variables = json!({"input": {"format": "NATIVE", "payload": payload, "sellerEmail": "leo@acme.io", "speakers": [{"speaker": "rep", "role": "SELLER"}]}});
    let imported = post_to(&url, &token, import, variables).await;
    let id = imported["data"]["importCall"]["call"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Kill it while the slow analyzer holds the job.
    let store = callsight::store::Store::connect(&db.url, 2).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while jobs::outstanding(store.db()).await.unwrap() == 1 && !job_running(&store).await {
        assert!(Instant::now() < deadline, "the job was never claimed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    first.kill().unwrap();
    first.wait().unwrap();

    // Second process, without the slow analyzer: takes the job up after the lease.
    let fast = plugins_dir(&["fixture-good"]);
    let (mut second, url) = serve(&db, fast.path());
    let query = "query($id: ID!) { call(id: $id) { analysisStatus metrics { name value } } }";
    let deadline = Instant::now() + Duration::from_secs(60);
    let call = loop {
        let data = post_to(&url, &token, query, json!({"id": id})).await;
        let call = data["data"]["call"].clone();
        if call["analysisStatus"] != "PENDING" || Instant::now() > deadline {
            break call;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(
        call,
        json!({"analysisStatus": "DONE", "metrics": [{"name": "seller_talk_share", "value": 0.8}]})
    );
    // SAFETY: SIGTERM to a child we spawned and have not reaped, so the pid
    // is still its.
    unsafe { libc::kill(second.id() as i32, libc::SIGTERM) };
    second.wait().unwrap();
    db.drop_db().await;
}

async fn job_running(store: &callsight::store::Store) -> bool {
    count_rows(store, "analysis_jobs WHERE status = 'running'").await == 1
}

on_both_backends!(a_killed_process_loses_no_job);
