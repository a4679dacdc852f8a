//! E-mail addresses, normalised once at the boundary.

use std::fmt;

/// A plausible e-mail address, trimmed and lower-cased, so that
/// `Jane@Acme.com` and `jane@acme.com` are one user.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, String> {
        let email = input.trim().to_lowercase();
        let valid = match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.is_empty()
                    && !domain.contains('@')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if valid {
            Ok(Self(email))
        } else {
            Err(format!("`{}` is not an e-mail address", input.trim()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Email;

    #[test]
    fn normalises_and_rejects() {
        assert_eq!(
            Email::parse(" Jane.Doe@Acme.COM ").unwrap().as_str(),
            "jane.doe@acme.com"
        );
        for bad in [
            "",
            "jane",
            "@acme.com",
            "jane@",
            "ja ne@acme.com",
            "a@b@c",
            "jane@.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
