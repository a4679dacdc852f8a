use sea_orm::entity::prelude::*;

/// What someone will do about an action item of a call.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "follow_ups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub org_id: i64,
    pub call_id: i64,
    pub seller_id: i64,
    /// The action item's signal when it was taken; re-analysis replaces
    /// signals, so the text and position below are copied.
    pub signal_id: Option<i64>,
    pub action_item: String,
    pub action_offset_ms: Option<i64>,
    pub action_segment: Option<i32>,
    /// `call`, `email`, `meeting` or `task`.
    pub kind: String,
    pub title: String,
    pub notes: Option<String>,
    pub owner_id: i64,
    pub due_at: DateTimeUtc,
    pub duration_minutes: Option<i32>,
    pub recipient: Option<String>,
    /// `open`, `done` or `dismissed`.
    pub status: String,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
