//! What the built-in analyzers' tests and benchmarks would otherwise each
//! write again: calls built in a line ([`segment`], [`timed_every`],
//! [`timed_evenly`], [`participant`], [`call`]), a run through the plugin API
//! on the call laid out as the host lays it out ([`analyze`]) and reading
//! its output ([`metric`], [`of_kind`], [`mentions`]), a check that an
//! analyzer declares the built-in units ([`assert_built_in_units`]), and
//! the benchmarks' 30-minute two-party call ([`thirty_minute_call`],
//! [`ThirtyMinuteCall`]) with a words-per-second timer
//! ([`words_per_second`]).
//!
//! A dev-dependency only; it depends on nothing but the plugin API, so it
//! never links an analyzer (two analyzers in one binary would both export
//! the plugin entry symbol).

mod calls;
mod long_call;
mod run;

pub use calls::{call, participant, segment, timed_evenly, timed_every};
pub use long_call::{
    CUSTOMER_LINES, SELLER_LINES, THIRTY_MINUTES_MS, ThirtyMinuteCall, thirty_minute_call,
    words_per_second,
};
pub use run::{analyze, assert_built_in_units, mentions, metric, of_kind};
