//! How VADER reads a text: emoji replaced by their descriptions, then split
//! into tokens exactly as the reference's `SentiText` does.
//!
//! The reference is Python, and several of its string primitives differ
//! from Rust's at the edges; each is reproduced here rather than
//! approximated, because they decide which words are looked up:
//!
//! - `str.split()` splits at Python's whitespace, which is Rust's
//!   [`char::is_whitespace`] plus the four ASCII information separators
//!   U+001C–U+001F ([`is_python_space`]);
//! - `str.strip(string.punctuation)` trims the 32 ASCII punctuation
//!   characters, and `len` counts code points ([`strip_punctuation_if_word`]);
//! - `str.isupper()` wants a cased character and no lowercase or titlecase
//!   one ([`python_isupper`]);
//! - `str.lower()` is full Unicode lowercasing, as [`str::to_lowercase`]
//!   (both apply the final-sigma rule).

use std::borrow::Cow;
use std::ops::Range;

use crate::lexicon::{EMOJI, VOCABULARY, Word};

/// One token of a text, with what the scorer asks about it, computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct Token<'t> {
    /// The token as `SentiText` keeps it: punctuation trimmed off a word,
    /// an emoticon (≤ 2 characters once trimmed) left whole.
    pub text: &'t str,
    /// Lowercased: every comparison and lookup of the reference uses it.
    pub lower: Cow<'t, str>,
    /// Python's `text.isupper()`.
    pub upper: bool,
    /// Lexicon valence of `lower`.
    pub valence: Option<f64>,
    /// Booster/dampener scalar of `lower`.
    pub booster: Option<f64>,
    /// Whether the reference's `negated([word])` holds: a NEGATE word, or
    /// any word containing `n't`.
    pub negates: bool,
}

impl Token<'_> {
    /// Whether the lowercased token is `word`.
    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }

    /// Whether the lowercased token is one of `words`.
    pub fn is_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.lower == *w)
    }
}

/// Whether Python's `str.isspace()` holds for `c`: Unicode White_Space
/// (Rust's definition) and the ASCII separators FS, GS, RS and US, which
/// Python counts as whitespace because of their bidirectional class.
pub fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The 31 titlecase letters (general category Lt): Python's `isupper` is
/// false for a string holding one, and Rust has no `is_titlecase`.
fn is_titlecase(c: char) -> bool {
    matches!(
        c,
        '\u{1c5}'
            | '\u{1c8}'
            | '\u{1cb}'
            | '\u{1f2}'
            | '\u{1f88}'..='\u{1f8f}'
            | '\u{1f98}'..='\u{1f9f}'
            | '\u{1fa8}'..='\u{1faf}'
            | '\u{1fbc}'
            | '\u{1fcc}'
            | '\u{1ffc}'
    )
}

/// Python's `str.isupper()`: at least one uppercase character and none
/// lowercase or titlecase (`"WOW!"` and `"A1"` are upper, `":)"` is not).
pub fn python_isupper(s: &str) -> bool {
    if s.is_ascii() {
        let bytes = s.as_bytes();
        return bytes.iter().any(u8::is_ascii_uppercase)
            && !bytes.iter().any(u8::is_ascii_lowercase);
    }
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() || is_titlecase(c) {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

/// Python's `s.lower()`, borrowing when nothing changes.
fn python_lower(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            Cow::Borrowed(s)
        }
    } else {
        let lower = s.to_lowercase();
        if lower == s {
            Cow::Borrowed(s)
        } else {
            Cow::Owned(lower)
        }
    }
}

/// The reference's `_strip_punc_if_word`: trims leading and trailing ASCII
/// punctuation, unless that leaves two characters or fewer, in which case
/// the token was likely an emoticon (`:)`, `<3`) and is kept whole. So
/// `"good!"` becomes `good`, but `"ok!"` stays `ok!` (and is then not found
/// in the lexicon: that is the reference's behaviour).
pub fn strip_punctuation_if_word(token: &str) -> &str {
    &token[kept_range(token)]
}

/// The byte range of `token` that [`strip_punctuation_if_word`] keeps.
fn kept_range(token: &str) -> Range<usize> {
    // ASCII punctuation bytes never occur inside a multi-byte UTF-8
    // sequence, so trimming bytes keeps char boundaries.
    let bytes = token.as_bytes();
    let whole = 0..bytes.len();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last))
            if !first.is_ascii_punctuation() && !last.is_ascii_punctuation() =>
        {
            return whole;
        }
        _ => {}
    }
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_punctuation())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_punctuation())
        .map_or(start, |last| last + 1);
    let stripped = &bytes[start..end];
    // At most two code points: at most 8 bytes, and then counted.
    let short = stripped.len() <= 2
        || (stripped.len() <= 8
            && stripped
                .iter()
                .filter(|&&b| !is_utf8_continuation(b))
                .count()
                <= 2);
    if short { whole } else { start..end }
}

