//! The keywords analyzer's tests: config validation, tracked-keyword rules
//! through the plugin API (English, Korean, Japanese, per-call lists, word
//! timings), customer key phrases, and YAKE against the reference on a few
//! Inspec abstracts.

mod config;
mod conversation;
mod data;
mod inspec;
mod plugin;
