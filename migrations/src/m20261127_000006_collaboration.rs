//! Coaching on calls (issue 6): the seller a comment is about (for the
//! unread count and the comment feed without a walk over the seller's
//! calls), who has read which comment, the e-mail outbox, and follow-ups
//! on action items.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{call_fk, create_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Comments::Table)
                    .add_column(big_integer_null(Comments::SellerId))
                    .to_owned(),
            )
            .await?;
        // Portable backfill: every comment belongs to a call.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE comments SET seller_id = \
                 (SELECT calls.seller_id FROM calls WHERE calls.id = comments.call_id)",
            )
            .await?;
        create_index(
            manager,
            Comments::Table,
            "ix_comments_seller",
            &[Comments::OrgId, Comments::SellerId, Comments::CreatedAt],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CommentReads::Table)
                    .col(big_integer(CommentReads::UserId))
                    .col(big_integer(CommentReads::CommentId))
                    .col(timestamp_with_time_zone(CommentReads::ReadAt))
                    .primary_key(
                        Index::create()
                            .col(CommentReads::UserId)
                            .col(CommentReads::CommentId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CommentReads::Table, CommentReads::CommentId)
                            .to(Comments::Table, Comments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(big_pk_auto(Outbox::Id))
                    .col(big_integer(Outbox::OrgId))
                    .col(string(Outbox::Recipient))
                    .col(text(Outbox::Subject))
                    .col(text(Outbox::Body))
                    .col(string(Outbox::Status))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(Outbox::LockedUntil))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .col(text_null(Outbox::LastError))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            Outbox::Table,
            "ix_outbox_due",
            &[Outbox::Status, Outbox::NextAttemptAt],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(FollowUps::Table)
                    .col(big_pk_auto(FollowUps::Id))
                    .col(big_integer(FollowUps::OrgId))
                    .col(big_integer(FollowUps::CallId))
                    .col(big_integer(FollowUps::SellerId))
                    .col(big_integer_null(FollowUps::SignalId))
                    .col(text(FollowUps::ActionItem))
                    .col(big_integer_null(FollowUps::ActionOffsetMs))
                    .col(integer_null(FollowUps::ActionSegment))
                    .col(string(FollowUps::Kind))
                    .col(text(FollowUps::Title))
                    .col(text_null(FollowUps::Notes))
                    .col(big_integer(FollowUps::OwnerId))
                    .col(timestamp_with_time_zone(FollowUps::DueAt))
                    .col(integer_null(FollowUps::DurationMinutes))
                    .col(string_null(FollowUps::Recipient))
                    .col(string(FollowUps::Status))
                    .col(big_integer(FollowUps::CreatedBy))
                    .col(timestamp_with_time_zone(FollowUps::CreatedAt))
                    .col(timestamp_with_time_zone(FollowUps::UpdatedAt))
                    .col(timestamp_with_time_zone_null(FollowUps::ClosedAt))
                    .foreign_key(&mut call_fk(FollowUps::Table, FollowUps::CallId))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            FollowUps::Table,
            "ix_follow_ups_call",
            &[FollowUps::CallId, FollowUps::DueAt],
            false,
        )
        .await?;
        create_index(
            manager,
            FollowUps::Table,
            "ix_follow_ups_seller",
            &[FollowUps::OrgId, FollowUps::SellerId, FollowUps::DueAt],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            FollowUps::Table.into_iden(),
            Outbox::Table.into_iden(),
            CommentReads::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("ix_comments_seller")
                    .table(Comments::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Comments::Table)
                    .drop_column(Comments::SellerId)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Comments {
    Table,
    Id,
    OrgId,
    SellerId,
    CreatedAt,
}

/// Which user has read which comment.
#[derive(DeriveIden, Clone, Copy)]
enum CommentReads {
    Table,
    UserId,
    CommentId,
    ReadAt,
}

/// E-mails waiting to be sent (`pending`), `sent`, or given up (`failed`).
#[derive(DeriveIden, Clone, Copy)]
enum Outbox {
    Table,
    Id,
    OrgId,
    Recipient,
    Subject,
    Body,
    Status,
    Attempts,
    CreatedAt,
    NextAttemptAt,
    LockedUntil,
    SentAt,
    LastError,
}

/// What a seller or manager will do about an action item of a call.
#[derive(DeriveIden, Clone, Copy)]
enum FollowUps {
    Table,
    Id,
    OrgId,
    CallId,
    SellerId,
    SignalId,
    ActionItem,
    ActionOffsetMs,
    ActionSegment,
    Kind,
    Title,
    Notes,
    OwnerId,
    DueAt,
    DurationMinutes,
    Recipient,
    Status,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    ClosedAt,
}
