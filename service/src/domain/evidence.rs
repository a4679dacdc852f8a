//! Which calls support an insight, said as a condition on the calls of the
//! seller and range, so the engine stays free of call ids and of scopes.

use super::ideal_range::IdealRange;
use super::terms::TermKind;

/// Which calls support an insight; the service turns this into call ids with
/// the viewer's scope (docs/metrics.md#insights).
#[derive(Debug, Clone, PartialEq)]
pub enum Evidence {
    /// Calls in range whose value of `metric` lies outside `range` (worst first).
    MetricOutside { metric: String, range: IdealRange },
    /// Calls in range whose value of `metric` lies above `threshold` when
    /// `above`, else below it (e.g. the calls that moved a trend up from
    /// the previous period's mean).
    MetricBeyond {
        metric: String,
        threshold: f64,
        above: bool,
    },
    /// Calls in range that mention `term`.
    Term { kind: TermKind, term: String },
    /// Calls in range whose customer_negative_share is above `threshold`.
    NegativeShareAbove { threshold: f64 },
}
