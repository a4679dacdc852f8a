//! The insights engine of DESIGN §7: pure functions from period aggregates to
//! typed insights with their evidence.
//!
//! Nothing here reads the database or the clock. The service aggregates the
//! rollups of one seller (this range and the previous range of equal length)
//! and of the team into [`Period`]s, hands them to [`insights`], and turns the
//! [`Evidence`] of each insight into call ids within the viewer's scope. Keeping
//! the rules pure makes every threshold testable on its own.

use std::collections::BTreeMap;

use crate::domain::{
    Bound, Evidence, IdealRange, Period, ROUNDING_TOLERANCE as TOLERANCE, TermKind,
};

/// Fewest calls with a value a period needs before its mean is worth an
/// insight: with one or two calls a single unusual call would be reported as a
/// habit.
pub const MIN_CALLS: u64 = 3;

/// A change of a share, ratio or sentiment score is significant at 10 points
/// (DESIGN §7); a percentage of a share that is itself small would be noise.
const POINTS_THRESHOLD: f64 = 0.10;

/// A change of any other value is significant at 20 % of the previous value
/// (DESIGN §7).
const RELATIVE_THRESHOLD: f64 = 0.20;

/// A term surges when its mentions per call rise by at least half.
const TERM_SURGE_RISE: f64 = 0.50;

/// A term needs this many mentions in the current period before a rise counts,
/// so that one call mentioning it twice is not a trend.
const TERM_MIN_MENTIONS: u64 = 3;

/// How far above the team's mean a seller's negative customer share must be.
const TEAM_NEGATIVE_MARGIN: f64 = 0.05;

/// The metric behind [`InsightKind::NegativeSentimentRising`] and
/// [`InsightKind::NegativeSentimentCalls`].
const NEGATIVE_SHARE: &str = "customer_negative_share";

/// The metric behind [`InsightKind::PositiveSentimentImproving`].
const POSITIVE_SHARE: &str = "customer_positive_share";

/// Metrics that never get a [`InsightKind::KpiTrend`]: the customer sentiment
/// metrics have insight kinds of their own, and call length and mention counts
/// describe the calls a seller got, not how the seller behaved on them.
const NOT_KPI_TRENDS: [&str; 7] = [
    "customer_sentiment_score",
    POSITIVE_SHARE,
    "customer_neutral_share",
    NEGATIVE_SHARE,
    "duration_ms",
    "competitor_mention_count",
    "keyword_mention_count",
];

/// Everything the engine looks at for one seller and range.
pub struct InsightInput<'a> {
    /// The seller, the range asked for.
    pub current: &'a Period,
    /// The seller, the period of equal length just before.
    pub previous: &'a Period,
    /// The whole team (org), the range asked for.
    pub team: &'a Period,
    /// The org's ideal ranges, by metric name.
    pub ideal: &'a BTreeMap<String, IdealRange>,
}

/// What an insight is about (DESIGN §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InsightKind {
    /// The seller's mean of a KPI lies outside the org's ideal range.
    OutsideIdealRange,
    /// A KPI changed significantly against the previous period.
    KpiTrend,
    /// Customers' share of negative statements rose significantly.
    NegativeSentimentRising,
    /// Customers' share of positive statements rose significantly.
    PositiveSentimentImproving,
    /// A competitor is mentioned much more often than before.
    CompetitorSurge,
    /// A tracked keyword is mentioned much more often than before.
    KeywordTrending,
    /// Customers are more negative on this seller's calls than on the team's.
    NegativeSentimentCalls,
}

/// How much an insight asks for a manager's attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; neither good nor bad in itself.
    Info,
    /// Something that got better.
    Positive,
    /// Something to coach on (DESIGN §7: coaching candidates have warnings).
    Warning,
}

/// One typed insight (DESIGN §7).
#[derive(Debug, Clone, PartialEq)]
pub struct Insight {
    /// What the insight is about.
    pub kind: InsightKind,
    /// How much it asks for attention.
    pub severity: Severity,
    /// The metric name (for KPI and sentiment insights) or the term (keyword/competitor insights).
    pub subject: String,
    /// One sentence a manager reads, with the numbers formatted for people (ms as seconds, ratios as %, wpm as words per minute).
    pub message: String,
    /// The seller's value this range (a metric mean, or mentions per call).
    pub value: f64,
    /// What `value` is compared with: the ideal bound, the previous period, or the team average.
    pub baseline: f64,
    /// The calls that support the insight.
    pub evidence: Evidence,
}

/// All insights for one seller and range, most severe first, then by size of the deviation.
///
/// The deviation is measured in multiples of the threshold that applies to
/// the insight (10 points for shares and scores, 20 % of the baseline for
/// other KPIs, a 50 % rise for terms, 5 points above the team for negative
/// sentiment), so that a ratio and a duration can be ranked against each
/// other. Ties are broken by kind and subject so the order is stable.
///
/// Of the term insights, only the [`MAX_TERM_INSIGHTS`] largest of each kind
/// are kept: a page lists what stands out, not every key phrase that rose.
///
/// Each rule is documented on the function that applies it:
/// [`outside_ideal_range`], [`kpi_trends`], [`sentiment_trends`],
/// [`term_surges`] and [`negative_sentiment_calls`].
pub fn insights(input: &InsightInput<'_>) -> Vec<Insight> {
    let mut ranked: Vec<Ranked> = outside_ideal_range(input)
        .into_iter()
        .chain(kpi_trends(input))
        .chain(sentiment_trends(input))
        .chain(term_surges(input))
        .chain(negative_sentiment_calls(input))
        .collect();
    ranked.sort_by(|a, b| {
        b.insight
            .severity
            .cmp(&a.insight.severity)
            .then(b.deviation.total_cmp(&a.deviation))
            .then(a.insight.kind.cmp(&b.insight.kind))
            .then_with(|| a.insight.subject.cmp(&b.insight.subject))
    });
    let mut per_kind: BTreeMap<InsightKind, usize> = BTreeMap::new();
    ranked
        .into_iter()
        .filter(|r| {
            let term = matches!(
                r.insight.kind,
                InsightKind::CompetitorSurge | InsightKind::KeywordTrending
            );
            let seen = per_kind.entry(r.insight.kind).or_default();
            *seen += 1;
            !term || *seen <= MAX_TERM_INSIGHTS
        })
        .map(|r| r.insight)
        .collect()
}

