//! People: users, the hierarchy, and who a token names.

use tracing::instrument;

use crate::auth::{self, Claims, Link, Viewer};
use crate::domain::{OrgId, UserId, UserRole};
use crate::error::ServiceResult;
use crate::services::{Ctx, Services};
use crate::store::users;

pub use crate::store::users::{NewUser, User, UserPatch};

/// What the refusal of a user change says an admin does.
const MANAGES_USERS: &str = "manages users";

/// The users the caller may see, by name.
#[instrument(skip(ctx), fields(org = %ctx.scope().org()))]
pub async fn list(ctx: Ctx<'_>) -> ServiceResult<Vec<User>> {
    users::list(ctx.store().db(), ctx.scope()).await
}

/// The sellers the caller may see, by name.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn sellers(ctx: Ctx<'_>) -> ServiceResult<Vec<User>> {
    let mut users = list(ctx).await?;
    users.retain(|u| u.role == UserRole::Seller);
    Ok(users)
}

/// The manager `user` reports to, when the caller may see them.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn manager_of(ctx: Ctx<'_>, user: &User) -> ServiceResult<Option<User>> {
    users::manager_of(ctx.store().db(), ctx.scope(), user).await
}

/// Adds a user to the organisation (admins).
#[instrument(skip(ctx, new), fields(org = %ctx.scope().org()))]
pub async fn create(ctx: Ctx<'_>, new: NewUser) -> ServiceResult<User> {
    ctx.scope().require_admin(MANAGES_USERS)?;
    let user = users::create(ctx.store().db(), ctx.scope(), new).await?;
    ctx.forget_viewers();
    Ok(user)
}

/// Changes a user's name, role or manager (admins).
#[instrument(skip(ctx, patch), fields(org = %ctx.scope().org()))]
pub async fn update(ctx: Ctx<'_>, id: UserId, patch: UserPatch) -> ServiceResult<User> {
    ctx.scope().require_admin(MANAGES_USERS)?;
    let user = users::update(ctx.store().db(), ctx.scope(), id, patch).await?;
    // Their reach, or a manager's, may have changed.
    ctx.forget_viewers();
    Ok(user)
}

/// The users of `ids` the caller may see (missing ones left out).
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn get_many(ctx: Ctx<'_>, ids: &[UserId]) -> ServiceResult<Vec<User>> {
    users::get_many(ctx.store().db(), ctx.scope(), ids).await
}

/// People of the caller's organisation by id, whatever the caller's reach:
/// only to name the author of something the caller may already read.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn authors(ctx: Ctx<'_>, ids: &[UserId]) -> ServiceResult<Vec<User>> {
    users::authors(ctx.store().db(), ctx.scope(), ids).await
}

/// Verifies an `Authorization` header value and loads the viewer it names
/// (reused for a few seconds); the organisation is the token's, never
/// anything the request says.
#[instrument(skip_all)]
pub async fn authenticate(
    services: &Services,
    authorization: Option<&str>,
) -> ServiceResult<Viewer> {
    auth::authenticate(
        &services.store,
        &services.keys,
        &services.viewers,
        authorization,
    )
    .await
}

/// [`authenticate`] for a bare token (a websocket's `connection_init`);
/// also returns its claims, which say when it expires.
#[instrument(skip_all)]
pub async fn authenticate_token(
    services: &Services,
    token: &str,
) -> ServiceResult<(Viewer, Claims)> {
    auth::authenticate_token(&services.store, &services.keys, &services.viewers, token).await
}

/// The viewer a link token (a recording or invite URL) was minted for, as
/// stored now.
#[instrument(skip_all)]
pub async fn authenticate_link(
    services: &Services,
    token: &str,
    link: Link,
) -> ServiceResult<Viewer> {
    let (org, user) = services.keys.verify_link(token, link)?;
    auth::viewer_for(&services.store, org, user).await
}

/// The viewer `user` of `org` is now (a long-lived connection asks again
/// for each thing it sends, so a change of role or team reaches it).
#[instrument(skip_all)]
pub async fn current_viewer(
    services: &Services,
    org: OrgId,
    user: UserId,
) -> ServiceResult<Viewer> {
    auth::current_viewer(&services.store, &services.viewers, org, user).await
}
