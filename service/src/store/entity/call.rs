use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "calls")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub org_id: i64,
    pub seller_id: i64,
    pub external_id: Option<String>,
    pub title: Option<String>,
    pub started_at: DateTimeUtc,
    pub duration_ms: i64,
    pub language: String,
    pub direction: Option<String>,
    pub outcome: Option<String>,
    pub recording: Option<String>,
    pub source_format: String,
    pub analysis_status: String,
    pub created_at: DateTimeUtc,
    /// Keywords tracked for this call only, as a JSON array of strings.
    pub tracked_keywords: Option<Json>,
    /// The organisation-local day the call is rolled up in (days since
    /// 1970-01-01); null until its analysis is stored.
    pub local_day: Option<i32>,
    /// The customer's sentiment score, from the sentiment analyzer.
    pub customer_sentiment: Option<f64>,
    /// Seller, start and segments hashed, for a call without external id.
    pub fingerprint: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
