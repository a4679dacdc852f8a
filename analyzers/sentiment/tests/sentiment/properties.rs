//! Invariants of the scores over arbitrary texts.

use callsight_sentiment::{Label, polarity_scores};
use proptest::prelude::*;

/// Texts mixing sentiment and modifier words, emoji, capitals, punctuation
/// and arbitrary Unicode.
fn text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("good".to_owned()),
        Just("BAD".to_owned()),
        Just("not".to_owned()),
        Just("but".to_owned()),
        Just("very".to_owned()),
        Just("kind of".to_owned()),
        Just("least".to_owned()),
        Just("no".to_owned()),
        Just(":)".to_owned()),
        Just("😀".to_owned()),
        Just("!!".to_owned()),
        Just("??".to_owned()),
        "\\PC{0,8}",
    ];
    prop::collection::vec(word, 0..30).prop_map(|words| words.join(" "))
}

proptest! {
    #[test]
    fn scores_stay_in_range_and_shares_sum_to_one(text in text()) {
        let s = polarity_scores(&text);
        prop_assert!((-1.0..=1.0).contains(&s.compound), "{s:?}");
        for share in [s.neg, s.neu, s.pos] {
            prop_assert!((0.0..=1.0).contains(&share), "{s:?}");
        }
        let total = s.neg + s.neu + s.pos;
        // Each share is rounded to 3 decimals.
        prop_assert!(total == 0.0 || (total - 1.0).abs() <= 0.002, "{s:?}");
        // A non-zero compound comes with a share of that sign.
        if s.compound > 0.0 {
            prop_assert!(s.pos > 0.0 || s.neg > 0.0);
        }
    }

    #[test]
    fn surrounding_whitespace_changes_nothing(text in text()) {
        prop_assert_eq!(polarity_scores(&text), polarity_scores(&format!("  {text}\n")));
    }

    #[test]
    fn the_label_follows_the_compound_score(text in text()) {
        let c = polarity_scores(&text).compound;
        let expected = if c >= 0.05 { Label::Positive } else if c <= -0.05 { Label::Negative } else { Label::Neutral };
        prop_assert_eq!(Label::of(c), expected);
    }
}
