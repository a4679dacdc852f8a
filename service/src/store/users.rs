//! Users and the reporting hierarchy.

use std::collections::BTreeSet;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::entity::user;
use crate::domain::{Email, MANAGER_DEPTH, OrgId, Scope, UserId, UserRole, Visibility};
use crate::error::{OrTaken, ServiceError, ServiceResult};

/// A user of an organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: UserId,
    pub org: OrgId,
    pub email: Email,
    pub name: String,
    pub role: UserRole,
    pub manager: Option<UserId>,
}

impl TryFrom<user::Model> for User {
    type Error = ServiceError;

    fn try_from(row: user::Model) -> Result<Self, Self::Error> {
        let corrupt =
            |what: String| ServiceError::Internal(anyhow::anyhow!("user {} has {what}", row.id));
        Ok(Self {
            id: UserId(row.id),
            org: OrgId(row.org_id),
            email: Email::parse(&row.email).map_err(corrupt)?,
            role: row.role.parse().map_err(corrupt)?,
            name: row.name,
            manager: row.manager_id.map(UserId),
        })
    }
}

/// A user to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub name: String,
    pub role: UserRole,
    pub manager: Option<UserId>,
}

/// Changes to a user; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct UserPatch {
    pub name: Option<String>,
    pub role: Option<UserRole>,
    /// `Some(None)` removes the manager.
    pub manager: Option<Option<UserId>>,
}

/// Creates a user in the scope's organisation; the caller checked that the
/// scope may manage users.
pub async fn create(db: &impl ConnectionTrait, scope: &Scope, new: NewUser) -> ServiceResult<User> {
    let name = new.name.trim();
    if name.is_empty() {
        return Err(ServiceError::BadUserInput(format!(
            "user {} needs a name",
            new.email
        )));
    }
    let taken = || {
        format!(
            "a user with e-mail {} already exists in this organisation",
            new.email
        )
    };
    if find_by_email(db, scope, &new.email).await?.is_some() {
        return Err(ServiceError::BadUserInput(taken()));
    }
    if let Some(manager) = new.manager {
        check_manager(db, scope, manager, None).await?;
    }
    user::ActiveModel {
        org_id: Set(scope.org().0),
        email: Set(new.email.as_str().to_owned()),
        name: Set(name.to_owned()),
        role: Set(new.role.as_str().to_owned()),
        manager_id: Set(new.manager.map(|m| m.0)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    // A concurrent request may have passed the check above too.
    .or_taken(taken)?
    .try_into()
}

/// Changes a user's name, role or manager; the caller checked that the
/// scope may manage users.
pub async fn update(
    db: &impl ConnectionTrait,
    scope: &Scope,
    id: UserId,
    patch: UserPatch,
) -> ServiceResult<User> {
    let current = get(db, scope, id).await?;
    let mut row = user::ActiveModel {
        id: Set(id.0),
        ..Default::default()
    };
    if let Some(name) = patch.name {
        let name = name.trim();
        if name.is_empty() {
            return Err(ServiceError::BadUserInput(
                "a user's name cannot be empty".into(),
            ));
        }
        row.name = Set(name.to_owned());
    }
    if let Some(role) = patch.role {
        if current.role == UserRole::Manager
            && role != UserRole::Manager
            && has_reports(db, scope, id).await?
        {
            return Err(ServiceError::BadUserInput(format!(
                "{} still has people reporting to them; give those a new manager first",
                current.email
            )));
        }
        row.role = Set(role.as_str().to_owned());
    }
    if let Some(manager) = patch.manager {
        if let Some(manager) = manager {
            check_manager(db, scope, manager, Some(id)).await?;
        }
        row.manager_id = Set(manager.map(|m| m.0));
    }
    if row.is_changed() {
        row.update(db).await?;
    }
    get(db, scope, id).await
}

/// A user the scope may see: admins see everyone, managers themselves and
/// their reports, sellers themselves.
pub async fn get(db: &impl ConnectionTrait, scope: &Scope, id: UserId) -> ServiceResult<User> {
    if !scope.can_see(id) {
        return Err(ServiceError::not_found(format!("user {id}")));
    }
    user::Entity::find_by_id(id.0)
        .filter(user::Column::OrgId.eq(scope.org().0))
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("user {id}")))?
        .try_into()
}

/// The manager of a user the viewer sees. Who reports to whom is known to
/// everyone in the organisation, so a seller sees their own manager even
/// though they see none of the manager's data.
pub async fn manager_of(
    db: &impl ConnectionTrait,
    scope: &Scope,
    user: &User,
) -> ServiceResult<Option<User>> {
    let Some(manager) = user.manager else {
        return Ok(None);
    };
    if user.org != scope.org() {
        return Ok(None);
    }
    for_token(db, scope.org(), manager).await
}

/// Finds a visible user of the scope's organisation by e-mail.
pub async fn find_by_email(
    db: &impl ConnectionTrait,
    scope: &Scope,
    email: &Email,
) -> ServiceResult<Option<User>> {
    let row = user::Entity::find()
        .filter(user::Column::OrgId.eq(scope.org().0))
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?;
    match row {
        Some(row) if scope.can_see(UserId(row.id)) => Ok(Some(row.try_into()?)),
        _ => Ok(None),
    }
}

