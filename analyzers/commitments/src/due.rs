//! The day an action item is due: a date phrase of [`crate::when`]
//! ("by Friday", "next week", "tomorrow", "in two weeks") resolved against
//! the local day the call started on (docs/metrics.md#action-items).
//!
//! A phrase that names a period resolves to the period's last working day
//! or last day, since a due date is the latest day the task may be done:
//! "this week" and "next week" are their Fridays, "end of the month" its
//! last day. A weekday is the next one after the call's day ("on Friday"
//! said on a Friday is a week later); "next Friday" is the Friday of the
//! following week. A month named alone is its first day ("a pilot in
//! April"), the next April after the call's month.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::when::When;
use crate::words::Words;

/// The due day of the phrase `when` of `words`, for a call that started on
/// the local day `today`; `None` when the phrase names no day that can be
/// computed ("Monday" in a phrase it cannot read).
pub fn resolve(words: &Words, when: When, today: NaiveDate) -> Option<NaiveDate> {
    let phrase: Vec<&str> = (when.first..=when.last)
        .map(|i| words.get(i))
        .skip_while(|w| {
            matches!(
                *w,
                "by" | "on" | "before" | "until" | "till" | "through" | "the"
            )
        })
        .collect();
    let next = phrase.first() == Some(&"next");
    let last = *phrase.last()?;
    if let Some(day) = weekday(last) {
        return Some(if next {
            week_start(today) + Days::new(7) + Days::new(u64::from(day.num_days_from_monday()))
        } else {
            next_weekday(today, day)
        });
    }
    if phrase.contains(&"end") || last.starts_with("end-of-") {
        let name = last.strip_prefix("end-of-").unwrap_or(last);
        return end_of(period(name)?, today, phrase.contains(&"next"));
    }
    match last {
        "today" | "tonight" | "eod" | "cob" | "end-of-day" | "morning" | "afternoon"
        | "evening"
            if !next =>
        {
            Some(today)
        }
        "tomorrow" | "tmrw" => today.succ_opt(),
        "eow" => end_of(Period::Week, today, false),
        "eom" => end_of(Period::Month, today, false),
        "eoq" => end_of(Period::Quarter, today, false),
        "eoy" => end_of(Period::Year, today, false),
        "week" | "month" | "quarter" | "year" | "weekend" if phrase.first() != Some(&"in") => {
            end_of(period(last)?, today, next)
        }
        "days" | "day" | "weeks" | "week" | "months" => {
            let count = if phrase.contains(&"couple") {
                2
            } else if phrase.contains(&"few") {
                3
            } else {
                count(phrase.get(1).copied()?)?
            };
            match last {
                "days" | "day" => today.checked_add_days(Days::new(count)),
                "weeks" | "week" => today.checked_add_days(Days::new(7 * count)),
                _ => today.checked_add_months(Months::new(u32::try_from(count).ok()?)),
            }
        }
        _ if ordinal(last).is_some() => {
            let day = ordinal(last)?;
            let this_month = today.with_day(day).filter(|d| *d >= today);
            this_month.or_else(|| first_of_next_month(today)?.with_day(day))
        }
        _ => {
            let month = month(last)?;
            let year = if month >= today.month() {
                today.year()
            } else {
                today.year() + 1
            };
            if month == today.month() {
                end_of(Period::Month, today, false)
            } else {
                NaiveDate::from_ymd_opt(year, month, 1)
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
}

fn period(w: &str) -> Option<Period> {
    Some(match w {
        "day" => Period::Day,
        "week" => Period::Week,
        "weekend" => Period::Weekend,
        "month" => Period::Month,
        "quarter" => Period::Quarter,
        "year" => Period::Year,
        _ => return None,
    })
}

/// The last day of the period `today` is in, or of the one after.
fn end_of(period: Period, today: NaiveDate, next: bool) -> Option<NaiveDate> {
    let step = u32::from(next);
    match period {
        Period::Day => Some(today),
        Period::Week | Period::Weekend => {
            let friday = week_start(today) + Days::new(7 * u64::from(step) + 4);
            let day = if period == Period::Weekend {
                friday + Days::new(2)
            } else {
                friday
            };
            Some(day.max(today))
        }
        Period::Month => month_end(today.with_day(1)?.checked_add_months(Months::new(step))?),
        Period::Quarter => {
            let first = NaiveDate::from_ymd_opt(today.year(), (today.month0() / 3) * 3 + 1, 1)?;
            month_end(first.checked_add_months(Months::new(2 + 3 * step))?)
        }
        Period::Year => NaiveDate::from_ymd_opt(today.year() + i32::from(next), 12, 31),
    }
}

fn month_end(in_month: NaiveDate) -> Option<NaiveDate> {
    first_of_next_month(in_month)?.pred_opt()
}

fn first_of_next_month(day: NaiveDate) -> Option<NaiveDate> {
    day.with_day(1)?.checked_add_months(Months::new(1))
}

fn week_start(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The first `day` strictly after `today`.
fn next_weekday(today: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (7 + day.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    today + Days::new(u64::from(if ahead == 0 { 7 } else { ahead }))
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn month(w: &str) -> Option<u32> {
    Some(match w {
        "january" => 1,
        "february" => 2,
        "march" => 3,
        "april" => 4,
        "may" => 5,
        "june" => 6,
        "july" => 7,
        "august" => 8,
        "september" | "sept" => 9,
        "october" => 10,
        "november" => 11,
        "december" => 12,
        _ => return None,
    })
}

/// "in two weeks", "in a few days", "in a couple of weeks".
fn count(w: &str) -> Option<u64> {
    Some(match w {
        "a" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        _ => w.parse().ok()?,
    })
}

/// "15th" → 15.
fn ordinal(w: &str) -> Option<u32> {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    matches!(&w[digits..], "st" | "nd" | "rd" | "th")
        .then(|| w[..digits].parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::when::scan;

    /// Thursday 2 May 2024.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 5, 2).unwrap()
    }

    fn due(text: &str) -> Option<String> {
        let mut words = Words::default();
        words.fill(text);
        let when = scan(&words).when?;
        resolve(&words, when, today()).map(|d| d.to_string())
    }

    #[test]
    fn days_ahead() {
        assert_eq!(due("I'll send it today").as_deref(), Some("2024-05-02"));
        assert_eq!(due("I'll send it tomorrow").as_deref(), Some("2024-05-03"));
        assert_eq!(due("by Friday").as_deref(), Some("2024-05-03"));
        assert_eq!(due("on Thursday").as_deref(), Some("2024-05-09"));
        assert_eq!(due("next Tuesday at two").as_deref(), Some("2024-05-07"));
        assert_eq!(due("next Friday").as_deref(), Some("2024-05-10"));
        assert_eq!(due("on the 15th").as_deref(), Some("2024-05-15"));
        assert_eq!(due("by the 1st").as_deref(), Some("2024-06-01"));
        assert_eq!(due("quote by EOD").as_deref(), Some("2024-05-02"));
    }

    #[test]
    fn periods_end_on_their_last_day() {
        assert_eq!(
            due("We'll review it this week").as_deref(),
            Some("2024-05-03")
        );
        assert_eq!(
            due("We'll review it next week").as_deref(),
            Some("2024-05-10")
        );
        assert_eq!(due("by end of the month").as_deref(), Some("2024-05-31"));
        assert_eq!(
            due("before the end of next week").as_deref(),
            Some("2024-05-10")
        );
        assert_eq!(due("end of next month").as_deref(), Some("2024-06-30"));
        assert_eq!(
            due("by the end of the quarter").as_deref(),
            Some("2024-06-30")
        );
        assert_eq!(due("in two weeks").as_deref(), Some("2024-05-16"));
        assert_eq!(
            due("circle back in a couple of weeks").as_deref(),
            Some("2024-05-16")
        );
        assert_eq!(due("in a few days").as_deref(), Some("2024-05-05"));
        assert_eq!(due("a pilot in April").as_deref(), Some("2025-04-01"));
        assert_eq!(due("a pilot in June").as_deref(), Some("2024-06-01"));
    }
}
