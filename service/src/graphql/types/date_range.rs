//! `DateRange`: dates in the organisation's time zone (docs/metrics.md#date-ranges).

use async_graphql::InputObject;
use chrono::NaiveDate;

use crate::domain::dates::DayRange;
use crate::error::ServiceError;

/// An inclusive range of days in the organisation's time zone, at most two
/// years long.
#[derive(InputObject, Clone, Copy, Debug)]
#[graphql(name = "DateRange")]
pub struct DateRangeInput {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DateRangeInput {
    /// The range as rollup days; an inverted or overlong range is the
    /// client's mistake.
    pub fn days(&self) -> Result<DayRange, ServiceError> {
        DayRange::new(self.from, self.to)
            .map_err(|e| ServiceError::BadUserInput(format!("range: {e}")))
    }
}
