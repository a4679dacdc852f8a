//! Term mentions as the plugin API's signals, built the same way for the
//! keywords and competitors analyzers: the value the analyzer reports, the
//! words as spoken, who said them, in which segment and when.

use callsight_plugin_api::{CallView, SegmentView, Signal};

use crate::{Match, TermSet, WordClock};

/// A `kind` signal for each mention of `terms` in the call's segments, in
/// segment then text order: its value is `value(term)` for the index of
/// the matched term, its label the words as spoken, and it carries the
/// speaker's role, the segment and the moment ([`offsets_ms`]).
pub fn mention_signals<'v>(
    terms: &TermSet,
    call: &CallView<'_>,
    kind: &str,
    value: impl Fn(usize) -> &'v str,
) -> Vec<Signal> {
    let mut signals = Vec::new();
    if terms.is_empty() {
        return signals;
    }
    let mut found = Vec::new();
    for segment in call.segments() {
        found.clear();
        terms.find_into(segment.text(), &mut found);
        if found.is_empty() {
            continue;
        }
        let starts: Vec<usize> = found.iter().map(|m| m.range.start).collect();
        for (m, at) in found.iter().zip(offsets_ms(&segment, &starts)) {
            signals.push(mention(kind, value(m.term), &segment, m, at));
        }
    }
    signals
}

/// When the words at byte offsets `starts` of the segment's text were said:
/// from the word timings when the source has them, else the segment's start.
pub fn offsets_ms(segment: &SegmentView<'_>, starts: &[usize]) -> Vec<i64> {
    let clock = segment
        .words()
        .map(|words| WordClock::new(segment.text(), words.map(|w| (w.text(), w.start_ms()))));
    starts
        .iter()
        .map(|&at| {
            clock
                .as_ref()
                .and_then(|c| c.start_ms(at))
                .unwrap_or(segment.start_ms())
        })
        .collect()
}

/// A mention's signal: `value`, the words as spoken (`label`), who said
/// them, where and when.
fn mention(
    kind: &str,
    value: &str,
    segment: &SegmentView<'_>,
    m: &Match,
    offset_ms: i64,
) -> Signal {
    let mut signal = Signal::new(kind, value);
    signal.label = Some(segment.text()[m.range.clone()].to_owned());
    signal.role = Some(segment.role());
    signal.segment = Some(segment.index() as u32);
    signal.offset_ms = Some(offset_ms);
    signal
}
