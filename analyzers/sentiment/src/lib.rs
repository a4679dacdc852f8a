//! `sentiment`: the built-in sentiment analyzer of Callsight (docs/metrics.md#sentiment), a
//! faithful Rust port of VADER (Hutto & Gilbert, ICWSM 2014), as
//! vaderSentiment 3.3.2 implements it, with its current lexicon.
//!
//! - [`lexicon`]: the compiled-in word lists and constants;
//! - [`text`]: how VADER reads a text (emoji, tokens, capitals), with the
//!   Python string semantics it depends on;
//! - [`vader`]: the scorer, rule by rule, and [`polarity_scores`];
//! - this module: the [`Analyzer`]: one `sentiment` signal per seller and
//!   customer segment, and the per-call metrics.
//!
//! Each segment's text is scored as one VADER text, as the reference would
//! score it; it is not split into sentences (the per-segment score is what
//! docs/metrics.md#sentiment asks for). A signal's score is the compound score exactly as
//! vaderSentiment returns it for that text (rounded to 4 decimals), and the
//! per-call scores average those. VADER is English-only: a call in another
//! language is refused as unsupported rather than given a meaningless
//! number.

pub mod lexicon;
pub mod text;
pub mod vader;

use callsight_plugin_api::names::{analyzer, metric, signal};
use callsight_plugin_api::schemars::JsonSchema;
use callsight_plugin_api::{
    Analyzer, AnalyzerError, AnalyzerInfo, CallView, Direction, Metric, Output, Role, SegmentView,
    Signal, Unit,
};
use serde::{Deserialize, Serialize};

pub use vader::{Polarity, polarity_scores};

/// VADER's conventional thresholds on the compound score: at least 0.05 is
/// positive, at most −0.05 negative, anything between neutral.
pub const POSITIVE_THRESHOLD: f64 = 0.05;
pub const NEGATIVE_THRESHOLD: f64 = -0.05;

/// Settings of the sentiment analyzer: none. VADER's rules and lexicon are
/// fixed so that every organisation's scores compare, so `{}` is the only
/// valid config; unknown fields are refused rather than silently ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(crate = "callsight_plugin_api::schemars")]
pub struct Config {}

/// The analyzer; stateless (the lexicon is shared, parsed once).
#[derive(Debug, Clone, Copy, Default)]
pub struct Sentiment;

/// The label of a compound score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Positive,
    Neutral,
    Negative,
}

impl Label {
    /// The label of `compound` by VADER's thresholds.
    pub fn of(compound: f64) -> Self {
        if compound >= POSITIVE_THRESHOLD {
            Self::Positive
        } else if compound <= NEGATIVE_THRESHOLD {
            Self::Negative
        } else {
            Self::Neutral
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Positive => "positive",
            Self::Neutral => "neutral",
            Self::Negative => "negative",
        }
    }
}

/// The sentiment of one seller or customer segment with text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SegmentSentiment {
    /// Position in the call's sorted segment list.
    pub index: usize,
    pub role: Role,
    pub start_ms: i64,
    pub end_ms: i64,
    /// Whitespace-separated words of the text (VADER's tokens before
    /// emoji are expanded): the segment's weight in the per-call score.
    pub words: usize,
    pub polarity: Polarity,
    pub label: Label,
}

/// Per-role summary of a call: `None` throughout when the role has no
/// segment with text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RoleSentiment {
    /// Mean compound score of the role's segments, weighted by words.
    pub score: Option<f64>,
    pub positive_share: Option<f64>,
    pub neutral_share: Option<f64>,
    pub negative_share: Option<f64>,
}

/// Number of words in `text` as VADER splits it (Python whitespace).
pub fn word_count(text: &str) -> usize {
    text.split(text::is_python_space)
        .filter(|t| !t.is_empty())
        .count()
}

/// The sentiment of a segment, if it is the seller's or the customer's and
/// has text.
pub fn segment_sentiment(segment: &SegmentView<'_>) -> Option<SegmentSentiment> {
    let role = segment.role();
    if role == Role::Other {
        return None;
    }
    let text = segment.text();
    let words = word_count(text);
    if words == 0 {
        return None;
    }
    let polarity = polarity_scores(text);
    Some(SegmentSentiment {
        index: segment.index(),
        role,
        start_ms: segment.start_ms(),
        end_ms: segment.end_ms(),
        words,
        polarity,
        label: Label::of(polarity.compound),
    })
}

/// Summary of `role`'s segments among `segments`.
pub fn role_sentiment(segments: &[SegmentSentiment], role: Role) -> RoleSentiment {
    let mine = || segments.iter().filter(|s| s.role == role);
    let count = mine().count();
    if count == 0 {
        return RoleSentiment::default();
    }
    let words: usize = mine().map(|s| s.words).sum();
    let weighted: f64 = mine().map(|s| s.words as f64 * s.polarity.compound).sum();
    let share = |label| Some(mine().filter(|s| s.label == label).count() as f64 / count as f64);
    RoleSentiment {
        // Each segment counted has at least one word, so words > 0.
        score: Some(weighted / words as f64),
        positive_share: share(Label::Positive),
        neutral_share: share(Label::Neutral),
        negative_share: share(Label::Negative),
    }
}

