//! DataLoaders: one batched query per request for what lists would
//! otherwise fetch row by row. [`install`] gives each request its own,
//! bound to the viewer's scope.

use std::collections::HashMap;
use std::time::Duration;

use async_graphql::Data;
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};

use crate::auth::Viewer;
use crate::domain::dates::DayRange;
use crate::domain::{CallId, Participant, Scope, UserId};
use crate::store::Store;
use crate::store::aggregates::{self, Periods};
use crate::store::calls::{self, StoredCall};
use crate::store::comments::{self, Comment};
use crate::store::follow_ups::{self, FollowUp};
use crate::store::terms::{self, TermCallsKey};
use crate::store::users::{self, User};

/// Adds the request's loaders (and the viewer) to a GraphQL request.
pub fn install(
    mut request: async_graphql::Request,
    store: &Store,
    viewer: Viewer,
) -> async_graphql::Request {
    fill(&mut request.data, store, viewer, true);
    request
}

/// The loaders (and the viewer) of a websocket connection, for all its
/// subscriptions. They batch but do not cache: a connection lives long,
/// and each event must be read as it is now.
pub fn session(store: &Store, viewer: Viewer) -> Data {
    let mut data = Data::default();
    fill(&mut data, store, viewer, false);
    data
}

fn fill(data: &mut Data, store: &Store, viewer: Viewer, cache: bool) {
    let scope = viewer.scope.clone();
    data.insert(loader(
        UserLoader {
            store: store.clone(),
            scope: scope.clone(),
        },
        cache,
    ));
    data.insert(loader(
        AuthorLoader {
            store: store.clone(),
            scope: scope.clone(),
        },
        cache,
    ));
    data.insert(loader(
        CallLoader {
            store: store.clone(),
            scope: scope.clone(),
        },
        cache,
    ));
    data.insert(loader(
        CallCommentsLoader {
            store: store.clone(),
            scope: scope.clone(),
        },
        cache,
    ));
    data.insert(loader(
        CallFollowUpsLoader {
            store: store.clone(),
            scope: scope.clone(),
        },
        cache,
    ));
    data.insert(loader(
        RepliesLoader {
            store: store.clone(),
            scope: scope.clone(),
        },
        cache,
    ));
    data.insert(loader(
        ParticipantsLoader {
            store: store.clone(),
        },
        cache,
    ));
    data.insert(loader(
        PeriodsLoader {
            store: store.clone(),
            scope: scope.clone(),
        },
        cache,
    ));
    data.insert(loader(
        TermCallsLoader {
            store: store.clone(),
            scope,
        },
        cache,
    ));
    data.insert(viewer);
}

/// A loader that, with `cache`, remembers what it loaded for the rest of
/// the request, so the same seller or call is read once however often the
/// query names it. It loads as soon as the resolvers asking together have
/// all asked (the fields of one object, the items of one list), without a
/// timed wait.
fn loader<T: Loader<K>, K>(inner: T, cache: bool) -> DataLoader<T, HashMapCache>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
    T::Value: Send + Sync + Clone + 'static,
{
    let loader =
        DataLoader::with_cache(inner, tokio::spawn, HashMapCache::default()).delay(Duration::ZERO);
    loader.enable_all_cache(cache);
    loader
}

/// The request's loader of `T`.
pub fn get<'a, T: Send + Sync + 'static>(
    ctx: &async_graphql::Context<'a>,
) -> &'a DataLoader<T, HashMapCache> {
    ctx.data_unchecked::<DataLoader<T, HashMapCache>>()
}

/// Users by id, within the request's scope.
pub struct UserLoader {
    pub store: Store,
    pub scope: Scope,
}

impl Loader<UserId> for UserLoader {
    type Value = User;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[UserId]) -> Result<HashMap<UserId, User>, Self::Error> {
        let found = users::get_many(self.store.db(), &self.scope, keys).await?;
        Ok(found.into_iter().map(|user| (user.id, user)).collect())
    }
}

/// Authors of comments by id: anyone in the organisation, since the
/// viewer reads what they wrote.
pub struct AuthorLoader {
    pub store: Store,
    pub scope: Scope,
}

