use sea_orm::entity::prelude::*;

/// A comment on a moment of a call, or a reply to one.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub org_id: i64,
    pub call_id: i64,
    /// The seller of the call, copied for the unread count and the feed.
    pub seller_id: i64,
    pub author_id: i64,
    pub parent_id: Option<i64>,
    pub offset_ms: i64,
    pub duration_ms: i64,
    pub segment_from: Option<i32>,
    pub segment_to: Option<i32>,
    pub body: String,
    pub visibility: String,
    pub created_at: DateTimeUtc,
    pub edited_at: Option<DateTimeUtc>,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
