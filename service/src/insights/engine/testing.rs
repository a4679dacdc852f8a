//! Builders and checks the tests of every rule share.

use std::collections::BTreeMap;

use super::{Insight, InsightInput, InsightKind, insights};
use crate::domain::{MetricStat, Period, TermKind, TermStat, default_ideal_ranges};

/// A metric with `calls` values averaging `mean`.
pub(super) fn stat(mean: f64, calls: u64) -> MetricStat {
    MetricStat {
        sum: mean * calls as f64,
        calls,
        in_ideal: 0,
    }
}

/// A period of `calls` calls, each with a value for every metric given.
pub(super) fn period(calls: u64, metrics: &[(&str, f64)]) -> Period {
    Period {
        calls,
        metrics: metrics
            .iter()
            .map(|&(name, mean)| (name.to_owned(), stat(mean, calls)))
            .collect(),
        terms: Vec::new(),
    }
}

/// A period of `calls` calls with only term mentions.
pub(super) fn mentions(calls: u64, terms: &[(TermKind, &str, u64)]) -> Period {
    Period {
        calls,
        metrics: BTreeMap::new(),
        terms: terms
            .iter()
            .map(|&(kind, term, mentions)| TermStat {
                kind,
                term: term.to_owned(),
                mentions,
                calls: mentions.min(calls),
                tracked: true,
            })
            .collect(),
    }
}

/// The insights of a seller against the default ideal ranges.
pub(super) fn run(current: &Period, previous: &Period, team: &Period) -> Vec<Insight> {
    let ideal = default_ideal_ranges();
    insights(&InsightInput {
        current,
        previous,
        team,
        ideal: &ideal,
    })
}

/// The insights of `kind`.
pub(super) fn of_kind(all: &[Insight], kind: InsightKind) -> Vec<Insight> {
    all.iter().filter(|i| i.kind == kind).cloned().collect()
}

/// The single insight of `kind` about `subject`, if any.
pub(super) fn find(all: &[Insight], kind: InsightKind, subject: &str) -> Option<Insight> {
    let found: Vec<_> = all
        .iter()
        .filter(|i| i.kind == kind && i.subject == subject)
        .cloned()
        .collect();
    assert!(found.len() <= 1, "duplicate insights: {found:?}");
    found.into_iter().next()
}

/// Equal up to float rounding.
pub(super) fn assert_close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "{actual} is not {expected}"
    );
}