/// Most competitor-surge and keyword-trending insights kept, each.
pub const MAX_TERM_INSIGHTS: usize = 3;

/// An insight with the size of its deviation, for ordering.
struct Ranked {
    insight: Insight,
    /// Multiples of the threshold that applies to the insight.
    deviation: f64,
}

/// Per-KPI trend against the previous period (DESIGN §7: significant at ≥ 10 points or ≥ 20 %).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    /// The previous period's value.
    pub previous: Option<f64>,
    /// Current minus previous; `None` unless both are known.
    pub change: Option<f64>,
    /// The change in percent of the previous value (25.0 for a quarter more);
    /// `None` unless both are known and the previous value is not zero.
    pub change_pct: Option<f64>,
    /// Whether the change passes the threshold of its unit.
    pub significant: bool,
}

/// The trend of a KPI from `previous` to `current`, `unit` being the metric's
/// unit as analyzers declare it (`ratio`, `score`, `ms`, `count`, `per_hour`,
/// `wpm`; anything else is a plain number).
///
/// Rule (DESIGN §7): a share or ratio (unit `ratio`) or a sentiment score (unit
/// `score`) changes significantly at 10 points, an absolute change of at least
/// 0.10 either way; any other value at a change of at least 20 % of the
/// previous value, which must then be non-zero (a rise from nothing has no
/// percentage). Without both values the numbers that are known are still
/// reported, with `significant` false. The minimum number of calls is the
/// caller's concern: [`insights`] requires [`MIN_CALLS`] in each period.
pub fn trend(current: Option<f64>, previous: Option<f64>, unit: &str) -> Trend {
    trend_in(current, previous, Unit::parse(unit))
}

/// [`trend`] with the unit already known.
fn trend_in(current: Option<f64>, previous: Option<f64>, unit: Unit) -> Trend {
    let both = current.zip(previous);
    let change = both.map(|(current, previous)| current - previous);
    let change_pct = both
        .filter(|&(_, previous)| previous != 0.0)
        .map(|(current, previous)| (current - previous) / previous.abs() * 100.0);
    Trend {
        previous,
        change,
        change_pct,
        significant: both.is_some_and(|(current, previous)| {
            unit.change_rule().is_significant(current, previous)
        }),
    }
}

/// How a change is measured against its threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ChangeRule {
    /// An absolute change of at least this much.
    Points(f64),
    /// A change of at least this fraction of the baseline.
    Relative(f64),
}

