//! Counting words and questions in a segment's text (docs/metrics.md#words-and-questions-in-a-text).
//!
//! Both counts are pure functions of one string, so a segment's count never
//! depends on its neighbours: question runs do not span segments.

use unicode_segmentation::UnicodeSegmentation;

/// Number of words in `text`, for a segment without word timings (rule 7).
///
/// The spec's "Unicode words of the text (UAX #29, tokens with a letter or
/// digit)" is exactly [`UnicodeSegmentation::unicode_words`]: it splits at the
/// UAX #29 word boundaries (`split_word_bounds`) and keeps the tokens holding
/// at least one character that is Alphabetic or Numeric. That is the
/// definition used here; it differs from a strict "general category L* or
/// Nd" reading only for tokens made solely of other numerics (`½`, `²`, `①`)
/// or letter numbers (`Ⅻ`), which count as words. The tests pin the
/// equivalence with `split_word_bounds` and the behaviour on several scripts:
///
/// - "don't", "3.5" and "U.S.A" are one word each; "e-mail" and "mm-hmm" are
///   two (UAX #29 breaks at hyphens); punctuation, spaces and emoji are none;
/// - Han ideographs and Hiragana count one word per character (UAX #29 has
///   no dictionary), Katakana runs and Hangul words count once each.
pub fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}

/// Whether `c` is a question mark of rule 8 (ASCII or full-width).
fn is_question_mark(c: char) -> bool {
    matches!(c, '?' | '？')
}

/// Whether `c` may extend a question run (`?!?`, `!?`, full-width forms).
fn is_run_mark(c: char) -> bool {
    matches!(c, '?' | '？' | '!' | '！')
}

/// Number of questions in `text` (rule 8): maximal runs of characters from
/// `? ？ ! ！` that contain at least one question mark. `?`, `??`, `?!?` and
/// `!?` count once each; a run of exclamation marks alone counts nothing.
///
/// Only the four characters the spec names delimit a run; other question
/// marks (Arabic `؟`, Greek `;`, `⁇`) are not counted.
pub fn question_count(text: &str) -> usize {
    let mut count = 0;
    // Whether the run being read (if any) has a question mark yet.
    let mut run_has_question = false;
    for c in text.chars() {
        if is_question_mark(c) {
            run_has_question = true;
        } else if !is_run_mark(c) {
            // The run (if any) ends here.
            count += usize::from(run_has_question);
            run_has_question = false;
        }
    }
    count + usize::from(run_has_question)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_runs_count_once_each() {
        assert_eq!(question_count(""), 0);
        assert_eq!(question_count("No question here."), 0);
        assert_eq!(question_count("?"), 1);
        assert_eq!(question_count("Really??"), 1);
        assert_eq!(question_count("What?!?"), 1);
        assert_eq!(question_count("Seriously!?"), 1);
        // "!" and "!!!" alone are not questions.
        assert_eq!(question_count("Great! Wow!!!"), 0);
        // Full-width marks: "？" and "！？" are one question each.
        assert_eq!(question_count("価格は？ 本当！？"), 2);
        // Mixed widths form one run: "?？" is one question.
        assert_eq!(question_count("Sure?？"), 1);
        // Runs: "?!" (1), "??" (2), "!" (no), "？" (3), "?!?" (4).
        assert_eq!(
            question_count("Really?! What do you think?? Great! And the price？ Ok?!?"),
            4
        );
        // A space separates runs: "? ?" is two questions.
        assert_eq!(question_count("? ?"), 2);
        // Other scripts' question marks are not in rule 8's set.
        assert_eq!(question_count("كيف حالك؟"), 0);
    }

    #[test]
    fn words_follow_uax29() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("   \n\t"), 0);
        assert_eq!(word_count("... — !?"), 0);
        // Hello | there | how | are | you
        assert_eq!(word_count("Hello there, how are you?"), 5);
        // don't | 3.5 | U.S.A (apostrophe and mid-number/letter dots join)
        assert_eq!(word_count("don't 3.5% U.S.A"), 3);
        // e | mail, mm | hmm: hyphens break words.
        assert_eq!(word_count("e-mail"), 2);
        assert_eq!(word_count("mm-hmm"), 2);
        assert_eq!(word_count("👍 🙂"), 0);
    }

    #[test]
    fn words_in_other_scripts() {
        // Größe | prüfen
        assert_eq!(word_count("Größe prüfen"), 2);
        // Cyrillic: Добрый | день
        assert_eq!(word_count("Добрый день!"), 2);
        // Hangul words: 안녕하세요 | 고객님
        assert_eq!(word_count("안녕하세요 고객님"), 2);
        // Han: one word per ideograph: 你 | 好 | 吗
        assert_eq!(word_count("你好吗？"), 3);
        // Hiragana one per character (こ ん に ち は), Katakana run once (テスト).
        assert_eq!(word_count("こんにちは"), 5);
        assert_eq!(word_count("テスト"), 1);
        // Arabic: مرحبا | كيف | حالك
        assert_eq!(word_count("مرحبا كيف حالك؟"), 3);
        // Full-width digits are digits: １２３ is one word.
        assert_eq!(word_count("１２３"), 1);
        // Other numerics count (documented deviation from a strict L*/Nd reading).
        assert_eq!(word_count("½"), 1);
    }

    #[test]
    fn unicode_words_is_split_word_bounds_with_a_letter_or_digit() {
        let samples = [
            "Hello there, how are you?",
            "don't 3.5% U.S.A e-mail",
            "你好吗？ こんにちは テスト",
            "Größe — ½ ① Ⅻ ２ 👍 \u{301}",
            "مرحبا كيف حالك؟ नमस्ते",
        ];
        for text in samples {
            let bounded = text
                .split_word_bounds()
                .filter(|token| token.chars().any(char::is_alphanumeric))
                .count();
            assert_eq!(word_count(text), bounded, "{text:?}");
        }
    }
}
