//! Keywords an organisation, a team or one call tracks.

use crate::error::{ServiceError, ServiceResult};

/// Longest keyword or phrase tracked.
const MAX_KEYWORD_CHARS: usize = 200;

/// A keyword list as tracked: whitespace folded, blanks and (case-blind)
/// duplicates dropped, each at most [`MAX_KEYWORD_CHARS`] characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrackedKeywords(Vec<String>);

impl TrackedKeywords {
    /// The list as given, cleaned; a keyword that is too long is refused.
    pub fn parse(keywords: Vec<String>) -> ServiceResult<Self> {
        let mut kept: Vec<String> = Vec::new();
        for keyword in keywords {
            let keyword = keyword.split_whitespace().collect::<Vec<_>>().join(" ");
            if keyword.chars().count() > MAX_KEYWORD_CHARS {
                return Err(ServiceError::BadUserInput(format!(
                    "keyword `{keyword}` is longer than {MAX_KEYWORD_CHARS} characters"
                )));
            }
            if !keyword.is_empty()
                && !kept
                    .iter()
                    .any(|k| k.to_lowercase() == keyword.to_lowercase())
            {
                kept.push(keyword);
            }
        }
        Ok(Self(kept))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_vec(self) -> Vec<String> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_whitespace_and_drops_blanks_and_duplicates() {
        let kept = TrackedKeywords::parse(vec![
            "  price   list ".into(),
            "".into(),
            "Price List".into(),
            "onboarding".into(),
        ])
        .unwrap();
        assert_eq!(kept.into_vec(), ["price list", "onboarding"]);
        assert!(TrackedKeywords::parse(vec!["x".repeat(201)]).is_err());
    }
}
