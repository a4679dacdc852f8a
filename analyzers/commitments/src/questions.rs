//! Telling whether a sentence asks something (docs/metrics.md#action-items).
//!
//! A question mark is the main sign, but transcripts are written by people
//! and machines that drop it, and speakers ask indirectly. So:
//!
//! - a sentence ending in `?` is a question, except a *hand-off* that only
//!   names who speaks next ("Kamal?", "Over to you, Dana?") and a tag on an
//!   instruction ("So remember to fill in the Doodle, ok?");
//! - a sentence without one is a question when it is worded as one: an
//!   auxiliary before its subject at the start of a clause ("[Dana], do you
//!   have any questions."), a question word before an auxiliary ("What is
//!   the necessary content.", "How long do you expect it to be."), or an
//!   indirect question ("I was just curious how you're thinking about…",
//!   "I was wondering if you could…", "my question is whether…", "let us
//!   know what you are working on").

use crate::words::Words;

fn is_wh(w: &str) -> bool {
    matches!(
        w,
        "what" | "how" | "when" | "where" | "why" | "which" | "who" | "whom" | "whose"
    )
}

fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "do"
            | "does"
            | "did"
            | "can"
            | "could"
            | "should"
            | "would"
            | "will"
            | "shall"
            | "may"
            | "have"
            | "has"
    )
}

fn is_subject(w: &str) -> bool {
    matches!(
        w,
        "you" | "we" | "i" | "it" | "they" | "he" | "she" | "there" | "that" | "this" | "anyone"
    )
}

/// Words that may open a clause before the question proper ("so", "and",
/// "okay, so", "um").
fn is_opener(w: &str) -> bool {
    matches!(
        w,
        "so" | "and"
            | "but"
            | "or"
            | "okay"
            | "ok"
            | "yeah"
            | "well"
            | "um"
            | "uh"
            | "then"
            | "also"
            | "now"
            | "oh"
            | "alright"
    )
}

/// Words of a hand-off besides the names: "over to you, Dana?".
fn is_hand_off_word(w: &str) -> bool {
    matches!(
        w,
        "so" | "and" | "then" | "over" | "to" | "you" | "hey" | "ok" | "okay"
    )
}

/// Whether the sentence in `words` is a question; `marked` says whether it
/// ends with a question mark, `is_name` whether a word is a participant's
/// name (lowercase).
pub fn is_question(words: &Words, marked: bool, is_name: impl Fn(&str) -> bool) -> bool {
    if words.is_empty() {
        return false;
    }
    if marked {
        return !is_hand_off(words, &is_name) && !is_instruction_tag(words);
    }
    (0..words.len()).any(|i| words.starts_clause(i) && worded_as_question(words, i, i == 0))
        || is_indirect(words)
}

/// "Kamal?", "Dana and Lee?", "over to you, Dana?": only names and
/// hand-off words, at least one name.
fn is_hand_off(words: &Words, is_name: &impl Fn(&str) -> bool) -> bool {
    let mut names = 0;
    for i in 0..words.len() {
        let w = words.get(i);
        if is_name(w) {
            names += 1;
        } else if !is_hand_off_word(w) {
            return false;
        }
    }
    names > 0
}

/// "So remember to fill the Doodle, ok?": an instruction with a tag asks
/// for nothing.
fn is_instruction_tag(words: &Words) -> bool {
    let n = words.len();
    if n < 3 || !matches!(words.get(n - 1), "ok" | "okay") {
        return false;
    }
    let mut i = 0;
    while is_opener(words.get(i)) && i + 1 < n {
        i += 1;
    }
    matches!(
        (words.get(i), words.get(i + 1)),
        ("remember", "to") | ("please", _) | ("make", "sure") | ("do", "not")
    )
}