/// The users visible to the scope, by name.
pub async fn list(db: &impl ConnectionTrait, scope: &Scope) -> ServiceResult<Vec<User>> {
    let mut query = user::Entity::find().filter(user::Column::OrgId.eq(scope.org().0));
    if let Visibility::Users(ids) = scope.visibility() {
        query = query.filter(user::Column::Id.is_in(ids.iter().map(|id| id.0)));
    }
    query
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(User::try_from)
        .collect()
}

/// The user a verified token names; the organisation comes from the token.
pub async fn for_token(
    db: &impl ConnectionTrait,
    org: OrgId,
    id: UserId,
) -> ServiceResult<Option<User>> {
    user::Entity::find_by_id(id.0)
        .filter(user::Column::OrgId.eq(org.0))
        .one(db)
        .await?
        .map(User::try_from)
        .transpose()
}

/// Looks a user up for the local operator (CLI `token`), across the org.
pub async fn by_email_in_org(
    db: &impl ConnectionTrait,
    org: OrgId,
    email: &Email,
) -> ServiceResult<Option<User>> {
    find_by_email(db, &Scope::local_operator(org), email).await
}

/// What a user may see: a manager sees themselves and everyone reporting to
/// them up to [`MANAGER_DEPTH`] levels down.
pub async fn visibility(db: &impl ConnectionTrait, user: &User) -> ServiceResult<Visibility> {
    match user.role {
        UserRole::Admin => Ok(Visibility::Organization),
        UserRole::Seller => Ok(Visibility::Users(BTreeSet::from([user.id]))),
        UserRole::Manager => {
            let mut seen = BTreeSet::from([user.id]);
            let mut frontier = vec![user.id.0];
            for _ in 0..MANAGER_DEPTH {
                if frontier.is_empty() {
                    break;
                }
                let reports: Vec<i64> = user::Entity::find()
                    .select_only()
                    .column(user::Column::Id)
                    .filter(user::Column::OrgId.eq(user.org.0))
                    .filter(user::Column::ManagerId.is_in(frontier))
                    .into_tuple()
                    .all(db)
                    .await?;
                frontier = reports
                    .into_iter()
                    .filter(|id| seen.insert(UserId(*id)))
                    .collect();
            }
            Ok(Visibility::Users(seen))
        }
    }
}

async fn has_reports(db: &impl ConnectionTrait, scope: &Scope, id: UserId) -> ServiceResult<bool> {
    Ok(user::Entity::find()
        .filter(user::Column::OrgId.eq(scope.org().0))
        .filter(user::Column::ManagerId.eq(id.0))
        .one(db)
        .await?
        .is_some())
}

/// A manager must be a manager or admin of the same organisation, and must
/// not report (directly or not) to the user being given that manager.
async fn check_manager(
    db: &impl ConnectionTrait,
    scope: &Scope,
    manager: UserId,
    subordinate: Option<UserId>,
) -> ServiceResult<()> {
    let found = get(db, scope, manager).await.map_err(|_| {
        ServiceError::BadUserInput(format!(
            "manager {manager} is not a user of this organisation"
        ))
    })?;
    if found.role == UserRole::Seller {
        return Err(ServiceError::BadUserInput(format!(
            "{} is a seller; only a manager or admin can have reports",
            found.email
        )));
    }
    if let Some(subordinate) = subordinate {
        let mut cursor = Some(found);
        while let Some(user) = cursor {
            if user.id == subordinate {
                return Err(ServiceError::BadUserInput(
                    "that manager would make the hierarchy a cycle".into(),
                ));
            }
            cursor = match user.manager {
                Some(up) => Some(get(db, scope, up).await?),
                None => None,
            };
        }
    }
    Ok(())
}

/// Several visible users at once (the GraphQL user loader).
pub async fn get_many(
    db: &impl ConnectionTrait,
    scope: &Scope,
    ids: &[UserId],
) -> ServiceResult<Vec<User>> {
    let visible: Vec<i64> = ids
        .iter()
        .filter(|id| scope.can_see(**id))
        .map(|id| id.0)
        .collect();
    if visible.is_empty() {
        return Ok(Vec::new());
    }
    user::Entity::find()
        .filter(user::Column::OrgId.eq(scope.org().0))
        .filter(user::Column::Id.is_in(visible))
        .all(db)
        .await?
        .into_iter()
        .map(User::try_from)
        .collect()
}

/// People of the scope's organisation by id, whatever the scope's reach:
/// only to name the author of something the viewer may already read (a
/// comment on a call they see).
pub async fn authors(
    db: &impl ConnectionTrait,
    scope: &Scope,
    ids: &[UserId],
) -> ServiceResult<Vec<User>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    user::Entity::find()
        .filter(user::Column::OrgId.eq(scope.org().0))
        .filter(user::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .all(db)
        .await?
        .into_iter()
        .map(User::try_from)
        .collect()
}
