//! Reports: the seller details page and the team view, built from the
//! daily rollups and the insights engine (docs/metrics.md).

mod baselines;
pub mod seller;
pub mod team;

pub use baselines::BaselineCache;