fn is_utf8_continuation(byte: u8) -> bool {
    byte & 0b1100_0000 == 0b1000_0000
}

/// Whether an ASCII byte is Python whitespace (HT, LF, VT, FF, CR, FS,
/// GS, RS, US, space).
fn is_python_space_byte(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | 0x1c..=b' ')
}

/// The text the reference scores: each emoji that has a description is
/// replaced by it, separated by a space from a preceding character other
/// than a space (the reference only tests for U+0020), and joined directly
/// to what follows (`"😀ok"` → `"grinning faceok"`). Texts without any
/// such emoji are borrowed. (The reference then strips the result, which
/// changes neither its tokens nor its `!` and `?` counts, so that step is
/// left out.)
pub fn replace_emoji(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(|c| EMOJI.contains_key(&c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut after_space = true;
    for c in text.chars() {
        if let Some(description) = EMOJI.get(&c) {
            if !after_space {
                out.push(' ');
            }
            out.push_str(description);
            after_space = false;
        } else {
            out.push(c);
            after_space = c == ' ';
        }
    }
    Cow::Owned(out)
}

/// A text as the reference's `SentiText` reads it: emoji replaced, then
/// split into [`Token`]s.
#[derive(Debug, Clone)]
pub struct SentiText<'t> {
    text: Cow<'t, str>,
    lowering: Lowering,
}

/// How a text's tokens are lowercased.
#[derive(Debug, Clone)]
enum Lowering {
    /// The text is ASCII: a token's lowercase form is the same byte range
    /// of the whole text lowercased once (`None`: the text has no
    /// capitals), with no allocation per token.
    Ascii(Option<String>),
    /// Token by token, as the reference does: Unicode lowercasing depends
    /// on context (final sigma), so the whole text cannot be lowercased at
    /// once.
    PerToken,
}

impl<'t> SentiText<'t> {
    pub fn new(text: &'t str) -> Self {
        let text = replace_emoji(text);
        let lowering = if !text.is_ascii() {
            Lowering::PerToken
        } else if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Lowering::Ascii(Some(text.to_ascii_lowercase()))
        } else {
            Lowering::Ascii(None)
        };
        Self { text, lowering }
    }

    /// The text scored: the input with its emoji replaced.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The reference's `words_and_emoticons`, with each token's lowercase
    /// form, capitalisation and vocabulary entry.
    pub fn tokens(&self) -> Vec<Token<'_>> {
        let text: &str = &self.text;
        match &self.lowering {
            Lowering::Ascii(lower) => {
                let lower = lower.as_deref().unwrap_or(text);
                let mut tokens = Vec::with_capacity(text.len() / 4 + 1);
                let bytes = text.as_bytes();
                let mut at = 0;
                while at < bytes.len() {
                    if is_python_space_byte(bytes[at]) {
                        at += 1;
                        continue;
                    }
                    let end = bytes[at..]
                        .iter()
                        .position(|&b| is_python_space_byte(b))
                        .map_or(bytes.len(), |n| at + n);
                    let kept = kept_range(&text[at..end]);
                    let range = at + kept.start..at + kept.end;
                    // ASCII lowercasing keeps byte offsets.
                    tokens.push(token(&text[range.clone()], Cow::Borrowed(&lower[range])));
                    at = end;
                }
                tokens
            }
            Lowering::PerToken => text
                .split(is_python_space)
                .filter(|t| !t.is_empty())
                .map(|raw| {
                    let kept = strip_punctuation_if_word(raw);
                    token(kept, python_lower(kept))
                })
                .collect(),
        }
    }
}

/// A token kept as `text`, lowercased as `lower`, with its lookups done.
fn token<'a>(text: &'a str, lower: Cow<'a, str>) -> Token<'a> {
    let word: Word = VOCABULARY.get(&*lower).copied().unwrap_or_default();
    Token {
        text,
        upper: python_isupper(text),
        valence: word.valence(),
        booster: word.booster(),
        negates: word.negation() || contains_nt(&lower),
        lower,
    }
}

/// Whether `word` contains `n't` (as `"n't" in word`), looking only around
/// its apostrophes: cheaper than a substring search, and most words have
/// none.
fn contains_nt(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\'')
        .any(|(i, _)| i > 0 && bytes[i - 1] == b'n' && bytes.get(i + 1) == Some(&b't'))
}

/// The tokens of `text` (emoji replaced), owned: for tests and tools.
pub fn token_texts(text: &str) -> Vec<String> {
    SentiText::new(text)
        .tokens()
        .into_iter()
        .map(|t| t.text.to_owned())
        .collect()
}

