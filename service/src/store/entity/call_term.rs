use sea_orm::entity::prelude::*;

/// A term (keyword, key phrase, competitor) a call mentions.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "call_terms")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub call_id: i64,
    pub org_id: i64,
    pub seller_id: i64,
    pub started_at: DateTimeUtc,
    pub kind: String,
    pub term: String,
    pub mentions: i64,
    pub customer_mentions: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
