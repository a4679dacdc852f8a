//! What a metric's unit means to the engine: which change of a value counts
//! as significant, and how a value is written for people.

use super::format::{decimals, number};
use crate::domain::ROUNDING_TOLERANCE;

/// A change of a share, ratio or sentiment score is significant at 10 points
/// (DESIGN §7); a percentage of a share that is itself small would be noise.
pub(super) const POINTS_THRESHOLD: f64 = 0.10;

/// A change of any other value is significant at 20 % of the previous value
/// (DESIGN §7).
pub(super) const RELATIVE_THRESHOLD: f64 = 0.20;

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

/// The units analyzers declare for their metrics, which decide the trend rule
/// and how a value is written for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    /// A share or ratio in 0..1, shown as a percentage.
    Ratio,
    /// A sentiment score in −1..1.
    Score,
    /// A duration in milliseconds, shown in seconds.
    Milliseconds,
    /// A count per call.
    Count,
    /// Events per hour of call.
    PerHour,
    /// Words per minute.
    WordsPerMinute,
    /// Anything else: a plain number.
    Plain,
}

impl Unit {
    /// The unit from its declared name.
    pub(super) fn parse(unit: &str) -> Self {
        match unit {
            "ratio" => Unit::Ratio,
            "score" => Unit::Score,
            "ms" => Unit::Milliseconds,
            "count" => Unit::Count,
            "per_hour" => Unit::PerHour,
            "wpm" => Unit::WordsPerMinute,
            _ => Unit::Plain,
        }
    }

    /// The significance rule of [`trend`](fn@super::trend) for this unit.
    pub(super) fn change_rule(self) -> ChangeRule {
        match self {
            Unit::Ratio | Unit::Score => ChangeRule::Points(POINTS_THRESHOLD),
            _ => ChangeRule::Relative(RELATIVE_THRESHOLD),
        }
    }

    /// `v` written for a manager: ratios as %, ms as seconds, wpm in words.
    pub(super) fn format(self, v: f64) -> String {
        self.format_with(v, 0)
    }

    /// [`Unit::format`] with `extra` decimals more than usual.
    fn format_with(self, v: f64, extra: usize) -> String {
        match self {
            Unit::Ratio => format!("{} %", decimals(v * 100.0, 1 + extra)),
            Unit::Score => decimals(v, 2 + extra),
            Unit::Milliseconds => format!("{} s", number(v / 1000.0, extra)),
            Unit::Count | Unit::Plain => number(v, extra),
            Unit::PerHour => format!("{} per hour", number(v, extra)),
            Unit::WordsPerMinute => format!("{} words per minute", decimals(v, extra)),
        }
    }

    /// `value` and `baseline` written with just enough decimals to tell them
    /// apart, so a sentence never says "150 s, above the maximum of 150 s".
    pub(super) fn format_pair(self, value: f64, baseline: f64) -> (String, String) {
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

/// Decimals [`Unit::format_pair`] may add; values closer than that are shown
/// as equal rather than with a long tail of digits.
pub(super) const MAX_EXTRA_DECIMALS: usize = 3;

/// The built-in metrics (DESIGN §4, §5): name, unit, and the label used in
/// sentences. A small table rather than a lookup in the analyzers, so the
/// engine stays free of I/O and of plugin state.
pub(super) const METRICS: [(&str, Unit, &str); 20] = [
    ("talk_to_listen_ratio", Unit::Ratio, "Talk-to-listen ratio"),
    ("switch_count", Unit::Count, "Speaker switches per call"),
    ("switches_per_hour", Unit::PerHour, "Speaker switching"),
    (
        "longest_customer_monologue_ms",
        Unit::Milliseconds,
        "Longest customer monologue",
    ),
    (
        "longest_seller_monologue_ms",
        Unit::Milliseconds,
        "Longest seller monologue",
    ),
    (
        "avg_pause_before_speaking_ms",
        Unit::Milliseconds,
        "Pause before speaking",
    ),
    ("interruption_count", Unit::Count, "Interruptions per call"),
    ("talking_speed_wpm", Unit::WordsPerMinute, "Talking speed"),
    (
        "seller_question_count",
        Unit::Count,
        "Questions asked by the seller per call",
    ),
    (
        "customer_question_count",
        Unit::Count,
        "Questions asked by the customer per call",
    ),
    ("duration_ms", Unit::Milliseconds, "Call duration"),
    ("seller_talk_ms", Unit::Milliseconds, "Seller talk time"),
    ("customer_talk_ms", Unit::Milliseconds, "Customer talk time"),
    (
        "customer_sentiment_score",
        Unit::Score,
        "Customer sentiment score",
    ),
    (
        "customer_positive_share",
        Unit::Ratio,
        "Share of positive customer statements",
    ),
    (
        "customer_neutral_share",
        Unit::Ratio,
        "Share of neutral customer statements",
    ),
    (
        "customer_negative_share",
        Unit::Ratio,
        "Share of negative customer statements",
    ),
    (
        "seller_sentiment_score",
        Unit::Score,
        "Seller sentiment score",
    ),
    (
        "competitor_mention_count",
        Unit::Count,
        "Competitor mentions per call",
    ),
    (
        "keyword_mention_count",
        Unit::Count,
        "Keyword mentions per call",
    ),
];

/// The unit of a metric; unknown (custom) metrics are plain numbers.
pub(super) fn unit_of(metric: &str) -> Unit {
    METRICS
        .iter()
        .find(|(name, _, _)| *name == metric)
        .map_or(Unit::Plain, |&(_, unit, _)| unit)
}

/// The label of a metric for sentences; an unknown metric's name with its
/// underscores as spaces and a capital first letter (`seller_talk_share` →
/// "Seller talk share").
pub(super) fn label_of(metric: &str) -> String {
    if let Some(&(_, _, label)) = METRICS.iter().find(|(name, _, _)| *name == metric) {
        return label.to_owned();
    }
    let spaced = metric.replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
