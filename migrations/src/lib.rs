//! Callsight's schema, as sea-orm migrations.
//!
//! Every migration is written in the portable subset that SQLite and
//! PostgreSQL both run, so the embedded default and the scale-out database
//! share one schema and one code path.

pub use sea_orm_migration::MigratorTrait;
use sea_orm_migration::prelude::*;

mod m20261126_000001_core;
mod m20261126_000002_analysis;
mod m20261126_000003_analysis_jobs;
mod m20261126_000004_call_keywords;
mod m20261126_000005_rollups;
mod m20261127_000006_collaboration;
mod m20261207_000007_call_fingerprint;
mod util;

/// Applies Callsight's migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_core::Migration),
            Box::new(m20261126_000002_analysis::Migration),
            Box::new(m20261126_000003_analysis_jobs::Migration),
            Box::new(m20261126_000004_call_keywords::Migration),
            Box::new(m20261126_000005_rollups::Migration),
            Box::new(m20261127_000006_collaboration::Migration),
            Box::new(m20261207_000007_call_fingerprint::Migration),
        ]
    }
}
