//! Running an analyzer on a call: off the async runtime, within the
//! plugin's concurrency limit, its timeout and its output cap.

use std::sync::Arc;

use callsight_plugin_api::{CallLayout, Output, Role};

use super::host::PluginLimits;
use super::plugin::{Instance, PluginCallError, read_call};
use crate::domain::{Call, SpeakerRole};

/// Runs `instance` on `call`. Every failure — panic, error, timeout,
/// oversized or unreadable output — is returned, never raised: it fails
/// this analyzer on this call and nothing else.
pub async fn run_analyzer(
    instance: Arc<Instance>,
    call: Arc<Call<SpeakerRole>>,
    started_at_ms: i64,
    context: Arc<str>,
    limits: PluginLimits,
) -> Result<Output, PluginCallError> {
    let work = async move {
        let permit = Arc::clone(&instance.plugin.permits)
            .acquire_owned()
            .await
            .map_err(|_| PluginCallError::BadOutput("the plugin was shut down".into()))?;
        let functions = instance.plugin.functions();
        let cap = limits.max_output_bytes;
        tokio::task::spawn_blocking(move || {
            // Held until the plugin returns, even after a timeout, so hung
            // calls cannot pile up beyond the plugin's concurrency limit.
            let _permit = permit;
            let layout = layout_of(&call, started_at_ms, &context);
            let raw = layout.as_raw();
            read_call(functions, cap, |out| {
                // SAFETY: `instance` was created by this plugin and is kept
                // alive by the Arc this closure owns; `raw` points into
                // `layout`, alive until the call returns.
                (unsafe { (functions.analyze)(instance.ptr(), raw, out) }, ())
            })
        })
        .await
        .map_err(|e| PluginCallError::BadOutput(format!("the analysis task failed: {e}")))?
    };
    let (bytes, ()) = tokio::time::timeout(limits.timeout(), work)
        .await
        .map_err(|_| PluginCallError::TimedOut(limits.timeout()))??;
    serde_json::from_slice(&bytes).map_err(|e| PluginCallError::BadOutput(e.to_string()))
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
    let roles: std::collections::HashMap<&str, SpeakerRole> = call
        .participants
        .iter()
        .map(|p| (p.speaker.as_str(), p.role))
        .collect();
    let mut builder = CallLayout::builder(&call.language, duration_ms, started_at_ms, context);
    for p in &call.participants {
        builder.participant(&p.speaker, p.name.as_deref(), role(p.role));
    }
    for s in &call.segments {
        let speaker_role = roles
            .get(s.speaker.as_str())
            .copied()
            .unwrap_or(SpeakerRole::Other);
        let words = s.words.as_ref().map(|words| {
            words
                .iter()
                .map(|w| (w.text.as_str(), w.start_ms, w.end_ms))
        });
        builder.segment(
            &s.speaker,
            role(speaker_role),
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
