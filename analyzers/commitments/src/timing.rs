//! When a sentence was said: the start of its first timed word.
//!
//! Word timings come as a list beside the segment's text, not as offsets
//! into it, so the words are first aligned with the text: each word's
//! letters are looked for in order, a short way ahead of the previous one.
//! Importers build the text from the words, so this finds them all in
//! practice; a word that cannot be found (a different spelling, a
//! punctuation-only word) is left unaligned and its neighbours carry the
//! sentence. A sentence with no aligned word is placed by its share of the
//! segment's whitespace-separated words instead.

use std::ops::Range;

use callsight_plugin_api::SegmentView;

/// How far past the previous word a word may be found, in bytes. Bounds
/// the search, so that an unmatched word costs little and cannot pull the
/// alignment far ahead onto a later occurrence.
const WINDOW: usize = 64;

/// A segment's word timings, aligned with its text.
#[derive(Debug, Clone, Default)]
pub struct Timing {
    /// Per word: its byte offset in the text (if found), start and end.
    words: Vec<(Option<usize>, i64, i64)>,
}

/// Where and how long a sentence is, in ms from the call's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub offset_ms: i64,
    /// From the first word's start to the last word's end; known only with
    /// word timings.
    pub duration_ms: Option<i64>,
}

impl Timing {
    /// Aligns the segment's timed words with its text; `None` when the
    /// segment has no word timings.
    pub fn of(segment: &SegmentView<'_>) -> Option<Self> {
        let text = segment.text();
        let words = segment.words()?;
        let mut cursor = 0;
        let aligned = words
            .map(|word| {
                let core = word.text().trim_matches(|c: char| !c.is_alphanumeric());
                let found = (!core.is_empty())
                    .then(|| find_near(text, cursor, core))
                    .flatten();
                if let Some(at) = found {
                    cursor = at + core.len();
                }
                (found, word.start_ms(), word.end_ms())
            })
            .collect();
        Some(Self { words: aligned })
    }

    /// Where the sentence at `range` of `text` (the segment's text) was said.
    pub fn place(&self, text: &str, range: Range<usize>) -> Option<Placement> {
        let mut inside = self
            .words
            .iter()
            .filter(|(at, _, _)| at.is_some_and(|at| range.contains(&at)));
        if let Some(&(_, start, end)) = inside.next() {
            let end = inside.next_back().map_or(end, |&(_, _, end)| end);
            return Some(Placement {
                offset_ms: start,
                duration_ms: Some(end.saturating_sub(start).max(0)),
            });
        }
        // No aligned word: place the sentence by its share of the words.
        let before = text[..range.start].split_whitespace().count();
        let total = text.split_whitespace().count().max(1);
        let index = before * self.words.len() / total;
        self.words.get(index).map(|&(_, start, _)| Placement {
            offset_ms: start,
            duration_ms: None,
        })
    }
}

/// Byte offset of `needle` in `text` at most [`WINDOW`] bytes past `from`.
fn find_near(text: &str, from: usize, needle: &str) -> Option<usize> {
    let mut end = (from + WINDOW + needle.len()).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(from..end)?.find(needle).map(|at| from + at)
}
