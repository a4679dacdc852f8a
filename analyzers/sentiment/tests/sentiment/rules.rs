//! Each VADER rule on a small text, worked out by hand: the comment gives
//! the valence of every sentiment word, the test the sum it normalises.
//! (Lexicon: good 1.9, bad −2.5, happy 2.7, problem −1.7, doubt −1.5,
//! stop −1.2, yeah 1.2, kind 2.4, no −1.2, :) 2.0.)

use callsight_sentiment::lexicon::{B_DECR, B_INCR, C_INCR, N_SCALAR};
use callsight_sentiment::vader::{normalize, round};
use callsight_sentiment::{Polarity, polarity_scores};

/// The compound score the reference returns for a sum of valences.
fn compound(sum: f64) -> f64 {
    round(normalize(sum), 4)
}

fn assert_compound(text: &str, sum: f64) {
    assert_eq!(polarity_scores(text).compound, compound(sum), "{text:?}");
}

#[test]
fn a_lexicon_word_scores_its_rating() {
    // good: 1.9 / √(1.9² + 15) = 0.44044
    assert_compound("The book was good", 1.9);
    assert_eq!(compound(1.9), 0.4404);
    // Proportions: good counts 1.9 + 1 positive, the other three words 1
    // neutral each: pos = 2.9 / 5.9, neu = 3 / 5.9.
    assert_eq!(
        polarity_scores("The book was good"),
        Polarity {
            neg: 0.0,
            neu: round(3.0 / 5.9, 3),
            pos: round(2.9 / 5.9, 3),
            compound: 0.4404,
        }
    );
    // Words outside the lexicon are neutral.
    assert_eq!(polarity_scores("the call is on tuesday").compound, 0.0);
    assert_eq!(polarity_scores("the call is on tuesday").neu, 1.0);
}

#[test]
fn negation_within_three_words_flips_and_dampens() {
    // not good: 1.9 × −0.74
    assert_compound("not good", 1.9 * N_SCALAR);
    // "n't" anywhere in a word negates.
    assert_compound("isn't good", 1.9 * N_SCALAR);
    assert_compound("it wouldn't be good", 1.9 * N_SCALAR);
    // Two and three words back.
    assert_compound("not that good", 1.9 * N_SCALAR);
    assert_compound("never really that good", (1.9 + B_INCR * 0.95) * N_SCALAR);
    // Four words back is outside the window.
    assert_compound("not that it is good", 1.9);
    // Two negations cancel into a dampened positive.
    assert_compound("not never good", 1.9 * N_SCALAR * N_SCALAR);
}

#[test]
fn no_negates_the_next_lexicon_words() {
    // "no" before a lexicon word gives up its own −1.2 and negates it.
    assert_compound("no problem", -1.7 * N_SCALAR);
    // "no" alone, or before a word outside the lexicon, keeps its −1.2;
    // it still negates a lexicon word two places on, or three with
    // "or"/"nor" just before that word.
    assert_compound("no", -1.2);
    assert_compound("no real problem", -1.2 - 1.7 * N_SCALAR);
    assert_compound("no cake or problem", -1.2 - 1.7 * N_SCALAR);
    assert_compound("no cake and problem", -1.2 - 1.7);
}

#[test]
fn boosters_scale_with_distance_and_follow_the_sign() {
    // very good: 1.9 + 0.293; the booster itself scores 0.
    assert_compound("very good", 1.9 + B_INCR);
    // Two and three words back: × 0.95 and × 0.9.
    assert_compound("very much good", 1.9 + B_INCR * 0.95);
    // The reference's quirk: with "so" or "this" just before the word,
    // the check of the third word back multiplies by 1.25 (its "never so"
    // condition is `never and so_this or so_this`).
    assert_compound("very much so good", (1.9 + B_INCR + B_INCR * 0.9) * 1.25);
    // A booster makes a negative word more negative.
    assert_compound("extremely bad", -2.5 - B_INCR);
    // Dampeners pull towards zero.
    assert_compound("slightly good", 1.9 + B_DECR);
    assert_compound("slightly bad", -2.5 - B_DECR);
}

#[test]
fn capitals_emphasise_only_among_lowercase_words() {
    // GOOD among lowercase words: 1.9 + 0.733.
    assert_compound("GOOD news", 1.9 + C_INCR);
    // All capitals: no differential, no emphasis.
    assert_compound("GOOD NEWS", 1.9);
    // A shouted booster adds C_INCR too.
    assert_compound("It was EXTREMELY good", 1.9 + B_INCR + C_INCR);
    assert_compound("It was EXTREMELY bad", -2.5 - B_INCR - C_INCR);
}

