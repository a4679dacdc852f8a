//! The embedded default: a SQLite file in WAL mode with foreign keys on,
//! created where the configuration says, migrations applied once.

use std::process::Command;

use callsight::store::Store;
use sea_orm::{ConnectionTrait, Statement};

async fn pragma(store: &Store, name: &str) -> String {
    let row = store
        .db()
        .query_one_raw(Statement::from_string(
            store.backend(),
            format!("PRAGMA {name}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<String>(0)
        .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
        .unwrap()
}

#[tokio::test]
async fn sqlite_file_is_wal_with_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/callsight.db");
    let store = Store::connect(&format!("sqlite://{}?mode=rwc", path.display()), 4)
        .await
        .unwrap();
    assert!(store.ready().await.is_err(), "not ready before migrations");
    store.migrate().await.unwrap();
    store.migrate().await.unwrap();
    store.ready().await.unwrap();
    assert!(path.is_file());
    assert_eq!(pragma(&store, "journal_mode").await, "wal");
    assert_eq!(pragma(&store, "foreign_keys").await, "1");
    // A segment of a call that does not exist is refused.
    let orphan = store
        .db()
        .execute_unprepared("INSERT INTO segments (call_id, ordinal, speaker, start_ms, end_ms, text) VALUES (999, 0, 'a', 0, 1, '')")
        .await;
    assert!(orphan.is_err());
}

#[test]
fn no_configuration_means_callsight_data_in_the_working_folder() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_callsight"))
        .arg("migrate")
        .current_dir(dir.path())
        .env_remove("DATABASE_URL")
        .env_remove("CALLSIGHT_DATABASE")
        .env_remove("CALLSIGHT_DATA_DIR")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(dir.path().join("callsight-data/callsight.db").is_file());
    let secret = std::fs::read_to_string(dir.path().join("callsight-data/jwt-secret")).unwrap();
    assert_eq!(
        secret.len(),
        64,
        "a generated secret is kept for the next start"
    );
}
