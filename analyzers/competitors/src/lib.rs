//! `competitors`: the built-in analyzer of competitor mentions (docs/metrics.md#competitors).
//!
//! The organisation lists its competitors, each with a canonical name and
//! the aliases people use for it (`Salesforce`: `SFDC`, `Sales Cloud`).
//! Every mention of a name or an alias, by anyone, is a `competitor` signal
//! whose value is the canonical name, so "SFDC" and "Salesforce" count as
//! one competitor in every report; the label keeps what was said.
//!
//! All names and aliases go into one Aho-Corasick automaton, built once per
//! config in [`Analyzer::create`]; a call is one pass over each segment.
//! The matching rules (case-insensitive, whole words, phrases, any script,
//! particles after Hangul/Han/Kana) are [`callsight_text_match`]'s, shared
//! with the keywords analyzer.

use std::collections::HashMap;

use callsight_plugin_api::names::{analyzer, metric, signal};
use callsight_plugin_api::schemars::JsonSchema;
use callsight_plugin_api::{
    Analyzer, AnalyzerError, AnalyzerInfo, CallView, Direction, Metric, Output, Unit,
};
use callsight_text_match::{TermSet, mention_signals, normalize};
use serde::{Deserialize, Serialize};

/// Organisation settings of the competitors analyzer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(crate = "callsight_plugin_api::schemars")]
pub struct Config {
    pub competitors: Vec<Competitor>,
}

/// One competitor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(crate = "callsight_plugin_api::schemars")]
pub struct Competitor {
    /// The canonical name every mention is reported under; also matched.
    pub name: String,
    /// Other ways people say it: abbreviations, product names, spellings in
    /// other scripts.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The analyzer: every name and alias in one automaton.
#[derive(Debug)]
pub struct Competitors {
    names: Vec<String>,
    /// For each term of the automaton, the competitor it names.
    owner: Vec<usize>,
    terms: TermSet,
}

impl Analyzer for Competitors {
    type Config = Config;

    fn info() -> AnalyzerInfo {
        AnalyzerInfo::new(
            analyzer::COMPETITORS,
            env!("CARGO_PKG_VERSION"),
            "Mentions of the organisation's competitors, by name or alias, each reported under \
             the competitor's canonical name.",
        )
        .signal_kind(signal::COMPETITOR)
        .ranked_metric(
            metric::COMPETITOR_MENTION_COUNT,
            Unit::Count,
            Direction::Neutral,
            "Mentions of competitors in the call, by any speaker.",
        )
    }

    fn validate(config: &Config) -> Result<(), AnalyzerError> {
        // Each folded form (as matching sees it) → the competitor claiming it.
        let mut claimed: HashMap<String, usize> = HashMap::new();
        for (i, competitor) in config.competitors.iter().enumerate() {
            if normalize(&competitor.name).is_empty() {
                return Err(AnalyzerError::invalid_config(format!(
                    "competitor {} has no name",
                    i + 1
                )));
            }
            if competitor.aliases.iter().any(|a| normalize(a).is_empty()) {
                return Err(AnalyzerError::invalid_config(format!(
                    "competitor {:?} has an empty alias",
                    competitor.name
                )));
            }
            for term in std::iter::once(&competitor.name).chain(&competitor.aliases) {
                let owner = *claimed.entry(normalize(term)).or_insert(i);
                if owner != i {
                    // A mention of it could not be attributed.
                    return Err(AnalyzerError::invalid_config(format!(
                        "{term:?} is claimed by both {:?} and {:?}",
                        config.competitors[owner].name, competitor.name
                    )));
                }
            }
        }
        Ok(())
    }

    fn create(config: Config) -> Result<Self, AnalyzerError> {
        Self::validate(&config)?;
        let mut owner = Vec::new();
        let mut terms = Vec::new();
        for (i, competitor) in config.competitors.iter().enumerate() {
            for term in std::iter::once(&competitor.name).chain(&competitor.aliases) {
                terms.push(term.as_str());
                owner.push(i);
            }
        }
        let terms =
            TermSet::new(terms).map_err(|e| AnalyzerError::invalid_config(e.to_string()))?;
        Ok(Self {
            names: config.competitors.into_iter().map(|c| c.name).collect(),
            owner,
            terms,
        })
    }

    fn analyze(&self, call: &CallView<'_>) -> Result<Output, AnalyzerError> {
        // Each mention under its competitor's canonical name.
        let signals = mention_signals(&self.terms, call, signal::COMPETITOR, |term| {
            &self.names[self.owner[term]]
        });
        let count = signals.len() as f64;
        Ok(Output {
            signals,
            metrics: vec![Metric::new(
                metric::COMPETITOR_MENTION_COUNT,
                Some(count),
                Unit::Count,
            )],
        })
    }
}

callsight_plugin_api::export_analyzer!(Competitors);
