//! `keywords`: the built-in analyzer of what was talked about (docs/metrics.md#tracked-keywords).
//!
//! - **Tracked keywords**: the terms an organisation, a team or a single
//!   call asks for (the org list is this analyzer's config; the team and
//!   per-call lists reach it, merged by the host, as `keywords` in the call's
//!   context). Every mention, by anyone, is a `keyword` signal with the term
//!   as configured, the words as spoken, the speaker's role, the segment and
//!   the moment it was said; matching follows the shared rules of
//!   [`callsight_text_match`] (case-insensitive, whole words, phrases, any
//!   script, particles after Hangul/Han/Kana nouns), the same as the
//!   competitors analyzer's.
//! - **Key phrases**: what the *customer* talked about, found without any
//!   list by [`keyphrases`] (YAKE adapted to speech: no greetings, fillers,
//!   participants' names or generic words; the forms of one phrase merged),
//!   as `key_phrase` signals, best first.
//!   YAKE's stopword list is English, so key phrases are extracted only for
//!   calls in English (or of unknown language); elsewhere none are emitted
//!   rather than wrong ones.

pub mod keyphrases;

use callsight_plugin_api::names::{analyzer, metric, signal};
use callsight_plugin_api::schemars::JsonSchema;
use callsight_plugin_api::{
    Analyzer, AnalyzerError, AnalyzerInfo, CallView, Direction, Metric, Output, Role, SegmentView,
    Signal, Unit,
};
use callsight_text_match::{TermSet, mention_signals, normalize, offsets_ms};
use serde::{Deserialize, Serialize};

use crate::keyphrases::{Yake, spoken};

/// The most key phrases a call may ask for: past a few dozen, YAKE's tail
/// is noise.
pub const MAX_TOP: usize = 50;

/// Organisation settings of the keywords analyzer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(crate = "callsight_plugin_api::schemars")]
pub struct Config {
    /// The organisation's tracked keywords: words or phrases, any case, any
    /// script. Team and per-call lists are added per call by the host.
    pub keywords: Vec<String>,
    pub key_phrases: KeyPhrases,
}

/// Settings of the automatic key phrases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(crate = "callsight_plugin_api::schemars")]
pub struct KeyPhrases {
    /// Whether to extract the customer's key phrases.
    pub enabled: bool,
    /// How many, at most (1–50).
    pub top: usize,
}

impl Default for KeyPhrases {
    fn default() -> Self {
        Self {
            enabled: true,
            top: 10,
        }
    }
}

/// What this analyzer reads from the call's context: the team and per-call
/// keyword lists, merged by the host. Other context keys are not its
/// business.
#[derive(Debug, Default, Deserialize)]
struct Context {
    #[serde(default)]
    keywords: Vec<String>,
}

/// The analyzer: the org's keywords compiled once, and the extractor.
#[derive(Debug)]
pub struct Keywords {
    keywords: Vec<String>,
    tracked: TermSet,
    key_phrases: KeyPhrases,
    yake: Yake,
}

impl Analyzer for Keywords {
    type Config = Config;

    fn info() -> AnalyzerInfo {
        AnalyzerInfo::new(
            analyzer::KEYWORDS,
            env!("CARGO_PKG_VERSION"),
            "Mentions of tracked keywords (organisation, team and per-call lists; whole words, \
             phrases, any script) and the key phrases of the customer's speech.",
        )
        .signal_kind(signal::KEYWORD)
        .signal_kind(signal::KEY_PHRASE)
        .ranked_metric(
            metric::KEYWORD_MENTION_COUNT,
            Unit::Count,
            Direction::Neutral,
            "Mentions of tracked keywords in the call, by any speaker.",
        )
    }

    fn validate(config: &Config) -> Result<(), AnalyzerError> {
        if let Some(i) = config.keywords.iter().position(|k| normalize(k).is_empty()) {
            return Err(AnalyzerError::invalid_config(format!(
                "keyword {} is empty",
                i + 1
            )));
        }
        if !(1..=MAX_TOP).contains(&config.key_phrases.top) {
            return Err(AnalyzerError::invalid_config(format!(
                "key_phrases.top must be between 1 and {MAX_TOP}, not {}",
                config.key_phrases.top
            )));
        }
        Ok(())
    }

