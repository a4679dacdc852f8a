//! `callsight-text-match`: the rules by which Callsight finds a tracked term
//! (a keyword, a competitor's name or alias) in what was said, written once
//! so that the keywords and competitors analyzers agree on every mention
//! (docs/metrics.md#matching-rules: "same matching rules").
//!
//! The rules:
//!
//! - **Case-insensitive** in every script: terms and text are compared in a
//!   folded form (Unicode lowercase, final sigma as sigma), so `Salesforce`,
//!   `SALESFORCE` and `salesforce` are one term, as are `ΣΟΦΊΑ` and `σοφία`.
//! - **Whitespace-normalised**: a multi-word term matches however many spaces,
//!   tabs or line breaks separate its words in the transcript.
//! - **Whole words**: a match must start on a word boundary (UAX #29, as
//!   [`unicode_segmentation`] computes it) and end on one, so `price` is not
//!   found in `priceless` nor `don` in `don't`.
//! - **Hangul, Han and Kana** (docs/metrics.md#matching-rules): particles attach to the noun they
//!   follow (`가격이`, `価格は`, `Zoom은`), so there a match at the *start* of
//!   a word counts even if the word goes on: the end need not be a boundary
//!   when the match ends in, or is followed by, a Hangul, Han or Kana letter.
//!   The start must still be a boundary: `가격` is not found in `원가격`.
//! - **Possessives**: UAX #29 makes `Gong's` one word, yet it mentions Gong,
//!   so a match followed by `'s` (or `’s`) and a boundary counts; other
//!   apostrophes keep words whole (`don` is not found in `don't`).
//! - **One pass**: all terms go into one Aho-Corasick automaton, built once
//!   per term set ([`TermSet::new`]); a search is one scan of the folded text.
//!   Among the matches that satisfy the boundary rules, the leftmost wins,
//!   then the longest, and matches never overlap: with the terms `sales` and
//!   `sales team`, `our sales team` gives one mention of `sales team`, and
//!   `our sales teams` one of `sales` (the longer term fails its boundary, so
//!   the shorter one at the same place is still found).
//!
//! [`WordClock`] maps a match's byte offset to the start time of the spoken
//! word it falls in, for transcripts with word timings; [`mention_signals`]
//! turns the mentions in a call into the plugin API's signals, with
//! [`offsets_ms`] for their moments.

mod fold;
mod script;
mod signals;
mod timing;

use std::cmp::Reverse;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use unicode_segmentation::UnicodeSegmentation;

pub use fold::normalize;
pub use script::attaches_particles;
pub use signals::{mention_signals, offsets_ms};
pub use timing::WordClock;

use crate::fold::Folded;

/// A term that is empty once whitespace is normalised; it would match
/// everywhere, so a term set refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmptyTerm {
    /// Position of the term in the list given to [`TermSet::new`].
    pub index: usize,
}

impl std::fmt::Display for EmptyTerm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "term {} is empty", self.index + 1)
    }
}

impl std::error::Error for EmptyTerm {}

/// One mention of a term in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index of the matched term in the list given to [`TermSet::new`]; when
    /// several terms normalise to the same form, the first of them.
    pub term: usize,
    /// Byte range of the mention in the searched text, as spoken (original
    /// case and spacing).
    pub range: Range<usize>,
}

/// A set of terms compiled into one automaton; cheap to share between
/// threads and to search with many times.
#[derive(Debug, Clone)]
pub struct TermSet {
    automaton: AhoCorasick,
    /// For each automaton pattern (a distinct normalised term), the index of
    /// the first term that has that form.
    pattern_term: Vec<usize>,
    len: usize,
}

impl TermSet {
    /// Compiles `terms` (single words or phrases, any case, any script).
    /// Terms that normalise to the same form are one pattern, reported as
    /// the first of them.
    pub fn new<I, S>(terms: I) -> Result<Self, EmptyTerm>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_term = Vec::new();
        let mut seen = std::collections::HashMap::new();
        let mut len = 0;
        for (index, term) in terms.into_iter().enumerate() {
            len = index + 1;
            let pattern = normalize(term.as_ref());
            if pattern.is_empty() {
                return Err(EmptyTerm { index });
            }
            if seen.contains_key(&pattern) {
                continue;
            }
            seen.insert(pattern.clone(), index);
            patterns.push(pattern);
            pattern_term.push(index);
        }
        // Standard semantics so that every candidate (including a shorter
        // term where a longer one fails its boundary) is seen; leftmost-
        // longest selection happens after the boundary rules, in `find`.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("patterns of a few thousand terms always compile");
        Ok(Self {
            automaton,
            pattern_term,
            len,
        })
    }

    /// Number of terms given to [`TermSet::new`], duplicates included.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.pattern_term.is_empty()
    }

    /// The mentions of the terms in `text`, in text order, non-overlapping.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let mut found = Vec::new();
        self.find_into(text, &mut found);
        found
    }

    /// Like [`TermSet::find`], appending to `out` (so a caller scanning many
    /// segments can reuse one vector).
    pub fn find_into(&self, text: &str, out: &mut Vec<Match>) {
        if self.pattern_term.is_empty() || text.is_empty() {
            return;
        }
        let folded = Folded::new(text);
        let mut candidates: Vec<Match> = Vec::new();
        let mut boundaries: Option<Vec<usize>> = None;
        for m in self.automaton.find_overlapping_iter(folded.text()) {
            let Some(range) = folded.original(m.start()..m.end()) else {
                continue;
            };
            let bounds = boundaries.get_or_insert_with(|| word_boundaries(text));
            if whole_word(text, &range, bounds) {
                candidates.push(Match {
                    term: self.pattern_term[m.pattern().as_usize()],
                    range,
                });
            }
        }
        candidates.sort_unstable_by_key(|m| (m.range.start, Reverse(m.range.end)));
        let mut taken_to = 0;
        for m in candidates {
            if m.range.start >= taken_to {
                taken_to = m.range.end;
                out.push(m);
            }
        }
    }
}

/// Byte offsets of the UAX #29 word boundaries of `text`, ascending, the end
/// of the text included.
fn word_boundaries(text: &str) -> Vec<usize> {
    let mut bounds: Vec<usize> = text.split_word_bound_indices().map(|(i, _)| i).collect();
    bounds.push(text.len());
    bounds
}

/// Whether `range` of `text` is a whole word by the rules of this crate.
fn whole_word(text: &str, range: &Range<usize>, bounds: &[usize]) -> bool {
    let is_bound = |at: usize| bounds.binary_search(&at).is_ok();
    if !is_bound(range.start) {
        return false;
    }
    if is_bound(range.end) {
        return true;
    }
    // The Hangul/Han/Kana rule: the word may go on after the match.
    let last = text[..range.end].chars().next_back();
    let next = text[range.end..].chars().next();
    if last.is_some_and(attaches_particles) || next.is_some_and(attaches_particles) {
        return true;
    }
    // The English possessive belongs to the name: "Gong's pricing".
    let rest = &text[range.end..];
    ["'s", "'S", "\u{2019}s", "\u{2019}S"]
        .iter()
        .find(|clitic| rest.starts_with(**clitic))
        .is_some_and(|clitic| is_bound(range.end + clitic.len()))
}
