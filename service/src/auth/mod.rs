//! Who is asking: bearer tokens in, a [`Viewer`] with its [`Scope`] out.
//!
//! Dev mode (docs/security.md#tokens): HS256 tokens signed with a secret from the
//! configuration, or one generated once and kept in the data folder.

mod secret;
mod token;

pub use secret::load_or_create_secret;
pub use token::{Claims, Link, TokenKeys};

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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

/// How long a loaded viewer is reused for further requests with the same
/// user. A change of role, team or settings made through this process
/// applies at once (the organisation's viewers are forgotten); one made
/// through another replica applies within this time.
pub const VIEWER_TTL: Duration = Duration::from_secs(5);

/// Viewers loaded recently, so a busy client costs one token check per
/// request instead of three or four queries.
#[derive(Debug, Default)]
pub struct ViewerCache {
    entries: Mutex<HashMap<(OrgId, UserId), (Instant, Viewer)>>,
}

/// Entries kept before stale ones are swept.
const MAX_VIEWERS: usize = 10_000;

impl ViewerCache {
    fn get(&self, org: OrgId, user: UserId) -> Option<Viewer> {
        let entries = self.entries.lock().expect("viewer cache");
        let (at, viewer) = entries.get(&(org, user))?;
        (at.elapsed() < VIEWER_TTL).then(|| viewer.clone())
    }

    fn put(&self, viewer: &Viewer) {
        let mut entries = self.entries.lock().expect("viewer cache");
        if entries.len() >= MAX_VIEWERS {
            entries.retain(|_, (at, _)| at.elapsed() < VIEWER_TTL);
        }
        entries.insert(
            (viewer.organization.id, viewer.user.id),
            (Instant::now(), viewer.clone()),
        );
    }

    /// Forgets an organisation's viewers: its people, hierarchy or
    /// settings changed.
    pub fn forget_org(&self, org: OrgId) {
        self.entries
            .lock()
            .expect("viewer cache")
            .retain(|(o, _), _| *o != org);
    }
}

/// Verifies an `Authorization` header value and loads the viewer (or
/// reuses one loaded in the last [`VIEWER_TTL`]). The organisation is the
/// token's, never anything the request says.
pub async fn authenticate(
    store: &Store,
    keys: &TokenKeys,
    viewers: &ViewerCache,
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
    Ok(authenticate_token(store, keys, viewers, token).await?.0)
}

/// [`authenticate`] for a bare token (a websocket's `connection_init`);
/// also returns its claims, which say when it expires.
pub async fn authenticate_token(
    store: &Store,
    keys: &TokenKeys,
    viewers: &ViewerCache,
    token: &str,
) -> ServiceResult<(Viewer, Claims)> {
    let claims = keys.verify(token)?;
    let user_id = claims.sub.parse::<i64>().map(UserId).map_err(|_| gone())?;
    let viewer = current_viewer(store, viewers, OrgId(claims.org), user_id).await?;
    Ok((viewer, claims))
}

/// The viewer `user` of `org` is now: reused when loaded in the last
/// [`VIEWER_TTL`], else loaded. A long-lived connection asks again for
/// each thing it sends, so a change of role or team reaches it too.
pub async fn current_viewer(
    store: &Store,
    viewers: &ViewerCache,
    org: OrgId,
    user: UserId,
) -> ServiceResult<Viewer> {
    if let Some(viewer) = viewers.get(org, user) {
        return Ok(viewer);
    }
    let viewer = viewer_for(store, org, user).await?;
    viewers.put(&viewer);
    Ok(viewer)
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
