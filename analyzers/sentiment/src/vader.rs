//! The VADER scorer: a port of `SentimentIntensityAnalyzer.polarity_scores`
//! of vaderSentiment 3.3.2 (Hutto & Gilbert, ICWSM 2014).
//!
//! Each rule follows the reference step by step, including its quirks, so
//! that every score matches it (the parity test checks 4 200 tweets). Where
//! the reference's behaviour is surprising, the doc comment of the step
//! says so; none of it is "fixed", because the point is to give the numbers
//! VADER users know.
//!
//! In outline: each token gets a valence (its lexicon rating, modified by
//! the three tokens before it: negations, boosters/dampeners, capitals,
//! idioms, "least"); the "but" rule reweighs the valences; their sum, plus
//! emphasis from `!` and `?`, is normalised into the compound score in
//! [−1, 1]; the positive, negative and neutral shares come from the same
//! valences.

use std::sync::LazyLock;

use crate::lexicon::{BOOSTER_DICT, C_INCR, N_SCALAR, SPECIAL_CASES};
use crate::text::{SentiText, Token, allcap_differential};

/// Approximate maximum expected sum of valences, used to normalise it.
pub const ALPHA: f64 = 15.0;
/// Emphasis added per exclamation mark, for up to [`MAX_EXCLAMATIONS`].
pub const EXCLAMATION_INCR: f64 = 0.292;
pub const MAX_EXCLAMATIONS: usize = 4;
/// Emphasis per question mark when there are two or three.
pub const QUESTION_INCR: f64 = 0.18;
/// Emphasis for four question marks or more.
pub const QUESTION_MAX: f64 = 0.96;
/// Weight of the valences before the first "but", and after it.
pub const BEFORE_BUT: f64 = 0.5;
pub const AFTER_BUT: f64 = 1.5;

/// VADER's scores of a text, rounded as the reference returns them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Polarity {
    /// Share of the text that is negative, in [0, 1] (3 decimals).
    pub neg: f64,
    /// Share of the text that is neutral, in [0, 1] (3 decimals).
    pub neu: f64,
    /// Share of the text that is positive, in [0, 1] (3 decimals).
    pub pos: f64,
    /// Normalised, weighted composite score in [−1, 1] (4 decimals).
    pub compound: f64,
}

/// Scores `text` as vaderSentiment's `polarity_scores` does.
pub fn polarity_scores(text: &str) -> Polarity {
    let text = SentiText::new(text);
    let tokens = text.tokens();
    let caps = allcap_differential(&tokens);
    let mut sentiments: Vec<f64> = (0..tokens.len())
        .map(|i| {
            let token = &tokens[i];
            // Modifiers carry no valence of their own: boosters, and
            // "kind" when it starts "kind of" (it is in the lexicon, 2.4).
            if token.booster.is_some()
                || (token.is("kind") && tokens.get(i + 1).is_some_and(|next| next.is("of")))
            {
                0.0
            } else {
                sentiment_valence(&tokens, i, caps)
            }
        })
        .collect();
    but_check(&tokens, &mut sentiments);
    score_valence(&sentiments, text.text())
}

