//! What a call adds to YAKE's written-English vocabulary. Transcribed speech
//! is full of words that are frequent, spread over the whole call and often
//! capitalised at the start of a turn, which YAKE reads as important: the
//! greetings, thanks, fillers, backchannels, number words, days, small-talk
//! verbs and judgements of `spoken_stopwords_en.txt` are therefore
//! stopwords on calls, and the
//! participants' names too (they are who talks, not what is talked about).
//! The generic words of `generic_en.txt` ("call", "team", "end", "week")
//! may be part of a phrase ("recorded calls") but are never a key phrase on
//! their own or together ("sales team", "end of the week").

use std::collections::HashSet;
use std::sync::LazyLock;

/// Stopwords of spoken English beyond the SMART list, lowercase.
pub static SPOKEN_STOPWORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(include_str!("spoken_stopwords_en.txt")));

/// Words that carry no topic of their own, lowercase and singular.
pub static GENERIC_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(include_str!("generic_en.txt")));

/// The entries of a word list: one a line, `#` starts a comment line.
fn words(list: &'static str) -> Vec<&'static str> {
    list.lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .collect()
}

/// The lowercased words of people's names (and of speaker labels that are
/// names, such as "Dana" or "dana.whitfield@example.com"): every run of
/// letters of at least two.
pub fn name_words<'a>(names: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    let mut words = HashSet::new();
    for name in names {
        let name = name.split_once('@').map_or(name, |(local, _)| local);
        for word in name.split(|c: char| !c.is_alphabetic()) {
            if word.chars().count() >= 2 {
                words.insert(word.to_lowercase());
            }
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_split_into_words() {
        let mut words: Vec<String> = name_words(["Dana Whitfield", "priya.raman@example.com", "J"])
            .into_iter()
            .collect();
        words.sort();
        assert_eq!(words, ["dana", "priya", "raman", "whitfield"]);
    }

    #[test]
    fn lists_are_lowercase_words() {
        for w in SPOKEN_STOPWORDS.iter().chain(GENERIC_WORDS.iter()) {
            assert_eq!(*w, w.to_lowercase(), "{w}");
            assert!(!w.contains(' '), "{w}");
        }
        assert!(SPOKEN_STOPWORDS.contains(&"hey") && GENERIC_WORDS.contains(&"call"));
    }
}
