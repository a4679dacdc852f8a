//! What analyzers found in a call: one row per analyzer run (with its
//! error, if it failed), and the metrics and signals it returned, stored
//! generically so a custom analyzer's numbers aggregate like built-in ones.

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
                    .table(AnalyzerRuns::Table)
                    .col(big_pk_auto(AnalyzerRuns::Id))
                    .col(big_integer(AnalyzerRuns::CallId))
                    .col(string(AnalyzerRuns::Analyzer))
                    .col(string(AnalyzerRuns::Version))
                    .col(text_null(AnalyzerRuns::Error))
                    .col(timestamp_with_time_zone(AnalyzerRuns::FinishedAt))
                    .foreign_key(&mut call_fk(AnalyzerRuns::Table, AnalyzerRuns::CallId))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            AnalyzerRuns::Table,
            "ux_analyzer_runs_call_analyzer",
            &[AnalyzerRuns::CallId, AnalyzerRuns::Analyzer],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CallMetrics::Table)
                    .col(big_pk_auto(CallMetrics::Id))
                    .col(big_integer(CallMetrics::CallId))
                    .col(string(CallMetrics::Analyzer))
                    .col(string(CallMetrics::Name))
                    .col(double_null(CallMetrics::Value))
                    .col(string(CallMetrics::Unit))
                    .foreign_key(&mut call_fk(CallMetrics::Table, CallMetrics::CallId))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            CallMetrics::Table,
            "ux_call_metrics_call_name",
            &[
                CallMetrics::CallId,
                CallMetrics::Analyzer,
                CallMetrics::Name,
            ],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CallSignals::Table)
                    .col(big_pk_auto(CallSignals::Id))
                    .col(big_integer(CallSignals::CallId))
                    .col(string(CallSignals::Analyzer))
                    .col(string(CallSignals::Kind))
                    .col(text(CallSignals::Value))
                    .col(text_null(CallSignals::Label))
                    .col(string_null(CallSignals::Role))
                    .col(integer_null(CallSignals::Segment))
                    .col(big_integer_null(CallSignals::OffsetMs))
                    .col(big_integer_null(CallSignals::DurationMs))
                    .col(double_null(CallSignals::Score))
                    .col(json_null(CallSignals::Data))
                    .foreign_key(&mut call_fk(CallSignals::Table, CallSignals::CallId))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            CallSignals::Table,
            "ix_call_signals_call_kind",
            &[CallSignals::CallId, CallSignals::Kind],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CallSignals::Table.into_iden(),
            CallMetrics::Table.into_iden(),
            AnalyzerRuns::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum AnalyzerRuns {
    Table,
    Id,
    CallId,
    Analyzer,
    Version,
    Error,
    FinishedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CallMetrics {
    Table,
    Id,
    CallId,
    Analyzer,
    Name,
    Value,
    Unit,
}

#[derive(DeriveIden, Clone, Copy)]
enum CallSignals {
    Table,
    Id,
    CallId,
    Analyzer,
    Kind,
    Value,
    Label,
    Role,
    Segment,
    OffsetMs,
    DurationMs,
    Score,
    Data,
}
