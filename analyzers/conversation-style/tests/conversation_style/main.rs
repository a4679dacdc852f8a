//! The conversation-style analyzer's tests: hand-worked rules, properties
//! over random calls, and a run through the plugin API.

mod plugin;
mod properties;
mod rules;
