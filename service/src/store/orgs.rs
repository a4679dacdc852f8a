//! Organisations and their settings.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::entity::organization;
use crate::domain::{OrgId, OrgSettings, Scope};
use crate::error::{ServiceError, ServiceResult};

/// An organisation as the service sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Organization {
    pub id: OrgId,
    pub name: String,
    pub time_zone: chrono_tz::Tz,
    pub settings: OrgSettings,
}

impl TryFrom<organization::Model> for Organization {
    type Error = ServiceError;

    fn try_from(row: organization::Model) -> Result<Self, Self::Error> {
        let time_zone = row
            .time_zone
            .parse()
            .map_err(|_| anyhow::anyhow!("organisation {} has an invalid time zone", row.id))?;
        let settings = serde_json::from_value(row.settings)
            .map_err(|e| anyhow::anyhow!("organisation {} has unreadable settings: {e}", row.id))?;
        Ok(Self {
            id: OrgId(row.id),
            name: row.name,
            time_zone,
            settings,
        })
    }
}

/// Creates an organisation (first-run setup and the demo; no scope exists yet).
pub async fn create(
    db: &impl ConnectionTrait,
    name: &str,
    time_zone: chrono_tz::Tz,
    settings: &OrgSettings,
) -> ServiceResult<Organization> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ServiceError::BadUserInput(
            "an organisation needs a name".into(),
        ));
    }
    if find_by_name(db, name).await?.is_some() {
        return Err(ServiceError::BadUserInput(format!(
            "an organisation named `{name}` already exists"
        )));
    }
    let row = organization::ActiveModel {
        name: Set(name.to_owned()),
        time_zone: Set(time_zone.name().to_owned()),
        settings: Set(serde_json::to_value(settings).map_err(anyhow::Error::from)?),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    row.try_into()
}

/// Looks an organisation up by name (CLI `--org`).
pub async fn find_by_name(
    db: &impl ConnectionTrait,
    name: &str,
) -> ServiceResult<Option<Organization>> {
    organization::Entity::find()
        .filter(organization::Column::Name.eq(name.trim()))
        .one(db)
        .await?
        .map(Organization::try_from)
        .transpose()
}

/// Every organisation, oldest first (the CLI picks the only one by default).
pub async fn list(db: &impl ConnectionTrait) -> ServiceResult<Vec<Organization>> {
    organization::Entity::find()
        .order_by_asc(organization::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Organization::try_from)
        .collect()
}

/// The viewer's own organisation.
pub async fn get(db: &impl ConnectionTrait, scope: &Scope) -> ServiceResult<Organization> {
    by_id(db, scope.org())
        .await?
        .ok_or_else(|| ServiceError::not_found("organisation"))
}

/// Loads an organisation by id; used while a token is being verified.
pub async fn by_id(db: &impl ConnectionTrait, id: OrgId) -> ServiceResult<Option<Organization>> {
    organization::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(Organization::try_from)
        .transpose()
}

/// Replaces the settings and time zone of the scope's organisation; the
/// caller checked that the scope may change them.
pub async fn update(
    db: &impl ConnectionTrait,
    scope: &Scope,
    settings: &OrgSettings,
    time_zone: Option<chrono_tz::Tz>,
) -> ServiceResult<Organization> {
    let mut row: organization::ActiveModel = organization::Entity::find_by_id(scope.org().0)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("organisation"))?
        .into();
    row.settings = Set(serde_json::to_value(settings).map_err(anyhow::Error::from)?);
    if let Some(tz) = time_zone {
        row.time_zone = Set(tz.name().to_owned());
    }
    row.update(db).await?.try_into()
}
