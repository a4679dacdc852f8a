//! The real `callsight` binary: first-run setup, bulk import (and a kill in
//! the middle of one), the demo server, and memory on the largest payload.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::{Backend, TestDb, count_rows, on_both_backends, post_to};
use crate::transcripts;

fn callsight(db: &TestDb) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_callsight"));
    command
        .env("CALLSIGHT_DATA_DIR", db.dir.path().join("data"))
        .env("CALLSIGHT_DATABASE", &db.url)
        .env("CALLSIGHT_LOG", "warn")
        .env_remove("DATABASE_URL")
        .stdin(Stdio::null());
    command
}

fn run(db: &TestDb, args: &[&str]) -> Output {
    callsight(db).args(args).output().expect("callsight runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn count(db: &TestDb, table: &str) -> i64 {
    let store = callsight::store::Store::connect(&db.url, 2).await.unwrap();
    count_rows(&store, table).await
}

async fn first_run_setup_and_import(backend: Backend) {
    let db = TestDb::new(&backend).await;
    let init = run(
        &db,
        &[
            "init",
            "--org",
            "Acme",
            "--admin-email",
            "Boss@Acme.io",
            "--time-zone",
            "Europe/Berlin",
            "--conversation-intelligence",
        ],
    );
    assert!(init.status.success(), "{}", text(&init.stderr));
    let stdout = text(&init.stdout);
    assert!(stdout.contains("Admin token: ey"), "{stdout}");
    let again = run(
        &db,
        &["init", "--org", "Acme", "--admin-email", "x@acme.io"],
    );
    assert!(!again.status.success() && text(&again.stderr).contains("already exists"));

    let dir = db.dir.path();
    std::fs::write(dir.join("bad.csv"), "email,name,role,manager_email\nmia@acme.io,Mia,manager,boss@acme.io\nleo@acme.io,Leo,seller,nobody@acme.io\n").unwrap();
    let bad = run(
        &db,
        &["users", "import", dir.join("bad.csv").to_str().unwrap()],
    );
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("line 3"),
        "{}",
        text(&bad.stderr)
    );
    assert_eq!(
        count(&db, "users").await,
        1,
        "a failed CSV import writes nothing"
    );
    std::fs::write(dir.join("team.csv"), "email,name,role,manager_email\nleo@acme.io,Leo,seller,mia@acme.io\nmia@acme.io,Mia,manager,boss@acme.io\n").unwrap();
    let good = run(
        &db,
        &["users", "import", dir.join("team.csv").to_str().unwrap()],
    );
    assert!(good.status.success(), "{}", text(&good.stderr));
    assert_eq!(count(&db, "users").await, 3);

    let token = run(&db, &["token", "--email", "leo@acme.io"]);
    assert!(token.status.success() && text(&token.stdout).starts_with("ey"));
    let missing = run(&db, &["token", "--email", "zed@acme.io"]);
    assert!(!missing.status.success() && text(&missing.stderr).contains("no user zed@acme.io"));

    std::fs::write(dir.join("a.json"), transcripts::native("crm-1")).unwrap();
    std::fs::write(dir.join("b.vtt"), transcripts::vtt()).unwrap();
    std::fs::write(dir.join("broken.json"), "{\"segments\": [}").unwrap();
    let files = |names: &[&str]| {
        names
            .iter()
            .map(|n| dir.join(n).to_string_lossy().into_owned())
            .collect::<Vec<_>>()
    };
    let mut args = vec![
        "import".to_owned(),
        "--format".into(),
        "native".into(),
        "--seller".into(),
        "leo@acme.io".into(),
        "--seller-speaker".into(),
        "spk_0".into(),
    ];
    args.extend(files(&["a.json", "broken.json"]));
    let imported = callsight(&db).args(&args).output().unwrap();
    assert!(
        !imported.status.success(),
        "one file failed, so the command fails"
    );
    assert!(
        text(&imported.stdout).contains("1 imported, 0 already present, 1 failed"),
        "{}",
        text(&imported.stdout)
    );
    assert!(
        text(&imported.stderr).contains("broken.json: line 1"),
        "{}",
        text(&imported.stderr)
    );
    let again = callsight(&db)
        .args(&args[..args.len() - 1])
        .output()
        .unwrap();
    assert!(
        text(&again.stdout).contains("0 imported, 1 already present"),
        "{}",
        text(&again.stdout)
    );
    let vtt = run(
        &db,
        &[
            "import",
            "--format",
            "vtt",
            "--seller",
            "leo@acme.io",
            "--seller-speaker",
            "spk_0",
            &files(&["b.vtt"])[0],
        ],
    );
    assert!(vtt.status.success(), "{}", text(&vtt.stderr));
    assert_eq!(
        (count(&db, "calls").await, count(&db, "segments").await),
        (2, 10)
    );
    db.drop_db().await;
}

