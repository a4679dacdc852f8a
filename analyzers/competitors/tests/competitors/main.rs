//! The competitors analyzer's tests: config validation, and mentions
//! through the plugin API (aliases, canonical names, Korean and Japanese,
//! word timings).

mod config;
mod plugin;
