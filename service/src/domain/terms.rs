//! Terms the customer mentions on calls: tracked keywords and competitors,
//! counted per period (docs/metrics.md#terms).

/// Whether a term is a tracked keyword or a competitor name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermKind {
    /// A tracked keyword or key phrase.
    Keyword,
    /// A competitor's canonical name.
    Competitor,
}

/// Mentions of one term over a period (customer keywords, competitor names).
#[derive(Debug, Clone, PartialEq)]
pub struct TermStat {
    /// Keyword or competitor.
    pub kind: TermKind,
    /// The keyword, or the competitor's canonical name.
    pub term: String,
    /// Mentions in all calls of the period.
    pub mentions: u64,
    /// Calls of the period that mention the term at least once.
    pub calls: u64,
}