/// `init` an organisation and load one seller, leo@acme.io, through the CLI.
fn acme_with_seller_leo(db: &TestDb) {
    let init = run(
        db,
        &[
            "init",
            "--org",
            "Acme",
            "--admin-email",
            "boss@acme.io",
            "--conversation-intelligence",
        ],
    );
    assert!(init.status.success(), "{}", text(&init.stderr));
    let csv = db.dir.path().join("team.csv");
    std::fs::write(&csv, "email,name,role\nleo@acme.io,Leo,seller\n").unwrap();
    let users = run(db, &["users", "import", csv.to_str().unwrap()]);
    assert!(users.status.success(), "{}", text(&users.stderr));
}

/// `callsight import` keeps to the organisation's feature switch, like
/// `importCall`: with conversation intelligence off it refuses and stores
/// nothing.
async fn cli_import_respects_the_feature_switch(backend: Backend) {
    let db = TestDb::new(&backend).await;
    acme_with_seller_leo(&db);
    let store = callsight::store::Store::connect(&db.url, 2).await.unwrap();
    let org = callsight::store::orgs::find_by_name(store.db(), "Acme")
        .await
        .unwrap()
        .unwrap();
    let settings = callsight::domain::OrgSettings {
        conversation_intelligence: false,
        ..org.settings.clone()
    };
    let scope = callsight::domain::Scope::local_operator(org.id);
    callsight::store::orgs::update(store.db(), &scope, &settings, None)
        .await
        .unwrap();
    let file = db.dir.path().join("a.json");
    std::fs::write(&file, transcripts::native("crm-7")).unwrap();
    let refused = run(
        &db,
        &[
            "import",
            "--format",
            "native",
            "--seller",
            "leo@acme.io",
            "--seller-speaker",
            "spk_0",
            file.to_str().unwrap(),
        ],
    );
    assert!(!refused.status.success());
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains("conversation intelligence is switched off"),
        "{stderr}"
    );
    assert_eq!(count(&db, "calls").await, 0);
}

/// A call of `segments` segments as native JSON.
fn big_call(external_id: &str, segments: usize, text: &str) -> String {
    let segments: Vec<_> = (0..segments)
        .map(|i| {
            let start = i as i64 * 800;
            json!({"speaker": if i % 2 == 0 { "rep" } else { "client" }, "startMs": start, "endMs": start + 700, "text": text})
        })
        .collect();
    json!({"externalId": external_id, "segments": segments}).to_string()
}