/// Whether VADER can score a call in `language` (a BCP-47 tag): English.
pub fn is_supported(language: &str) -> bool {
    language
        .get(..2)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case("en"))
}

/// Every metric, in the order `analyze` emits them: name, unit, which
/// values are better, description, value.
type MetricRow = (
    &'static str,
    Unit,
    Direction,
    &'static str,
    fn(&RoleSentiment, &RoleSentiment) -> Option<f64>,
);

const METRICS: [MetricRow; 5] = [
    (
        metric::CUSTOMER_SENTIMENT_SCORE,
        Unit::Score,
        Direction::HigherIsBetter,
        "Mean VADER compound score (−1 to 1) of the customer's segments, weighted by their \
         words; null when the customer says nothing.",
        |customer, _| customer.score,
    ),
    (
        metric::CUSTOMER_POSITIVE_SHARE,
        Unit::Ratio,
        Direction::HigherIsBetter,
        "Share of the customer's segments with a compound score of at least 0.05.",
        |customer, _| customer.positive_share,
    ),
    (
        metric::CUSTOMER_NEUTRAL_SHARE,
        Unit::Ratio,
        Direction::Neutral,
        "Share of the customer's segments with a compound score between −0.05 and 0.05.",
        |customer, _| customer.neutral_share,
    ),
    (
        metric::CUSTOMER_NEGATIVE_SHARE,
        Unit::Ratio,
        Direction::LowerIsBetter,
        "Share of the customer's segments with a compound score of at most −0.05.",
        |customer, _| customer.negative_share,
    ),
    (
        metric::SELLER_SENTIMENT_SCORE,
        Unit::Score,
        Direction::HigherIsBetter,
        "Mean VADER compound score (−1 to 1) of the seller's segments, weighted by their \
         words; null when the seller says nothing.",
        |_, seller| seller.score,
    ),
];

/// The `sentiment` signal of a segment.
fn signal(s: &SegmentSentiment) -> Signal {
    Signal {
        role: Some(s.role),
        segment: Some(u32::try_from(s.index).unwrap_or(u32::MAX)),
        offset_ms: Some(s.start_ms),
        duration_ms: Some((s.end_ms - s.start_ms).max(0)),
        score: Some(s.polarity.compound),
        ..Signal::new(signal::SENTIMENT, s.label.as_str())
    }
}

impl Analyzer for Sentiment {
    type Config = Config;

    fn info() -> AnalyzerInfo {
        METRICS.iter().fold(
            AnalyzerInfo::new(
                analyzer::SENTIMENT,
                env!("CARGO_PKG_VERSION"),
                "VADER sentiment (English): a compound score and a positive, neutral or \
                 negative label for each seller and customer segment, and the customer's and \
                 seller's sentiment per call.",
            )
            .signal_kind(signal::SENTIMENT),
            |info, (name, unit, direction, description, _)| {
                info.ranked_metric(name, unit.clone(), *direction, description)
            },
        )
    }

    fn create(_config: Config) -> Result<Self, AnalyzerError> {
        // Parse the lexicons now rather than in the first call's time.
        std::sync::LazyLock::force(&lexicon::VOCABULARY);
        std::sync::LazyLock::force(&lexicon::EMOJI);
        Ok(Self)
    }

    fn analyze(&self, call: &CallView<'_>) -> Result<Output, AnalyzerError> {
        let language = call.language();
        if !is_supported(language) {
            let language = if language.is_empty() {
                "(unspecified)"
            } else {
                language
            };
            return Err(AnalyzerError::unsupported(format!(
                "sentiment: language {language} is not supported; VADER scores English"
            )));
        }
        let segments: Vec<SegmentSentiment> = call
            .segments()
            .filter_map(|s| segment_sentiment(&s))
            .collect();
        let customer = role_sentiment(&segments, Role::Customer);
        let seller = role_sentiment(&segments, Role::Seller);
        Ok(Output {
            signals: segments.iter().map(signal).collect(),
            metrics: METRICS
                .iter()
                .map(|(name, unit, .., value)| {
                    Metric::new(name, value(&customer, &seller), unit.clone())
                })
                .collect(),
        })
    }
}

callsight_plugin_api::export_analyzer!(Sentiment);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_thresholds() {
        assert_eq!(Label::of(0.05), Label::Positive);
        assert_eq!(Label::of(0.0499), Label::Neutral);
        assert_eq!(Label::of(-0.0499), Label::Neutral);
        assert_eq!(Label::of(-0.05), Label::Negative);
    }

    #[test]
    fn english_tags_are_supported() {
        for tag in ["en", "en-US", "EN-gb", "en_AU", "eng"] {
            assert!(is_supported(tag), "{tag}");
        }
        for tag in ["", "e", "de-DE", "fr", "es-en", "ja"] {
            assert!(!is_supported(tag), "{tag}");
        }
    }

    #[test]
    fn words_are_whitespace_separated() {
        assert_eq!(word_count("  Hello, world!  How's it going? "), 5);
        assert_eq!(word_count(" \t "), 0);
        assert_eq!(word_count("..."), 1);
    }
}
