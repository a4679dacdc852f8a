//! The trait analyzer authors implement, and what they say about it.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::{CallView, Direction, Output, Unit};

/// A conversation analyzer: configured once per organisation, then asked
/// to analyse calls, possibly from several threads at once.
pub trait Analyzer: Sized + Send + Sync + 'static {
    /// The organisation's settings for this analyzer, read from JSON (an
    /// absent config is `{}`); its JSON Schema is shown to admins.
    type Config: DeserializeOwned + schemars::JsonSchema;

    /// Name, version, what it does, and which signals and metrics it emits.
    fn info() -> AnalyzerInfo;

    /// Checks a config beyond its type (ranges, non-empty lists, …); the
    /// message reaches the admin who saved it.
    fn validate(config: &Self::Config) -> Result<(), AnalyzerError> {
        let _ = config;
        Ok(())
    }

    /// Builds an instance from a validated config.
    fn create(config: Self::Config) -> Result<Self, AnalyzerError>;

    /// Analyses one call.
    fn analyze(&self, call: &CallView<'_>) -> Result<Output, AnalyzerError>;
}

/// What an analyzer is and what it emits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyzerInfo {
    /// Unique among loaded plugins, e.g. `filler-words`.
    pub name: String,
    /// The plugin's own version, shown to admins and stored with each run
    /// so a result can be traced to the code that produced it.
    pub version: String,
    /// What it finds, in a sentence or two for admins.
    pub description: String,
    /// The `kind`s of the signals it emits.
    #[serde(default)]
    pub signal_kinds: Vec<String>,
    /// The metrics it emits per call.
    #[serde(default)]
    pub metrics: Vec<MetricSpec>,
}

impl AnalyzerInfo {
    /// An analyzer that emits nothing yet; add what it emits with
    /// [`Self::signal_kind`] and [`Self::metric`].
    pub fn new(name: &str, version: &str, description: &str) -> Self {
        Self {
            name: name.to_owned(),
            version: version.to_owned(),
            description: description.to_owned(),
            signal_kinds: Vec::new(),
            metrics: Vec::new(),
        }
    }

    /// Declares a kind of signal it emits.
    pub fn signal_kind(mut self, kind: &str) -> Self {
        self.signal_kinds.push(kind.to_owned());
        self
    }

    /// Declares a metric it emits, with no better end
    /// ([`Direction::Neutral`]); `unit` is a [`Unit`] or its short name
    /// (`Unit::PerMinute` or `"per_minute"`).
    pub fn metric(self, name: &str, unit: impl Into<Unit>, description: &str) -> Self {
        self.ranked_metric(name, unit, Direction::Neutral, description)
    }

    /// Declares a metric it emits and which of its values are better, so
    /// the team ranking puts the best seller first.
    pub fn ranked_metric(
        mut self,
        name: &str,
        unit: impl Into<Unit>,
        direction: Direction,
        description: &str,
    ) -> Self {
        self.metrics.push(MetricSpec {
            name: name.to_owned(),
            unit: unit.into(),
            direction,
            description: description.to_owned(),
        });
        self
    }
}

/// A metric an analyzer emits per call; the service averages, trends and
/// ranks it per seller like a built-in one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricSpec {
    /// Unique among every analyzer's metrics, e.g. `filler_words_per_minute`.
    pub name: String,
    /// What the number measures; it decides how the service writes and
    /// compares it. On the wire, its short name (`ms`, `per_minute`, …).
    pub unit: Unit,
    /// Which values are better; absent from a plugin's JSON (plugins built
    /// before it existed), [`Direction::Neutral`].
    #[serde(default)]
    pub direction: Direction,
    /// How it is computed, for the people who read it.
    pub description: String,
}

/// Why an analyzer refused a config or a call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyzerError {
    /// Whom the error concerns: the config's author, or nobody's fault.
    pub kind: ErrorKind,
    /// The sentence the admin reads.
    pub message: String,
}

/// The kind of an [`AnalyzerError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The organisation's config is wrong.
    InvalidConfig,
    /// The call cannot be analysed (e.g. a language the analyzer does not score).
    Unsupported,
    /// Anything else.
    Failed,
}

impl AnalyzerError {
    /// The organisation's config is wrong; `message` says how to fix it.
    pub fn invalid_config(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::InvalidConfig,
            message: message.into(),
        }
    }

    /// The analyzer does not handle this call (a language it does not
    /// score, say); the call's other analyzers still run.
    pub fn unsupported(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Unsupported,
            message: message.into(),
        }
    }

    /// Anything else went wrong on this call.
    pub fn failed(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Failed,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for AnalyzerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AnalyzerError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_metric_crosses_with_its_unit_as_a_name() {
        let info = AnalyzerInfo::new("filler-words", "0.1.0", "Filler words.")
            .metric("filler_words_per_minute", Unit::PerMinute, "Per minute.")
            .metric("filler_word_count", "count", "Said.");
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["metrics"][0]["unit"], "per_minute");
        assert_eq!(json["metrics"][1]["unit"], "count");
        assert_eq!(serde_json::from_value::<AnalyzerInfo>(json).unwrap(), info);
    }

    #[test]
    fn a_metric_says_which_way_is_better_and_older_plugins_still_parse() {
        let info = AnalyzerInfo::new("filler-words", "0.1.0", "Filler words.")
            .ranked_metric(
                "filler_words_per_minute",
                Unit::PerMinute,
                Direction::LowerIsBetter,
                "Per minute.",
            )
            .metric("filler_word_count", "count", "Said.");
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["metrics"][0]["direction"], "lower_is_better");
        assert_eq!(json["metrics"][1]["direction"], "neutral");

        // What a plugin built before directions sends.
        let older = serde_json::json!({"name": "filler-words", "version": "0.1.0",
            "description": "Filler words.", "metrics": [{"name": "filler_word_count",
            "unit": "count", "description": "Said."}]});
        let parsed = serde_json::from_value::<AnalyzerInfo>(older).unwrap();
        assert_eq!(parsed.metrics[0].direction, Direction::Neutral);

        let mut wrong = json;
        wrong["metrics"][0]["direction"] = "up".into();
        let error = serde_json::from_value::<AnalyzerInfo>(wrong).unwrap_err();
        assert!(
            error.to_string().contains("unknown metric direction"),
            "{error}"
        );
    }
}
