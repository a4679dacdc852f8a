//! Calls: import, the call history, a call's transcript and analysis
//! results, re-analysis.

pub mod ingest;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use tracing::instrument;

use crate::domain::Format;
use crate::domain::{
    CallCursor, CallFilter, CallId, PageSize, Participant, Segment, SpeakerRole, UserId,
};
use crate::error::ServiceResult;
use crate::services::Ctx;
use crate::store::calls::{self, Inserted};
use crate::store::{analysis, jobs};

pub use crate::store::analysis::{AnalyzerRun, CallMetric, CallSignal};
pub use crate::store::calls::{StoredCall, VisibleCall};
use ingest::ImportOptions;

/// Largest page of the call history.
pub const MAX_PAGE_SIZE: usize = 100;

/// Page size of the call history when none is asked for.
pub const DEFAULT_PAGE_SIZE: usize = 20;

/// One call the caller may see (else NOT_FOUND, as for a missing one).
#[instrument(skip(ctx), fields(org = %ctx.scope().org()))]
pub async fn get(ctx: Ctx<'_>, id: CallId) -> ServiceResult<StoredCall> {
    calls::get(ctx.store().db(), ctx.scope(), id).await
}

/// The calls of `ids` the caller may see (missing ones left out).
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn get_many(ctx: Ctx<'_>, ids: &[CallId]) -> ServiceResult<Vec<StoredCall>> {
    calls::get_many(ctx.store().db(), ctx.scope(), ids).await
}

/// A page of the call history: the caller's calls matching `filter`,
/// newest first, after `after`, and whether more follow.
#[instrument(skip(ctx, filter), fields(org = %ctx.scope().org()))]
pub async fn history(
    ctx: Ctx<'_>,
    filter: &CallFilter,
    after: Option<CallCursor>,
    first: PageSize,
) -> ServiceResult<(Vec<StoredCall>, bool)> {
    let first = first.get();
    let mut rows = calls::list(
        ctx.store().db(),
        ctx.scope(),
        filter,
        after,
        first as u64 + 1,
    )
    .await?;
    let has_next = rows.len() > first;
    rows.truncate(first);
    Ok((rows, has_next))
}

/// Imports one call for a seller: parsed off the async runtime, stored whole
/// or not at all, and queued for analysis. Re-importing an external id the
/// organisation already has returns the stored call (`false`) and writes
/// nothing.
#[instrument(skip(ctx, payload, options), fields(org = %ctx.scope().org(), %format))]
pub async fn import(
    ctx: Ctx<'_>,
    format: Format,
    payload: Vec<u8>,
    options: ImportOptions,
) -> ServiceResult<(StoredCall, bool)> {
    let parsed = ingest::parse(format, payload).await?;
    let inserted = ingest::store_call(ctx.store(), ctx.scope(), format, parsed, options).await?;
    let created = matches!(inserted, Inserted::Created(_));
    if created {
        // The job was queued with the call; wake this process's workers.
        ctx.services().analysis().wake();
    }
    Ok((get(ctx, inserted.id()).await?, created))
}

/// Queues the organisation's calls for analysis again (admins): all, or
/// those of some sellers or started in `[from, to)`. Returns how many.
#[instrument(skip(ctx), fields(org = %ctx.scope().org()))]
pub async fn reanalyze(
    ctx: Ctx<'_>,
    sellers: Option<&[UserId]>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> ServiceResult<usize> {
    ctx.scope().require_admin("re-analyses calls")?;
    let queued = jobs::enqueue_reanalysis(ctx.store(), ctx.scope(), sellers, from, to).await?;
    ctx.services().analysis().wake();
    Ok(queued)
}

/// The participants of calls the caller has read, by call, in one query.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn participants_of(
    ctx: Ctx<'_>,
    calls: &[VisibleCall],
) -> ServiceResult<HashMap<CallId, Vec<Participant>>> {
    calls::participants_of(ctx.store().db(), calls).await
}

/// The metrics every analyzer computed for calls the caller has read, by
/// call, in one query.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn metrics_of(
    ctx: Ctx<'_>,
    calls: &[VisibleCall],
) -> ServiceResult<HashMap<CallId, Vec<CallMetric>>> {
    analysis::metrics_of(ctx.store().db(), calls).await
}

/// A call read through the caller's scope and the signal kind asked of it
/// (`None`: every kind).
pub type SignalsOf = (VisibleCall, Option<String>);

/// What analyzers found in calls the caller has read, each call's in call
/// order, by (call, kind asked); one query per kind asked.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn signals_of(
    ctx: Ctx<'_>,
    keys: &[SignalsOf],
) -> ServiceResult<HashMap<SignalsOf, Vec<CallSignal>>> {
    let mut by_kind: HashMap<Option<&str>, Vec<VisibleCall>> = HashMap::new();
    for (call, kind) in keys {
        by_kind.entry(kind.as_deref()).or_default().push(*call);
    }
    let mut found = HashMap::new();
    for (kind, calls) in by_kind {
        let mut signals = analysis::signals_of(ctx.store().db(), &calls, kind).await?;
        for call in calls {
            let of_call = signals.remove(&call.id()).unwrap_or_default();
            found.insert((call, kind.map(str::to_owned)), of_call);
        }
    }
    Ok(found)
}

/// Each analyzer's run on a call, with the error of any that failed.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn analyzer_runs(ctx: Ctx<'_>, call: &StoredCall) -> ServiceResult<Vec<AnalyzerRun>> {
    analysis::runs(ctx.store().db(), call.visible()).await
}

/// A transcript segment with what the page shows beside it.
#[derive(Debug, Clone)]
pub struct TranscriptSegment {
    /// Position in the transcript.
    pub index: usize,
    /// The speaker's role (`other` for a speaker no participant names).
    pub role: SpeakerRole,
    pub segment: Segment,
    /// The sentiment analyzer's signal on the segment, if any.
    pub sentiment: Option<CallSignal>,
}

/// A call's transcript in order, each segment with its speaker's role and
/// sentiment.
#[instrument(skip(ctx, call), fields(call = %call.id()))]
pub async fn transcript(ctx: Ctx<'_>, call: &StoredCall) -> ServiceResult<Vec<TranscriptSegment>> {
    let db = ctx.store().db();
    let visible = [call.visible()];
    let (participants, segments, sentiments) = tokio::try_join!(
        calls::participants(db, call),
        calls::segments(db, call),
        analysis::signals_of(
            db,
            &visible,
            Some(callsight_plugin_api::names::signal::SENTIMENT)
        ),
    )?;
    let mut sentiments: HashMap<usize, CallSignal> = sentiments
        .into_values()
        .flatten()
        .filter_map(|s| Some((usize::try_from(s.segment?).ok()?, s)))
        .collect();
    let roles: HashMap<String, SpeakerRole> = participants
        .into_iter()
        .map(|p| (p.speaker, p.role))
        .collect();
    Ok(segments
        .into_iter()
        .enumerate()
        .map(|(index, segment)| TranscriptSegment {
            sentiment: sentiments.remove(&index),
            index,
            role: roles
                .get(&segment.speaker)
                .copied()
                .unwrap_or(SpeakerRole::Other),
            segment,
        })
        .collect())
}
