//! End-to-end tests: the real server on a loopback port (and the real
//! `callsight` binary), talked to over HTTP, on SQLite and PostgreSQL.

mod access;
mod builtins;
mod cli;
mod comments;
mod diagnostics;
mod fixtures;
mod follow_ups;
mod guide;
mod health;
mod import;
mod import_vtt;
mod jobs;
mod metric_directions;
mod outbox;
mod plugins;
mod recordings;
mod schema;
mod seller_page;
mod seller_values;
mod smtp_sink;
mod store;
mod subscriptions;
mod support;
mod transcripts;
mod ws;
