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
    /// Whether a tracked list (the organisation's, a team's or a call's)
    /// found it, rather than only the key-phrase extractor.
    pub tracked: bool,
}

/// Where a term on the seller page comes from, so a client can show the
/// keywords someone asked to track apart from the phrases found in calls
/// (docs/metrics.md#terms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermSource {
    /// The organisation's tracked keywords (the keywords analyzer's list).
    Organization,
    /// The tracked keywords of the seller's team (their manager's list).
    Team,
    /// Tracked for single calls only.
    Call,
    /// A competitor's canonical name.
    Competitor,
    /// Found in what customers said, by the key-phrase extractor.
    Automatic,
}

impl TermSource {
    /// The source of `stat` given the organisation's and the seller's
    /// team's tracked lists; terms compare by their words, in any case.
    pub fn of(
        stat_kind: TermKind,
        tracked: bool,
        term: &str,
        org: &[String],
        team: &[String],
    ) -> Self {
        let words = same_words(term);
        let listed = |list: &[String]| list.iter().any(|t| same_words(t) == words);
        match stat_kind {
            TermKind::Competitor => Self::Competitor,
            TermKind::Keyword if !tracked => Self::Automatic,
            TermKind::Keyword if listed(org) => Self::Organization,
            TermKind::Keyword if listed(team) => Self::Team,
            TermKind::Keyword => Self::Call,
        }
    }
}

/// A term's words in lower case, single-spaced: how terms found by
/// different lists or analyzers are compared ("Live  Calls" is "live calls").
pub fn same_words(term: &str) -> String {
    term.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_says_which_list_tracks_it() {
        let org = vec!["Onboarding".to_owned()];
        let team = vec!["live  calls".to_owned(), "onboarding".to_owned()];
        let of = |kind, tracked, term| TermSource::of(kind, tracked, term, &org, &team);
        assert_eq!(
            of(TermKind::Keyword, true, "onboarding"),
            TermSource::Organization
        );
        assert_eq!(of(TermKind::Keyword, true, "Live calls"), TermSource::Team);
        assert_eq!(of(TermKind::Keyword, true, "renewal"), TermSource::Call);
        assert_eq!(
            of(TermKind::Keyword, false, "onboarding"),
            TermSource::Automatic
        );
        assert_eq!(
            of(TermKind::Competitor, true, "Gong"),
            TermSource::Competitor
        );
    }
}
