//! Running an analyzer as the host runs it, and reading what it returned.

use callsight_plugin_api::names::metric::{direction_of, unit_of};
use callsight_plugin_api::{
    Analyzer, AnalyzerError, AnalyzerInfo, CallData, Metric, Output, Role, Signal,
};

/// `analyzer` on `call`, laid out as the host lays it out.
pub fn analyze<A: Analyzer>(analyzer: &A, call: &CallData) -> Result<Output, AnalyzerError> {
    analyzer.analyze(&call.layout().view())
}

/// The metric called `name`; panics when the output has none.
pub fn metric<'o>(output: &'o Output, name: &str) -> &'o Metric {
    output
        .metrics
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no metric {name:?} in {:?}", output.metrics))
}

/// The signals of `kind`, in output order.
pub fn of_kind<'o>(output: &'o Output, kind: &str) -> Vec<&'o Signal> {
    output.signals.iter().filter(|s| s.kind == kind).collect()
}

/// (value, label, role, segment, offset_ms) of each signal of `kind`: what
/// a term mention (a keyword, a competitor) says.
pub fn mentions<'o>(output: &'o Output, kind: &str) -> Vec<(&'o str, &'o str, Role, u32, i64)> {
    of_kind(output, kind)
        .into_iter()
        .map(|s| {
            (
                s.value.as_str(),
                s.label.as_deref().unwrap(),
                s.role.unwrap(),
                s.segment.unwrap(),
                s.offset_ms.unwrap(),
            )
        })
        .collect()
}

/// Panics unless every metric `info` declares is a built-in one with the
/// unit and direction the built-in table gives it: the service formats,
/// compares and ranks a metric by that table, so an analyzer must not
/// declare another.
pub fn assert_built_in_units(info: &AnalyzerInfo) {
    for spec in &info.metrics {
        assert_eq!(
            (unit_of(&spec.name).as_ref(), direction_of(&spec.name)),
            (Some(&spec.unit), Some(spec.direction)),
            "metric {:?} of {:?}",
            spec.name,
            info.name
        );
    }
}
