//! The durable e-mail outbox: a message queued in a transaction reaches a
//! real SMTP server, a refused delivery is retried, an unreachable server
//! leaves the message waiting with its error, and two workers on one
//! database send each message once.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use callsight::domain::{Email, OrgId};
use callsight::mail::{Outbox, SmtpConfig, SmtpTls, spawn_outbox_worker};
use callsight::store::outbox::{OutgoingEmail, enqueue};
use sea_orm::{ConnectionTrait, Statement};

use crate::smtp_sink::SmtpSink;
use crate::support::{Backend, Team, TestApp, count_rows, on_both_backends};

/// Long enough for a loaded CI machine; not a performance bound.
const PATIENCE: Duration = Duration::from_secs(30);

const FROM: &str = "Callsight Coach <coach@acme.example>";

fn email(to: &Email, subject: &str, body: &str) -> OutgoingEmail {
    OutgoingEmail {
        to: to.clone(),
        subject: subject.to_owned(),
        body: body.to_owned(),
    }
}

/// Queues `emails` in one transaction, as a mutation does, and wakes the
/// worker after the commit.
async fn queue(app: &TestApp, org: OrgId, emails: &[OutgoingEmail]) {
    let txn = app.app.store.begin_write().await.unwrap();
    for email in emails {
        enqueue(&txn, org, email).await.unwrap();
    }
    txn.commit().await.unwrap();
    app.app.outbox.as_ref().expect("SMTP configured").wake();
}

/// An outbox row as (status, attempts, last_error, sent).
type Row = (String, i32, Option<String>, bool);

async fn rows(app: &TestApp) -> Vec<Row> {
    let store = &app.app.store;
    let statement = Statement::from_string(
        store.backend(),
        "SELECT status, attempts, last_error, sent_at IS NOT NULL AS sent FROM outbox ORDER BY id",
    );
    store
        .db()
        .query_all_raw(statement)
        .await
        .unwrap()
        .iter()
        .map(|row| {
            (
                row.try_get("", "status").unwrap(),
                row.try_get("", "attempts").unwrap(),
                row.try_get("", "last_error").unwrap(),
                row.try_get("", "sent").unwrap(),
            )
        })
        .collect()
}

/// Waits until every outbox row satisfies `done`; returns the rows.
async fn rows_when(app: &TestApp, done: impl Fn(&Row) -> bool) -> Vec<Row> {
    let start = Instant::now();
    loop {
        let rows = rows(app).await;
        if !rows.is_empty() && rows.iter().all(&done) {
            return rows;
        }
        assert!(start.elapsed() < PATIENCE, "outbox rows stuck at {rows:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn sent(row: &Row) -> bool {
    row.0 == "sent"
}

async fn a_queued_email_reaches_the_smtp_server(backend: Backend) {
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn_with(&backend, |config| {
        config.smtp = Some(SmtpConfig {
            username: Some("coach".into()),
            password: Some("s3cret".into()),
            ..sink.config(FROM)
        });
    })
    .await;
    let team = Team::create(&app, "Acme", true).await;
    let to = &team.seller_a1.email;
    // Non-ASCII text and a line that is a lone dot survive the trip.
    let subject = "Ada commented on your call «Discovery — Globex»";
    let body = "Great question at 04:12.\n.\n..two dots\nSchöne Grüße, Ada\n";
    queue(&app, team.admin.org, &[email(to, subject, body)]).await;

    let messages = sink.wait_for(1, PATIENCE).await;
    let message = &messages[0];
    assert_eq!(message.from, "coach@acme.example");
    assert_eq!(message.to, [to.as_str()]);
    assert_eq!(message.user.as_deref(), Some("coach"));
    let from = message.header("From").unwrap();
    assert!(
        from.contains("Callsight Coach") && from.contains("<coach@acme.example>"),
        "{from}"
    );
    assert!(message.header("To").unwrap().contains(to.as_str()));
    assert_eq!(message.header("Subject").as_deref(), Some(subject));
    let id = message.header("Message-ID").unwrap();
    assert!(
        id.starts_with("<outbox.") && id.ends_with("@acme.example>"),
        "{id}"
    );
    assert!(
        message
            .header("Content-Type")
            .unwrap()
            .starts_with("text/plain")
    );
    assert_eq!(message.body().trim_end(), body.trim_end());
    assert!(
        !message.data.contains("s3cret"),
        "the password stays out of the message"
    );

    let rows = rows_when(&app, sent).await;
    assert_eq!(rows, [("sent".to_owned(), 1, None, true)]);
    assert_eq!(sink.messages().len(), 1);
    app.finish().await;
}

async fn a_refused_delivery_is_retried(backend: Backend) {
    let sink = SmtpSink::start().await;
    sink.refuse_next(1);
    let app = TestApp::spawn_with(&backend, |config| {
        config.smtp = Some(sink.config(FROM));
        config.outbox.retry_base_ms = 200;
    })
    .await;
    let team = Team::create(&app, "Acme", true).await;
    let to = &team.seller_a1.email;
    queue(
        &app,
        team.admin.org,
        &[email(to, "Retried", "Second time lucky.")],
    )
    .await;

    let messages = sink.wait_for(1, PATIENCE).await;
    assert_eq!(messages[0].header("Subject").as_deref(), Some("Retried"));
    let rows = rows_when(&app, sent).await;
    assert_eq!(
        rows,
        [("sent".to_owned(), 2, None, true)],
        "sent on the second attempt"
    );
    assert_eq!(
        sink.messages().len(),
        1,
        "the refused delivery left nothing"
    );
    app.finish().await;
}

async fn an_unreachable_server_leaves_the_email_waiting(backend: Backend) {
    // A port that was just free: nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let app = TestApp::spawn_with(&backend, |config| {
        config.smtp = Some(SmtpConfig {
            host: closed.ip().to_string(),
            port: Some(closed.port()),
            username: None,
            password: None,
            from: FROM.to_owned(),
            tls: SmtpTls::None,
            timeout_ms: 2_000,
        });
    })
    .await;
    let team = Team::create(&app, "Acme", true).await;
    let to = &team.seller_a1.email;
    queue(&app, team.admin.org, &[email(to, "First", "-")]).await;
    let tried = |row: &Row| row.1 >= 1 && row.2.is_some();
    let rows = rows_when(&app, tried).await;
    let (status, attempts, error, was_sent) = &rows[0];
    assert_eq!(
        (status.as_str(), *attempts, *was_sent),
        ("pending", 1, false),
        "waits for its retry (30 s by default)"
    );
    assert!(!error.as_deref().unwrap().is_empty());

    // The worker lives on: a second message is tried as well.
    queue(&app, team.admin.org, &[email(to, "Second", "-")]).await;
    let rows = rows_when(&app, tried).await;
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|row| row.0 == "pending"), "{rows:?}");
    let health = app.http.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status().as_u16(), 200, "the server still answers");
    app.finish().await;
}

