//! Import + analysis throughput: demo calls as native JSON are imported
//! (parse, one transaction per call, job queued) by 4 concurrent clients
//! while the service's analysis workers run every built-in analyzer on
//! them; the clock stops when the last job is done.
//!
//! Run: `cargo bench -p callsight --bench ingest_analysis` (SQLite), and with
//! `CALLSIGHT_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test` set
//! for PostgreSQL too. `CALLSIGHT_BENCH_CALLS` sets the number (default 2000).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use callsight::analysis::{Analysis, spawn_workers};
use callsight::app::{App, load_plugins};
use callsight::config::Config;
use callsight::domain::Format;
use callsight::domain::{Email, OrgSettings, Scope, SpeakerRole, UserRole};
use callsight::services::calls::ingest::{self, ImportOptions};
use callsight::services::setup;
use callsight::store::{jobs, users};
use sea_orm::{ConnectionTrait, Database};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; there is nothing to filter.
    let count: usize = std::env::var("CALLSIGHT_BENCH_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    let dir = tempfile::tempdir()?;
    let sqlite = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("bench.db").display()
    );
    run("SQLite", &sqlite, dir.path(), count).await?;
    if let Ok(server) = std::env::var("CALLSIGHT_BENCH_POSTGRES_URL") {
        let admin = Database::connect(server.as_str()).await?;
        admin
            .execute_unprepared("DROP DATABASE IF EXISTS callsight_bench_ingest WITH (FORCE)")
            .await?;
        admin
            .execute_unprepared("CREATE DATABASE callsight_bench_ingest")
            .await?;
        let base = server
            .rsplit_once('/')
            .map_or(server.as_str(), |(base, _)| base);
        run(
            "PostgreSQL",
            &format!("{base}/callsight_bench_ingest"),
            dir.path(),
            count,
        )
        .await?;
        admin
            .execute_unprepared("DROP DATABASE IF EXISTS callsight_bench_ingest WITH (FORCE)")
            .await?;
    }
    Ok(())
}

async fn run(backend: &str, url: &str, data: &std::path::Path, count: usize) -> anyhow::Result<()> {
    let mut config = Config {
        database: Some(url.to_owned()),
        data_dir: data.to_owned(),
        ..Config::default()
    };
    // The built-in analyzers the release build installed beside this binary's folder.
    let exe = std::env::current_exe()?;
    config.plugins.dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .map(ToOwned::to_owned);
    let mut app = App::open(config.clone()).await?;
    app.analysis = Arc::new(Analysis::new(load_plugins(&config)?));
    let analyzers: Vec<&str> = app
        .analysis
        .host()
        .plugins()
        .iter()
        .map(|p| p.name())
        .collect();
    let settings = OrgSettings {
        conversation_intelligence: true,
        ..Default::default()
    };
    let admin = Email::parse("admin@bench.example").map_err(anyhow::Error::msg)?;
    let (org, _) = setup::init(
        &app.store,
        "Bench",
        &admin,
        "Admin",
        chrono_tz::UTC,
        &settings,
    )
    .await?;
    let scope = Scope::local_operator(org.id);
    let seller = Email::parse("seller@bench.example").map_err(anyhow::Error::msg)?;
    users::create(
        app.store.db(),
        &scope,
        users::NewUser {
            email: seller.clone(),
            name: "Seller".into(),
            role: UserRole::Seller,
            manager: None,
        },
    )
    .await?;
    let payloads: Vec<Vec<u8>> = callsight::demo::sample_calls(count, chrono::Utc::now())
        .into_iter()
        .map(|call| serde_json::to_vec(&call))
        .collect::<Result<_, _>>()?;
    let total = payloads.len();

    let started = Instant::now();
    let workers = spawn_workers(
        app.store.clone(),
        app.analysis.clone(),
        config.analysis.settings(),
    );
    let payloads = Arc::new(std::sync::Mutex::new(payloads));
    let importers: Vec<_> = (0..4)
        .map(|_| {
            let (app, scope, payloads, seller) =
                (app.clone(), scope.clone(), payloads.clone(), seller.clone());
            tokio::spawn(async move {
                loop {
                    let Some(payload) = payloads.lock().expect("queue").pop() else {
                        break;
                    };
                    let parsed = ingest::parse(Format::Native, payload)
                        .await
                        .expect("demo calls parse");
                    let options = ImportOptions {
                        seller: Some(seller.clone()),
                        speakers: HashMap::from([("seller".to_owned(), SpeakerRole::Seller)]),
                        ..Default::default()
                    };
                    ingest::store_call(&app.store, &scope, Format::Native, parsed, options)
                        .await
                        .expect("import");
                    app.analysis.wake();
                }
            })
        })
        .collect();
    for importer in importers {
        importer.await?;
    }
    let imported = started.elapsed();
    while jobs::outstanding(app.store.db()).await? > 0 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let elapsed = started.elapsed();
    workers.shutdown().await;
    println!(
        "{backend}: {total} calls imported and analysed by {} ({}) in {:.2} s: {:.0} calls/s (import alone finished after {:.2} s)",
        analyzers.len(),
        analyzers.join(", "),
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        imported.as_secs_f64(),
    );
    Ok(())
}
