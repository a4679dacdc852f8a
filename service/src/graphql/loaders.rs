//! DataLoaders: one batched query per request for what lists would
//! otherwise fetch row by row.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;

use crate::domain::{Scope, UserId};
use crate::store::Store;
use crate::store::users::{self, User};

/// Users by id, within the request's scope.
pub struct UserLoader {
    pub store: Store,
    pub scope: Scope,
}

impl Loader<UserId> for UserLoader {
    type Value = User;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[UserId]) -> Result<HashMap<UserId, User>, Self::Error> {
        let found = users::get_many(self.store.db(), &self.scope, keys)
            .await
            .map_err(async_graphql::Error::from)?;
        Ok(found.into_iter().map(|user| (user.id, user)).collect())
    }
}
