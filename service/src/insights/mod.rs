//! Aggregation over the rollups, comparisons and the insights engine
//! (DESIGN §7): what the seller page and the team view show.

pub mod baselines;
pub mod engine;
pub mod report;
pub mod team;
