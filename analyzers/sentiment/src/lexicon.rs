//! VADER's word lists: the sentiment lexicon, the booster/dampener
//! dictionary, the negation words, the idioms and the emoji descriptions.
//!
//! The two data files are compiled in (`include_str!`) so the plugin is one
//! self-contained library; both are the VADER project's own, MIT-licensed
//! (`vader_LICENSE.txt` beside them):
//!
//! - `vader_lexicon.txt`: the current lexicon, as shipped with
//!   vaderSentiment 3.3.2 (same entries as `shared/data/vader`);
//! - `emoji_utf8_lexicon.txt`: vaderSentiment 3.3.2's emoji → description
//!   table, copied verbatim from its PyPI distribution. The reference
//!   replaces each emoji by its description before scoring, so the table is
//!   needed to score emoji as it does.
//!
//! Each file is parsed once, on first use. Every per-word question the
//! scorer asks (lexicon valence, booster scalar, negation) is answered by
//! one hash lookup in [`VOCABULARY`], keyed by the lowercased word.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Empirically derived mean increase of intensity for a booster word.
pub const B_INCR: f64 = 0.293;
/// Empirically derived mean decrease of intensity for a dampener word.
pub const B_DECR: f64 = -0.293;
/// Empirically derived increase of intensity for a word in ALL CAPS among
/// words that are not.
pub const C_INCR: f64 = 0.733;
/// Factor applied to the valence of a negated word.
pub const N_SCALAR: f64 = -0.74;

const LEXICON_FILE: &str = include_str!("vader_lexicon.txt");
const EMOJI_FILE: &str = include_str!("emoji_utf8_lexicon.txt");

/// Words that negate the sentiment of a word up to three places after them
/// (the reference's `NEGATE`). Any word containing `n't` negates too.
pub const NEGATE: &[&str] = &[
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

/// Degree adverbs that raise (`B_INCR`) or lower (`B_DECR`) the intensity
/// of a sentiment word after them (the reference's `BOOSTER_DICT`). The
/// two-word entries only take effect through the idiom check, which joins
/// neighbouring words; a single token never contains a space.
pub const BOOSTER_DICT: &[(&str, f64)] = &[
    ("absolutely", B_INCR),
    ("amazingly", B_INCR),
    ("awfully", B_INCR),
    ("completely", B_INCR),
    ("considerable", B_INCR),
    ("considerably", B_INCR),
    ("decidedly", B_INCR),
    ("deeply", B_INCR),
    ("effing", B_INCR),
    ("enormous", B_INCR),
    ("enormously", B_INCR),
    ("entirely", B_INCR),
    ("especially", B_INCR),
    ("exceptional", B_INCR),
    ("exceptionally", B_INCR),
    ("extreme", B_INCR),
    ("extremely", B_INCR),
    ("fabulously", B_INCR),
    ("flipping", B_INCR),
    ("flippin", B_INCR),
    ("frackin", B_INCR),
    ("fracking", B_INCR),
    ("fricking", B_INCR),
    ("frickin", B_INCR),
    ("frigging", B_INCR),
    ("friggin", B_INCR),
    ("fully", B_INCR),
    ("fuckin", B_INCR),
    ("fucking", B_INCR),
    ("fuggin", B_INCR),
    ("fugging", B_INCR),
    ("greatly", B_INCR),
    ("hella", B_INCR),
    ("highly", B_INCR),
    ("hugely", B_INCR),
    ("incredible", B_INCR),
    ("incredibly", B_INCR),
    ("intensely", B_INCR),
    ("major", B_INCR),
    ("majorly", B_INCR),
    ("more", B_INCR),
    ("most", B_INCR),
    ("particularly", B_INCR),
    ("purely", B_INCR),
    ("quite", B_INCR),
    ("really", B_INCR),
    ("remarkably", B_INCR),
    ("so", B_INCR),
    ("substantially", B_INCR),
    ("thoroughly", B_INCR),
    ("total", B_INCR),
    ("totally", B_INCR),
    ("tremendous", B_INCR),
    ("tremendously", B_INCR),
    ("uber", B_INCR),
    ("unbelievably", B_INCR),
    ("unusually", B_INCR),
    ("utter", B_INCR),
    ("utterly", B_INCR),
    ("very", B_INCR),
    ("almost", B_DECR),
    ("barely", B_DECR),
    ("hardly", B_DECR),
    ("just enough", B_DECR),
    ("kind of", B_DECR),
    ("kinda", B_DECR),
    ("kindof", B_DECR),
    ("kind-of", B_DECR),
    ("less", B_DECR),
    ("little", B_DECR),
    ("marginal", B_DECR),
    ("marginally", B_DECR),
    ("occasional", B_DECR),
    ("occasionally", B_DECR),
    ("partly", B_DECR),
    ("scarce", B_DECR),
    ("scarcely", B_DECR),
    ("slight", B_DECR),
    ("slightly", B_DECR),
    ("somewhat", B_DECR),
    ("sort of", B_DECR),
    ("sorta", B_DECR),
    ("sortof", B_DECR),
    ("sort-of", B_DECR),
];

/// Idioms and phrases around lexicon words whose valence replaces the
/// word's (the reference's `SPECIAL_CASES`), as word sequences. The
/// reference also lists `badass` here, a single word: its idiom check only
/// looks at sequences of two or three words, so that entry never matches
/// (`badass` scores by its lexicon entry); it is kept for fidelity.
pub const SPECIAL_CASES: &[(&[&str], f64)] = &[
    (&["the", "shit"], 3.0),
    (&["the", "bomb"], 3.0),
    (&["bad", "ass"], 1.5),
    (&["badass"], 1.5),
    (&["bus", "stop"], 0.0),
    (&["yeah", "right"], -2.0),
    (&["kiss", "of", "death"], -1.5),
    (&["to", "die", "for"], 3.0),
    (&["beating", "heart"], 3.5),
];

/// Idioms without a lexicon word (the reference's `SENTIMENT_LADEN_IDIOMS`).
/// The reference defines this table and a check for it but marks both
/// "future work" and never calls the check, so these phrases do not change
/// any score; the table is kept so the port's coverage of the reference is
/// visible, and is deliberately unused by the scorer.
pub const SENTIMENT_LADEN_IDIOMS: &[(&str, f64)] = &[
    ("cut the mustard", 2.0),
    ("hand to mouth", -2.0),
    ("back handed", -2.0),
    ("blow smoke", -2.0),
    ("blowing smoke", -2.0),
    ("upper hand", 1.0),
    ("break a leg", 2.0),
    ("cooking with gas", 2.0),
    ("in the black", 2.0),
    ("in the red", -2.0),
    ("on the ball", 2.0),
    ("under the weather", -2.0),
];

/// What VADER knows about a lowercased word, packed into four bytes so
/// the vocabulary (7 500 entries, one lookup per token) stays small in the
/// cache: the valence in hundredths (every lexicon rating has one decimal),
/// the booster's sign, and the negation flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    valence_hundredths: i16,
    booster_sign: i8,
    negation: bool,
}

