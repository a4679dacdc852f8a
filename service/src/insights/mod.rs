//! Aggregation over the rollups, comparisons and the insights engine
//! (docs/metrics.md#insights): what the seller page and the team view show.

pub mod baselines;
pub mod engine;
pub mod report;
pub mod team;
