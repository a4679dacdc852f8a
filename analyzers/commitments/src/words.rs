//! A sentence as the cue rules read it: lowercase words with contractions
//! spelled out, each tied to its span in the original text.
//!
//! The rules compare whole words, so "I'll", "I will" and "I’ll" (curly
//! apostrophe) must look the same to them: "i'll" becomes the two words
//! `i will`, "can't" `can not`, "let's" `let us`, "gonna" `going to`. The
//! normalised words are kept space-separated in one buffer, which is also
//! what an organisation's extra phrases are matched against, so a phrase
//! written "we’ll revert" matches "We will revert".
//!
//! One [`Words`] is reused for every sentence of a call: filling it
//! allocates nothing once its buffers have grown.

use std::ops::Range;

/// One normalised word.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    /// Bytes of the word in [`Words::normalized`].
    norm: Range<usize>,
    /// Bytes of the original word in the sentence; the two halves of a
    /// contraction share their word's span.
    span: Range<usize>,
    /// First word of the sentence or of a clause (after `, ; : ( —`).
    clause_start: bool,
}

/// The words of one sentence.
#[derive(Debug, Default, Clone)]
pub struct Words {
    normalized: String,
    words: Vec<Word>,
    /// The lowercase form of the word being read.
    scratch: String,
}

/// Whether `c` joins the characters on either side into one word
/// (apostrophes in "don't", hyphens in "follow-up", "sign-off").
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '-')
}

/// Whether `c` ends a clause, so that the next word may start an
/// imperative ("Thursday works, send me an invite").
fn is_clause_mark(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '(' | '—' | '–')
}

impl Words {
    /// Reads `sentence` into words, replacing what was there.
    pub fn fill(&mut self, sentence: &str) {
        self.normalized.clear();
        self.words.clear();
        let mut clause_start = true;
        let mut chars = sentence.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !c.is_alphanumeric() {
                clause_start |= is_clause_mark(c);
                continue;
            }
            // A word: alphanumerics, joined by apostrophes and hyphens that
            // have an alphanumeric on both sides.
            self.scratch.clear();
            push_lower(&mut self.scratch, c);
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                if next.is_alphanumeric() {
                    push_lower(&mut self.scratch, next);
                } else if is_joiner(next)
                    && sentence[i + next.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                {
                    self.scratch.push(if next == '-' { '-' } else { '\'' });
                } else {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            self.push_expanded(start..end, clause_start);
            clause_start = false;
        }
    }

    /// Pushes the word in `scratch`, spelling out a contraction as two
    /// words with the same span.
    fn push_expanded(&mut self, span: Range<usize>, clause_start: bool) {
        let word = std::mem::take(&mut self.scratch);
        match expand(&word) {
            Some((first, second)) => {
                self.push(first, span.clone(), clause_start);
                self.push(second, span, false);
            }
            None => self.push(&word, span, clause_start),
        }
        self.scratch = word;
    }

    fn push(&mut self, word: &str, span: Range<usize>, clause_start: bool) {
        if !self.normalized.is_empty() {
            self.normalized.push(' ');
        }
        let start = self.normalized.len();
        self.normalized.push_str(word);
        self.words.push(Word {
            norm: start..self.normalized.len(),
            span,
            clause_start,
        });
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the sentence has no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The normalised word at `i`, or `""` past the end, so that rules can
    /// look ahead without bounds checks.
    pub fn get(&self, i: usize) -> &str {
        self.words
            .get(i)
            .map_or("", |w| &self.normalized[w.norm.clone()])
    }

    /// Bytes of the original text covered by words `first..=last`.
    pub fn span(&self, first: usize, last: usize) -> Range<usize> {
        self.words[first].span.start..self.words[last].span.end
    }

    /// Whether word `i` starts the sentence or a clause.
    pub fn starts_clause(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| w.clause_start)
    }

    /// All words, lowercase, contractions spelled out, separated by one
    /// space.
    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    /// The word whose normalised form starts at byte `offset` of
    /// [`Self::normalized`], if one does.
    pub fn word_starting_at(&self, offset: usize) -> Option<usize> {
        self.words
            .binary_search_by_key(&offset, |w| w.norm.start)
            .ok()
    }

    /// The word whose normalised form ends at byte `offset` of
    /// [`Self::normalized`], if one does.
    pub fn word_ending_at(&self, offset: usize) -> Option<usize> {
        self.words
            .binary_search_by_key(&offset, |w| w.norm.end)
            .ok()
    }
}

fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// The two words a contraction stands for, if `word` is one the rules care
/// about. "'s" after a noun is a possessive and stays; "'d" is read as
/// "would", the reading that matters for hypotheticals ("I'd have to").
fn expand(word: &str) -> Option<(&str, &'static str)> {
    match word {
        "gonna" => return Some(("going", "to")),
        "wanna" => return Some(("want", "to")),
        "gotta" => return Some(("got", "to")),
        "won't" => return Some(("will", "not")),
        "can't" => return Some(("can", "not")),
        "cannot" => return Some(("can", "not")),
        "shan't" => return Some(("shall", "not")),
        "let's" => return Some(("let", "us")),
        _ => {}
    }
    let (stem, suffix) = word.rsplit_once('\'')?;
    let second = match suffix {
        "ll" => "will",
        "m" => "am",
        "re" => "are",
        "ve" => "have",
        "d" => "would",
        "t" => return stem.strip_suffix('n').map(|stem| (stem, "not")),
        "s" if matches!(
            stem,
            "it" | "that" | "there" | "what" | "he" | "she" | "who" | "here" | "where" | "how"
        ) =>
        {
            "is"
        }
        _ => return None,
    };
    Some((stem, second))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut w = Words::default();
        w.fill(text);
        (0..w.len()).map(|i| w.get(i).to_owned()).collect()
    }

    #[test]
    fn contractions_are_spelled_out() {
        assert_eq!(
            words("I'll send it, we’re gonna sign. Can't won't don't let's"),
            [
                "i", "will", "send", "it", "we", "are", "going", "to", "sign", "can", "not",
                "will", "not", "do", "not", "let", "us"
            ]
        );
        assert_eq!(
            words("Dana's deck, it's fine"),
            ["dana's", "deck", "it", "is", "fine"]
        );
    }

    #[test]
    fn hyphens_and_apostrophes_join_only_inside_words() {
        assert_eq!(
            words("follow-up - 'quoted' sign-off"),
            ["follow-up", "quoted", "sign-off"]
        );
        assert_eq!(words("ÉTÉ Größe 15th"), ["été", "größe", "15th"]);
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "OK, I’ll send it";
        let mut w = Words::default();
        w.fill(text);
        assert_eq!(w.normalized(), "ok i will send it");
        assert_eq!(&text[w.span(1, 3)], "I’ll send");
        assert!(w.starts_clause(0) && w.starts_clause(1) && !w.starts_clause(3));
        assert_eq!(w.word_starting_at(5), Some(2));
        assert_eq!(w.word_ending_at(9), Some(2));
        assert_eq!(w.get(99), "");
    }
}
