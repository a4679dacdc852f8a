//! What an analyzer returns for a call.

use serde::{Deserialize, Serialize};

use crate::{Role, Unit};

/// Signals and metrics of one call.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Output {
    #[serde(default)]
    pub signals: Vec<Signal>,
    #[serde(default)]
    pub metrics: Vec<Metric>,
}

/// Something the analyzer found at a moment of the call (a keyword, a
/// question, an action item, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    pub kind: String,
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Index of the segment in the call's sorted segment list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Value>,
}

impl Signal {
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
    pub name: String,
    pub value: Option<f64>,
    pub unit: Unit,
}

impl Metric {
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
