//! End-to-end tests: the real server on a loopback port (and the real
//! `callsight` binary), talked to over HTTP, on SQLite and PostgreSQL.

mod access;
mod builtins;
mod cli;
mod fixtures;
mod guide;
mod health;
mod import;
mod jobs;
mod plugins;
mod recordings;
mod schema;
mod seller_page;
mod seller_values;
mod store;
mod support;
mod transcripts;
