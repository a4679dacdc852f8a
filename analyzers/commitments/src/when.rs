//! Finding the date or day an action item is due ("by Friday", "on the
//! 15th", "end of the month", "EOD", "next week", "in two weeks").
//!
//! Only days ahead are dates here: "last Friday", "yesterday" and "two
//! weeks ago" point back (see [`crate::detect`] for how past tense vetoes),
//! and "every Monday" is a habit, not a due date.

use std::ops::Range;

use crate::words::Words;

/// A date phrase: the words `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub first: usize,
    pub last: usize,
}

impl When {
    /// The phrase's bytes in the sentence.
    pub fn span(self, words: &Words) -> Range<usize> {
        words.span(self.first, self.last)
    }
}

/// What the date scan found in a sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dates {
    /// The first date or day ahead.
    pub when: Option<When>,
    /// A day named as a habit ("every Monday", "each week").
    pub habitual: bool,
}

fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// A month name; "may" only where it cannot be the modal ("in May").
fn is_month(w: &str, previous: &str) -> bool {
    match w {
        "january" | "february" | "march" | "april" | "june" | "july" | "august" | "september"
        | "sept" | "october" | "november" | "december" => true,
        "may" => matches!(
            previous,
            "in" | "by" | "early" | "mid" | "late" | "of" | "until" | "before" | "end"
        ),
        _ => false,
    }
}

fn is_period(w: &str) -> bool {
    matches!(
        w,
        "week" | "weekend" | "month" | "quarter" | "year" | "morning" | "afternoon" | "evening"
    )
}

/// "15th", "1st", "22nd", "3rd".
fn is_ordinal_day(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits) && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
}

fn is_count(w: &str) -> bool {
    matches!(
        w,
        "a" | "one" | "two" | "three" | "four" | "five" | "six" | "couple" | "few"
    ) || w.bytes().all(|b| b.is_ascii_digit())
}

/// Words that may lead a date phrase and belong in it ("by Friday").
fn is_lead(w: &str) -> bool {
    matches!(
        w,
        "by" | "on" | "before" | "until" | "till" | "through" | "next" | "this" | "coming"
    )
}

/// Scans `words` for the first date ahead.
pub fn scan(words: &Words) -> Dates {
    let mut dates = Dates::default();
    for i in 0..words.len() {
        let w = words.get(i);
        let previous = if i > 0 { words.get(i - 1) } else { "" };
        let found = match w {
            "today" | "tonight" | "tomorrow" | "tmrw" | "eod" | "eow" | "cob" | "eom" | "eoq"
            | "eoy" | "end-of-day" | "end-of-week" | "end-of-month" => Some((i, i)),
            // "This year" and "this quarter" are the time the call is in,
            // not a due date.
            "this" if matches!(words.get(i + 1), "year" | "quarter") => None,
            "next" | "this" | "coming" if is_period(words.get(i + 1)) => Some((i, i + 1)),
            "end" if words.get(i + 1) == "of" => {
                let the = usize::from(words.get(i + 2) == "the");
                let mut last = i + 2 + the;
                if matches!(words.get(last), "next" | "this") {
                    last += 1;
                }
                (matches!(
                    words.get(last),
                    "day" | "week" | "month" | "quarter" | "year"
                ))
                .then_some((i, last))
            }
            "in" if is_count(words.get(i + 1)) => {
                // "in two weeks", "in a few days", "in a couple of weeks".
                let mut last = i + 2;
                if matches!(words.get(last), "couple" | "few") {
                    last += 1;
                }
                if words.get(last) == "of" {
                    last += 1;
                }
                matches!(
                    words.get(last),
                    "days" | "weeks" | "months" | "day" | "week"
                )
                .then_some((i, last))
            }
            _ if is_weekday(w) || is_month(w, previous) => {
                if matches!(previous, "every" | "each") {
                    dates.habitual = true;
                    None
                } else if previous == "last" {
                    None
                } else {
                    Some((i, i))
                }
            }
            _ if is_ordinal_day(w) && matches!(previous, "the" | "on" | "by") => Some((i, i)),
            "every" | "each" if is_period(words.get(i + 1)) => {
                dates.habitual = true;
                None
            }
            _ => None,
        };
        if let Some((mut first, last)) = found {
            // Take in "by the", "on", "next", "this" before the phrase.
            while first > 0 && (is_lead(words.get(first - 1)) || words.get(first - 1) == "the") {
                first -= 1;
            }
            dates.when = Some(When { first, last });
            return dates;
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(text: &str) -> Option<&str> {
        let mut words = Words::default();
        words.fill(text);
        scan(&words).when.map(|w| &text[w.span(&words)])
    }

    #[test]
    fn days_and_dates_ahead() {
        assert_eq!(when("I'll send it by Friday."), Some("by Friday"));
        assert_eq!(when("Let's meet on the 15th"), Some("on the 15th"));
        assert_eq!(when("quote by EOD"), Some("by EOD"));
        assert_eq!(when("by end of the month"), Some("by end of the month"));
        assert_eq!(
            when("before the end of next week"),
            Some("before the end of next week")
        );
        assert_eq!(when("next Tuesday at two"), Some("next Tuesday"));
        assert_eq!(when("We'll review it next week"), Some("next week"));
        assert_eq!(
            when("circle back in a couple of weeks"),
            Some("in a couple of weeks")
        );
        assert_eq!(when("a pilot in April"), Some("April"));
        assert_eq!(when("later today"), Some("today"));
    }

    #[test]
    fn past_habits_and_the_modal_may_are_not_dates() {
        assert_eq!(when("we met last Friday"), None);
        assert_eq!(when("we may sign"), None);
        assert_eq!(when("the second option"), None);
        let mut words = Words::default();
        words.fill("We send it every Monday");
        assert_eq!(
            scan(&words),
            Dates {
                when: None,
                habitual: true
            }
        );
    }
}
