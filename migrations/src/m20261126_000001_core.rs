//! Organisations, users and their hierarchy, and imported calls with their
//! participants and transcript segments.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::create_index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organizations::Table)
                    .col(big_pk_auto(Organizations::Id))
                    .col(string_uniq(Organizations::Name))
                    .col(string(Organizations::TimeZone))
                    .col(json(Organizations::Settings))
                    .col(timestamp_with_time_zone(Organizations::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(big_pk_auto(Users::Id))
                    .col(big_integer(Users::OrgId))
                    .col(string(Users::Email))
                    .col(string(Users::Name))
                    .col(string(Users::Role))
                    .col(big_integer_null(Users::ManagerId))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::OrgId)
                            .to(Organizations::Table, Organizations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::ManagerId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            Users::Table,
            "ux_users_org_email",
            &[Users::OrgId, Users::Email],
            true,
        )
        .await?;
        create_index(
            manager,
            Users::Table,
            "ix_users_org_manager",
            &[Users::OrgId, Users::ManagerId],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Calls::Table)
                    .col(big_pk_auto(Calls::Id))
                    .col(big_integer(Calls::OrgId))
                    .col(big_integer(Calls::SellerId))
                    .col(string_null(Calls::ExternalId))
                    .col(string_null(Calls::Title))
                    .col(timestamp_with_time_zone(Calls::StartedAt))
                    .col(big_integer(Calls::DurationMs))
                    .col(string(Calls::Language))
                    .col(string_null(Calls::Direction))
                    .col(string_null(Calls::Outcome))
                    .col(text_null(Calls::Recording))
                    .col(string(Calls::SourceFormat))
                    .col(string(Calls::AnalysisStatus))
                    .col(timestamp_with_time_zone(Calls::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Calls::Table, Calls::OrgId)
                            .to(Organizations::Table, Organizations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Calls::Table, Calls::SellerId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // NULL external ids never collide: both backends treat NULLs as distinct.
        create_index(
            manager,
            Calls::Table,
            "ux_calls_org_external_id",
            &[Calls::OrgId, Calls::ExternalId],
            true,
        )
        .await?;
        create_index(
            manager,
            Calls::Table,
            "ix_calls_org_seller_started",
            &[Calls::OrgId, Calls::SellerId, Calls::StartedAt],
            false,
        )
        .await?;
        create_index(
            manager,
            Calls::Table,
            "ix_calls_org_started",
            &[Calls::OrgId, Calls::StartedAt],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Participants::Table)
                    .col(big_pk_auto(Participants::Id))
                    .col(big_integer(Participants::CallId))
                    .col(string(Participants::Speaker))
                    .col(string_null(Participants::Name))
                    .col(string_null(Participants::Email))
                    .col(string(Participants::Role))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Participants::Table, Participants::CallId)
                            .to(Calls::Table, Calls::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            Participants::Table,
            "ux_participants_call_speaker",
            &[Participants::CallId, Participants::Speaker],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Segments::Table)
                    .col(big_pk_auto(Segments::Id))
                    .col(big_integer(Segments::CallId))
                    .col(integer(Segments::Ordinal))
                    .col(string(Segments::Speaker))
                    .col(big_integer(Segments::StartMs))
                    .col(big_integer(Segments::EndMs))
                    .col(text(Segments::Text))
                    .col(json_null(Segments::Words))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Segments::Table, Segments::CallId)
                            .to(Calls::Table, Calls::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            Segments::Table,
            "ux_segments_call_ordinal",
            &[Segments::CallId, Segments::Ordinal],
            true,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Segments::Table.into_iden(),
            Participants::Table.into_iden(),
            Calls::Table.into_iden(),
            Users::Table.into_iden(),
            Organizations::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Organizations {
    Table,
    Id,
    Name,
    TimeZone,
    Settings,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
    OrgId,
    Email,
    Name,
    Role,
    ManagerId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Calls {
    Table,
    Id,
    OrgId,
    SellerId,
    ExternalId,
    Title,
    StartedAt,
    DurationMs,
    Language,
    Direction,
    Outcome,
    Recording,
    SourceFormat,
    AnalysisStatus,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Participants {
    Table,
    Id,
    CallId,
    Speaker,
    Name,
    Email,
    Role,
}

#[derive(DeriveIden, Clone, Copy)]
enum Segments {
    Table,
    Id,
    CallId,
    Ordinal,
    Speaker,
    StartMs,
    EndMs,
    Text,
    Words,
}
