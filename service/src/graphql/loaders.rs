//! DataLoaders: one batched call of the service layer per request for
//! what lists would otherwise fetch row by row. [`install`] gives each
//! request its own, bound to the viewer.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use async_graphql::Data;
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};

use crate::auth::Viewer;
use crate::domain::dates::DayRange;
use crate::domain::{CallId, CommentId, Participant, UserId};
use crate::services::calls::{self, CallMetric, CallSignal, StoredCall, VisibleCall};
use crate::services::coaching::comments::{self, Comment};
use crate::services::coaching::follow_ups::{self, FollowUp};
use crate::services::people::{self, User};
use crate::services::reports::seller::{self, Periods, TermCallsKey};
use crate::services::{Ctx, Services};

/// Adds the request's loaders (and the viewer) to a GraphQL request.
pub fn install(
    mut request: async_graphql::Request,
    services: &Services,
    viewer: Viewer,
) -> async_graphql::Request {
    fill(&mut request.data, services, viewer, true);
    request
}

/// The loaders (and the viewer) of a websocket connection, for all its
/// subscriptions. They batch but do not cache: a connection lives long,
/// and each event must be read as it is now.
pub fn session(services: &Services, viewer: Viewer) -> Data {
    let mut data = Data::default();
    fill(&mut data, services, viewer, false);
    data
}

/// Who a loader loads for: the service layer and the request's viewer.
#[derive(Clone)]
pub struct Caller {
    services: Services,
    viewer: Arc<Viewer>,
}

impl Caller {
    fn ctx(&self) -> Ctx<'_> {
        Ctx::new(&self.services, &self.viewer)
    }
}

fn fill(data: &mut Data, services: &Services, viewer: Viewer, cache: bool) {
    let caller = Caller {
        services: services.clone(),
        viewer: Arc::new(viewer.clone()),
    };
    data.insert(loader(UserLoader(caller.clone()), cache));
    data.insert(loader(AuthorLoader(caller.clone()), cache));
    data.insert(loader(CallLoader(caller.clone()), cache));
    data.insert(loader(CallCommentsLoader(caller.clone()), cache));
    data.insert(loader(CallFollowUpsLoader(caller.clone()), cache));
    data.insert(loader(RepliesLoader(caller.clone()), cache));
    data.insert(loader(ParticipantsLoader(caller.clone()), cache));
    data.insert(loader(CallMetricsLoader(caller.clone()), cache));
    data.insert(loader(CallSignalsLoader(caller.clone()), cache));
    data.insert(loader(PeriodsLoader(caller.clone()), cache));
    data.insert(loader(TermCallsLoader(caller), cache));
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

/// Declares a loader: a newtype over the [`Caller`] whose batch is one
/// service call.
macro_rules! batch_loader {
    ($(#[$doc:meta])* $name:ident: $key:ty => $value:ty, |$caller:ident, $keys:ident| $body:expr) => {
        $(#[$doc])*
        pub struct $name(Caller);

        impl Loader<$key> for $name {
            type Value = $value;
            type Error = async_graphql::Error;

            async fn load(&self, $keys: &[$key]) -> Result<HashMap<$key, $value>, Self::Error> {
                let $caller = self.0.ctx();
                Ok($body)
            }
        }
    };
}

batch_loader!(
    /// Users by id, within the request's scope.
    UserLoader: UserId => User,
    |ctx, keys| by_id(people::get_many(ctx, keys).await?, |u| u.id)
);

batch_loader!(
    /// Authors of comments by id: anyone in the organisation, since the
    /// viewer reads what they wrote.
    AuthorLoader: UserId => User,
    |ctx, keys| by_id(people::authors(ctx, keys).await?, |u| u.id)
);

batch_loader!(
    /// Calls by id, within the request's scope (insight evidence, the
    /// calls a term occurs in).
    CallLoader: CallId => StoredCall,
    |ctx, keys| by_id(calls::get_many(ctx, keys).await?, |c| c.id())
);

batch_loader!(
    /// The comments the viewer may read on calls, by call.
    CallCommentsLoader: CallId => Vec<Comment>,
    |ctx, keys| comments::of_calls(ctx, keys).await?
);

batch_loader!(
    /// The follow-ups of calls, by call.
    CallFollowUpsLoader: CallId => Vec<FollowUp>,
    |ctx, keys| follow_ups::of_calls(ctx, keys).await?
);

batch_loader!(
    /// The replies the viewer may read to comment threads, by thread id.
    RepliesLoader: CommentId => Vec<Comment>,
    |ctx, keys| comments::replies(ctx, keys).await?
);

batch_loader!(
    /// The participants of calls the request has read through its scope
    /// (a call id is only asked for once its call was).
    ParticipantsLoader: VisibleCall => Vec<Participant>,
    |ctx, keys| by_visible(keys, calls::participants_of(ctx, keys).await?)
);

batch_loader!(
    /// The metrics of calls the request has read, by call.
    CallMetricsLoader: VisibleCall => Vec<CallMetric>,
    |ctx, keys| by_visible(keys, calls::metrics_of(ctx, keys).await?)
);

batch_loader!(
    /// The signals of calls the request has read, by call and the kind
    /// asked (all kinds for `None`): one query per kind for every call a
    /// list shows.
    CallSignalsLoader: (VisibleCall, Option<String>) => Vec<CallSignal>,
    |ctx, keys| calls::signals_of(ctx, keys).await?
);

batch_loader!(
    /// A seller's rollups over a range and the period before, for every
    /// seller a request asks about in the same range, in one set of
    /// queries.
    PeriodsLoader: (UserId, DayRange) => Periods,
    |ctx, keys| seller::periods(ctx, keys).await?
);

batch_loader!(
    /// The newest calls mentioning each term, for all terms of a request
    /// in one query.
    TermCallsLoader: TermCallsKey => Vec<CallId>,
    |ctx, keys| seller::term_calls(ctx, keys).await?
);

/// Keys a batch found by call id by the calls asked for.
fn by_visible<V>(keys: &[VisibleCall], mut found: HashMap<CallId, V>) -> HashMap<VisibleCall, V> {
    keys.iter()
        .filter_map(|key| Some((*key, found.remove(&key.id())?)))
        .collect()
}

/// Keys a batch by id.
fn by_id<K: std::hash::Hash + Eq, V>(values: Vec<V>, id: impl Fn(&V) -> K) -> HashMap<K, V> {
    values.into_iter().map(|v| (id(&v), v)).collect()
}