impl Loader<UserId> for AuthorLoader {
    type Value = User;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[UserId]) -> Result<HashMap<UserId, User>, Self::Error> {
        let found = users::authors(self.store.db(), &self.scope, keys).await?;
        Ok(found.into_iter().map(|user| (user.id, user)).collect())
    }
}

/// Calls by id, within the request's scope (insight evidence, the calls a
/// term occurs in).
pub struct CallLoader {
    pub store: Store,
    pub scope: Scope,
}

impl Loader<CallId> for CallLoader {
    type Value = StoredCall;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[CallId]) -> Result<HashMap<CallId, StoredCall>, Self::Error> {
        let found = calls::get_many(self.store.db(), &self.scope, keys).await?;
        Ok(found.into_iter().map(|call| (call.id, call)).collect())
    }
}

/// The comments the viewer may read on calls, by call.
pub struct CallCommentsLoader {
    pub store: Store,
    pub scope: Scope,
}

impl Loader<CallId> for CallCommentsLoader {
    type Value = Vec<Comment>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[CallId]) -> Result<HashMap<CallId, Vec<Comment>>, Self::Error> {
        Ok(comments::of_calls(self.store.db(), &self.scope, keys).await?)
    }
}

/// The follow-ups of calls, by call.
pub struct CallFollowUpsLoader {
    pub store: Store,
    pub scope: Scope,
}

impl Loader<CallId> for CallFollowUpsLoader {
    type Value = Vec<FollowUp>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[CallId]) -> Result<HashMap<CallId, Vec<FollowUp>>, Self::Error> {
        Ok(follow_ups::of_calls(self.store.db(), &self.scope, keys).await?)
    }
}

/// The replies the viewer may read to comment threads, by thread id.
pub struct RepliesLoader {
    pub store: Store,
    pub scope: Scope,
}

impl Loader<i64> for RepliesLoader {
    type Value = Vec<Comment>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Vec<Comment>>, Self::Error> {
        Ok(comments::replies(self.store.db(), &self.scope, keys).await?)
    }
}

/// The participants of calls the request has read through its scope (a
/// call id is only asked for once its call was).
pub struct ParticipantsLoader {
    pub store: Store,
}

impl Loader<CallId> for ParticipantsLoader {
    type Value = Vec<Participant>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[CallId],
    ) -> Result<HashMap<CallId, Vec<Participant>>, Self::Error> {
        Ok(calls::participants_of(self.store.db(), keys).await?)
    }
}

/// A seller's rollups over a range and the period before, for every
/// seller a request asks about in the same range, in one set of queries.
pub struct PeriodsLoader {
    pub store: Store,
    pub scope: Scope,
}

impl Loader<(UserId, DayRange)> for PeriodsLoader {
    type Value = Periods;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[(UserId, DayRange)],
    ) -> Result<HashMap<(UserId, DayRange), Periods>, Self::Error> {
        let mut by_range: HashMap<DayRange, Vec<UserId>> = HashMap::new();
        for (seller, range) in keys {
            by_range.entry(*range).or_default().push(*seller);
        }
        let mut found = HashMap::new();
        for (range, sellers) in by_range {
            let mut periods =
                aggregates::periods_by_seller(self.store.db(), &self.scope, &sellers, range)
                    .await?;
            for seller in sellers {
                // A visible seller without calls has empty periods; one the
                // scope cannot see has none.
                if self.scope.can_see(seller) {
                    found.insert((seller, range), periods.remove(&seller).unwrap_or_default());
                }
            }
        }
        Ok(found)
    }
}

/// The newest calls mentioning each term, for all terms of a request in
/// one query.
pub struct TermCallsLoader {
    pub store: Store,
    pub scope: Scope,
}

impl Loader<TermCallsKey> for TermCallsLoader {
    type Value = Vec<CallId>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[TermCallsKey],
    ) -> Result<HashMap<TermCallsKey, Vec<CallId>>, Self::Error> {
        Ok(terms::newest_calls(self.store.db(), &self.scope, keys, terms::CALLS_PER_TERM).await?)
    }
}
