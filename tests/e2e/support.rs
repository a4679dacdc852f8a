//! The harness: a fresh database per test (a SQLite file, or a new
//! PostgreSQL database), the real server on a loopback port, and a client.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use callsight::app::App;
use callsight::config::Config;
use callsight::domain::{Email, OrgSettings, Scope, UserId, UserRole};
use callsight::services::setup;
use callsight::store::users::{self, NewUser, User};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use tempfile::TempDir;

/// Runs each named `async fn(Backend)` as a SQLite test and a PostgreSQL test.
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(crate::support::Backend::Sqlite).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(backend) = crate::support::Backend::postgres(concat!(module_path!())) {
                    super::$name(backend).await
                }
            }
        }
    )+};
}
pub(crate) use on_both_backends;

/// Which database a test runs on.
#[derive(Debug, Clone)]
pub enum Backend {
    Sqlite,
    /// Server URL from CALLSIGHT_TEST_POSTGRES_URL; each test makes its own database there.
    Postgres(String),
}

impl Backend {
    /// PostgreSQL when CALLSIGHT_TEST_POSTGRES_URL is set; otherwise says the
    /// test was skipped (and fails under CI, where it must run).
    pub fn postgres(test: &str) -> Option<Self> {
        match std::env::var("CALLSIGHT_TEST_POSTGRES_URL") {
            Ok(url) if !url.is_empty() => Some(Self::Postgres(url)),
            _ => {
                assert!(
                    std::env::var_os("CI").is_none(),
                    "CI must set CALLSIGHT_TEST_POSTGRES_URL"
                );
                let _ = writeln!(
                    std::io::stderr(),
                    "skipped {test}: CALLSIGHT_TEST_POSTGRES_URL is not set"
                );
                None
            }
        }
    }
}

/// A database only this test uses.
pub struct TestDb {
    pub url: String,
    pub dir: TempDir,
    postgres: Option<(String, String)>,
}

impl TestDb {
    pub async fn new(backend: &Backend) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        match backend {
            Backend::Sqlite => {
                let url = format!(
                    "sqlite://{}?mode=rwc",
                    dir.path().join("callsight.db").display()
                );
                Self {
                    url,
                    dir,
                    postgres: None,
                }
            }
            Backend::Postgres(server) => {
                let name = format!("callsight_test_{}", uuid_like());
                let admin = Database::connect(server.as_str())
                    .await
                    .expect("PostgreSQL reachable");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let base = server
                    .rsplit_once('/')
                    .map_or(server.as_str(), |(base, _)| base);
                Self {
                    url: format!("{base}/{name}"),
                    dir,
                    postgres: Some((server.clone(), name)),
                }
            }
        }
    }

    /// Drops the PostgreSQL database (SQLite files go with the temp dir).
    pub async fn drop_db(&self) {
        if let Some((server, name)) = &self.postgres
            && let Ok(admin) = Database::connect(server.as_str()).await
        {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
            admin.close().await.ok();
        }
    }

    pub fn config(&self) -> Config {
        Config {
            data_dir: self.dir.path().join("data"),
            database: Some(self.url.clone()),
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            ..Config::default()
        }
    }
}

fn uuid_like() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..16)
        .map(|_| char::from(b'a' + rng.random_range(0..26u8)))
        .collect()
}

/// The server under test and a client for it.
pub struct TestApp {
    pub addr: SocketAddr,
    pub app: App,
    pub db: TestDb,
    pub http: reqwest::Client,
}

impl TestApp {
    pub async fn spawn(backend: &Backend) -> Self {
        let db = TestDb::new(backend).await;
        let app = App::open(db.config()).await.expect("app opens");
        Self::serve(db, app, true).await
    }

    /// The server with its configuration changed by `configure` first
    /// (`smtp` set: with an outbox worker too).
    pub async fn spawn_with(backend: &Backend, configure: impl FnOnce(&mut Config)) -> Self {
        let db = TestDb::new(backend).await;
        let mut config = db.config();
        configure(&mut config);
        let app = App::open(config).await.expect("app opens");
        Self::serve(db, app, true).await
    }

    /// The server without analysis workers, so a test drives the queue.
    pub async fn spawn_without_workers(backend: &Backend) -> Self {
        let db = TestDb::new(backend).await;
        let app = App::open(db.config()).await.expect("app opens");
        Self::serve(db, app, false).await
    }

    /// The server with the analyzer plugins in `plugins`, each call into
    /// them bounded by `timeout_ms`.
    pub async fn spawn_with_plugins(
        backend: &Backend,
        plugins: &std::path::Path,
        timeout_ms: u64,
    ) -> Self {
        let db = TestDb::new(backend).await;
        let mut config = db.config();
        config.plugins.dir = Some(plugins.to_owned());
        config.plugins.timeout_ms = timeout_ms;
        let app = App::open_with_plugins(config)
            .await
            .expect("app opens with its plugins");
        Self::serve(db, app, true).await
    }

