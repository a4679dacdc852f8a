//! The sentiment analyzer's tests: VADER's rules worked by hand, exact
//! agreement with the reference on rule-exercising texts, parity on the
//! paper's 4 200 tweets, invariants over random texts, and a run through
//! the plugin API.

mod parity;
mod plugin;
mod properties;
mod reference;
// Generated: one case per line, as the generator writes it.
#[rustfmt::skip]
mod reference_cases;
mod rules;