impl ChangeRule {
    /// How many thresholds lie between `baseline` and `value` (≥ 1 passes).
    /// A relative change from a zero baseline is infinite.
    fn multiples(self, value: f64, baseline: f64) -> f64 {
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
    fn is_significant(self, value: f64, baseline: f64) -> bool {
        let relative_from_zero = matches!(self, ChangeRule::Relative(_)) && baseline == 0.0;
        !relative_from_zero && self.multiples(value, baseline) >= 1.0 - TOLERANCE
    }
}

/// The units analyzers declare for their metrics, which decide the trend rule
/// and how a value is written for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
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
    fn parse(unit: &str) -> Self {
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

    /// The significance rule of [`trend`] for this unit.
    fn change_rule(self) -> ChangeRule {
        match self {
            Unit::Ratio | Unit::Score => ChangeRule::Points(POINTS_THRESHOLD),
            _ => ChangeRule::Relative(RELATIVE_THRESHOLD),
        }
    }

    /// `v` written for a manager: ratios as %, ms as seconds, wpm in words.
    fn format(self, v: f64) -> String {
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
    fn format_pair(self, value: f64, baseline: f64) -> (String, String) {
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
const MAX_EXTRA_DECIMALS: usize = 3;

/// The built-in metrics (DESIGN §4, §5): name, unit, and the label used in
/// sentences. A small table rather than a lookup in the analyzers, so the
/// engine stays free of I/O and of plugin state.
const METRICS: [(&str, Unit, &str); 20] = [
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
fn unit_of(metric: &str) -> Unit {
    METRICS
        .iter()
        .find(|(name, _, _)| *name == metric)
        .map_or(Unit::Plain, |&(_, unit, _)| unit)
}

/// The label of a metric for sentences; an unknown metric's name with its
/// underscores as spaces and a capital first letter (`seller_talk_share` →
/// "Seller talk share").
fn label_of(metric: &str) -> String {
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

/// `v` rounded to as many decimals as people need, plus `extra`: none from 100
/// up, one from 1 up, two below 1 (0.04 mentions per call must not read as 0).
fn number(v: f64, extra: usize) -> String {
    let places = if v.abs() >= 100.0 {
        0
    } else if v.abs() >= 1.0 {
        1
    } else {
        2
    };
    decimals(v, places + extra)
}

/// `v` with at most `places` decimals, trailing zeros dropped, never "-0".
fn decimals(v: f64, places: usize) -> String {
    let text = format!("{v:.places$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// "1 call" / "14 calls".
fn calls(n: u64) -> String {
    if n == 1 {
        "1 call".to_owned()
    } else {
        format!("{n} calls")
    }
}

/// The mean of `metric` in `period` when at least [`MIN_CALLS`] calls have a
/// value, with that number of calls.
fn reliable_mean(period: &Period, metric: &str) -> Option<(f64, u64)> {
    let stat = period.metrics.get(metric)?;
    if stat.calls < MIN_CALLS {
        return None;
    }
    stat.mean().map(|mean| (mean, stat.calls))
}

/// A metric's significant change between two reliable periods.
struct Change {
    current: f64,
    previous: f64,
    /// Calls with a value in the current period.
    calls: u64,
    unit: Unit,
}

impl Change {
    /// The change of `metric` from the previous period to the current one,
    /// when both periods have [`MIN_CALLS`] calls with a value and the
    /// [`trend`] rule finds it significant.
    fn of(input: &InsightInput<'_>, metric: &str) -> Option<Self> {
        let (current, calls) = reliable_mean(input.current, metric)?;
        let (previous, _) = reliable_mean(input.previous, metric)?;
        let unit = unit_of(metric);
        trend_in(Some(current), Some(previous), unit)
            .significant
            .then_some(Change {
                current,
                previous,
                calls,
                unit,
            })
    }

    fn rose(&self) -> bool {
        self.current > self.previous
    }

    /// The size of the change in multiples of its threshold.
    fn deviation(&self) -> f64 {
        self.unit
            .change_rule()
            .multiples(self.current, self.previous)
    }
}

/// [`InsightKind::OutsideIdealRange`], a warning: for each metric the org has
/// an ideal range for, when the seller's mean this range lies outside it and
/// at least [`MIN_CALLS`] calls have a value. The baseline is the bound that is
/// broken; the evidence is the calls outside the range.
fn outside_ideal_range(input: &InsightInput<'_>) -> Vec<Ranked> {
    input
        .ideal
        .iter()
        .filter_map(|(metric, range)| {
            let (mean, n) = reliable_mean(input.current, metric)?;
            let bound = range.violated_bound(mean)?;
            let unit = unit_of(metric);
            let (baseline, side) = match bound {
                Bound::Min(min) => (min, "below the ideal minimum"),
                Bound::Max(max) => (max, "above the ideal maximum"),
            };
            let (shown_mean, shown_bound) = unit.format_pair(mean, baseline);
            Some(Ranked {
                deviation: unit.change_rule().multiples(mean, baseline),
                insight: Insight {
                    kind: InsightKind::OutsideIdealRange,
                    severity: Severity::Warning,
                    subject: metric.clone(),
                    message: format!(
                        "{} averaged {} over {}, {side} of {}.",
                        label_of(metric),
                        shown_mean,
                        calls(n),
                        shown_bound,
                    ),
                    value: mean,
                    baseline,
                    evidence: Evidence::MetricOutside {
                        metric: metric.clone(),
                        range: *range,
                    },
                },
            })
        })
        .collect()
}

/// How a KPI's change relates to the org's ideal range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Movement {
    /// From outside the range to inside it.
    IntoRange,
    /// Still outside, but closer to it.
    TowardRange,
    /// Inside, and closer to the target.
    TowardTarget,
    /// From inside the range to outside it.
    OutOfRange,
    /// Outside, and further from it.
    AwayFromRange,
    /// No range, or no move that matters for it.
    Neutral,
}

impl Movement {
    /// Classifies the move from `previous` to `current` against `range`.
    fn of(range: Option<&IdealRange>, previous: f64, current: f64) -> Self {
        let Some(range) = range else {
            return Movement::Neutral;
        };
        match (range.contains(previous), range.contains(current)) {
            (false, true) => Movement::IntoRange,
            (true, false) => Movement::OutOfRange,
            (false, false) => {
                let (before, after) = (range.distance(previous), range.distance(current));
                if after < before {
                    Movement::TowardRange
                } else if after > before {
                    Movement::AwayFromRange
                } else {
                    Movement::Neutral
                }
            }
            (true, true) => match range.target {
                Some(target) if (current - target).abs() < (previous - target).abs() => {
                    Movement::TowardTarget
                }
                _ => Movement::Neutral,
            },
        }
    }

    fn severity(self) -> Severity {
        match self {
            Movement::IntoRange | Movement::TowardRange | Movement::TowardTarget => {
                Severity::Positive
            }
            Movement::OutOfRange | Movement::AwayFromRange => Severity::Warning,
            Movement::Neutral => Severity::Info,
        }
    }

    /// The end of the trend sentence that says what the move means.
    fn clause(self) -> &'static str {
        match self {
            Movement::IntoRange => ", now inside the ideal range",
            Movement::TowardRange => ", closer to the ideal range",
            Movement::TowardTarget => ", closer to the ideal target",
            Movement::OutOfRange => ", now outside the ideal range",
            Movement::AwayFromRange => ", further outside the ideal range",
            Movement::Neutral => "",
        }
    }
}

/// [`InsightKind::KpiTrend`]: every metric of the seller with a significant
/// change against the previous period (the [`trend`] rule, [`MIN_CALLS`] calls
/// with a value in both periods), except those in [`NOT_KPI_TRENDS`].
///
/// Severity: positive when the mean moves into the ideal range, toward it
/// from outside, or toward the target inside it; a warning when it leaves the
/// range or moves further away from it; info otherwise (no range, or a move
/// inside the range that does not approach the target). The baseline is the
/// previous mean; the evidence is the calls that drive the change (highest
/// values first for a rise, lowest for a fall).
fn kpi_trends(input: &InsightInput<'_>) -> Vec<Ranked> {
    input
        .current
        .metrics
        .keys()
        .filter(|metric| !NOT_KPI_TRENDS.contains(&metric.as_str()))
        .filter_map(|metric| {
            let change = Change::of(input, metric)?;
            let movement = Movement::of(input.ideal.get(metric), change.previous, change.current);
            let (now, before) = change.unit.format_pair(change.current, change.previous);
            Some(Ranked {
                deviation: change.deviation(),
                insight: Insight {
                    kind: InsightKind::KpiTrend,
                    severity: movement.severity(),
                    subject: metric.clone(),
                    message: format!(
                        "{} {} from {before} in the previous period to {now} over {}{}.",
                        label_of(metric),
                        if change.rose() { "rose" } else { "fell" },
                        calls(change.calls),
                        movement.clause(),
                    ),
                    value: change.current,
                    baseline: change.previous,
                    evidence: Evidence::MetricBeyond {
                        metric: metric.clone(),
                        threshold: change.previous,
                        above: change.rose(),
                    },
                },
            })
        })
        .collect()
}

/// [`InsightKind::NegativeSentimentRising`] (a warning) and
/// [`InsightKind::PositiveSentimentImproving`] (positive): the customers'
/// negative, respectively positive, share of statements rose by the [`trend`]
/// rule for shares (at least 10 points), with [`MIN_CALLS`] calls with a value
/// in both periods. A fall of either share is not reported here: it is the
/// good news, or the mirror, of the other. The baseline is the previous mean.
/// Evidence: the calls more negative than the previous mean, or the most
/// positive calls.
fn sentiment_trends(input: &InsightInput<'_>) -> Vec<Ranked> {
    let negative = Change::of(input, NEGATIVE_SHARE)
        .filter(Change::rose)
        .map(|change| Ranked {
            deviation: change.deviation(),
            insight: Insight {
                kind: InsightKind::NegativeSentimentRising,
                severity: Severity::Warning,
                subject: NEGATIVE_SHARE.to_owned(),
                message: format!(
                    "Customers were negative in {} of their statements over {}, up from {} in \
                     the previous period.",
                    Unit::Ratio.format(change.current),
                    calls(change.calls),
                    Unit::Ratio.format(change.previous),
                ),
                value: change.current,
                baseline: change.previous,
                evidence: Evidence::NegativeShareAbove {
                    threshold: change.previous,
                },
            },
        });
    let positive = Change::of(input, POSITIVE_SHARE)
        .filter(Change::rose)
        .map(|change| Ranked {
            deviation: change.deviation(),
            insight: Insight {
                kind: InsightKind::PositiveSentimentImproving,
                severity: Severity::Positive,
                subject: POSITIVE_SHARE.to_owned(),
                message: format!(
                    "Customers were positive in {} of their statements over {}, up from {} in \
                     the previous period.",
                    Unit::Ratio.format(change.current),
                    calls(change.calls),
                    Unit::Ratio.format(change.previous),
                ),
                value: change.current,
                baseline: change.previous,
                evidence: Evidence::MetricBeyond {
                    metric: POSITIVE_SHARE.to_owned(),
                    threshold: change.previous,
                    above: true,
                },
            },
        });
    negative.into_iter().chain(positive).collect()
}

/// [`InsightKind::CompetitorSurge`] (a warning) and
/// [`InsightKind::KeywordTrending`] (info): a term's mentions per call rose by
/// at least 50 % against the previous period, with at least 3 mentions now. A
/// term not mentioned before counts as a surge once it has 3 mentions. Both
/// periods need [`MIN_CALLS`] calls, since a rate over one or two calls (or
/// none) says nothing. Value and baseline are mentions per call now and
/// before; the evidence is the calls that mention the term.
fn term_surges(input: &InsightInput<'_>) -> Vec<Ranked> {
    let (now_calls, before_calls) = (input.current.calls, input.previous.calls);
    if now_calls < MIN_CALLS || before_calls < MIN_CALLS {
        return Vec::new();
    }
    let rule = ChangeRule::Relative(TERM_SURGE_RISE);
    input
        .current
        .terms
        .iter()
        .filter(|now| now.mentions >= TERM_MIN_MENTIONS)
        .filter_map(|now| {
            let before = input
                .previous
                .terms
                .iter()
                .find(|before| before.kind == now.kind && before.term == now.term)
                .map_or(0, |before| before.mentions);
            let value = now.mentions as f64 / now_calls as f64;
            let baseline = before as f64 / before_calls as f64;
            // From zero any rise is a surge, which the relative rule cannot say.
            let surged =
                baseline == 0.0 || (value > baseline && rule.is_significant(value, baseline));
            if !surged {
                return None;
            }
            let (kind, severity, what) = match now.kind {
                TermKind::Competitor => (
                    InsightKind::CompetitorSurge,
                    Severity::Warning,
                    now.term.clone(),
                ),
                TermKind::Keyword => (
                    InsightKind::KeywordTrending,
                    Severity::Info,
                    format!("the keyword “{}”", now.term),
                ),
            };
            let (now_rate, before_rate) = Unit::Plain.format_pair(value, baseline);
            Some(Ranked {
                deviation: rule.multiples(value, baseline),
                insight: Insight {
                    kind,
                    severity,
                    subject: now.term.clone(),
                    message: format!(
                        "Mentions of {what} rose from {before_rate} to {now_rate} per call."
                    ),
                    value,
                    baseline,
                    evidence: Evidence::Term {
                        kind: now.kind,
                        term: now.term.clone(),
                    },
                },
            })
        })
        .collect()
}

/// [`InsightKind::NegativeSentimentCalls`], a warning: the seller's mean
/// customer negative share this range exceeds the team's by at least 5 points,
/// with [`MIN_CALLS`] seller calls with a value (and a team mean to compare
/// with). Value is the seller's mean, baseline the team's; the evidence is the
/// seller's calls more negative than the team's mean.
fn negative_sentiment_calls(input: &InsightInput<'_>) -> Option<Ranked> {
    let (seller, n) = reliable_mean(input.current, NEGATIVE_SHARE)?;
    let team = input.team.metrics.get(NEGATIVE_SHARE)?.mean()?;
    let rule = ChangeRule::Points(TEAM_NEGATIVE_MARGIN);
    if seller <= team || !rule.is_significant(seller, team) {
        return None;
    }
    Some(Ranked {
        deviation: rule.multiples(seller, team),
        insight: Insight {
            kind: InsightKind::NegativeSentimentCalls,
            severity: Severity::Warning,
            subject: NEGATIVE_SHARE.to_owned(),
            message: format!(
                "Customers were negative in {} of their statements over {}, against {} across \
                 the team.",
                Unit::Ratio.format(seller),
                calls(n),
                Unit::Ratio.format(team),
            ),
            value: seller,
            baseline: team,
            evidence: Evidence::NegativeShareAbove { threshold: team },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{MetricStat, TermStat, default_ideal_ranges};

    /// A metric with `calls` values averaging `mean`.
    fn stat(mean: f64, calls: u64) -> MetricStat {
        MetricStat {
            sum: mean * calls as f64,
            calls,
            in_ideal: 0,
        }
    }

    /// A period of `calls` calls, each with a value for every metric given.
    fn period(calls: u64, metrics: &[(&str, f64)]) -> Period {
        Period {
            calls,
            metrics: metrics
                .iter()
                .map(|&(name, mean)| (name.to_owned(), stat(mean, calls)))
                .collect(),
            terms: Vec::new(),
        }
    }

    /// A period of `calls` calls with only term mentions.
    fn mentions(calls: u64, terms: &[(TermKind, &str, u64)]) -> Period {
        Period {
            calls,
            metrics: BTreeMap::new(),
            terms: terms
                .iter()
                .map(|&(kind, term, mentions)| TermStat {
                    kind,
                    term: term.to_owned(),
                    mentions,
                    calls: mentions.min(calls),
                })
                .collect(),
        }
    }

    fn run(current: &Period, previous: &Period, team: &Period) -> Vec<Insight> {
        let ideal = default_ideal_ranges();
        insights(&InsightInput {
            current,
            previous,
            team,
            ideal: &ideal,
        })
    }

    fn of_kind(all: &[Insight], kind: InsightKind) -> Vec<Insight> {
        all.iter().filter(|i| i.kind == kind).cloned().collect()
    }

    /// The single insight of `kind` about `subject`, if any.
    fn find(all: &[Insight], kind: InsightKind, subject: &str) -> Option<Insight> {
        let found: Vec<_> = all
            .iter()
            .filter(|i| i.kind == kind && i.subject == subject)
            .cloned()
            .collect();
        assert!(found.len() <= 1, "duplicate insights: {found:?}");
        found.into_iter().next()
    }

    fn assert_close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 1e-9,
            "{actual} is not {expected}"
        );
    }

    #[test]
    fn trend_of_a_ratio_is_significant_from_ten_points() {
        assert!(!trend(Some(0.399), Some(0.30), "ratio").significant);
        assert!(trend(Some(0.40), Some(0.30), "ratio").significant);
        assert!(trend(Some(0.20), Some(0.30), "ratio").significant);
        assert!(!trend(Some(0.201), Some(0.30), "ratio").significant);
        // 25 % more, but only 5 points: not significant for a share.
        assert!(!trend(Some(0.25), Some(0.20), "ratio").significant);
        let t = trend(Some(0.45), Some(0.30), "ratio");
        assert_eq!(t.previous, Some(0.30));
        assert_close(t.change.unwrap(), 0.15);
        assert_close(t.change_pct.unwrap(), 50.0);
    }

    #[test]
    fn trend_of_a_sentiment_score_uses_points() {
        assert!(!trend(Some(-0.011), Some(-0.10), "score").significant);
        let t = trend(Some(0.0), Some(-0.10), "score");
        assert!(t.significant);
        assert_close(t.change_pct.unwrap(), 100.0);
    }

    #[test]
    fn trend_of_other_units_is_significant_from_twenty_percent() {
        for unit in ["ms", "count", "per_hour", "wpm", "", "bananas"] {
            assert!(!trend(Some(11.99), Some(10.0), unit).significant, "{unit}");
            assert!(trend(Some(12.0), Some(10.0), unit).significant, "{unit}");
            assert!(!trend(Some(8.01), Some(10.0), unit).significant, "{unit}");
            assert!(trend(Some(7.9), Some(10.0), unit).significant, "{unit}");
        }
        // 0.1 → 0.2 is only 10 points but doubles a count.
        assert!(trend(Some(0.2), Some(0.1), "count").significant);
    }

    #[test]
    fn trend_without_both_values_or_from_zero_is_not_significant() {
        let from_zero = trend(Some(5.0), Some(0.0), "count");
        assert_eq!(from_zero.change, Some(5.0));
        assert_eq!(from_zero.change_pct, None);
        assert!(!from_zero.significant);
        let no_current = trend(None, Some(3.0), "count");
        assert_eq!(
            no_current,
            Trend {
                previous: Some(3.0),
                change: None,
                change_pct: None,
                significant: false
            }
        );
        let no_previous = trend(Some(0.9), None, "ratio");
        assert_eq!(no_previous.previous, None);
        assert_eq!(no_previous.change, None);
        assert!(!no_previous.significant);
    }

    #[test]
    fn outside_ideal_range_warns_just_above_the_maximum() {
        let none = Period::default();
        let above = run(
            &period(14, &[("talk_to_listen_ratio", 0.651)]),
            &none,
            &none,
        );
        let insight = find(
            &above,
            InsightKind::OutsideIdealRange,
            "talk_to_listen_ratio",
        )
        .expect("0.651 is above 0.65");
        assert_eq!(insight.severity, Severity::Warning);
        assert_close(insight.value, 0.651);
        assert_eq!(insight.baseline, 0.65);
        assert_eq!(
            insight.evidence,
            Evidence::MetricOutside {
                metric: "talk_to_listen_ratio".into(),
                range: default_ideal_ranges()["talk_to_listen_ratio"],
            }
        );
        for inside in [0.649, 0.65] {
            let all = run(
                &period(14, &[("talk_to_listen_ratio", inside)]),
                &none,
                &none,
            );
            assert!(
                of_kind(&all, InsightKind::OutsideIdealRange).is_empty(),
                "{inside}"
            );
        }
    }

    #[test]
    fn outside_ideal_range_warns_just_below_the_minimum() {
        let none = Period::default();
        let below = run(&period(5, &[("seller_question_count", 10.9)]), &none, &none);
        let insight = find(
            &below,
            InsightKind::OutsideIdealRange,
            "seller_question_count",
        )
        .expect("10.9 is below 11");
        assert_eq!(insight.baseline, 11.0);
        assert_eq!(
            insight.message,
            "Questions asked by the seller per call averaged 10.9 over 5 calls, below the ideal \
             minimum of 11."
        );
        let at_min = run(&period(5, &[("seller_question_count", 11.0)]), &none, &none);
        assert!(at_min.is_empty(), "{at_min:?}");
        let short = run(
            &period(5, &[("longest_customer_monologue_ms", 49_900.0)]),
            &none,
            &none,
        );
        let insight = find(
            &short,
            InsightKind::OutsideIdealRange,
            "longest_customer_monologue_ms",
        )
        .expect("49.9 s is below 50 s");
        assert_eq!(insight.baseline, 50_000.0);
    }

    #[test]
    fn outside_ideal_range_needs_min_calls_with_a_value() {
        let none = Period::default();
        let two_calls = run(&period(2, &[("talk_to_listen_ratio", 0.9)]), &none, &none);
        assert!(two_calls.is_empty(), "{two_calls:?}");
        // Ten calls, but only two of them have a value (the others are null).
        let mut mostly_null = period(10, &[]);
        mostly_null
            .metrics
            .insert("talk_to_listen_ratio".into(), stat(0.9, 2));
        assert!(run(&mostly_null, &none, &none).is_empty());
        // No value at all, and no calls at all.
        assert!(run(&period(10, &[]), &none, &none).is_empty());
        let mut no_calls = Period::default();
        no_calls
            .metrics
            .insert("talk_to_listen_ratio".into(), MetricStat::default());
        assert!(run(&no_calls, &none, &none).is_empty());
        let three_calls = run(&period(3, &[("talk_to_listen_ratio", 0.9)]), &none, &none);
        assert_eq!(three_calls.len(), 1);
    }

    #[test]
    fn outside_ideal_range_writes_numbers_for_people() {
        let none = Period::default();
        let ratio = run(&period(14, &[("talk_to_listen_ratio", 0.71)]), &none, &none);
        assert_eq!(
            ratio[0].message,
            "Talk-to-listen ratio averaged 71 % over 14 calls, above the ideal maximum of 65 %."
        );
        let monologue = run(
            &period(5, &[("longest_seller_monologue_ms", 162_500.0)]),
            &none,
            &none,
        );
        assert_eq!(
            monologue[0].message,
            "Longest seller monologue averaged 162 s over 5 calls, above the ideal maximum of \
             150 s."
        );
        // Just over a bound: enough decimals to see the difference.
        let just_over = run(
            &period(5, &[("longest_seller_monologue_ms", 150_400.0)]),
            &none,
            &none,
        );
        assert_eq!(
            just_over[0].message,
            "Longest seller monologue averaged 150.4 s over 5 calls, above the ideal maximum of \
             150 s."
        );
        let ratio_just_over = run(
            &period(5, &[("talk_to_listen_ratio", 0.6504)]),
            &none,
            &none,
        );
        assert_eq!(
            ratio_just_over[0].message,
            "Talk-to-listen ratio averaged 65.04 % over 5 calls, above the ideal maximum of 65 %."
        );
        let speed = run(&period(4, &[("talking_speed_wpm", 185.4)]), &none, &none);
        assert_eq!(
            speed[0].message,
            "Talking speed averaged 185 words per minute over 4 calls, above the ideal maximum \
             of 180 words per minute."
        );
    }

    #[test]
    fn kpi_trend_needs_twenty_percent_or_ten_points() {
        let team = Period::default();
        let previous = period(
            10,
            &[("interruption_count", 2.0), ("talk_to_listen_ratio", 0.50)],
        );
        let under = period(
            10,
            &[
                ("interruption_count", 2.39),
                ("talk_to_listen_ratio", 0.599),
            ],
        );
        assert!(run(&under, &previous, &team).is_empty());

        let over = period(
            10,
            &[("interruption_count", 2.4), ("talk_to_listen_ratio", 0.601)],
        );
        let all = run(&over, &previous, &team);
        assert_eq!(all.len(), 2, "{all:?}");
        let interruptions = find(&all, InsightKind::KpiTrend, "interruption_count").unwrap();
        assert_eq!(interruptions.severity, Severity::Info, "no ideal range");
        assert_close(interruptions.value, 2.4);
        assert_close(interruptions.baseline, 2.0);
        assert_eq!(
            interruptions.evidence,
            Evidence::MetricBeyond {
                metric: "interruption_count".into(),
                threshold: interruptions.baseline,
                above: true
            }
        );
        let ratio = find(&all, InsightKind::KpiTrend, "talk_to_listen_ratio").unwrap();
        assert_eq!(
            ratio.severity,
            Severity::Info,
            "inside the range but away from the target"
        );
    }

    #[test]
    fn kpi_trend_severity_follows_the_ideal_range() {
        let team = Period::default();
        let cases = [
            // Into the range.
            ("talk_to_listen_ratio", 0.70, 0.58, Severity::Positive),
            // Inside, toward the target of 0.43.
            ("talk_to_listen_ratio", 0.60, 0.45, Severity::Positive),
            // Out of the range.
            ("talking_speed_wpm", 150.0, 190.0, Severity::Warning),
            // Outside and closer (11–14).
            ("seller_question_count", 5.0, 8.0, Severity::Positive),
            // Outside and further away.
            (
                "longest_seller_monologue_ms",
                160_000.0,
                200_000.0,
                Severity::Warning,
            ),
            // Across the whole range, from 2 under to 6 over.
            ("seller_question_count", 9.0, 20.0, Severity::Warning),
        ];
        for (metric, before, now, severity) in cases {
            let all = run(
                &period(10, &[(metric, now)]),
                &period(10, &[(metric, before)]),
                &team,
            );
            let insight = find(&all, InsightKind::KpiTrend, metric)
                .unwrap_or_else(|| panic!("{metric} {before} → {now}: {all:?}"));
            assert_eq!(insight.severity, severity, "{metric} {before} → {now}");
            assert_eq!(
                insight.evidence,
                Evidence::MetricBeyond {
                    metric: metric.into(),
                    threshold: insight.baseline,
                    above: now > before
                }
            );
        }
    }

    #[test]
    fn kpi_trend_writes_the_change_for_people() {
        let all = run(
            &period(10, &[("talk_to_listen_ratio", 0.58)]),
            &period(8, &[("talk_to_listen_ratio", 0.70)]),
            &Period::default(),
        );
        assert_eq!(
            find(&all, InsightKind::KpiTrend, "talk_to_listen_ratio")
                .unwrap()
                .message,
            "Talk-to-listen ratio fell from 70 % in the previous period to 58 % over 10 calls, \
             now inside the ideal range."
        );
        // A custom metric: unknown unit, label from its name.
        let custom = run(
            &period(3, &[("seller_talk_share", 0.6)]),
            &period(3, &[("seller_talk_share", 0.5)]),
            &Period::default(),
        );
        assert_eq!(
            custom[0].message,
            "Seller talk share rose from 0.5 in the previous period to 0.6 over 3 calls."
        );
    }

    #[test]
    fn kpi_trend_needs_min_calls_in_both_periods() {
        let team = Period::default();
        let now = period(10, &[("interruption_count", 4.0)]);
        let was = |calls| period(calls, &[("interruption_count", 2.0)]);
        assert!(run(&now, &was(2), &team).is_empty());
        assert!(run(&now, &was(0), &team).is_empty());
        assert!(run(&now, &period(10, &[]), &team).is_empty(), "null before");
        assert!(run(&period(2, &[("interruption_count", 4.0)]), &was(10), &team).is_empty());
        assert_eq!(run(&now, &was(3), &team).len(), 1);
        // From zero there is no percentage to compare.
        assert!(run(&now, &period(10, &[("interruption_count", 0.0)]), &team).is_empty());
    }

    #[test]
    fn kpi_trend_leaves_out_sentiment_duration_and_mentions() {
        let before = period(
            10,
            &[
                ("duration_ms", 100_000.0),
                ("competitor_mention_count", 1.0),
                ("keyword_mention_count", 1.0),
                ("customer_sentiment_score", 0.0),
                ("customer_neutral_share", 0.5),
                ("customer_positive_share", 0.2),
                ("customer_negative_share", 0.5),
            ],
        );
        let after = period(
            10,
            &[
                ("duration_ms", 200_000.0),
                ("competitor_mention_count", 3.0),
                ("keyword_mention_count", 3.0),
                ("customer_sentiment_score", 0.5),
                ("customer_neutral_share", 0.2),
                ("customer_positive_share", 0.5),
                ("customer_negative_share", 0.2),
            ],
        );
        let all = run(&after, &before, &Period::default());
        assert!(of_kind(&all, InsightKind::KpiTrend).is_empty(), "{all:?}");
    }

    #[test]
    fn negative_sentiment_rising_from_ten_points() {
        let team = Period::default();
        let before = period(10, &[("customer_negative_share", 0.20)]);
        let now = |share| period(10, &[("customer_negative_share", share)]);
        assert!(run(&now(0.299), &before, &team).is_empty());
        // 25 % more but only 5 points.
        assert!(run(&now(0.25), &before, &team).is_empty());
        assert!(
            run(&now(0.10), &before, &team).is_empty(),
            "a fall is not a rise"
        );

        let all = run(&now(0.30), &before, &team);
        assert_eq!(all.len(), 1, "{all:?}");
        let insight = &all[0];
        assert_eq!(insight.kind, InsightKind::NegativeSentimentRising);
        assert_eq!(insight.severity, Severity::Warning);
        assert_eq!(insight.subject, "customer_negative_share");
        assert_close(insight.baseline, 0.20);
        let Evidence::NegativeShareAbove { threshold } = insight.evidence else {
            panic!("{:?}", insight.evidence);
        };
        assert_close(threshold, 0.20);
        assert_eq!(
            insight.message,
            "Customers were negative in 30 % of their statements over 10 calls, up from 20 % in \
             the previous period."
        );

        let two_before = period(2, &[("customer_negative_share", 0.20)]);
        assert!(run(&now(0.50), &two_before, &team).is_empty());
    }

    #[test]
    fn positive_sentiment_improving_from_ten_points() {
        let team = Period::default();
        let before = period(6, &[("customer_positive_share", 0.40)]);
        let now = |share| period(6, &[("customer_positive_share", share)]);
        assert!(run(&now(0.499), &before, &team).is_empty());
        assert!(
            run(&now(0.20), &before, &team).is_empty(),
            "a fall is not an improvement"
        );
        assert!(
            run(&now(0.60), &period(6, &[]), &team).is_empty(),
            "null before"
        );

        let all = run(&now(0.52), &before, &team);
        assert_eq!(all.len(), 1, "{all:?}");
        let insight = &all[0];
        assert_eq!(insight.kind, InsightKind::PositiveSentimentImproving);
        assert_eq!(insight.severity, Severity::Positive);
        assert_close(insight.value, 0.52);
        assert_close(insight.baseline, 0.40);
        assert_eq!(
            insight.evidence,
            Evidence::MetricBeyond {
                metric: "customer_positive_share".into(),
                threshold: insight.baseline,
                above: true
            }
        );
    }

    #[test]
    fn competitor_surge_from_a_fifty_percent_rise() {
        let team = Period::default();
        let competitor = |calls, n| mentions(calls, &[(TermKind::Competitor, "Acme", n)]);
        let before = competitor(20, 4); // 0.2 per call
        assert!(run(&competitor(100, 29), &before, &team).is_empty());
        let all = run(&competitor(100, 30), &before, &team);
        let insight = find(&all, InsightKind::CompetitorSurge, "Acme").expect("0.2 → 0.3");
        assert_eq!(insight.severity, Severity::Warning);
        assert_close(insight.value, 0.3);
        assert_close(insight.baseline, 0.2);
        assert_eq!(
            insight.evidence,
            Evidence::Term {
                kind: TermKind::Competitor,
                term: "Acme".into()
            }
        );

        let example = run(&competitor(10, 9), &competitor(10, 2), &team);
        assert_eq!(
            example[0].message,
            "Mentions of Acme rose from 0.2 to 0.9 per call."
        );
    }

    #[test]
    fn only_the_largest_term_surges_of_each_kind_are_kept() {
        let team = Period::default();
        let terms: Vec<(TermKind, String, u64)> = (0..5)
            .flat_map(|i| {
                [
                    (TermKind::Keyword, format!("k{i}"), 3 + i),
                    (TermKind::Competitor, format!("c{i}"), 3 + i),
                ]
            })
            .collect();
        let named: Vec<(TermKind, &str, u64)> =
            terms.iter().map(|(k, t, n)| (*k, t.as_str(), *n)).collect();
        let once: Vec<(TermKind, &str, u64)> =
            terms.iter().map(|(k, t, _)| (*k, t.as_str(), 1)).collect();
        let all = run(&mentions(10, &named), &mentions(10, &once), &team);
        let subjects: Vec<&str> = all.iter().map(|i| i.subject.as_str()).collect();
        // Warnings (competitors) first, each kind by the size of the rise.
        assert_eq!(subjects, ["c4", "c3", "c2", "k4", "k3", "k2"]);
    }

    #[test]
    fn competitor_surge_from_nothing_needs_three_mentions() {
        let team = Period::default();
        let before = mentions(10, &[(TermKind::Competitor, "Other", 5)]);
        let now = |n| mentions(10, &[(TermKind::Competitor, "Acme", n)]);
        assert!(run(&now(2), &before, &team).is_empty());
        let all = run(&now(3), &before, &team);
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(all[0].kind, InsightKind::CompetitorSurge);
        assert_eq!(all[0].baseline, 0.0);
        assert_eq!(
            all[0].message,
            "Mentions of Acme rose from 0 to 0.3 per call."
        );
        // A big relative rise with fewer than three mentions is not a surge.
        let sparse = run(
            &mentions(3, &[(TermKind::Competitor, "Acme", 2)]),
            &mentions(100, &[(TermKind::Competitor, "Acme", 1)]),
            &team,
        );
        assert!(sparse.is_empty());
    }

    #[test]
    fn competitor_surge_needs_calls_in_both_periods() {
        let team = Period::default();
        let now = mentions(10, &[(TermKind::Competitor, "Acme", 8)]);
        assert!(run(&now, &Period::default(), &team).is_empty());
        assert!(run(&now, &mentions(2, &[]), &team).is_empty());
        let few_now = mentions(2, &[(TermKind::Competitor, "Acme", 8)]);
        assert!(run(&few_now, &mentions(10, &[]), &team).is_empty());
        assert_eq!(run(&now, &mentions(3, &[]), &team).len(), 1);
    }

    #[test]
    fn keyword_trending_uses_the_same_rule_as_info() {
        let team = Period::default();
        let before = mentions(
            20,
            &[
                (TermKind::Keyword, "pricing", 4),
                // Same word as a competitor name: a different term.
                (TermKind::Competitor, "pricing", 40),
            ],
        );
        let now = |n| mentions(100, &[(TermKind::Keyword, "pricing", n)]);
        assert!(run(&now(29), &before, &team).is_empty());
        let all = run(&now(30), &before, &team);
        assert_eq!(all.len(), 1, "{all:?}");
        let insight = &all[0];
        assert_eq!(insight.kind, InsightKind::KeywordTrending);
        assert_eq!(insight.severity, Severity::Info);
        assert_eq!(insight.subject, "pricing");
        assert_eq!(
            insight.message,
            "Mentions of the keyword “pricing” rose from 0.2 to 0.3 per call."
        );
        assert_eq!(
            insight.evidence,
            Evidence::Term {
                kind: TermKind::Keyword,
                term: "pricing".into()
            }
        );
        // A falling keyword is not trending.
        assert!(run(&now(5), &before, &team).is_empty());
    }

    #[test]
    fn negative_sentiment_calls_from_five_points_above_the_team() {
        let none = Period::default();
        let team = period(50, &[("customer_negative_share", 0.20)]);
        let seller = |share| period(10, &[("customer_negative_share", share)]);
        assert!(run(&seller(0.249), &none, &team).is_empty());
        assert!(run(&seller(0.10), &none, &team).is_empty());
        for share in [0.25, 0.26] {
            let all = run(&seller(share), &none, &team);
            assert_eq!(all.len(), 1, "{share}: {all:?}");
            let insight = &all[0];
            assert_eq!(insight.kind, InsightKind::NegativeSentimentCalls);
            assert_eq!(insight.severity, Severity::Warning);
            assert_close(insight.value, share);
            assert_close(insight.baseline, 0.20);
            let Evidence::NegativeShareAbove { threshold } = insight.evidence else {
                panic!("{:?}", insight.evidence);
            };
            assert_close(threshold, 0.20);
        }
        assert_eq!(
            run(&seller(0.26), &none, &team)[0].message,
            "Customers were negative in 26 % of their statements over 10 calls, against 20 % \
             across the team."
        );
    }

    #[test]
    fn negative_sentiment_calls_needs_seller_calls_and_a_team_value() {
        let none = Period::default();
        let team = period(50, &[("customer_negative_share", 0.10)]);
        let few = period(2, &[("customer_negative_share", 0.60)]);
        assert!(run(&few, &none, &team).is_empty());
        let seller = period(10, &[("customer_negative_share", 0.60)]);
        assert!(
            run(&seller, &none, &period(50, &[])).is_empty(),
            "team null"
        );
        assert!(
            run(&seller, &none, &Period::default()).is_empty(),
            "team empty"
        );
        assert_eq!(run(&seller, &none, &team).len(), 1);
    }

    #[test]
    fn insights_put_warnings_first_then_the_largest_deviation() {
        let mut current = period(
            10,
            &[
                ("talk_to_listen_ratio", 0.66),
                ("customer_negative_share", 0.40),
                ("customer_positive_share", 0.45),
            ],
        );
        current.terms = mentions(10, &[(TermKind::Keyword, "pricing", 5)]).terms;
        let mut previous = period(
            10,
            &[
                ("talk_to_listen_ratio", 0.66),
                ("customer_negative_share", 0.40),
                ("customer_positive_share", 0.30),
            ],
        );
        previous.terms = mentions(10, &[(TermKind::Keyword, "pricing", 2)]).terms;
        let team = period(40, &[("customer_negative_share", 0.20)]);

        let kinds: Vec<_> = run(&current, &previous, &team)
            .iter()
            .map(|i| (i.kind, i.severity))
            .collect();
        assert_eq!(
            kinds,
            [
                // 20 points over the team: four times its threshold.
                (InsightKind::NegativeSentimentCalls, Severity::Warning),
                // 1 point over the maximum: a tenth of a trend threshold.
                (InsightKind::OutsideIdealRange, Severity::Warning),
                (InsightKind::PositiveSentimentImproving, Severity::Positive),
                (InsightKind::KeywordTrending, Severity::Info),
            ]
        );
    }

    #[test]
    fn no_insights_without_calls() {
        let empty = Period::default();
        assert!(run(&empty, &empty, &empty).is_empty());
        let zero_calls = Period {
            calls: 0,
            metrics: default_ideal_ranges()
                .into_keys()
                .map(|name| (name, MetricStat::default()))
                .collect(),
            terms: vec![TermStat {
                kind: TermKind::Competitor,
                term: "Acme".into(),
                mentions: 0,
                calls: 0,
            }],
        };
        assert!(run(&zero_calls, &zero_calls, &zero_calls).is_empty());
    }
}
