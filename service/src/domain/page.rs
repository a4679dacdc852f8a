//! How many items a list returns.

use crate::error::{ServiceError, ServiceResult};

/// A list's page size (`first`), checked against the list's maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSize(usize);

impl PageSize {
    /// `first`, or `default` when absent; anything outside `0..=max` is
    /// refused with the bounds.
    pub fn parse(first: Option<i32>, default: usize, max: usize) -> ServiceResult<Self> {
        let Some(n) = first else {
            return Ok(Self(default.min(max)));
        };
        usize::try_from(n)
            .ok()
            .filter(|n| *n <= max)
            .map(Self)
            .ok_or_else(|| {
                ServiceError::BadUserInput(format!("`first` must be between 0 and {max}, not {n}"))
            })
    }

    pub fn get(self) -> usize {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_is_bounded() {
        assert_eq!(PageSize::parse(None, 20, 100).unwrap().get(), 20);
        assert_eq!(PageSize::parse(Some(0), 20, 100).unwrap().get(), 0);
        assert_eq!(PageSize::parse(Some(100), 20, 100).unwrap().get(), 100);
        let err = PageSize::parse(Some(101), 20, 100).unwrap_err().to_string();
        assert_eq!(err, "`first` must be between 0 and 100, not 101");
        assert!(PageSize::parse(Some(-1), 20, 100).is_err());
    }
}
