//! `conversation-style`: the built-in analyzer of Callsight's
//! conversation-style KPIs (docs/metrics.md#conversation-style-kpis): talk-to-listen ratio, switches,
//! monologues, pauses before speaking, interruptions, talking speed and
//! questions. Managers coach by these numbers, so each follows the spec's
//! definition to the millisecond.
//!
//! - [`kpis`]: the maths, pure functions over a plain segment list;
//! - [`text`]: word and question counting in a segment's text;
//! - this module: the [`Analyzer`] that maps the host's borrowed
//!   [`CallView`] into that list and the KPIs into [`Metric`]s.
//!
//! The analyzer emits metrics only; question signals come from the
//! questions analyzer.

pub mod kpis;
pub mod text;

use callsight_plugin_api::names::{analyzer, metric};
use callsight_plugin_api::schemars::JsonSchema;
use callsight_plugin_api::{
    Analyzer, AnalyzerError, AnalyzerInfo, CallView, Direction, Metric, Output, SegmentView, Unit,
};
use serde::{Deserialize, Serialize};

use crate::kpis::{Kpis, Segment};

/// Settings of the conversation-style analyzer: none yet. The KPIs are
/// defined by the spec (G_merge, G_cap and the backchannel limits are fixed
/// so that every organisation's numbers compare), so `{}` is the only valid
/// config; unknown fields are refused rather than silently ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(crate = "callsight_plugin_api::schemars")]
pub struct Config {}

/// The analyzer; stateless.
#[derive(Debug, Clone, Copy, Default)]
pub struct ConversationStyle;

/// Every metric, in the order `analyze` emits them: name, unit, which values
/// are better, description
/// (with the rule of docs/metrics.md#conversation-style-kpis that defines it), value.
type MetricRow = (
    &'static str,
    Unit,
    Direction,
    &'static str,
    fn(&Kpis) -> Option<f64>,
);

const METRICS: [MetricRow; 13] = [
    (
        metric::TALK_TO_LISTEN_RATIO,
        Unit::Ratio,
        Direction::Target(0.43),
        "Seller talk time / (seller + customer talk time); null when nobody talks (docs/metrics.md#talk-to-listen).",
        |k| k.talk_to_listen_ratio,
    ),
    (
        metric::SWITCH_COUNT,
        Unit::Count,
        Direction::HigherIsBetter,
        "Changes of speaker between seller and customer turns, backchannels ignored (docs/metrics.md#switches).",
        |k| Some(k.switch_count as f64),
    ),
    (
        metric::SWITCHES_PER_HOUR,
        Unit::PerHour,
        Direction::HigherIsBetter,
        "Speaker switches per hour of call; null for a call of no duration (docs/metrics.md#switches).",
        |k| k.switches_per_hour,
    ),
    (
        metric::LONGEST_CUSTOMER_MONOLOGUE_MS,
        Unit::Milliseconds,
        Direction::HigherIsBetter,
        "Longest customer turn (docs/metrics.md#monologues).",
        |k| Some(k.longest_customer_monologue_ms as f64),
    ),
    (
        metric::LONGEST_SELLER_MONOLOGUE_MS,
        Unit::Milliseconds,
        Direction::LowerIsBetter,
        "Longest seller turn (docs/metrics.md#monologues).",
        |k| Some(k.longest_seller_monologue_ms as f64),
    ),
    (
        metric::AVG_PAUSE_BEFORE_SPEAKING_MS,
        Unit::Milliseconds,
        Direction::Neutral,
        "Mean silence between the customer's turn and the seller's next one, pauses over 10 s \
         left out; null when there is none (docs/metrics.md#pauses-and-interruptions).",
        |k| k.avg_pause_before_speaking_ms,
    ),
    (
        metric::INTERRUPTION_COUNT,
        Unit::Count,
        Direction::LowerIsBetter,
        "Seller turns that start before the customer's turn ended (docs/metrics.md#pauses-and-interruptions).",
        |k| Some(k.interruption_count as f64),
    ),
    (
        metric::TALKING_SPEED_WPM,
        Unit::WordsPerMinute,
        Direction::Target(155.0),
        "Seller words per minute of seller talk; null without seller text (docs/metrics.md#talking-speed).",
        |k| k.talking_speed_wpm,
    ),
    (
        metric::SELLER_QUESTION_COUNT,
        Unit::Count,
        Direction::Target(12.5),
        "Questions the seller asked: runs of question marks in the seller's text (docs/metrics.md#questions).",
        |k| Some(k.seller_question_count as f64),
    ),
    (
        metric::CUSTOMER_QUESTION_COUNT,
        Unit::Count,
        Direction::HigherIsBetter,
        "Questions the customer asked: runs of question marks in the customer's text (docs/metrics.md#questions).",
        |k| Some(k.customer_question_count as f64),
    ),
    (
        metric::DURATION_MS,
        Unit::Milliseconds,
        Direction::Neutral,
        "Length of the call (docs/metrics.md#duration).",
        |k| Some(k.duration_ms as f64),
    ),
    (
        metric::SELLER_TALK_MS,
        Unit::Milliseconds,
        Direction::Neutral,
        "Time the seller talks, overlaps counted once (docs/metrics.md#talk-time).",
        |k| Some(k.seller_talk_ms as f64),
    ),
    (
        metric::CUSTOMER_TALK_MS,
        Unit::Milliseconds,
        Direction::Neutral,
        "Time the customer talks, overlaps counted once (docs/metrics.md#talk-time).",
        |k| Some(k.customer_talk_ms as f64),
    ),
];

/// The metrics of a call's KPIs, one per name, in a fixed order.
pub fn metrics(kpis: &Kpis) -> Vec<Metric> {
    METRICS
        .iter()
        .map(|(name, unit, .., value)| Metric::new(name, value(kpis), unit.clone()))
        .collect()
}

/// The KPI maths' view of a host segment: word timings, when the source had
/// them, give the word count (rule 7), else the words of the text.
fn segment<'a>(view: &SegmentView<'a>) -> Segment<'a> {
    let segment = Segment::new(view.role(), view.start_ms(), view.end_ms(), view.text());
    match view.words() {
        Some(words) => segment.with_timed_words(words.len()),
        None => segment,
    }
}

/// The KPIs of the call the host lays out.
pub fn call_kpis(call: &CallView<'_>) -> Kpis {
    let segments: Vec<Segment<'_>> = call.segments().map(|s| segment(&s)).collect();
    kpis::compute(&segments, call.duration_ms())
}

impl Analyzer for ConversationStyle {
    type Config = Config;

    fn info() -> AnalyzerInfo {
        METRICS.iter().fold(
            AnalyzerInfo::new(
                analyzer::CONVERSATION_STYLE,
                env!("CARGO_PKG_VERSION"),
                "Conversation-style KPIs of each call: talk-to-listen ratio, speaker switches, \
                 longest monologues, pause before speaking, interruptions, talking speed and \
                 questions asked.",
            ),
            |info, (name, unit, direction, description, _)| {
                info.ranked_metric(name, unit.clone(), *direction, description)
            },
        )
    }

    fn create(_config: Config) -> Result<Self, AnalyzerError> {
        Ok(Self)
    }

    fn analyze(&self, call: &CallView<'_>) -> Result<Output, AnalyzerError> {
        Ok(Output {
            signals: Vec::new(),
            metrics: metrics(&call_kpis(call)),
        })
    }
}

callsight_plugin_api::export_analyzer!(ConversationStyle);
