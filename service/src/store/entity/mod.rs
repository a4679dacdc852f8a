//! sea-orm entities: one module per table. Only the store uses them; the
//! rest of the service speaks domain types.

pub mod analysis_job;
pub mod analyzer_run;
pub mod call;
pub mod call_metric;
pub mod call_signal;
pub mod call_term;
pub mod comment;
pub mod comment_read;
pub mod day_call;
pub mod day_metric;
pub mod day_term;
pub mod follow_up;
pub mod organization;
pub mod outbox;
pub mod participant;
pub mod segment;
pub mod user;