/// `valence_hundredths` of a word outside the lexicon.
const NO_VALENCE: i16 = i16::MIN;

impl Default for Word {
    fn default() -> Self {
        Self {
            valence_hundredths: NO_VALENCE,
            booster_sign: 0,
            negation: false,
        }
    }
}

impl Word {
    /// Mean human rating in the lexicon, in [−4, 4]. The division is
    /// correctly rounded, so this is exactly the double the lexicon's
    /// decimal parses to (checked for every entry when it is loaded).
    pub fn valence(self) -> Option<f64> {
        (self.valence_hundredths != NO_VALENCE).then(|| f64::from(self.valence_hundredths) / 100.0)
    }

    /// Booster/dampener scalar ([`B_INCR`] or [`B_DECR`]).
    pub fn booster(self) -> Option<f64> {
        match self.booster_sign {
            1 => Some(B_INCR),
            -1 => Some(B_DECR),
            _ => None,
        }
    }

    /// Listed in [`NEGATE`].
    pub fn negation(self) -> bool {
        self.negation
    }
}

/// `valence` in hundredths; panics unless that is exact, which would mean
/// a lexicon this port was not built for.
fn hundredths(word: &str, valence: f64) -> i16 {
    let h = (valence * 100.0).round();
    assert!(
        h.abs() < 10_000.0 && h / 100.0 == valence,
        "lexicon valence {valence} of {word:?} is not a multiple of 0.01"
    );
    h as i16
}

/// FxHash (the rustc hasher): the vocabulary's keys are fixed, short and
/// not attacker-chosen in a way that matters (a slow lookup cannot leak
/// anything), so the DoS-resistant default SipHash would only cost time on
/// the hot path, one lookup per token.
#[derive(Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &byte in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.write(&[byte]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxBuild = BuildHasherDefault<FxHasher>;

