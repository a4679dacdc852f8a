//! People: users, the hierarchy, and who a token names.

use crate::auth::{self, Claims, Link, Viewer};
use crate::domain::{OrgId, UserId};
use crate::error::ServiceResult;
use crate::services::{Ctx, Services};
use crate::store::users;

pub use crate::store::users::User;

/// The users of `ids` the caller may see (missing ones left out).
pub async fn get_many(ctx: Ctx<'_>, ids: &[UserId]) -> ServiceResult<Vec<User>> {
    users::get_many(ctx.store().db(), ctx.scope(), ids).await
}

/// People of the caller's organisation by id, whatever the caller's reach:
/// only to name the author of something the caller may already read.
pub async fn authors(ctx: Ctx<'_>, ids: &[UserId]) -> ServiceResult<Vec<User>> {
    users::authors(ctx.store().db(), ctx.scope(), ids).await
}

/// Verifies an `Authorization` header value and loads the viewer it names
/// (reused for a few seconds); the organisation is the token's, never
/// anything the request says.
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
pub async fn authenticate_token(
    services: &Services,
    token: &str,
) -> ServiceResult<(Viewer, Claims)> {
    auth::authenticate_token(&services.store, &services.keys, &services.viewers, token).await
}

/// The viewer a link token (a recording or invite URL) was minted for, as
/// stored now.
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
pub async fn current_viewer(
    services: &Services,
    org: OrgId,
    user: UserId,
) -> ServiceResult<Viewer> {
    auth::current_viewer(&services.store, &services.viewers, org, user).await
}