    fn create(config: Config) -> Result<Self, AnalyzerError> {
        Self::validate(&config)?;
        let tracked = TermSet::new(&config.keywords)
            .map_err(|e| AnalyzerError::invalid_config(e.to_string()))?;
        Ok(Self {
            keywords: config.keywords,
            tracked,
            key_phrases: config.key_phrases,
            yake: Yake::spoken(),
        })
    }

    fn analyze(&self, call: &CallView<'_>) -> Result<Output, AnalyzerError> {
        let context: Context = serde_json::from_str(call.context()).map_err(|e| {
            AnalyzerError::failed(format!(
                "call context: not a JSON object whose `keywords` is a list of strings: {e}"
            ))
        })?;
        let mut signals = self.mentions(call, &context.keywords)?;
        let mention_count = signals.len();
        if self.key_phrases.enabled && is_english(call.language()) {
            signals.extend(self.customer_key_phrases(call));
        }
        Ok(Output {
            signals,
            metrics: vec![Metric::new(
                metric::KEYWORD_MENTION_COUNT,
                Some(mention_count as f64),
                Unit::Count,
            )],
        })
    }
}

impl Keywords {
    /// `keyword` signals for the org's terms and the call's own.
    fn mentions(
        &self,
        call: &CallView<'_>,
        extra: &[String],
    ) -> Result<Vec<Signal>, AnalyzerError> {
        let extra: Vec<&String> = extra.iter().filter(|k| !normalize(k).is_empty()).collect();
        // The org's automaton serves every call without a list of its own;
        // a call with one gets one automaton over the union, org terms first
        // so a term in both is reported as the org spelled it.
        let union;
        let (set, terms): (&TermSet, Vec<&str>) = if extra.is_empty() {
            (
                &self.tracked,
                self.keywords.iter().map(String::as_str).collect(),
            )
        } else {
            let terms: Vec<&str> = self
                .keywords
                .iter()
                .chain(extra)
                .map(String::as_str)
                .collect();
            union = TermSet::new(&terms).map_err(|e| AnalyzerError::failed(e.to_string()))?;
            (&union, terms)
        };
        Ok(mention_signals(set, call, signal::KEYWORD, |term| {
            terms[term]
        }))
    }

    /// `key_phrase` signals for the customer's speech, best first.
    fn customer_key_phrases(&self, call: &CallView<'_>) -> Vec<Signal> {
        let segments: Vec<SegmentView<'_>> = call
            .segments()
            .filter(|s| s.role() == Role::Customer && !s.text().trim().is_empty())
            .collect();
        let names = spoken::name_words(
            call.participants()
                .flat_map(|p| p.name().into_iter().chain([p.speaker()])),
        );
        let phrases = self.yake.extract_parts_excluding(
            segments.iter().map(|s| s.text()),
            self.key_phrases.top,
            &names,
        );
        phrases
            .into_iter()
            .map(|p| {
                let segment = &segments[p.part];
                let mut signal = Signal::new(signal::KEY_PHRASE, p.phrase);
                signal.role = Some(Role::Customer);
                signal.segment = Some(segment.index() as u32);
                signal.offset_ms = Some(offsets_ms(segment, &[p.range.start])[0]);
                signal.score = Some(relevance(p.score));
                signal.data = Some(serde_json::json!({ "count": p.count }));
                signal
            })
            .collect()
    }
}

/// A key phrase's relevance in (0, 1], higher = more relevant: YAKE's score
/// is lower-is-better and unbounded, which reads badly next to other
/// analyzers' scores.
pub fn relevance(yake_score: f64) -> f64 {
    1.0 / (1.0 + yake_score.max(0.0))
}

/// Whether key phrases can be extracted for a call in `language` (BCP 47):
/// English, or not said.
pub fn is_english(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    primary.is_empty() || primary.eq_ignore_ascii_case("en")
}

callsight_plugin_api::export_analyzer!(Keywords);
