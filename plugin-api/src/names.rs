//! Names that cross the plugin contract: metric units, the built-in
//! metrics, signal kinds and analyzers. The host, the built-in analyzers and
//! the insights engine all take them from here, so a name or a unit is
//! written once.

use serde::{Deserialize, Serialize};

/// What a metric's number measures. It decides how a value is written for
/// a person and when a change of it counts as significant. Serialised as
/// its short name (`ms`, `ratio`, …); any other name is kept as
/// [`Unit::Other`] and treated as a plain number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Unit {
    /// A share or ratio in 0..1 (`ratio`).
    Ratio,
    /// A score such as a sentiment compound in −1..1 (`score`).
    Score,
    /// A duration in milliseconds (`ms`).
    Milliseconds,
    /// A number of things per call (`count`).
    Count,
    /// A rate per hour of call (`per_hour`).
    PerHour,
    /// A rate per minute of call (`per_minute`).
    PerMinute,
    /// Words per minute of speech (`wpm`).
    WordsPerMinute,
    /// A unit Callsight does not know; shown as a plain number.
    Other(String),
}

impl Unit {
    /// The short name used in JSON, storage and the API.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Ratio => "ratio",
            Self::Score => "score",
            Self::Milliseconds => "ms",
            Self::Count => "count",
            Self::PerHour => "per_hour",
            Self::PerMinute => "per_minute",
            Self::WordsPerMinute => "wpm",
            Self::Other(name) => name,
        }
    }
}

impl From<&str> for Unit {
    fn from(name: &str) -> Self {
        match name {
            "ratio" => Self::Ratio,
            "score" => Self::Score,
            "ms" => Self::Milliseconds,
            "count" => Self::Count,
            "per_hour" => Self::PerHour,
            "per_minute" => Self::PerMinute,
            "wpm" => Self::WordsPerMinute,
            other => Self::Other(other.to_owned()),
        }
    }
}

impl From<String> for Unit {
    fn from(name: String) -> Self {
        match Self::from(name.as_str()) {
            Self::Other(_) => Self::Other(name),
            known => known,
        }
    }
}

impl From<Unit> for String {
    fn from(unit: Unit) -> Self {
        match unit {
            Unit::Other(name) => name,
            known => known.as_str().to_owned(),
        }
    }
}

/// A unit equals its short name, so a test can compare `metric.unit` with
/// the `"count"` it expects on the wire.
impl PartialEq<str> for Unit {
    fn eq(&self, name: &str) -> bool {
        self.as_str() == name
    }
}

impl PartialEq<&str> for Unit {
    fn eq(&self, name: &&str) -> bool {
        self.as_str() == *name
    }
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which values of a metric are better, so a ranking can put the best
/// first. Serialised as a string: `higher_is_better`, `lower_is_better`,
/// `neutral`, or `target:<value>` (e.g. `target:0.43`). A plugin that does
/// not declare one gets [`Direction::Neutral`].
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Direction {
    /// The more the better (`higher_is_better`).
    HigherIsBetter,
    /// The less the better (`lower_is_better`).
    LowerIsBetter,
    /// The closer to this value the better (`target:<value>`).
    Target(f64),
    /// Neither end is better: the number describes the call (`neutral`).
    #[default]
    Neutral,
}

impl std::fmt::Display for Direction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::HigherIsBetter => f.write_str("higher_is_better"),
            Self::LowerIsBetter => f.write_str("lower_is_better"),
            Self::Target(value) => write!(f, "target:{value}"),
            Self::Neutral => f.write_str("neutral"),
        }
    }
}

impl std::str::FromStr for Direction {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "higher_is_better" => Ok(Self::HigherIsBetter),
            "lower_is_better" => Ok(Self::LowerIsBetter),
            "neutral" => Ok(Self::Neutral),
            other => other
                .strip_prefix("target:")
                .and_then(|value| value.trim().parse::<f64>().ok())
                .filter(|value| value.is_finite())
                .map(Self::Target)
                .ok_or_else(|| {
                    format!(
                        "unknown metric direction {other:?}: expected higher_is_better, \
                         lower_is_better, neutral or target:<number>"
                    )
                }),
        }
    }
}

impl TryFrom<String> for Direction {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        name.parse()
    }
}

impl From<Direction> for String {
    fn from(direction: Direction) -> Self {
        direction.to_string()
    }
}

/// The metrics of the built-in analyzers (the definitions are in the
/// repository's `docs/metrics.md`).
pub mod metric {
    use super::{Direction, Unit};

