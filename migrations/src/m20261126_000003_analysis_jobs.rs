//! The durable analysis queue: one job per call, claimed by workers with a
//! lease, so a crash at any point loses nothing and the job runs again.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{call_fk, create_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AnalysisJobs::Table)
                    .col(big_pk_auto(AnalysisJobs::Id))
                    .col(big_integer(AnalysisJobs::OrgId))
                    .col(big_integer_uniq(AnalysisJobs::CallId))
                    .col(string(AnalysisJobs::Status))
                    .col(integer(AnalysisJobs::Attempts))
                    // Unix ms: compared the same way on both backends.
                    .col(big_integer_null(AnalysisJobs::LeaseUntilMs))
                    .col(string_null(AnalysisJobs::Worker))
                    .col(text_null(AnalysisJobs::LastError))
                    .col(big_integer(AnalysisJobs::UpdatedAtMs))
                    .foreign_key(&mut call_fk(AnalysisJobs::Table, AnalysisJobs::CallId))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            AnalysisJobs::Table,
            "ix_analysis_jobs_status_id",
            &[AnalysisJobs::Status, AnalysisJobs::Id],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AnalysisJobs::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum AnalysisJobs {
    Table,
    Id,
    OrgId,
    CallId,
    Status,
    Attempts,
    LeaseUntilMs,
    Worker,
    LastError,
    UpdatedAtMs,
}