/// The valence of token `i`: zero unless it is in the lexicon, else its
/// rating adjusted by the rules that look at the words around it.
fn sentiment_valence(tokens: &[Token<'_>], i: usize, caps: bool) -> f64 {
    let token = &tokens[i];
    let Some(rating) = token.valence else {
        return 0.0;
    };
    let mut valence = rating;
    let previous = |n: usize| &tokens[i - n];

    // "no" directly before a lexicon word negates it instead of counting
    // as a negative word itself.
    if token.is("no") && tokens.get(i + 1).is_some_and(|next| next.valence.is_some()) {
        valence = 0.0;
    }
    // A lexicon word one or two places after "no", or three after "no"
    // with "or"/"nor" just before it, is negated. (This starts again from
    // the rating, so "no no good" gives the second "no" −1.2 × −0.74.)
    if (i > 0 && previous(1).is("no"))
        || (i > 1 && previous(2).is("no"))
        || (i > 2 && previous(3).is("no") && previous(1).is_any(&["or", "nor"]))
    {
        valence = rating * N_SCALAR;
    }
    // Shouted among words that are not: more intense. A valence of exactly
    // zero (a "no" before a lexicon word) is pushed negative, as in the
    // reference.
    if token.upper && caps {
        valence += if valence > 0.0 { C_INCR } else { -C_INCR };
    }
    // The three preceding tokens, nearest first; only those not in the
    // lexicon modify the word (a sentiment word next to another is not a
    // modifier of it).
    for start in 0..3 {
        if i > start && previous(start + 1).valence.is_none() {
            let mut scalar = scalar_inc_dec(previous(start + 1), valence, caps);
            // A booster further away has less effect.
            if start == 1 && scalar != 0.0 {
                scalar *= 0.95;
            }
            if start == 2 && scalar != 0.0 {
                scalar *= 0.9;
            }
            valence += scalar;
            valence = negation_check(valence, tokens, start, i);
            if start == 2 {
                valence = special_idioms_check(valence, tokens, i);
            }
        }
    }
    least_check(valence, tokens, i)
}

/// The reference's `scalar_inc_dec`: how much a preceding booster or
/// dampener adds to a word of this valence (towards its sign), more if the
/// booster is shouted.
fn scalar_inc_dec(modifier: &Token<'_>, valence: f64, caps: bool) -> f64 {
    let Some(booster) = modifier.booster else {
        return 0.0;
    };
    let mut scalar = if valence < 0.0 { -booster } else { booster };
    if modifier.upper && caps {
        scalar += if valence > 0.0 { C_INCR } else { -C_INCR };
    }
    scalar
}

/// The reference's `_negation_check` for the token `start + 1` places
/// before `i`. "never so good" and "never this good" intensify (× 1.25)
/// rather than negate; "without doubt" does not negate.
///
/// For the third place back, the reference's condition reads
/// `never_before_so_this or previous_is_so_this` (Python's `and` binds
/// tighter than `or`), so any "so"/"this" just before the word intensifies
/// it whenever the word three back is not in the lexicon; ported as is.
fn negation_check(valence: f64, tokens: &[Token<'_>], start: usize, i: usize) -> f64 {
    let w = |n: usize| &tokens[i - n];
    const SO_THIS: &[&str] = &["so", "this"];
    match start {
        0 if w(1).negates => valence * N_SCALAR,
        1 if w(2).is("never") && w(1).is_any(SO_THIS) => valence * 1.25,
        1 if w(2).is("without") && w(1).is("doubt") => valence,
        1 if w(2).negates => valence * N_SCALAR,
        2 if (w(3).is("never") && w(2).is_any(SO_THIS)) || w(1).is_any(SO_THIS) => valence * 1.25,
        2 if w(3).is("without") && (w(2).is("doubt") || w(1).is("doubt")) => valence,
        2 if w(3).negates => valence * N_SCALAR,
        _ => valence,
    }
}

/// Whether the lowercased tokens are exactly `words`.
fn matches(tokens: &[Token<'_>], words: &[&str]) -> bool {
    tokens.len() == words.len() && tokens.iter().zip(words).all(|(t, w)| t.is(w))
}

/// The valence [`SPECIAL_CASES`] gives a word sequence, if any.
fn special_case(tokens: &[Token<'_>]) -> Option<f64> {
    SPECIAL_CASES
        .iter()
        .find(|(words, _)| matches(tokens, words))
        .map(|&(_, valence)| valence)
}

/// The multi-word entries of [`BOOSTER_DICT`] ("kind of", "sort of",
/// "just enough"), split into words once: only these can match the word
/// sequences the idiom check builds.
static BOOSTER_PHRASES: LazyLock<Vec<(Vec<&'static str>, f64)>> = LazyLock::new(|| {
    BOOSTER_DICT
        .iter()
        .filter(|(phrase, _)| phrase.contains(' '))
        .map(|&(phrase, scalar)| (phrase.split(' ').collect(), scalar))
        .collect()
});

/// The scalar [`BOOSTER_DICT`] gives a word sequence, if any.
fn booster_phrase(tokens: &[Token<'_>]) -> Option<f64> {
    BOOSTER_PHRASES
        .iter()
        .find(|(words, _)| matches(tokens, words))
        .map(|&(_, scalar)| scalar)
}

/// The reference's `_special_idioms_check`, run for a lexicon word with at
/// least three tokens before it when the third is not in the lexicon.
///
/// The first idiom (in the reference's order) among those ending at or just
/// before the word sets its valence; then one starting at the word, if
/// any, overrides it (a three-word one over a two-word one). Finally a
/// two-word dampener among the three tokens before the word ("kind of
/// good") adds its scalar, as is, whatever the word's sign.
fn special_idioms_check(mut valence: f64, tokens: &[Token<'_>], i: usize) -> f64 {
    // Token ranges, as the reference's onezero, twoonezero, twoone,
    // threetwoone, threetwo.
    let before = [i - 1..i + 1, i - 2..i + 1, i - 2..i, i - 3..i, i - 3..i - 1];
    if let Some(v) = before.into_iter().find_map(|r| special_case(&tokens[r])) {
        valence = v;
    }
    // zeroone, then zeroonetwo, when the text goes on that far.
    for ahead in [i..i + 2, i..i + 3] {
        if let Some(v) = tokens.get(ahead).and_then(special_case) {
            valence = v;
        }
    }
    // threetwoone, threetwo, twoone.
    for r in [i - 3..i, i - 3..i - 1, i - 2..i] {
        if let Some(scalar) = booster_phrase(&tokens[r]) {
            valence += scalar;
        }
    }
    valence
}

/// The reference's `_least_check`: "least good" negates, "at least good"
/// and "very least good" do not.
fn least_check(valence: f64, tokens: &[Token<'_>], i: usize) -> f64 {
    let least = |t: &Token<'_>| t.valence.is_none() && t.is("least");
    if i > 1 && least(&tokens[i - 1]) {
        if !tokens[i - 2].is("at") && !tokens[i - 2].is("very") {
            return valence * N_SCALAR;
        }
    } else if i > 0 && least(&tokens[i - 1]) {
        return valence * N_SCALAR;
    }
    valence
}

/// The reference's `_but_check`: valences before the first "but" are
/// halved and those after it weighed × 1.5.
///
/// The reference does this by walking the list and, for each value, looking
/// up the FIRST position holding an equal value (`list.index`) and
/// rescaling that one. When equal valences occur, or a rescaled earlier
/// value equals a later one, a value can be rescaled twice or at the wrong
/// position; the port does exactly the same. Zeros are skipped: rescaling a
/// zero leaves a zero, so the result is unchanged.
fn but_check(tokens: &[Token<'_>], sentiments: &mut [f64]) {
    let Some(but) = tokens.iter().position(|t| t.is("but")) else {
        return;
    };
    for k in 0..sentiments.len() {
        let sentiment = sentiments[k];
        if sentiment == 0.0 {
            continue;
        }
        let first = sentiments
            .iter()
            .position(|&s| s == sentiment)
            .expect("the value at k is in the list");
        if first < but {
            sentiments[first] = sentiment * BEFORE_BUT;
        } else if first > but {
            sentiments[first] = sentiment * AFTER_BUT;
        }
    }
}

/// Emphasis from `!` (up to four) and `?` (two or more) anywhere in the
/// text, added to the magnitude of the sum of valences.
pub fn punctuation_emphasis(text: &str) -> f64 {
    // Two simple counts: each compiles to a vectorised loop.
    let exclamations = text.bytes().filter(|&b| b == b'!').count();
    let questions = text.bytes().filter(|&b| b == b'?').count();
    let exclamation = exclamations.min(MAX_EXCLAMATIONS) as f64 * EXCLAMATION_INCR;
    let question = match questions {
        0 | 1 => 0.0,
        2 | 3 => questions as f64 * QUESTION_INCR,
        _ => QUESTION_MAX,
    };
    exclamation + question
}

/// The reference's `normalize`: maps a sum of valences into [−1, 1] with
/// `x / √(x² + α)`, α = 15.
pub fn normalize(score: f64) -> f64 {
    (score / (score * score + ALPHA).sqrt()).clamp(-1.0, 1.0)
}

/// The reference's `_sift_sentiment_scores`: sums of positive valences
/// (each + 1) and of negative ones (each − 1), and the number of neutral
/// tokens. The ± 1 makes a sentiment word weigh at least as much as a
/// neutral word, which counts 1.
fn sift_sentiment_scores(sentiments: &[f64]) -> (f64, f64, usize) {
    sentiments
        .iter()
        .fold((0.0, 0.0, 0), |(pos, neg, neu), &s| {
            if s > 0.0 {
                (pos + (s + 1.0), neg, neu)
            } else if s < 0.0 {
                (pos, neg + (s - 1.0), neu)
            } else {
                (pos, neg, neu + 1)
            }
        })
}

/// The reference's `score_valence`: compound score and proportions.
fn score_valence(sentiments: &[f64], text: &str) -> Polarity {
    if sentiments.is_empty() {
        return Polarity::default();
    }
    // Left to right, as Python's `sum` of floats before 3.12.
    let mut sum: f64 = sentiments.iter().fold(0.0, |acc, s| acc + s);
    let emphasis = punctuation_emphasis(text);
    if sum > 0.0 {
        sum += emphasis;
    } else if sum < 0.0 {
        sum -= emphasis;
    }
    let compound = normalize(sum);

    let (mut pos_sum, mut neg_sum, neu_count) = sift_sentiment_scores(sentiments);
    if pos_sum > neg_sum.abs() {
        pos_sum += emphasis;
    } else if pos_sum < neg_sum.abs() {
        neg_sum -= emphasis;
    }
    let total = pos_sum + neg_sum.abs() + neu_count as f64;
    Polarity {
        neg: round((neg_sum / total).abs(), 3),
        neu: round((neu_count as f64 / total).abs(), 3),
        pos: round((pos_sum / total).abs(), 3),
        compound: round(compound, 4),
    }
}

/// Python's `round(x, digits)`: the double nearest to `x` correctly
/// rounded to `digits` decimals, ties to even on `x`'s exact binary value.
///
/// Scaling and rounding is exact unless `x · 10^digits` lies within the
/// scaling's rounding error of a tie; only then is the exact decimal
/// expansion consulted (Rust's formatting rounds it half to even, as
/// Python's does).
pub fn round(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    let scaled = x * scale;
    if ((scaled - scaled.trunc()).abs() - 0.5).abs() > 1e-6 {
        return scaled.round_ties_even() / scale;
    }
    format!("{:.*}", digits as usize, x)
        .parse()
        .expect("a formatted float parses")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_matches_python() {
        // Python: round(0.03125, 4) == 0.0312 (an exact tie, to even),
        // round(0.09375, 4) == 0.0938, round(2.675, 2) == 2.67 (2.675 is
        // below the tie in binary), round(-0.00004, 4) == -0.0.
        assert_eq!(round(0.03125, 4), 0.0312);
        assert_eq!(round(0.09375, 4), 0.0938);
        assert_eq!(round(2.675, 2), 2.67);
        assert_eq!(round(0.12345678, 4), 0.1235);
        // 0.99995 is 0.99995000000000000551 in binary: above the tie.
        assert_eq!(round(-0.99995, 4), -1.0);
        assert!(round(-0.00004, 4) == 0.0 && round(-0.00004, 4).is_sign_negative());
    }

    #[test]
    fn normalize_uses_alpha_15() {
        assert_eq!(normalize(0.0), 0.0);
        assert_eq!(normalize(1.0), 1.0 / 16f64.sqrt());
        assert!(normalize(1e6) > 0.999_999 && normalize(1e6) <= 1.0);
        assert_eq!(normalize(-1.0), -0.25);
    }

    #[test]
    fn punctuation_emphasis_caps_and_steps() {
        assert_eq!(punctuation_emphasis("a!"), 0.292);
        assert_eq!(punctuation_emphasis("a!!!!!!"), 4.0 * 0.292);
        assert_eq!(punctuation_emphasis("a?"), 0.0);
        assert_eq!(punctuation_emphasis("a??"), 2.0 * 0.18);
        assert_eq!(punctuation_emphasis("a???"), 3.0 * 0.18);
        assert_eq!(punctuation_emphasis("a????"), 0.96);
        assert_eq!(punctuation_emphasis("a!??"), 0.292 + 2.0 * 0.18);
    }

    #[test]
    fn empty_and_blank_texts_score_zero() {
        assert_eq!(polarity_scores(""), Polarity::default());
        assert_eq!(polarity_scores(" \t\n"), Polarity::default());
    }
}
