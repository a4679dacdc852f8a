//! The rule that makes speech into turns, shared by the analyzers that
//! compute turn KPIs and the importers that cut word-timed transcripts into
//! segments: both must agree on what a pause is, or the same call would read
//! differently depending on its source format (docs/metrics.md#turns).

/// A speaker's speech continues their turn across a pause up to this long;
/// a longer pause ends it.
pub const G_MERGE_MS: i64 = 1_000;