/// Every word the scorer looks up, lowercased, with all it knows about it.
pub static VOCABULARY: LazyLock<HashMap<&'static str, Word, FxBuild>> = LazyLock::new(|| {
    let mut words: HashMap<&'static str, Word, FxBuild> =
        HashMap::with_capacity_and_hasher(8_000, FxBuild::default());
    for (word, valence) in parse_lexicon(LEXICON_FILE) {
        words.entry(word).or_default().valence_hundredths = hundredths(word, valence);
    }
    for &(word, scalar) in BOOSTER_DICT {
        words.entry(word).or_default().booster_sign = if scalar > 0.0 { 1 } else { -1 };
    }
    for &word in NEGATE {
        words.entry(word).or_default().negation = true;
    }
    words
});

/// Emoji (one Unicode scalar value each) → their English description.
pub static EMOJI: LazyLock<HashMap<char, &'static str, FxBuild>> =
    LazyLock::new(|| parse_emoji(EMOJI_FILE));

/// The lexicon's entries in file order: the word and its mean valence.
///
/// Like the reference, each non-empty line is trimmed and split at tabs;
/// the first two fields are the word and the valence (the standard
/// deviation and the raw ratings that follow are not used). A word listed
/// twice (14 are) takes its last value when collected into a map, as a
/// Python dict does. Keys with capitals (`:D`) or spaces (`fed up`) are
/// kept although a lowercased single token can never match them.
pub fn parse_lexicon(file: &'static str) -> impl Iterator<Item = (&'static str, f64)> {
    file.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut fields = line.split('\t');
            let word = fields.next().unwrap_or_default();
            let valence = fields
                .next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("bad VADER lexicon line: {line:?}"));
            (word, valence)
        })
}

/// The emoji table: `emoji<TAB>description` per line. The reference walks
/// the text one code point at a time and looks each up in this table, so
/// only entries of exactly one code point can ever match (1 212 of the
/// 3 570: the keycaps, flags, skin-tone and ZWJ sequences are dead in the
/// reference and dropped here).
fn parse_emoji(file: &'static str) -> HashMap<char, &'static str, FxBuild> {
    file.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .filter_map(|line| {
            let (emoji, rest) = line.split_once('\t')?;
            let description = rest.split('\t').next().unwrap_or_default();
            let mut chars = emoji.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some((c, description)),
                _ => None,
            }
        })
        .collect()
}

/// Lexicon valence of a lowercased word, if it has one.
pub fn valence(word: &str) -> Option<f64> {
    VOCABULARY.get(word).and_then(|w| w.valence())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_has_the_references_entries() {
        let lexicon: HashMap<_, _> = parse_lexicon(LEXICON_FILE).collect();
        // The packed valence is the parsed double, bit for bit.
        for (word, valence) in &lexicon {
            assert_eq!(VOCABULARY[word].valence(), Some(*valence), "{word}");
        }
        assert_eq!(lexicon.len(), 7_506);
        assert_eq!(parse_lexicon(LEXICON_FILE).count(), 7_520);
        // Listed twice: the last value wins, as in a Python dict.
        assert_eq!(lexicon["lol"], 1.8);
        assert_eq!(lexicon["ok"], 1.2);
        assert_eq!(valence("good"), Some(1.9));
        assert_eq!(valence("kind"), Some(2.4));
        assert_eq!(valence("least"), None);
        assert_eq!(valence(":)"), Some(2.0));
    }

    #[test]
    fn boosters_and_negations_share_the_lookup() {
        let very = VOCABULARY["very"];
        assert_eq!(
            (very.valence(), very.booster(), very.negation()),
            (None, Some(B_INCR), false)
        );
        assert_eq!(VOCABULARY["barely"].booster(), Some(B_DECR));
        assert!(VOCABULARY["don't"].negation());
        assert_eq!(VOCABULARY["no"].valence(), Some(-1.2));
        assert!(
            !VOCABULARY["no"].negation(),
            "'no' is handled by its own rule"
        );
        assert_eq!(BOOSTER_DICT.len(), 84);
        assert_eq!(NEGATE.len(), 59);
    }

    #[test]
    fn only_single_code_point_emoji_are_kept() {
        assert_eq!(EMOJI.len(), 1_212);
        assert_eq!(EMOJI[&'😀'], "grinning face");
        assert_eq!(EMOJI[&'🔛'], "ON! arrow");
    }
}
