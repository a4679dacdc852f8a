//! One metric aggregated over a period of calls.

/// One metric aggregated over a period: the mean of per-call values, so every
/// call weighs the same however long it was (docs/metrics.md#period-values).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MetricStat {
    /// Sum of the per-call values.
    pub sum: f64,
    /// Calls in the period that have a value for the metric.
    pub calls: u64,
    /// Of those, the calls whose value lies in the org's ideal range.
    pub in_ideal: u64,
}

impl MetricStat {
    /// The period's value of the metric; `None` when no call has a value, so
    /// that "no data" is never shown as a zero.
    pub fn mean(&self) -> Option<f64> {
        (self.calls > 0).then(|| self.sum / self.calls as f64)
    }

    /// The share (0..1) of calls with a value that were in the ideal range;
    /// `None` when no call has a value.
    pub fn in_ideal_share(&self) -> Option<f64> {
        (self.calls > 0).then(|| self.in_ideal as f64 / self.calls as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_stat_mean_and_in_ideal_share_are_none_without_calls() {
        let empty = MetricStat::default();
        assert_eq!(empty.mean(), None);
        assert_eq!(empty.in_ideal_share(), None);
        let stat = MetricStat {
            sum: 9.0,
            calls: 4,
            in_ideal: 1,
        };
        assert_eq!(stat.mean(), Some(2.25));
        assert_eq!(stat.in_ideal_share(), Some(0.25));
    }
}
