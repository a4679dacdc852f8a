//! What a metric's unit means to the engine: which change of a value in it
//! counts as significant, and how a value in it is written for people
//! (docs/metrics.md#units). The units, and the unit of every built-in
//! metric, are the plugin contract's, so an analyzer and the engine never
//! disagree on one.

use callsight_plugin_api::Unit;
use callsight_plugin_api::names::metric;

use super::format::{decimals, number};
use crate::domain::ROUNDING_TOLERANCE;

/// A change of a share, ratio or sentiment score is significant at 10 points
/// (docs/metrics.md#trends); a percentage of a share that is itself small
/// would be noise.
const POINTS_THRESHOLD: f64 = 0.10;

/// A change of any other value is significant at 20 % of the previous value
/// (docs/metrics.md#trends).
const RELATIVE_THRESHOLD: f64 = 0.20;

/// Decimals [`UnitRules::format_pair`] may add; values closer than that are
/// shown as equal rather than with a long tail of digits.
const MAX_EXTRA_DECIMALS: usize = 3;

/// How a change is measured against its threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum ChangeRule {
    /// An absolute change of at least this much.
    Points(f64),
    /// A change of at least this fraction of the baseline.
    Relative(f64),
}

impl ChangeRule {
    /// How many thresholds lie between `baseline` and `value` (≥ 1 passes).
    /// A relative change from a zero baseline is infinite.
    pub(super) fn multiples(self, value: f64, baseline: f64) -> f64 {
        let change = (value - baseline).abs();
        match self {
            ChangeRule::Points(step) => change / step,
            ChangeRule::Relative(step) if baseline != 0.0 => change / baseline.abs() / step,
            ChangeRule::Relative(_) if change == 0.0 => 0.0,
            ChangeRule::Relative(_) => f64::INFINITY,
        }
    }

    /// Whether the change from `baseline` to `value` passes the threshold; a
    /// relative change needs a non-zero baseline.
    pub(super) fn is_significant(self, value: f64, baseline: f64) -> bool {
        let relative_from_zero = matches!(self, ChangeRule::Relative(_)) && baseline == 0.0;
        !relative_from_zero && self.multiples(value, baseline) >= 1.0 - ROUNDING_TOLERANCE
    }
}

/// The unit of `name`: a built-in metric's from the plugin contract. The
/// engine does not know the unit a custom metric declares, so it reads such a
/// metric as a plain number, as it does any unit it does not know.
pub(super) fn unit_of(name: &str) -> Unit {
    metric::unit_of(name).unwrap_or_else(|| Unit::Other(String::new()))
}

/// The engine's reading of a [`Unit`].
pub(super) trait UnitRules {
    /// The significance rule of [`trend`](fn@super::trend) for this unit.
    fn change_rule(&self) -> ChangeRule;

    /// `v` written for a manager with `extra` decimals more than usual:
    /// ratios as %, ms as seconds, rates and speeds in words.
    fn format_with(&self, v: f64, extra: usize) -> String;

    /// `v` written for a manager.
    fn format(&self, v: f64) -> String {
        self.format_with(v, 0)
    }

    /// `value` and `baseline` written with just enough decimals to tell them
    /// apart, so a sentence never says "150 s, above the maximum of 150 s".
    fn format_pair(&self, value: f64, baseline: f64) -> (String, String) {
        let mut extra = 0;
        loop {
            let pair = (
                self.format_with(value, extra),
                self.format_with(baseline, extra),
            );
            if pair.0 != pair.1 || extra >= MAX_EXTRA_DECIMALS {
                return pair;
            }
            extra += 1;
        }
    }
}

impl UnitRules for Unit {
    fn change_rule(&self) -> ChangeRule {
        match self {
            Unit::Ratio | Unit::Score => ChangeRule::Points(POINTS_THRESHOLD),
            Unit::Milliseconds
            | Unit::Count
            | Unit::PerHour
            | Unit::PerMinute
            | Unit::WordsPerMinute
            | Unit::Other(_) => ChangeRule::Relative(RELATIVE_THRESHOLD),
        }
    }

    fn format_with(&self, v: f64, extra: usize) -> String {
        match self {
            Unit::Ratio => format!("{} %", decimals(v * 100.0, 1 + extra)),
            Unit::Score => decimals(v, 2 + extra),
            Unit::Milliseconds => format!("{} s", number(v / 1000.0, extra)),
            Unit::Count | Unit::Other(_) => number(v, extra),
            Unit::PerHour => format!("{} per hour", number(v, extra)),
            Unit::PerMinute => format!("{} per minute", number(v, extra)),
            Unit::WordsPerMinute => format!("{} words per minute", decimals(v, extra)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_per_minute_compare_and_read_like_rates_per_hour() {
        assert_eq!(Unit::PerMinute.change_rule(), Unit::PerHour.change_rule());
        assert_eq!(Unit::PerHour.format(12.25), "12.2 per hour");
        assert_eq!(Unit::PerMinute.format(12.25), "12.2 per minute");
        assert_eq!(
            Unit::PerMinute.format_pair(0.5, 0.504),
            ("0.5 per minute".to_owned(), "0.504 per minute".to_owned())
        );
    }

    #[test]
    fn unknown_units_and_custom_metrics_are_plain_numbers() {
        let custom = unit_of("filler_words_per_minute");
        for unit in [custom, Unit::from("furlongs")] {
            assert_eq!(unit.change_rule(), ChangeRule::Relative(RELATIVE_THRESHOLD));
            assert_eq!(unit.format(1234.4), "1234");
            assert_eq!(unit.format(0.041), "0.04");
        }
        assert_eq!(unit_of(metric::TALK_TO_LISTEN_RATIO), Unit::Ratio);
    }
}