/// The clause at `i` opens as a question: an auxiliary before a subject
/// ("do you have…"), or a question word before an auxiliary ("what is…",
/// "which file has…", "how long do…"). In mid-sentence a question word
/// needs a subject after its auxiliary, so that relative clauses (", which
/// is here") stay statements.
fn worded_as_question(words: &Words, i: usize, sentence_start: bool) -> bool {
    let mut i = i;
    while is_opener(words.get(i)) {
        i += 1;
    }
    let w = words.get(i);
    if is_auxiliary(w) {
        return is_subject(words.get(i + 1)) && !words.get(i + 2).is_empty();
    }
    if !is_wh(w) {
        return false;
    }
    // "How long do…", "which file has…", "what kind of data are…".
    let aux = (i + 1..(i + 5).min(words.len()))
        .find(|&k| is_auxiliary(words.get(k)) || is_subject(words.get(k)))
        .filter(|&k| is_auxiliary(words.get(k)));
    match aux {
        Some(k) if sentence_start => k == i + 1 || !is_subject(words.get(i + 1)),
        // "which" and "who" in mid-sentence open relative clauses; "let's
        // see, where was I" is thinking aloud.
        Some(k) => {
            !matches!(w, "which" | "who") && is_subject(words.get(k + 1)) && words.get(k + 1) != "i"
        }
        None => false,
    }
}

/// "I was just curious how…", "(just) curious if…", "I was wondering
/// if…", "I'd like to know…", "I'd just like to double check that…",
/// "my question is whether…", "I have another question", "let us know
/// what…".
fn is_indirect(words: &Words) -> bool {
    let n = words.len();
    (0..n).any(|i| {
        let (w, n1, n2) = (words.get(i), words.get(i + 1), words.get(i + 2));
        match w {
            "curious" | "wondering" => matches!(n1, "if" | "whether" | "about") || is_wh(n1),
            // "I wonder what the problem is" is often thinking aloud.
            "wonder" => matches!(n1, "if" | "whether"),
            "question" => matches!(n1, "is") && (matches!(n2, "whether" | "if") || is_wh(n2)),
            "know" | "understand" | "check" | "confirm" => {
                // "I'd like to know", "I'd just like to double check".
                let before = |k: usize| i >= k && words.get(i - k) == "like";
                (before(2) || before(3)) && (0..i).any(|k| words.get(k) == "would")
                    || w == "know"
                        && i >= 2
                        && words.get(i - 2) == "let"
                        && matches!(words.get(i - 1), "us" | "me")
                        && (is_wh(n1) && n1 != "which")
            }
            "have" if i > 0 && words.get(i - 1) == "i" => {
                matches!(n1, "a" | "another" | "one") && n2 == "question"
                    || n1 == "one" && n2 == "more" && words.get(i + 3) == "question"
            }
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asks(text: &str) -> bool {
        let mut words = Words::default();
        words.fill(text);
        let marked = text.trim_end().ends_with('?');
        is_question(&words, marked, |w| matches!(w, "kamal" | "dana"))
    }

    #[test]
    fn unmarked_questions_and_indirect_ones() {
        assert!(asks("What is the necessary content."));
        assert!(asks("How long do you expect the whole document to be."));
        assert!(asks(
            "Yeah, so Dana, do you have any questions concerning the deliverable."
        ));
        assert!(asks("I was wondering if you could send the deck"));
        assert!(asks(
            "Um, I was just curious how you are thinking about winter."
        ));
        assert!(asks("So my question is whether you have already started."));
        assert!(asks("Please let us know what you are working on."));
        assert!(asks("And I'll tell them, so, when could you two have it."));
    }

    #[test]
    fn statements_hand_offs_and_tags_are_not() {
        assert!(!asks("Kamal?"));
        assert!(!asks("Over to you, Dana?"));
        assert!(!asks(
            "So remember to fill the Doodle of your availability, ok?"
        ));
        assert!(!asks("What we need is a reviewer."));
        assert!(!asks(
            "Just use the screenshot, which is in the review slides."
        ));
        assert!(!asks("Thanks for making the time today."));
        assert!(!asks("I'm not sure I'll get one."));
        assert!(!asks("Let me know if anything changes."));
        assert!(asks("How are you measuring call quality today?"));
        assert!(asks("Wednesday?"));
    }
}