async fn two_workers_send_each_email_once(backend: Backend) {
    let sink = SmtpSink::start().await;
    let smtp = sink.config(FROM);
    let app = TestApp::spawn_with(&backend, |config| config.smtp = Some(smtp.clone())).await;
    // A second worker on the same database, as another replica runs it.
    let mut settings = app.app.config.outbox.settings();
    settings.poll = Duration::from_millis(100);
    let other = spawn_outbox_worker(app.app.store.clone(), &smtp, Outbox::default(), settings)
        .expect("second worker starts");
    let team = Team::create(&app, "Acme", true).await;
    let to = &team.seller_a1.email;
    let emails: Vec<OutgoingEmail> = (0..30)
        .map(|n| email(to, &format!("Message {n}"), "-"))
        .collect();
    queue(&app, team.admin.org, &emails).await;

    sink.wait_for(30, PATIENCE).await;
    let rows = rows_when(&app, sent).await;
    assert!(rows.iter().all(|row| row.1 == 1), "{rows:?}");
    // Give a duplicate time to show up.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let subjects: Vec<String> = sink
        .messages()
        .iter()
        .map(|m| m.header("Subject").unwrap())
        .collect();
    let unique: BTreeSet<&String> = subjects.iter().collect();
    assert_eq!((subjects.len(), unique.len()), (30, 30), "each sent once");
    other.shutdown().await;
    app.finish().await;
}

async fn a_wake_sends_without_waiting_for_the_poll(backend: Backend) {
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn(&backend).await;
    assert!(app.app.outbox.is_none(), "no SMTP, no outbox");
    let team = Team::create(&app, "Acme", true).await;
    let outbox = Outbox::default();
    let mut settings = app.app.config.outbox.settings();
    settings.poll = Duration::from_secs(3_600);
    let worker = spawn_outbox_worker(
        app.app.store.clone(),
        &sink.config(FROM),
        outbox.clone(),
        settings,
    )
    .unwrap();
    // Let the worker find the outbox empty and go to sleep.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let txn = app.app.store.begin_write().await.unwrap();
    let to = &team.seller_a1.email;
    enqueue(&txn, team.admin.org, &email(to, "Woken", "-"))
        .await
        .unwrap();
    txn.commit().await.unwrap();
    outbox.wake();
    sink.wait_for(1, PATIENCE).await;
    worker.shutdown().await;
    assert_eq!(
        count_rows(&app.app.store, "outbox WHERE status = 'sent'").await,
        1
    );
    app.finish().await;
}

on_both_backends!(
    a_queued_email_reaches_the_smtp_server,
    a_refused_delivery_is_retried,
    an_unreachable_server_leaves_the_email_waiting,
    two_workers_send_each_email_once,
    a_wake_sends_without_waiting_for_the_poll,
);
