//! Splitting a segment's text into sentences, and their question marks.
//!
//! A sentence ends at a run of terminators (`. ! ? ！ ？ 。 …`, with any
//! closing quotes or brackets after them) or at a line end. A sentence is
//! *marked* as a question when its terminating run holds `?` or `？`;
//! [`crate::questions`] decides from the mark and the words whether it asks
//! something.
//!
//! Question marks and exclamation marks always end a sentence, so every run
//! that docs/metrics.md#questions counts as a question (a maximal run of `? ？ ! ！`
//! holding a question mark) ends exactly one marked sentence here, except in
//! two cases, both rare in transcripts:
//!
//! 1. a run with no letter or digit before it since the previous sentence
//!    end ("Really? ?", a segment that is only "?", or "pricing\n?"): rule 8
//!    counts it, but there is no sentence to show, so it is not one here;
//! 2. question marks separated only by characters that rule 8 does not put
//!    in a run but that extend a terminating run here (`.`, `。`, `…`,
//!    closing quotes): "Sure?.?" is two questions for rule 8 and one
//!    marked sentence here.
//!
//! Full stops are ambiguous, and are read cheaply: a run of only `.`/`…`
//! does not end a sentence when it is followed by a non-space ("3.5",
//! "U.S.A", "callsight.io"), when the next word starts lowercase or with a
//! digit ("e.g. territory", "so... we'll see", "approx. 10"), or after a
//! title ("Mr.", "Dr.", "vs.") or a dotted abbreviation ("e.g.", "U.S.").

use std::ops::Range;

/// A sentence of a segment's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Bytes of the sentence in the text, without surrounding whitespace;
    /// it includes its terminating run.
    pub range: Range<usize>,
    /// Whether its terminating run holds a question mark.
    pub question: bool,
}

/// The sentences of `text` holding at least one letter or digit, in order.
pub fn split(text: &str) -> Sentences<'_> {
    Sentences { text, pos: 0 }
}

/// Iterator returned by [`split`].
#[derive(Debug, Clone)]
pub struct Sentences<'a> {
    text: &'a str,
    /// Where the next sentence starts.
    pos: usize,
}

impl Iterator for Sentences<'_> {
    type Item = Sentence;

    fn next(&mut self) -> Option<Sentence> {
        while self.pos < self.text.len() {
            let start = self.pos;
            let (end, question) = self.sentence_end(start);
            self.pos = end;
            if let Some(sentence) = trimmed(self.text, start..end, question) {
                return Some(sentence);
            }
        }
        None
    }
}

impl Sentences<'_> {
    /// End of the sentence starting at `start` (past its terminators), and
    /// whether it is a question.
    fn sentence_end(&self, start: usize) -> (usize, bool) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = start;
        while i < text.len() {
            // Only ASCII bytes and the lead bytes of the non-ASCII marks can
            // start a terminator; skip everything else byte by byte.
            let b = bytes[i];
            if b.is_ascii() && !matches!(b, b'.' | b'!' | b'?' | b'\n' | b'\r')
                || is_continuation(b)
            {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().expect("on a char boundary");
            if c == '\n' || c == '\r' {
                return (i + 1, false);
            }
            if !is_terminator(c) {
                i += c.len_utf8();
                continue;
            }
            let (run_end, question, only_dots) = terminating_run(text, i);
            if !only_dots || dots_end_sentence(text, start, i, run_end) {
                return (run_end, question);
            }
            i = run_end;
        }
        (text.len(), false)
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '！' | '？' | '。' | '…')
}

fn is_question_mark(c: char) -> bool {
    matches!(c, '?' | '？')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '」' | '』' | '）')
}

/// The run of terminators (then closers) starting at `i`: its end, whether
/// it holds a question mark, whether it is only full stops and ellipses.
fn terminating_run(text: &str, i: usize) -> (usize, bool, bool) {
    let mut question = false;
    let mut only_dots = true;
    let mut end = i;
    let mut closing = false;
    for c in text[i..].chars() {
        if !closing && is_terminator(c) {
            question |= is_question_mark(c);
            only_dots &= matches!(c, '.' | '…');
        } else if is_closer(c) {
            closing = true;
        } else {
            break;
        }
        end += c.len_utf8();
    }
    (end, question, only_dots)
}

/// Titles that a full stop follows inside a sentence ("Mr. Patel").
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "mt", "approx", "dept", "ca",
];

/// Whether the full stops at `dot..run_end` end the sentence that starts at
/// `start`.
fn dots_end_sentence(text: &str, start: usize, dot: usize, run_end: usize) -> bool {
    let rest = &text[run_end..];
    match rest.chars().next() {
        None => return true,
        Some(c) if !c.is_whitespace() => return false,
        Some(_) => {}
    }
    if let Some(next) = rest.trim_start().chars().next()
        && (next.is_lowercase() || next.is_numeric())
    {
        return false;
    }
    // The letters just before the first dot.
    let before = &text[start..dot];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    let dotted = before[..word_start].ends_with('.') && word.chars().count() == 1;
    !(dotted || TITLES.iter().any(|t| word.eq_ignore_ascii_case(t)))
}

/// `range` without surrounding whitespace, if it holds a letter or digit.
fn trimmed(text: &str, range: Range<usize>, question: bool) -> Option<Sentence> {
    let slice = &text[range.clone()];
    let body = slice.trim_start();
    let start = range.start + (slice.len() - body.len());
    let body = body.trim_end();
    body.chars().any(char::is_alphanumeric).then(|| Sentence {
        range: start..start + body.len(),
        question,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<(&str, bool)> {
        split(text).map(|s| (&text[s.range], s.question)).collect()
    }

    #[test]
    fn terminators_and_line_ends_split() {
        assert_eq!(
            sentences("Hi there. How are you?? Great!\nNext line"),
            [
                ("Hi there.", false),
                ("How are you??", true),
                ("Great!", false),
                ("Next line", false)
            ]
        );
        assert_eq!(
            sentences("価格は？本当！？了解。"),
            [("価格は？", true), ("本当！？", true), ("了解。", false)]
        );
        assert_eq!(
            sentences("What?!? Ok?!"),
            [("What?!?", true), ("Ok?!", true)]
        );
    }

    #[test]
    fn closers_stay_with_their_sentence() {
        assert_eq!(
            sentences("He asked \"why?\" and left."),
            [("He asked \"why?\"", true), ("and left.", false)]
        );
    }

    #[test]
    fn abbreviations_decimals_and_lowercase_continuations_do_not_split() {
        assert_eq!(
            sentences("Mr. Patel paid 3.5 times more, e.g. for U.S. seats. So... we wait. Done"),
            [
                ("Mr. Patel paid 3.5 times more, e.g. for U.S. seats.", false),
                ("So... we wait.", false),
                ("Done", false)
            ]
        );
        assert_eq!(
            sentences("See callsight.io. Then"),
            [("See callsight.io.", false), ("Then", false)]
        );
    }

    #[test]
    fn sentences_without_words_are_dropped() {
        assert_eq!(sentences("  ?  ... \n"), []);
        assert_eq!(sentences("Really? ?"), [("Really?", true)]);
        assert_eq!(sentences(""), []);
    }
}