    /// Seller talk time over seller plus customer talk time.
    pub const TALK_TO_LISTEN_RATIO: &str = "talk_to_listen_ratio";
    /// Changes of speaker between turns.
    pub const SWITCH_COUNT: &str = "switch_count";
    /// Changes of speaker per hour of call.
    pub const SWITCHES_PER_HOUR: &str = "switches_per_hour";
    /// The longest customer turn.
    pub const LONGEST_CUSTOMER_MONOLOGUE_MS: &str = "longest_customer_monologue_ms";
    /// The longest seller turn.
    pub const LONGEST_SELLER_MONOLOGUE_MS: &str = "longest_seller_monologue_ms";
    /// The mean gap between a customer turn and the seller's answer.
    pub const AVG_PAUSE_BEFORE_SPEAKING_MS: &str = "avg_pause_before_speaking_ms";
    /// Seller turns that start before the customer's turn ends.
    pub const INTERRUPTION_COUNT: &str = "interruption_count";
    /// Seller words per minute of seller talk.
    pub const TALKING_SPEED_WPM: &str = "talking_speed_wpm";
    /// Questions the seller asked.
    pub const SELLER_QUESTION_COUNT: &str = "seller_question_count";
    /// Questions the customer asked.
    pub const CUSTOMER_QUESTION_COUNT: &str = "customer_question_count";
    /// The call's length.
    pub const DURATION_MS: &str = "duration_ms";
    /// The seller's talk time.
    pub const SELLER_TALK_MS: &str = "seller_talk_ms";
    /// The customer's talk time.
    pub const CUSTOMER_TALK_MS: &str = "customer_talk_ms";
    /// The customer's word-weighted mean sentiment compound.
    pub const CUSTOMER_SENTIMENT_SCORE: &str = "customer_sentiment_score";
    /// The share of the customer's segments that are positive.
    pub const CUSTOMER_POSITIVE_SHARE: &str = "customer_positive_share";
    /// The share of the customer's segments that are neutral.
    pub const CUSTOMER_NEUTRAL_SHARE: &str = "customer_neutral_share";
    /// The share of the customer's segments that are negative.
    pub const CUSTOMER_NEGATIVE_SHARE: &str = "customer_negative_share";
    /// The seller's word-weighted mean sentiment compound.
    pub const SELLER_SENTIMENT_SCORE: &str = "seller_sentiment_score";
    /// Mentions of tracked competitors.
    pub const COMPETITOR_MENTION_COUNT: &str = "competitor_mention_count";
    /// Mentions of tracked keywords.
    pub const KEYWORD_MENTION_COUNT: &str = "keyword_mention_count";
    /// Action items the seller owns: their commitments and the customer's
    /// requests to them.
    pub const SELLER_ACTION_ITEM_COUNT: &str = "seller_action_item_count";
    /// Action items the customer owns: their commitments and the seller's
    /// requests to them.
    pub const CUSTOMER_ACTION_ITEM_COUNT: &str = "customer_action_item_count";

    /// Every built-in metric with its unit and which values are better:
    /// the one table both the analyzers that emit them and the service that
    /// shows and ranks them read. The targets are the middles of the
    /// default ideal ranges of `docs/metrics.md` (0.43 for talk-to-listen,
    /// its own ideal target).
    pub const BUILT_IN: [(&str, Unit, Direction); 22] = [
        (TALK_TO_LISTEN_RATIO, Unit::Ratio, Direction::Target(0.43)),
        (SWITCH_COUNT, Unit::Count, Direction::HigherIsBetter),
        (SWITCHES_PER_HOUR, Unit::PerHour, Direction::HigherIsBetter),
        (
            LONGEST_CUSTOMER_MONOLOGUE_MS,
            Unit::Milliseconds,
            Direction::HigherIsBetter,
        ),
        (
            LONGEST_SELLER_MONOLOGUE_MS,
            Unit::Milliseconds,
            Direction::LowerIsBetter,
        ),
        (
            AVG_PAUSE_BEFORE_SPEAKING_MS,
            Unit::Milliseconds,
            Direction::Neutral,
        ),
        (INTERRUPTION_COUNT, Unit::Count, Direction::LowerIsBetter),
        (
            TALKING_SPEED_WPM,
            Unit::WordsPerMinute,
            Direction::Target(155.0),
        ),
        (SELLER_QUESTION_COUNT, Unit::Count, Direction::Target(12.5)),
        (
            CUSTOMER_QUESTION_COUNT,
            Unit::Count,
            Direction::HigherIsBetter,
        ),
        (DURATION_MS, Unit::Milliseconds, Direction::Neutral),
        (SELLER_TALK_MS, Unit::Milliseconds, Direction::Neutral),
        (CUSTOMER_TALK_MS, Unit::Milliseconds, Direction::Neutral),
        (
            CUSTOMER_SENTIMENT_SCORE,
            Unit::Score,
            Direction::HigherIsBetter,
        ),
        (
            CUSTOMER_POSITIVE_SHARE,
            Unit::Ratio,
            Direction::HigherIsBetter,
        ),
        (CUSTOMER_NEUTRAL_SHARE, Unit::Ratio, Direction::Neutral),
        (
            CUSTOMER_NEGATIVE_SHARE,
            Unit::Ratio,
            Direction::LowerIsBetter,
        ),
        (
            SELLER_SENTIMENT_SCORE,
            Unit::Score,
            Direction::HigherIsBetter,
        ),
        (COMPETITOR_MENTION_COUNT, Unit::Count, Direction::Neutral),
        (KEYWORD_MENTION_COUNT, Unit::Count, Direction::Neutral),
        (
            SELLER_ACTION_ITEM_COUNT,
            Unit::Count,
            Direction::HigherIsBetter,
        ),
        (
            CUSTOMER_ACTION_ITEM_COUNT,
            Unit::Count,
            Direction::HigherIsBetter,
        ),
    ];