/// The reference's `allcap_differential`: whether some, but not all,
/// tokens are in ALL CAPS. Capitals only emphasise a word against others
/// that are not shouted.
pub fn allcap_differential(tokens: &[Token<'_>]) -> bool {
    let upper = tokens.iter().filter(|t| t.upper).count();
    upper > 0 && upper < tokens.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        token_texts(text)
    }

    /// The first token of `text`: lowercase, upper, valence, booster,
    /// negates.
    fn first(text: &str) -> (String, bool, Option<f64>, Option<f64>, bool) {
        let text = SentiText::new(text);
        let t = &text.tokens()[0];
        (
            t.lower.to_string(),
            t.upper,
            t.valence,
            t.booster,
            t.negates,
        )
    }

    fn caps(text: &str) -> bool {
        allcap_differential(&SentiText::new(text).tokens())
    }

    #[test]
    fn python_whitespace_is_rust_whitespace_and_the_ascii_separators() {
        // Every code point for which Python 3.11's str.isspace() is true.
        let python: Vec<u32> = vec![
            0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000,
            0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
            0x2029, 0x202f, 0x205f, 0x3000,
        ];
        let rust: Vec<u32> = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| is_python_space(c))
            .map(u32::from)
            .collect();
        assert_eq!(rust, python);
    }

    #[test]
    fn punctuation_is_stripped_from_words_but_not_from_emoticons() {
        assert_eq!(
            texts("Good!! :) (great) ok! <3 'tis \"fine\", :-D ..."),
            [
                "Good", ":)", "great", "ok!", "<3", "tis", "fine", ":-D", "..."
            ]
        );
        // Code points, not bytes, decide: "été" keeps its three letters.
        assert_eq!(texts("été! ça!"), ["été", "ça!"]);
        // Python whitespace separates tokens, including U+001F.
        assert_eq!(texts("a\u{1f}b\u{a0}c\u{3000}d"), ["a", "b", "c", "d"]);
    }

    #[test]
    fn isupper_follows_python() {
        assert!(python_isupper("WOW"));
        assert!(python_isupper("A1!"));
        assert!(python_isupper("ÉTÉ"));
        assert!(!python_isupper("Wow"));
        assert!(!python_isupper(":)"));
        assert!(!python_isupper("123"));
        assert!(!python_isupper("ǅ"), "titlecase is not upper");
        assert!(!python_isupper(""));
    }

    #[test]
    fn tokens_carry_their_lowercase_and_vocabulary() {
        let (lower, upper, valence, booster, _) = first("VERY Good");
        assert_eq!((lower.as_str(), upper, valence), ("very", true, None));
        assert!(booster.is_some());
        let (lower, upper, valence, booster, _) = first("Good VERY");
        assert_eq!((lower.as_str(), upper, valence), ("good", false, Some(1.9)));
        assert!(booster.is_none());
        // Non-ASCII texts are lowercased token by token.
        let (lower, upper, ..) = first("ÉTÉ très");
        assert_eq!((lower.as_str(), upper), ("été", true));
        assert!(first("wouldn't").4);
        assert!(first("NEVER").4);
        assert!(!first("no").4);
        assert!(first("ain't").4 && first("didn't've").4 && first("n'tx").4);
        assert!(first("n't").4);
        assert!(!contains_nt("'nt") && !contains_nt("don’t") && !contains_nt("n'"));
    }

    #[test]
    fn ascii_and_unicode_paths_agree() {
        for text in [
            "Hello, World!! :) it's GREAT",
            "a\u{1f}b  c\td",
            "ok! (fine) ...",
        ] {
            let unicode = format!("{text} é");
            let mut expected = token_texts(text);
            expected.push("é".into());
            assert_eq!(token_texts(&unicode), expected);
        }
    }

    #[test]
    fn caps_differential_needs_some_but_not_all_caps() {
        assert!(caps("GREAT day"));
        assert!(!caps("GREAT DAY"));
        assert!(!caps("great day"));
        assert!(!caps(""));
    }

    #[test]
    fn emoji_become_their_descriptions() {
        assert_eq!(replace_emoji("so 😀"), "so grinning face");
        assert_eq!(replace_emoji("so😀ok"), "so grinning faceok");
        assert_eq!(replace_emoji("😀😀"), "grinning face grinning face");
        // A tab is not the space the reference tests for.
        assert_eq!(replace_emoji("a\t😀"), "a\t grinning face");
        assert!(matches!(replace_emoji("plain"), Cow::Borrowed(_)));
        assert!(matches!(replace_emoji("café"), Cow::Borrowed(_)));
    }
}
