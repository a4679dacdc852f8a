//! The commitments analyzer's tests: the labelled set's precision and
//! recall, hand-worked rules, and runs through the plugin API.

mod findings;
mod held_out_set;
mod labelled;
mod labelled_set;
mod plugin;
mod real_set;
mod rules;
mod support;
