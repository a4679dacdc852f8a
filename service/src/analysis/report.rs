//! The JSON document `callsight analyze` prints (docs/metrics.md#analyze-output): metrics keyed
//! by name, customer and per-segment sentiment, and every signal.

use callsight_plugin_api::names;
use serde_json::{Map, Value, json};

use super::AnalyzerRun;

/// Builds the report of one call's analyzer runs. Failed analyzers are
/// listed under `errors` with their message; no number is invented for them.
pub fn report(runs: &[AnalyzerRun]) -> Value {
    let mut metrics = Map::new();
    let mut signals = Vec::new();
    let mut errors = Map::new();
    let mut customer = Map::new();
    let mut segments = Vec::new();
    for run in runs {
        let name = run.plugin.name();
        let output = match &run.result {
            Ok(output) => output,
            Err(err) => {
                errors.insert(name.to_owned(), Value::String(err.to_string()));
                continue;
            }
        };
        for metric in &output.metrics {
            metrics.insert(metric.name.clone(), number(metric.value));
            if name == names::analyzer::SENTIMENT
                && let Some(key) = customer_key(&metric.name)
            {
                customer.insert(key.to_owned(), number(metric.value));
            }
        }
        for signal in &output.signals {
            if name == names::analyzer::SENTIMENT && signal.kind == names::signal::SENTIMENT {
                segments.push(json!({
                    "index": signal.segment,
                    "role": signal.role,
                    "label": signal.value,
                    "compound": signal.score,
                }));
                continue;
            }
            signals.push(json!({
                "analyzer": name,
                "kind": signal.kind,
                "value": signal.value,
                "role": signal.role,
                "segment": signal.segment,
                "offset_ms": signal.offset_ms,
            }));
        }
    }
    let mut report = json!({
        "metrics": metrics,
        "sentiment": { "customer": customer, "segments": segments },
        "signals": signals,
    });
    if !errors.is_empty() {
        report["errors"] = Value::Object(errors);
    }
    report
}

/// A whole number prints as an integer (milliseconds and counts read as
/// such); anything else as the f64 it is; absent as null.
fn number(value: Option<f64>) -> Value {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => Value::from(v as i64),
        Some(v) => Value::from(v),
        None => Value::Null,
    }
}

/// The key of a customer sentiment metric in the report's `customer`
/// object: `customer_positive_share` → `positive`, `customer_sentiment_score`
/// → `score`.
fn customer_key(name: &str) -> Option<&'static str> {
    match name {
        names::metric::CUSTOMER_POSITIVE_SHARE => Some("positive"),
        names::metric::CUSTOMER_NEUTRAL_SHARE => Some("neutral"),
        names::metric::CUSTOMER_NEGATIVE_SHARE => Some("negative"),
        names::metric::CUSTOMER_SENTIMENT_SCORE => Some("score"),
        _ => None,
    }
}