    /// The unit of a built-in metric; `None` for any other name.
    pub fn unit_of(name: &str) -> Option<Unit> {
        BUILT_IN
            .iter()
            .find(|(built_in, ..)| *built_in == name)
            .map(|(_, unit, _)| unit.clone())
    }

    /// Which values of a built-in metric are better; `None` for any other
    /// name.
    pub fn direction_of(name: &str) -> Option<Direction> {
        BUILT_IN
            .iter()
            .find(|(built_in, ..)| *built_in == name)
            .map(|(.., direction)| *direction)
    }
}

/// The kinds of signal the built-in analyzers emit.
pub mod signal {
    /// A commitment: "I'll send", "let's schedule", a date.
    pub const ACTION_ITEM: &str = "action_item";
    /// A question sentence.
    pub const QUESTION: &str = "question";
    /// A mention of a tracked keyword.
    pub const KEYWORD: &str = "keyword";
    /// A key phrase extracted from the customer's speech.
    pub const KEY_PHRASE: &str = "key_phrase";
    /// A mention of a tracked competitor, by canonical name.
    pub const COMPETITOR: &str = "competitor";
    /// A segment's sentiment label and compound score.
    pub const SENTIMENT: &str = "sentiment";
}

/// The names of the built-in analyzers.
pub mod analyzer {
    /// Conversation-style KPIs.
    pub const CONVERSATION_STYLE: &str = "conversation-style";
    /// VADER sentiment per segment and call.
    pub const SENTIMENT: &str = "sentiment";
    /// Tracked keywords and key phrases.
    pub const KEYWORDS: &str = "keywords";
    /// Tracked competitors.
    pub const COMPETITORS: &str = "competitors";
    /// Action items and questions.
    pub const COMMITMENTS: &str = "commitments";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_keep_their_names_both_ways() {
        for name in [
            "ratio",
            "score",
            "ms",
            "count",
            "per_hour",
            "per_minute",
            "wpm",
            "furlongs",
        ] {
            let unit = Unit::from(name);
            assert_eq!(unit.as_str(), name);
            let json = serde_json::to_string(&unit).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<Unit>(&json).unwrap(), unit);
        }
        assert_eq!(Unit::from("furlongs"), Unit::Other("furlongs".into()));
    }

    #[test]
    fn every_built_in_metric_has_a_unit() {
        assert_eq!(
            metric::unit_of(metric::TALK_TO_LISTEN_RATIO),
            Some(Unit::Ratio)
        );
        assert_eq!(metric::unit_of("filler_words_per_minute"), None);
    }

    #[test]
    fn directions_keep_their_names_both_ways() {
        for (direction, name) in [
            (Direction::HigherIsBetter, "higher_is_better"),
            (Direction::LowerIsBetter, "lower_is_better"),
            (Direction::Neutral, "neutral"),
            (Direction::Target(0.43), "target:0.43"),
            (Direction::Target(150.0), "target:150"),
        ] {
            let json = serde_json::to_string(&direction).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<Direction>(&json).unwrap(), direction);
        }
        for wrong in ["\"up\"", "\"target:\"", "\"target:NaN\"", "\"target:inf\""] {
            assert!(serde_json::from_str::<Direction>(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn talk_to_listen_is_best_at_its_ideal_target() {
        assert_eq!(
            metric::direction_of(metric::TALK_TO_LISTEN_RATIO),
            Some(Direction::Target(0.43))
        );
        assert_eq!(metric::direction_of("filler_words_per_minute"), None);
    }
}