#[test]
fn but_halves_what_comes_before_and_weighs_what_follows() {
    // good × 0.5 + bad × 1.5
    assert_compound("good but bad", 1.9 * 0.5 - 2.5 * 1.5);
    assert_compound("bad, but good", -2.5 * 0.5 + 1.9 * 1.5);
    // Only the first "but" splits.
    assert_compound("good but bad but happy", 1.9 * 0.5 - 2.5 * 1.5 + 2.7 * 1.5);
    // The reference rescales the first position holding each value: in
    // "good good but good" the second good is found at position 0 after
    // position 0 was halved, so it is halved itself; the third good
    // (after "but") is × 1.5.
    assert_compound("good good but good", 0.95 + 0.95 + 2.85);
}

#[test]
fn least_negates_unless_at_least_or_very_least() {
    assert_compound("least good", 1.9 * N_SCALAR);
    assert_compound("the least good", 1.9 * N_SCALAR);
    assert_compound("at least good", 1.9);
    assert_compound("the very least good", 1.9 + B_INCR * 0.95);
}

#[test]
fn kind_of_dampens_and_never_so_intensifies() {
    // "kind" (2.4 in the lexicon) is a modifier before "of"; two words
    // before "good" nothing applies (the dampener is found by the idiom
    // check, which needs three words before the sentiment word).
    assert_compound("kind of good", 1.9);
    assert_compound("it is kind of good", 1.9 + B_DECR);
    // "kind" on its own is a sentiment word.
    assert_compound("you are kind", 2.4);
    // never so / never this: × 1.25 instead of a negation.
    assert_compound("never so good", (1.9 + B_INCR) * 1.25);
    assert_compound("never this good", 1.9 * 1.25);
    // without doubt: "good" is not negated; "doubt" (−1.5), a lexicon
    // word, is negated by "without".
    assert_compound("without doubt good", -1.5 * N_SCALAR + 1.9);
}

#[test]
fn idioms_replace_the_valence_when_three_words_precede() {
    // bus stop: 0 instead of stop's −1.2.
    assert_compound("we waited at the bus stop", 0.0);
    // With fewer than three words before "stop" the idiom is not checked.
    assert_compound("the bus stop", -1.2);
    // yeah right: −2 when it starts at the lexicon word.
    assert_compound("i think it is yeah right", -2.0);
    assert_compound("yeah right", 1.2);
    // "the shit" and "bad ass" turn negative words positive.
    assert_compound("with vader this is the shit", 3.0);
    assert_compound("oh what a bad ass", 1.5 + 1.5);
    // Idioms without a lexicon word are "future work" in the reference.
    assert_compound("they were under the weather", 0.0);
}

#[test]
fn punctuation_adds_emphasis() {
    assert_compound("good!", 1.9 + 0.292);
    assert_compound("good!!!!!!", 1.9 + 4.0 * 0.292);
    // One question mark adds nothing, two or three 0.18 each, more 0.96.
    assert_compound("good?", 1.9);
    assert_compound("good??", 1.9 + 0.36);
    assert_compound("bad????", -2.5 - 0.96);
    // Without sentiment there is nothing to emphasise.
    assert_compound("what!!!", 0.0);
    // A trailing "!" is stripped from a word, but a two-letter word keeps
    // it and is then not found: the reference's emoticon heuristic.
    assert_compound("ok", 1.2);
    assert_compound("ok!", 0.0);
}

#[test]
fn emoticons_and_emoji_score() {
    // Emoticons are lexicon entries, kept whole by the tokenizer.
    assert_compound("i am happy :)", 2.7 + 2.0);
    // Emoji are read as their description (😀 "grinning face").
    assert_eq!(polarity_scores("😀"), polarity_scores("grinning face"));
    assert_eq!(
        polarity_scores("I love it😀"),
        polarity_scores("I love it grinning face")
    );
    // 😢 "crying face": crying −2.1.
    assert_compound("😢", -2.1);
    // Only the description's words count: 😡 is "pouting face" and 👎
    // "thumbs down", neither in the lexicon.
    assert_compound("😡", 0.0);
    assert_compound("👎", 0.0);
}
