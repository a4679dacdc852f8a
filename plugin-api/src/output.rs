//! What an analyzer returns for a call.

use serde::{Deserialize, Serialize};

use crate::{Role, Unit};

/// Signals and metrics of one call.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Output {
    /// What was found where, in any order.
    #[serde(default)]
    pub signals: Vec<Signal>,
    /// At most one value per declared metric.
    #[serde(default)]
    pub metrics: Vec<Metric>,
}

/// Something the analyzer found at a moment of the call (a keyword, a
/// question, an action item, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// One of the kinds the analyzer declares, e.g. `keyword`.
    pub kind: String,
    /// What was found, in the form reports group by: the tracked term, a
    /// competitor's canonical name, the sentence of a question.
    pub value: String,
    /// A second reading of the value, such as the words as spoken when the
    /// value is the term as configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Who said it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Index of the segment in the call's sorted segment list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<u32>,
    /// When it was said, ms from the call's start: where a player seeks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_ms: Option<i64>,
    /// How long it lasts, when the analyzer knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<i64>,
    /// A number that goes with it, such as a sentiment compound or a
    /// relevance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Anything else the analyzer reports, as JSON the service passes on
    /// untouched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Value>,
}

impl Signal {
    /// A signal of `kind` with only its value; set the other fields on the
    /// result.
    pub fn new(kind: &str, value: impl Into<String>) -> Self {
        Self {
            kind: kind.to_owned(),
            value: value.into(),
            label: None,
            role: None,
            segment: None,
            offset_ms: None,
            duration_ms: None,
            score: None,
            data: None,
        }
    }
}

/// A per-call number; `None` when the call has no value for it (e.g. a
/// ratio of 0/0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    /// One of the metrics the analyzer declares.
    pub name: String,
    /// `None` is left out of averages; `Some(0.0)` is not.
    pub value: Option<f64>,
    /// The unit it was declared with.
    pub unit: Unit,
}

impl Metric {
    /// A value of `name`; `unit` is a [`Unit`] or its short name
    /// (`Unit::Ratio` or `"ratio"`).
    pub fn new(name: &str, value: Option<f64>, unit: impl Into<Unit>) -> Self {
        Self {
            name: name.to_owned(),
            value,
            unit: unit.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_metric_crosses_with_its_unit_as_a_name() {
        let metric = Metric::new("filler_words_per_minute", Some(4.0), Unit::PerMinute);
        let json = r#"{"name":"filler_words_per_minute","value":4.0,"unit":"per_minute"}"#;
        assert_eq!(serde_json::to_string(&metric).unwrap(), json);
        assert_eq!(serde_json::from_str::<Metric>(json).unwrap(), metric);
        assert_eq!(
            Metric::new("filler_words_per_minute", Some(4.0), "per_minute"),
            metric
        );
        let custom: Metric =
            serde_json::from_str(r#"{"name":"hedges","value":null,"unit":"hedges"}"#).unwrap();
        assert_eq!(custom.unit, Unit::Other("hedges".into()));
    }
}
