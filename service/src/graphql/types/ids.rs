//! GraphQL `ID`s are the stored integer ids as strings.

use async_graphql::ID;

use crate::error::ServiceError;

/// Reads an id argument; anything but an integer is the client's mistake.
pub fn parse_id<T>(id: &ID, what: &str, make: impl FnOnce(i64) -> T) -> Result<T, ServiceError> {
    id.parse::<i64>().map(make).map_err(|_| {
        ServiceError::BadUserInput(format!("`{}` is not a valid {what} id", id.as_str()))
    })
}
