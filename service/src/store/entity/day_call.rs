use sea_orm::entity::prelude::*;

/// Analysed calls and outcomes of one seller (0: the organisation) on a day.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "day_calls")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub org_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub seller_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: i32,
    pub calls: i64,
    pub won: i64,
    pub lost: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
