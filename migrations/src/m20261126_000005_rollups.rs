//! What the seller page reads instead of scanning calls (docs/architecture.md#daily-rollups):
//! daily rollups per seller and for the whole organisation, the terms each
//! call mentions, and the call columns the call history shows and filters
//! on. Also the comments table the call page reads.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{call_fk, create_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for column in [
            integer_null(Calls::LocalDay),
            double_null(Calls::CustomerSentiment),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Calls::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(DayMetrics::Table)
                    .col(big_integer(DayMetrics::OrgId))
                    .col(big_integer(DayMetrics::SellerId))
                    .col(integer(DayMetrics::Day))
                    .col(string(DayMetrics::Name))
                    .col(double(DayMetrics::Total))
                    .col(big_integer(DayMetrics::Calls))
                    .col(big_integer(DayMetrics::InIdeal))
                    .primary_key(
                        Index::create()
                            .col(DayMetrics::OrgId)
                            .col(DayMetrics::SellerId)
                            .col(DayMetrics::Day)
                            .col(DayMetrics::Name),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(DayTerms::Table)
                    .col(big_integer(DayTerms::OrgId))
                    .col(big_integer(DayTerms::SellerId))
                    .col(integer(DayTerms::Day))
                    .col(string(DayTerms::Kind))
                    .col(string(DayTerms::Term))
                    .col(big_integer(DayTerms::Mentions))
                    .col(big_integer(DayTerms::Calls))
                    .primary_key(
                        Index::create()
                            .col(DayTerms::OrgId)
                            .col(DayTerms::SellerId)
                            .col(DayTerms::Day)
                            .col(DayTerms::Kind)
                            .col(DayTerms::Term),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(DayCalls::Table)
                    .col(big_integer(DayCalls::OrgId))
                    .col(big_integer(DayCalls::SellerId))
                    .col(integer(DayCalls::Day))
                    .col(big_integer(DayCalls::Calls))
                    .col(big_integer(DayCalls::Won))
                    .col(big_integer(DayCalls::Lost))
                    .primary_key(
                        Index::create()
                            .col(DayCalls::OrgId)
                            .col(DayCalls::SellerId)
                            .col(DayCalls::Day),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CallTerms::Table)
                    .col(big_pk_auto(CallTerms::Id))
                    .col(big_integer(CallTerms::CallId))
                    .col(big_integer(CallTerms::OrgId))
                    .col(big_integer(CallTerms::SellerId))
                    .col(timestamp_with_time_zone(CallTerms::StartedAt))
                    .col(string(CallTerms::Kind))
                    .col(string(CallTerms::Term))
                    .col(big_integer(CallTerms::Mentions))
                    .col(big_integer(CallTerms::CustomerMentions))
                    .foreign_key(&mut call_fk(CallTerms::Table, CallTerms::CallId))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            CallTerms::Table,
            "ux_call_terms_call_term",
            &[CallTerms::CallId, CallTerms::Kind, CallTerms::Term],
            true,
        )
        .await?;
        create_index(
            manager,
            CallTerms::Table,
            "ix_call_terms_seller_term",
            &[
                CallTerms::OrgId,
                CallTerms::SellerId,
                CallTerms::Kind,
                CallTerms::Term,
                CallTerms::StartedAt,
            ],
            false,
        )
        .await?;
        create_index(
            manager,
            CallTerms::Table,
            "ix_call_terms_org_term",
            &[
                CallTerms::OrgId,
                CallTerms::Kind,
                CallTerms::Term,
                CallTerms::StartedAt,
            ],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Comments::Table)
                    .col(big_pk_auto(Comments::Id))
                    .col(big_integer(Comments::OrgId))
                    .col(big_integer(Comments::CallId))
                    .col(big_integer(Comments::AuthorId))
                    .col(big_integer_null(Comments::ParentId))
                    .col(big_integer(Comments::OffsetMs))
                    .col(big_integer(Comments::DurationMs))
                    .col(integer_null(Comments::SegmentFrom))
                    .col(integer_null(Comments::SegmentTo))
                    .col(text(Comments::Body))
                    .col(string(Comments::Visibility))
                    .col(timestamp_with_time_zone(Comments::CreatedAt))
                    .col(timestamp_with_time_zone_null(Comments::EditedAt))
                    .col(timestamp_with_time_zone_null(Comments::DeletedAt))
                    .foreign_key(&mut call_fk(Comments::Table, Comments::CallId))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            Comments::Table,
            "ix_comments_call",
            &[Comments::CallId, Comments::OffsetMs],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Comments::Table.into_iden(),
            CallTerms::Table.into_iden(),
            DayCalls::Table.into_iden(),
            DayTerms::Table.into_iden(),
            DayMetrics::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [Calls::CustomerSentiment, Calls::LocalDay] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Calls::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Calls {
    Table,
    /// The day (days since 1970-01-01 in the organisation's time zone) the
    /// call counts in; set when its results are rolled up.
    LocalDay,
    /// The customer's sentiment score, copied from the sentiment analyzer
    /// for the call history's column and filter.
    CustomerSentiment,
}

/// Sums of each metric per seller (0 = the whole organisation) and day.
#[derive(DeriveIden)]
enum DayMetrics {
    Table,
    OrgId,
    SellerId,
    Day,
    Name,
    Total,
    Calls,
    InIdeal,
}

/// Customer mentions of tracked keywords, key phrases and competitors per
/// seller (0 = the whole organisation) and day.
#[derive(DeriveIden)]
enum DayTerms {
    Table,
    OrgId,
    SellerId,
    Day,
    Kind,
    Term,
    Mentions,
    Calls,
}

/// Analysed calls and their outcomes per seller (0 = the organisation) and day.
#[derive(DeriveIden)]
enum DayCalls {
    Table,
    OrgId,
    SellerId,
    Day,
    Calls,
    Won,
    Lost,
}

/// Which terms each call mentions, for filters and evidence.
#[derive(DeriveIden, Clone, Copy)]
enum CallTerms {
    Table,
    Id,
    CallId,
    OrgId,
    SellerId,
    StartedAt,
    Kind,
    Term,
    Mentions,
    CustomerMentions,
}

#[derive(DeriveIden, Clone, Copy)]
enum Comments {
    Table,
    Id,
    OrgId,
    CallId,
    AuthorId,
    ParentId,
    OffsetMs,
    DurationMs,
    SegmentFrom,
    SegmentTo,
    Body,
    Visibility,
    CreatedAt,
    EditedAt,
    DeletedAt,
}
