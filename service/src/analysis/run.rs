//! Running an analyzer on a call: off the async runtime, within the
//! plugin's concurrency limit, its timeout and its output cap.

use std::sync::Arc;

use callsight_plugin_api::{CallLayout, Output, Role};

use super::host::PluginLimits;
use super::plugin::{Instance, PluginCallError};
use crate::domain::{Call, SpeakerRole};

/// A call laid out once for every analyzer that runs on it: the ABI view
/// points into the call's own text, so nothing is copied or serialised per
/// analyzer.
pub struct SharedCall {
    // Declared first so it is dropped before the call it points into.
    layout: CallLayout<'static>,
    _call: Arc<Call<SpeakerRole>>,
    _context: Arc<str>,
}

// SAFETY: the layout is read-only after construction and points only into
// `_call` and `_context`, which live (unmoved, on the heap) as long as it.
unsafe impl Send for SharedCall {}
// SAFETY: the layout's raw pointers are only read, never written after
// `new`, and what they point into (`_call`, `_context`) is immutable and
// itself Sync, so shared access from several threads cannot race.
unsafe impl Sync for SharedCall {}

impl SharedCall {
    pub fn new(call: Arc<Call<SpeakerRole>>, started_at_ms: i64, context: Arc<str>) -> Self {
        let layout = layout_of(&call, started_at_ms, &context);
        // SAFETY: `layout` borrows the heap data of `call` and `context`,
        // which this struct keeps alive and never moves or mutates; the
        // 'static lifetime never escapes: `layout()` ties it to `&self`.
        let layout = unsafe { std::mem::transmute::<CallLayout<'_>, CallLayout<'static>>(layout) };
        Self {
            layout,
            _call: call,
            _context: context,
        }
    }

    pub fn layout(&self) -> &CallLayout<'_> {
        &self.layout
    }
}

/// Runs `instance` on `call`. Every failure — panic, error, timeout,
/// oversized or unreadable output — is returned, never raised: it fails
/// this analyzer on this call and nothing else.
pub async fn run_analyzer(
    instance: Arc<Instance>,
    call: Arc<SharedCall>,
    limits: PluginLimits,
) -> Result<Output, PluginCallError> {
    let work = async move {
        let permit = Arc::clone(&instance.plugin.permits)
            .acquire_owned()
            .await
            .map_err(|_| PluginCallError::BadOutput("the plugin was shut down".into()))?;
        let cap = limits.max_output_bytes;
        tokio::task::spawn_blocking(move || {
            // Held until the plugin returns, even after a timeout, so hung
            // calls cannot pile up beyond the plugin's concurrency limit.
            let _permit = permit;
            instance.analyze_blocking(call.layout(), cap)
        })
        .await
        .map_err(|e| PluginCallError::BadOutput(format!("the analysis task failed: {e}")))?
    };
    tokio::time::timeout(limits.timeout(), work)
        .await
        .map_err(|_| PluginCallError::TimedOut(limits.timeout()))?
}

/// Lays a stored call out for the ABI, borrowing its text.
pub fn layout_of<'a>(
    call: &'a Call<SpeakerRole>,
    started_at_ms: i64,
    context: &'a str,
) -> CallLayout<'a> {
    let duration_ms = call
        .duration_ms
        .unwrap_or_else(|| call.segments.iter().map(|s| s.end_ms).max().unwrap_or(0));
    // A call has a handful of speakers: a scan beats hashing every label.
    let role_of = |speaker: &str| {
        call.participants
            .iter()
            .find(|p| p.speaker == speaker)
            .map_or(SpeakerRole::Other, |p| p.role)
    };
    let words = call
        .segments
        .iter()
        .map(|s| s.words.as_ref().map_or(0, Vec::len))
        .sum();
    let mut builder = CallLayout::builder(&call.language, duration_ms, started_at_ms, context);
    builder.reserve(call.participants.len(), call.segments.len(), words);
    for p in &call.participants {
        builder.participant(&p.speaker, p.name.as_deref(), role(p.role));
    }
    for s in &call.segments {
        let words = s.words.as_ref().map(|words| {
            words
                .iter()
                .map(|w| (w.text.as_str(), w.start_ms, w.end_ms))
        });
        builder.segment(
            &s.speaker,
            role(role_of(&s.speaker)),
            s.start_ms,
            s.end_ms,
            &s.text,
            words,
        );
    }
    builder.finish()
}

fn role(role: SpeakerRole) -> Role {
    match role {
        SpeakerRole::Seller => Role::Seller,
        SpeakerRole::Customer => Role::Customer,
        SpeakerRole::Other => Role::Other,
    }
}
