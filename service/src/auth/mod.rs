//! Who is asking: bearer tokens in, a [`Viewer`] with its [`Scope`] out.
//!
//! Dev mode (DESIGN §9): HS256 tokens signed with a secret from the
//! configuration, or one generated once and kept in the data folder.

mod secret;
mod token;

pub use secret::load_or_create_secret;
pub use token::{Claims, TokenKeys};

use crate::domain::{OrgId, Scope, UserId};
use crate::error::{ServiceError, ServiceResult};
use crate::store::{Store, orgs, orgs::Organization, users, users::User};

/// The verified caller of a request: their user, organisation and reach.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user: User,
    pub organization: Organization,
    pub scope: Scope,
}

/// Verifies an `Authorization` header value and loads the viewer. The
/// organisation is the token's, never anything the request says.
pub async fn authenticate(
    store: &Store,
    keys: &TokenKeys,
    authorization: Option<&str>,
) -> ServiceResult<Viewer> {
    let header = authorization.ok_or_else(|| {
        ServiceError::Unauthenticated(
            "authentication required: send `Authorization: Bearer <token>`".into(),
        )
    })?;
    let token = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ServiceError::Unauthenticated(
                "the Authorization header must be `Bearer <token>`".into(),
            )
        })?;
    let claims = keys.verify(token)?;
    let user_id = claims.sub.parse::<i64>().map(UserId).map_err(|_| gone())?;
    viewer_for(store, OrgId(claims.org), user_id).await
}

fn gone() -> ServiceError {
    ServiceError::Unauthenticated("the token's user no longer exists".into())
}

/// The viewer a verified token names: the user as stored now, their
/// organisation, and their reach computed from the current hierarchy.
pub async fn viewer_for(store: &Store, org: OrgId, user: UserId) -> ServiceResult<Viewer> {
    let user = users::for_token(store.db(), org, user)
        .await?
        .ok_or_else(gone)?;
    let organization = orgs::by_id(store.db(), org).await?.ok_or_else(gone)?;
    let visibility = users::visibility(store.db(), &user).await?;
    let scope = Scope::new(org, user.id, user.role, visibility);
    Ok(Viewer {
        user,
        organization,
        scope,
    })
}
