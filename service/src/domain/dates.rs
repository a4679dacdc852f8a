//! Days in an organisation's time zone: rollups are kept per local day, and
//! a date range (docs/metrics.md#date-ranges) is a span of those days.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use chrono_tz::Tz;

/// `NaiveDate::num_days_from_ce` of 1970-01-01.
const EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// A day as stored in the rollups: days since 1970-01-01.
pub type DayNumber = i32;

/// The organisation-local day an instant falls on.
pub fn local_day(at: DateTime<Utc>, tz: Tz) -> DayNumber {
    at.with_timezone(&tz).date_naive().num_days_from_ce() - EPOCH_DAYS_FROM_CE
}

/// The date of a day number.
pub fn date_of(day: DayNumber) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day + EPOCH_DAYS_FROM_CE).unwrap_or(NaiveDate::MIN)
}

/// The day number of a date.
pub fn day_of(date: NaiveDate) -> DayNumber {
    date.num_days_from_ce() - EPOCH_DAYS_FROM_CE
}

/// Longest range a request may ask for.
pub const MAX_RANGE_DAYS: i32 = 732;

/// An inclusive span of local days, `from` ≤ `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DayRange {
    pub from: DayNumber,
    pub to: DayNumber,
}

impl DayRange {
    /// Parses a range from two dates, refusing an inverted or overlong one.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self, String> {
        let (from, to) = (day_of(from), day_of(to));
        if from > to {
            return Err(format!(
                "the range starts ({}) after it ends ({})",
                date_of(from),
                date_of(to)
            ));
        }
        if to - from + 1 > MAX_RANGE_DAYS {
            return Err(format!(
                "a range covers at most {MAX_RANGE_DAYS} days; this one covers {}",
                to - from + 1
            ));
        }
        Ok(Self { from, to })
    }

    /// Number of days in the range (at least one).
    pub fn days(&self) -> i32 {
        self.to - self.from + 1
    }

    /// The range of equal length that ends the day before this one starts.
    pub fn previous(&self) -> Self {
        Self {
            from: self.from - self.days(),
            to: self.from - 1,
        }
    }

    /// The first instant of the range and the first instant after it, in UTC.
    pub fn instants(&self, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        (start_of(self.from, tz), start_of(self.to + 1, tz))
    }
}

/// The first instant of a local day (the earliest valid local time when
/// the day starts inside a daylight-saving gap).
fn start_of(day: DayNumber, tz: Tz) -> DateTime<Utc> {
    let date = date_of(day);
    let mut time = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    for _ in 0..4 {
        if let Some(at) = time.and_local_timezone(tz).earliest() {
            return at.with_timezone(&Utc);
        }
        time += chrono::TimeDelta::minutes(30);
    }
    time.and_utc()
}

/// The last `days` days up to and including the local day of `now`.
pub fn last_days(now: DateTime<Utc>, tz: Tz, days: u32) -> DayRange {
    let to = local_day(now, tz);
    let from = date_of(to)
        .checked_sub_days(Days::new(u64::from(days.max(1)) - 1))
        .map_or(to, day_of);
    DayRange { from, to }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_follow_the_local_calendar() {
        let tz: Tz = "America/New_York".parse().unwrap();
        // 03:30 UTC on 2 March is still 1 March in New York.
        let at = "2026-03-02T03:30:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            date_of(local_day(at, tz)),
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
        );
        assert_eq!(
            local_day(at, chrono_tz::UTC),
            day_of(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap())
        );
        assert_eq!(day_of(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()), 0);
    }

    #[test]
    fn ranges_know_their_previous_period_and_instants() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let range = DayRange::new(d("2026-03-01"), d("2026-03-31")).unwrap();
        assert_eq!(range.days(), 31);
        let previous = range.previous();
        assert_eq!(
            (date_of(previous.from), date_of(previous.to)),
            (d("2026-01-29"), d("2026-02-28"))
        );
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let (start, end) = range.instants(tz);
        assert_eq!(start.to_rfc3339(), "2026-02-28T23:00:00+00:00");
        // Summer time starts on 29 March: April begins at 22:00 UTC.
        assert_eq!(end.to_rfc3339(), "2026-03-31T22:00:00+00:00");
        assert!(DayRange::new(d("2026-03-02"), d("2026-03-01")).is_err());
        assert!(DayRange::new(d("2020-01-01"), d("2026-03-01")).is_err());
    }
}