    async fn serve(db: TestDb, app: App, workers: bool) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("loopback port");
        let addr = listener.local_addr().unwrap();
        tokio::spawn(callsight::http::serve(app.clone(), listener));
        if workers {
            // They end with the test's runtime; idle ones look every 100 ms.
            let mut settings = app.config.analysis.settings();
            settings.poll = std::time::Duration::from_millis(100);
            std::mem::forget(callsight::analysis::spawn_workers(
                app.store.clone(),
                app.analysis.clone(),
                settings,
            ));
        }
        if let (Some(smtp), Some(outbox)) = (&app.config.smtp, &app.outbox) {
            let mut settings = app.config.outbox.settings();
            settings.poll = std::time::Duration::from_millis(100);
            std::mem::forget(
                callsight::mail::spawn_outbox_worker(
                    app.store.clone(),
                    smtp,
                    outbox.clone(),
                    settings,
                )
                .expect("outbox worker starts"),
            );
        }
        Self {
            addr,
            app,
            db,
            http: reqwest::Client::new(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// POSTs a GraphQL request and returns the HTTP status and JSON body.
    pub async fn post(&self, token: Option<&str>, query: &str, variables: Value) -> (u16, Value) {
        let mut request = self
            .http
            .post(self.url("/graphql"))
            .json(&json!({"query": query, "variables": variables}));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request sent");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }

    /// A request expected to succeed: returns `data`.
    pub async fn ok(&self, token: &str, query: &str, variables: Value) -> Value {
        let (status, body) = self.post(Some(token), query, variables).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// A request expected to fail with one error: returns (code, message).
    pub async fn error(
        &self,
        token: Option<&str>,
        query: &str,
        variables: Value,
    ) -> (String, String) {
        let (_, body) = self.post(token, query, variables).await;
        let error = &body["errors"][0];
        assert!(!error.is_null(), "expected an error: {body}");
        (
            error["extensions"]["code"]
                .as_str()
                .unwrap_or("")
                .to_owned(),
            error["message"].as_str().unwrap_or("").to_owned(),
        )
    }

    pub fn token(&self, user: &User) -> String {
        self.app.keys.mint(user, Duration::from_secs(3600)).unwrap()
    }

    pub async fn finish(self) {
        self.db.drop_db().await;
    }

    /// Counts rows of a table, for "nothing was written" checks.
    pub async fn rows(&self, table: &str) -> i64 {
        count_rows(&self.app.store, table).await
    }
}

/// `SELECT COUNT(*) FROM {from}`, where `from` is a table and an optional
/// `WHERE` clause.
pub async fn count_rows(store: &callsight::store::Store, from: &str) -> i64 {
    let statement = sea_orm::Statement::from_string(
        store.backend(),
        format!("SELECT COUNT(*) AS n FROM {from}"),
    );
    let row = store.db().query_one_raw(statement).await.unwrap().unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

/// An organisation with a small hierarchy:
/// admin; manager A → sellers A1, A2; manager B → seller B1.
pub struct Team {
    pub admin: User,
    pub manager_a: User,
    pub manager_b: User,
    pub seller_a1: User,
    pub seller_a2: User,
}

impl Team {
    pub async fn create(app: &TestApp, org_name: &str, conversation_intelligence: bool) -> Self {
        let store = &app.app.store;
        let email = |name: &str| {
            Email::parse(&format!("{name}@{}.example", org_name.to_lowercase())).unwrap()
        };
        let settings = OrgSettings {
            conversation_intelligence,
            ..Default::default()
        };
        let (org, admin) = setup::init(
            store,
            org_name,
            &email("admin"),
            "Ada Admin",
            chrono_tz::UTC,
            &settings,
        )
        .await
        .unwrap();
        let scope = Scope::local_operator(org.id);
        let add = |name: &'static str, role: UserRole, manager: Option<UserId>| {
            let scope = scope.clone();
            let email = email(name);
            async move {
                users::create(
                    store.db(),
                    &scope,
                    NewUser {
                        email,
                        name: name.to_owned(),
                        role,
                        manager,
                    },
                )
                .await
                .unwrap()
            }
        };
        let manager_a = add("manager-a", UserRole::Manager, Some(admin.id)).await;
        let manager_b = add("manager-b", UserRole::Manager, Some(admin.id)).await;
        let seller_a1 = add("seller-a1", UserRole::Seller, Some(manager_a.id)).await;
        let seller_a2 = add("seller-a2", UserRole::Seller, Some(manager_a.id)).await;
        add("seller-b1", UserRole::Seller, Some(manager_b.id)).await;
        Self {
            admin,
            manager_a,
            manager_b,
            seller_a1,
            seller_a2,
        }
    }
}

/// A file of ../shared/data.
pub fn shared_data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data")
        .join(path)
}

/// POSTs a GraphQL request with `token` to the server at `url` (one not
/// run by a [`TestApp`]: a `callsight serve` process); returns the body.
pub async fn post_to(url: &str, token: &str, query: &str, variables: Value) -> Value {
    reqwest::Client::new()
        .post(url)
        .bearer_auth(token)
        .json(&json!({"query": query, "variables": variables}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// `callsight serve` on `db` (its database and data folder, so it shares
/// the token secret with a [`TestApp`] on the same `db`) with the analyzers
/// in `plugins` and `env` on top; returns the child and its GraphQL URL.
pub fn serve_process(
    db: &TestDb,
    plugins: &std::path::Path,
    env: &[(&str, &str)],
) -> (std::process::Child, String) {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_callsight"))
        .args(["serve", "--bind", "127.0.0.1:0", "--plugins"])
        .arg(plugins)
        .env("CALLSIGHT_DATA_DIR", db.dir.path().join("data"))
        .env("CALLSIGHT_DATABASE", &db.url)
        .env("CALLSIGHT_PLUGINS__TIMEOUT_MS", "60000")
        .env("CALLSIGHT_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("server output").unwrap();
        if let Some(url) = line.strip_prefix("Callsight is serving ") {
            break url.to_owned();
        }
    };
    (child, url)
}
