//! Root subscription fields, served over websocket (graphql-transport-ws).
//! Events carry ids only; each subscriber reads what they announce through
//! its own scope, so a subscription shows exactly what a query would.

use async_graphql::futures_util::stream::{self, Stream};
use async_graphql::{Context, ID, Result, Subscription};
use tokio::sync::broadcast::error::RecvError;

use super::context::{service, services, viewer};
use super::types::{CallNode, CommentNode, parse_id};
use crate::auth::Viewer;
use crate::domain::{CallId, CommentId, OrgId, UserId};
use crate::error::{ServiceError, ServiceResult};
use crate::services::coaching::comments;
use crate::services::{Ctx, Event, Services, calls, people};

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
        let (subscriber, call) = Subscriber::on_call(ctx, &call_id).await?;
        let stream = follow(subscriber, move |services, viewer, event| async move {
            match event {
                Event::CommentAdded {
                    call: c, comment, ..
                } if CallId(c) == call => comment_node(&services, &viewer, comment).await,
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
        let stream = follow(Subscriber::of(ctx)?, |services, viewer, event| async move {
            match event {
                Event::CommentAdded {
                    seller,
                    author,
                    comment,
                    ..
                } if viewer.scope.can_see(UserId(seller))
                    && Some(UserId(author)) != viewer.scope.user() =>
                {
                    comment_node(&services, &viewer, comment).await
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
        let (subscriber, call) = Subscriber::on_call(ctx, &call_id).await?;
        let stream = follow(subscriber, move |services, viewer, event| async move {
            match event {
                Event::AnalysisFinished { call: c, .. } if CallId(c) == call => found(
                    calls::get(Ctx::new(&services, &viewer), call)
                        .await
                        .map(CallNode),
                ),
                _ => Ok(None),
            }
        });
        Ok(stream.await?)
    }
}

/// Whom a subscription is for, and what it reads with.
struct Subscriber {
    org: OrgId,
    user: UserId,
    services: Services,
}

impl Subscriber {
    /// The connection's viewer; conversation intelligence must be on for
    /// their organisation, as for every other field but a few.
    fn of(ctx: &Context<'_>) -> Result<Self, ServiceError> {
        let viewer = viewer(ctx)?;
        viewer
            .organization
            .settings
            .require_conversation_intelligence()?;
        Ok(Self {
            org: viewer.scope.org(),
            user: viewer.user.id,
            services: services(ctx).clone(),
        })
    }

    /// [`Subscriber::of`], and the call it names, which it must see.
    async fn on_call(ctx: &Context<'_>, call_id: &ID) -> Result<(Self, CallId), ServiceError> {
        let subscriber = Self::of(ctx)?;
        let call = parse_id(call_id, "call", CallId)?;
        calls::get(service(ctx)?, call).await?;
        Ok((subscriber, call))
    }

    /// The viewer as they are now, so a change of role or team applies to
    /// open subscriptions too. `None` ends the subscription: the user was
    /// removed, or their organisation switched the feature off.
    async fn viewer(&self) -> Option<ServiceResult<Viewer>> {
        match people::current_viewer(&self.services, self.org, self.user).await {
            Ok(viewer) if viewer.organization.settings.conversation_intelligence => {
                Some(Ok(viewer))
            }
            Ok(_) | Err(ServiceError::Unauthenticated(_)) => None,
            Err(err) => Some(Err(err)),
        }
    }
}

/// The items `read` makes of the events of the subscriber's organisation,
/// in order. `read` reads through the viewer's scope and answers `None`
/// for an event its subscription does not want; one announcing something
/// the viewer may not read (a private comment for a seller), or that is
/// gone since, is skipped.
async fn follow<T, F, Fut>(
    subscriber: Subscriber,
    read: F,
) -> Result<impl Stream<Item = T> + use<T, F, Fut>, ServiceError>
where
    F: Fn(Services, Viewer, Event) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ServiceResult<Option<T>>> + Send,
    T: Send + 'static,
{
    let events = subscriber.services.subscribe().await?;
    Ok(stream::unfold(
        (events, subscriber, read),
        |(mut events, subscriber, read)| async move {
            loop {
                let event = match events.recv().await {
                    Ok(event) => event,
                    Err(RecvError::Lagged(missed)) => {
                        tracing::warn!(missed, "a subscriber fell behind and skipped events");
                        continue;
                    }
                    Err(RecvError::Closed) => return None,
                };
                if event.org() != subscriber.org {
                    continue;
                }
                let viewer = match subscriber.viewer().await? {
                    Ok(viewer) => viewer,
                    Err(err) => {
                        tracing::error!(error = %err.detail(), "cannot load a subscriber");
                        continue;
                    }
                };
                match read(subscriber.services.clone(), viewer, event).await {
                    Ok(Some(item)) => return Some((item, (events, subscriber, read))),
                    Ok(None) => {}
                    Err(err) => {
                        tracing::error!(error = %err.detail(), "cannot read what an event announced")
                    }
                }
            }
        },
    ))
}

async fn comment_node(
    services: &Services,
    viewer: &Viewer,
    id: i64,
) -> ServiceResult<Option<CommentNode>> {
    found(
        comments::get(Ctx::new(services, viewer), CommentId(id))
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
