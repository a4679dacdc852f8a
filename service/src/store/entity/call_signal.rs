use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "call_signals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub call_id: i64,
    pub analyzer: String,
    pub kind: String,
    pub value: String,
    pub label: Option<String>,
    pub role: Option<String>,
    pub segment: Option<i32>,
    pub offset_ms: Option<i64>,
    pub duration_ms: Option<i64>,
    pub score: Option<f64>,
    pub data: Option<Json>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
