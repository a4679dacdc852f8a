//! The folded form in which terms and text are compared: lowercase, final
//! sigma folded to sigma, every run of whitespace one space. Searching the
//! folded text needs a way back to the original bytes, so [`Folded`] keeps,
//! for each folded byte, where in the original its character came from.

use std::ops::Range;

/// The folded form of a term: what [`crate::TermSet`] compares. Leading and
/// trailing whitespace is dropped, so an all-blank term folds to `""`.
pub fn normalize(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    let mut pending_space = false;
    for c in term.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        push_folded(c, &mut out);
    }
    out
}

/// Appends the folded form of `c`.
#[inline]
fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lower in c.to_lowercase() {
        // Lowercasing alone leaves word-final ς apart from σ; case folding
        // makes them one letter, and so does this.
        out.push(if lower == 'ς' { 'σ' } else { lower });
    }
}

/// A text in folded form, with the way back to the original's byte offsets.
pub(crate) struct Folded {
    text: String,
    /// `origin[i]`: original byte offset of the character that produced
    /// folded byte `i`; one more entry for the end of the text.
    origin: Vec<u32>,
}

impl Folded {
    pub(crate) fn new(original: &str) -> Self {
        assert!(
            u32::try_from(original.len()).is_ok(),
            "segment text over 4 GiB"
        );
        let mut text = String::with_capacity(original.len() + 8);
        let mut origin = Vec::with_capacity(original.len() + 9);
        let mut in_space = false;
        for (at, c) in original.char_indices() {
            if c.is_whitespace() {
                if !in_space {
                    text.push(' ');
                    origin.push(at as u32);
                    in_space = true;
                }
                continue;
            }
            in_space = false;
            let before = text.len();
            push_folded(c, &mut text);
            origin.resize(text.len(), at as u32);
            debug_assert!(text.len() > before);
        }
        origin.push(original.len() as u32);
        Self { text, origin }
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The original byte range of folded `range`, or `None` when an end
    /// falls inside the folding of one original character (e.g. half of
    /// what `İ` lowercases to), which is no place for a word to start or end.
    pub(crate) fn original(&self, range: Range<usize>) -> Option<Range<usize>> {
        let aligned = |at: usize| at == 0 || self.origin[at] != self.origin[at - 1];
        (aligned(range.start) && aligned(range.end))
            .then(|| self.origin[range.start] as usize..self.origin[range.end] as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_and_space() {
        assert_eq!(normalize("  Price\t\tIncrease \n"), "price increase");
        assert_eq!(normalize("ΟΔΟΣ"), "οδοσ");
        assert_eq!(normalize("οδός"), "οδόσ");
        assert_eq!(normalize(" \t "), "");
    }

    #[test]
    fn folded_maps_back_to_original_bytes() {
        let original = "Ünïted   Stätes";
        let folded = Folded::new(original);
        assert_eq!(folded.text(), "ünïted stätes");
        let start = folded.text().find("stätes").unwrap();
        let range = folded.original(start..folded.text().len()).unwrap();
        assert_eq!(&original[range], "Stätes");
    }

    #[test]
    fn no_range_inside_one_characters_folding() {
        // 'İ' lowercases to "i\u{307}": a match of "i" alone ends inside it.
        let folded = Folded::new("İx");
        assert_eq!(folded.text(), "i\u{307}x");
        assert_eq!(folded.original(0..1), None);
        assert_eq!(folded.original(0..3), Some(0..2));
    }
}
