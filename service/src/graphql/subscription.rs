//! Root subscription fields, served over websocket (graphql-transport-ws).
//! Events carry ids only; each subscriber reads what they announce through
//! its own scope, so a subscription shows exactly what a query would.

use std::sync::Arc;

use async_graphql::futures_util::stream::{self, Stream};
use async_graphql::{Context, ID, Result, Subscription};
use tokio::sync::broadcast::error::RecvError;

use super::context::{store, viewer};
use super::types::{CallNode, CommentNode, parse_id};
use crate::auth::{self, Viewer, ViewerCache};
use crate::domain::{CallId, OrgId, UserId};
use crate::error::{ServiceError, ServiceResult};
use crate::store::events::Event;
use crate::store::{Store, calls, comments};

pub struct Subscription;

#[Subscription]
impl Subscription {
    /// Comments and replies added to a call the viewer sees, from now on;
    /// a seller receives only those shared with them.
    async fn comment_added(
        &self,
        ctx: &Context<'_>,
        call_id: ID,
    ) -> Result<impl Stream<Item = CommentNode> + use<>> {
        let (subscriber, call) = on_call(ctx, &call_id).await?;
        let stream = follow(subscriber, move |store, viewer, event| async move {
            match event {
                Event::CommentAdded {
                    call: c, comment, ..
                } if CallId(c) == call => comment_node(&store, &viewer, comment).await,
                _ => Ok(None),
            }
        });
        Ok(stream.await?)
    }

    /// New comments and replies by others on calls of sellers the viewer
    /// sees: a seller's feed of their managers' shared comments and
    /// replies; a manager's of their sellers' replies and their peers'.
    async fn my_comment_feed(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = CommentNode> + use<>> {
        let stream = follow(subscriber(ctx)?, |store, viewer, event| async move {
            match event {
                Event::CommentAdded {
                    seller,
                    author,
                    comment,
                    ..
                } if viewer.scope.can_see(UserId(seller))
                    && UserId(author) != viewer.scope.viewer() =>
                {
                    comment_node(&store, &viewer, comment).await
                }
                _ => Ok(None),
            }
        });
        Ok(stream.await?)
    }

    /// The call, once its analysis (or re-analysis) has finished, whether
    /// it succeeded or failed: its `analysisStatus` says which.
    async fn analysis_finished(
        &self,
        ctx: &Context<'_>,
        call_id: ID,
    ) -> Result<impl Stream<Item = CallNode> + use<>> {
        let (subscriber, call) = on_call(ctx, &call_id).await?;
        let stream = follow(subscriber, move |store, viewer, event| async move {
            match event {
                Event::AnalysisFinished { call: c, .. } if CallId(c) == call => found(
                    calls::get(store.db(), &viewer.scope, call)
                        .await
                        .map(CallNode),
                ),
                _ => Ok(None),
            }
        });
        Ok(stream.await?)
    }
}

/// The connection's viewer and the store; conversation intelligence must
/// be on for their organisation, as for every other field but a few.
fn subscriber(ctx: &Context<'_>) -> Result<(Viewer, Store, Arc<ViewerCache>), ServiceError> {
    let viewer = viewer(ctx)?;
    if !viewer.organization.settings.conversation_intelligence {
        return Err(ServiceError::FeatureDisabled);
    }
    let viewers = Arc::clone(ctx.data_unchecked::<Arc<ViewerCache>>());
    Ok((viewer.clone(), store(ctx).clone(), viewers))
}

/// The subscriber and the call it names, which it must see.
async fn on_call(
    ctx: &Context<'_>,
    call_id: &ID,
) -> Result<((Viewer, Store, Arc<ViewerCache>), CallId), ServiceError> {
    let subscriber = subscriber(ctx)?;
    let call = parse_id(call_id, "call", CallId)?;
    calls::get(subscriber.1.db(), &subscriber.0.scope, call).await?;
    Ok((subscriber, call))
}

/// Whom a subscription is for.
#[derive(Clone, Copy)]
struct Who {
    org: OrgId,
    user: UserId,
}

/// The items `read` makes of the events of the viewer's organisation, in
/// order. `read` reads through the viewer's scope and answers `None` for
/// an event its subscription does not want; one announcing something the
/// viewer may not read (a private comment for a seller), or that is gone
/// since, is skipped.
async fn follow<T, F, Fut>(
    (viewer, store, viewers): (Viewer, Store, Arc<ViewerCache>),
    read: F,
) -> Result<impl Stream<Item = T> + use<T, F, Fut>, ServiceError>
where
    F: Fn(Store, Viewer, Event) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ServiceResult<Option<T>>> + Send,
    T: Send + 'static,
{
    let events = store.subscribe().await?;
    let who = Who {
        org: viewer.scope.org(),
        user: viewer.user.id,
    };
    Ok(stream::unfold(
        (events, who, store, viewers, read),
        |(mut events, who, store, viewers, read)| async move {
            loop {
                let event = match events.recv().await {
                    Ok(event) => event,
                    Err(RecvError::Lagged(missed)) => {
                        tracing::warn!(missed, "a subscriber fell behind and skipped events");
                        continue;
                    }
                    Err(RecvError::Closed) => return None,
                };
                if event.org() != who.org {
                    continue;
                }
                // The viewer as they are now: a change of role or team
                // applies to open subscriptions too; a removed user's, or
                // one whose organisation switched the feature off, end.
                let viewer = match auth::current_viewer(&store, &viewers, who.org, who.user).await {
                    Ok(viewer) if viewer.organization.settings.conversation_intelligence => viewer,
                    Ok(_) | Err(ServiceError::Unauthenticated(_)) => return None,
                    Err(err) => {
                        tracing::error!(error = %err, "cannot load a subscriber");
                        continue;
                    }
                };
                match read(store.clone(), viewer, event).await {
                    Ok(Some(item)) => return Some((item, (events, who, store, viewers, read))),
                    Ok(None) => {}
                    Err(err) => {
                        tracing::error!(error = %err, "cannot read what an event announced")
                    }
                }
            }
        },
    ))
}

async fn comment_node(
    store: &Store,
    viewer: &Viewer,
    id: i64,
) -> ServiceResult<Option<CommentNode>> {
    found(
        comments::get(store.db(), &viewer.scope, id)
            .await
            .map(CommentNode::alone),
    )
}

/// Not found (not readable by this viewer, or deleted since) is no item.
fn found<T>(result: ServiceResult<T>) -> ServiceResult<Option<T>> {
    match result {
        Ok(item) => Ok(Some(item)),
        Err(ServiceError::NotFound(_)) => Ok(None),
        Err(err) => Err(err),
    }
}