async fn killed_bulk_import_leaves_whole_calls(backend: Backend) {
    let db = TestDb::new(&backend).await;
    acme_with_seller_leo(&db);
    let files: Vec<String> = (0..60)
        .map(|i| {
            let path = db.dir.path().join(format!("call-{i:03}.json"));
            std::fs::write(
                &path,
                big_call(
                    &format!("bulk-{i}"),
                    3_000,
                    "we could start the pilot next month",
                ),
            )
            .unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect();
    let mut child = callsight(&db)
        .args([
            "import",
            "--format",
            "native",
            "--seller",
            "leo@acme.io",
            "--seller-speaker",
            "rep",
        ])
        .args(&files)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once some calls are in, while it is writing the next.
    let deadline = Instant::now() + Duration::from_secs(120);
    while count(&db, "calls").await < 3 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let calls = count(&db, "calls").await;
    assert!(
        (3..60).contains(&calls),
        "killed mid-import, yet {calls} calls are stored"
    );
    assert_eq!(
        count(&db, "segments").await,
        calls * 3_000,
        "every stored call is whole"
    );
    assert_eq!(count(&db, "participants").await, calls * 2);
    db.drop_db().await;
}

on_both_backends!(
    first_run_setup_and_import,
    killed_bulk_import_leaves_whole_calls,
    cli_import_respects_the_feature_switch
);

/// Reads the child's stdout until `pred` matches a line; returns that line.
fn read_until(
    reader: &mut impl BufRead,
    lines: &mut Vec<String>,
    pred: impl Fn(&str) -> bool,
) -> String {
    loop {
        let mut line = String::new();
        assert!(
            reader.read_line(&mut line).unwrap() > 0,
            "output ended early: {lines:?}"
        );
        lines.push(line.clone());
        if pred(&line) {
            return line;
        }
    }
}

fn terminate(child: &mut Child) -> std::process::ExitStatus {
    // SAFETY: sending SIGTERM to a child we spawned and have not reaped.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    child.wait().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_demo_prints_tokens_that_work() {
    let db = TestDb::new(&Backend::Sqlite).await;
    let mut child = callsight(&db)
        .args(["serve", "--demo", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    read_until(&mut reader, &mut lines, |l| {
        l.trim_start().starts_with("manager")
    });
    let token = read_until(&mut reader, &mut lines, |l| l.contains("token:"))
        .split_whitespace()
        .last()
        .unwrap()
        .to_owned();
    let serving = read_until(&mut reader, &mut lines, |l| {
        l.starts_with("Callsight is serving")
    });
    let url = serving.split_whitespace().last().unwrap().to_owned();
    assert!(lines[0].contains("480 calls"), "{lines:?}");

    let query = "{ me { role } calls(first: 100) { edges { node { title outcome seller { name } transcript { segments { role text } } } } } }";
    let body = post_to(&url, &token, query, json!({})).await;
    assert_eq!(body["data"]["me"]["role"], "MANAGER", "{body}");
    let edges = body["data"]["calls"]["edges"].as_array().unwrap();
    assert_eq!(
        edges.len(),
        100,
        "the manager sees at least a page of calls"
    );
    let sellers: std::collections::BTreeSet<&str> = edges
        .iter()
        .filter_map(|e| e["node"]["seller"]["name"].as_str())
        .collect();
    assert_eq!(sellers.len(), 4, "manager 1 has four sellers: {sellers:?}");
    let segments = edges[0]["node"]["transcript"]["segments"]
        .as_array()
        .unwrap();
    assert!(segments.len() >= 10 && segments.iter().any(|s| s["role"] == "CUSTOMER"));
    // Each of the manager's sellers answered a comment on their newest call.
    let query = "{ sellers { unreadComments(first: 1) { count comments { body call { comments { visibility } } } } } }";
    let body = post_to(&url, &token, query, json!({})).await;
    let sellers = body["data"]["sellers"].as_array().expect("sellers");
    assert_eq!(sellers.len(), 4, "{body}");
    for seller in sellers {
        let unread = &seller["unreadComments"];
        assert_eq!(unread["count"], 1, "{body}");
        assert_eq!(
            unread["comments"][0]["body"], "Thanks! I'll keep opening with it.",
            "{body}"
        );
        assert_eq!(
            unread["comments"][0]["call"]["comments"],
            json!([{"visibility": "SHARED"}, {"visibility": "PRIVATE"}])
        );
    }
    assert_eq!(
        terminate(&mut child).code(),
        Some(0),
        "SIGTERM shuts down gracefully"
    );

    // A second start keeps the demo as it is, and prints the same people
    // with the same tokens.
    let output = callsight(&db).args(["demo"]).output().unwrap();
    let again = text(&output.stdout);
    assert!(again.contains("exists already"), "{again}");
    let people = |lines: &[String]| -> Vec<String> {
        lines
            .iter()
            .filter(|l| {
                let l = l.trim_start();
                ["admin", "manager", "seller", "token:"]
                    .iter()
                    .any(|p| l.starts_with(p))
            })
            .map(|l| l.trim().to_owned())
            .collect()
    };
    let first: Vec<String> = people(&lines);
    let second: Vec<String> = people(&again.lines().map(str::to_owned).collect::<Vec<_>>());
    assert_eq!(second.len(), 6, "{again}");
    assert_eq!(first, second, "the same people and tokens on every start");
    db.drop_db().await;
}

/// Peak RSS (bytes) of a finished child, from wait4's rusage.
fn wait_peak_rss(child: Child) -> (i32, u64) {
    let mut status = 0;
    // SAFETY: rusage is plain C data, for which all zero bytes are a value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `status` and `usage` are live locals wait4 may write; the pid
    // is a child we spawned and have not reaped.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    (libc::WEXITSTATUS(status), usage.ru_maxrss as u64 * 1024)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn largest_payload_imports_under_400_mb() {
    let db = TestDb::new(&Backend::Sqlite).await;
    acme_with_seller_leo(&db);
    // Just under 20 MB and 100 000 segments: the largest call accepted.
    let text =
        "so the rollout plan covers onboarding, security review and the pilot with your team";
    let mut payload = big_call("largest", 99_999, text);
    let limit = 20 * 1024 * 1024;
    assert!(payload.len() < limit, "{} bytes", payload.len());
    payload.truncate(payload.len() - 1);
    payload += &format!(
        ",\"title\":\"{}\"}}",
        "t".repeat(limit - payload.len() - 12)
    );
    assert!(
        payload.len() <= limit && payload.len() > limit - 64,
        "{}",
        payload.len()
    );
    let path = db.dir.path().join("largest.json");
    std::fs::write(&path, &payload).unwrap();
    let mut child = callsight(&db)
        .args([
            "import",
            "--format",
            "native",
            "--seller",
            "leo@acme.io",
            "--seller-speaker",
            "rep",
            path.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let (code, peak) = tokio::task::spawn_blocking(move || wait_peak_rss(child))
        .await
        .unwrap();
    let mut errors = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut errors).unwrap();
    assert_eq!(code, 0, "{errors}");
    assert_eq!(count(&db, "segments").await, 99_999);
    assert!(
        peak < 400 * 1024 * 1024,
        "peak RSS {} MB",
        peak / 1024 / 1024
    );
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        format!("largest payload: peak RSS {} MB\n", peak / 1024 / 1024).as_bytes(),
    );
    db.drop_db().await;
}

/// `callsight analyze` needs no database: it runs the built-in analyzers
/// (installed beside the binary) and prints docs/metrics.md#analyze-output's document.
#[test]
fn analyze_prints_the_metrics_of_a_transcript() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("call.json");
    std::fs::write(&file, transcripts::native("analyze-me")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_callsight"))
        .args(["analyze", "--seller-speaker", "spk_0"])
        .arg(&file)
        .env("CALLSIGHT_LOG", "error")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let metrics = &report["metrics"];
    // Worked by hand from transcripts::SEGMENTS: seller 2.4 + 5.2 + 2.3 s,
    // customer 1.2 + 5.7 s; pauses 500 and 200 ms; 23 seller words.
    assert_eq!(metrics["seller_talk_ms"], 9_900);
    assert_eq!(metrics["customer_talk_ms"], 6_900);
    assert_eq!(metrics["switch_count"], 4);
    assert_eq!(metrics["avg_pause_before_speaking_ms"], 350);
    assert_eq!(metrics["longest_customer_monologue_ms"], 5_700);
    assert_eq!(metrics["seller_question_count"], 1);
    assert_eq!(metrics["duration_ms"], 18_500);
    // Ratios are the exact quotient rounded once.
    let close = |name: &str, expected: f64| {
        let got = metrics[name].as_f64().unwrap();
        assert!((got - expected).abs() < 1e-9, "{name}: {got} vs {expected}");
    };
    close("talk_to_listen_ratio", 9_900.0 / 16_800.0);
    close("talking_speed_wpm", 23.0 * 60_000.0 / 9_900.0);
    // Every built-in ran: VADER scored all five segments and the customer.
    assert_eq!(report["sentiment"]["segments"].as_array().unwrap().len(), 5);
    assert_eq!(report["sentiment"]["segments"][0]["index"], 0);
    for key in ["positive", "neutral", "negative", "score"] {
        assert!(
            report["sentiment"]["customer"][key].is_number(),
            "{key}: {report}"
        );
    }
    let kinds: std::collections::BTreeSet<&str> = report["signals"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["kind"].as_str())
        .collect();
    assert!(
        kinds.contains("question") && kinds.contains("action_item"),
        "{kinds:?}"
    );
    assert!(report.get("errors").is_none(), "{report}");

    let missing = Command::new(env!("CARGO_BIN_EXE_callsight"))
        .args(["analyze", "/nonexistent.json"])
        .output()
        .unwrap();
    assert!(
        !missing.status.success()
            && text(&missing.stderr).contains("cannot read /nonexistent.json")
    );
}
