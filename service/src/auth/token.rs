//! Minting and verifying HS256 tokens.

use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use serde::{Deserialize, Serialize};

use crate::error::ServiceError;
use crate::store::users::User;

/// Issuer written into and required from every token.
const ISSUER: &str = "callsight";

/// What a token says: the user (`sub`) and their organisation (`org`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub org: i64,
    pub iss: String,
    pub iat: i64,
    pub exp: i64,
}

/// The keys derived from the secret, built once at start-up.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKeys(..)")
    }
}

impl TokenKeys {
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "sub", "iss"]);
        validation.leeway = 30;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    /// A token for `user`, valid for `ttl_hours`.
    pub fn mint(&self, user: &User, ttl_hours: u32) -> anyhow::Result<String> {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: user.id.0.to_string(),
            org: user.org.0,
            iss: ISSUER.to_owned(),
            iat: now,
            exp: now + i64::from(ttl_hours) * 3600,
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// Checks signature, algorithm, issuer and expiry.
    pub fn verify(&self, token: &str) -> Result<Claims, ServiceError> {
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|err| {
                let why = match err.kind() {
                    ErrorKind::ExpiredSignature => {
                        "the token has expired; mint a new one with `callsight token`"
                    }
                    ErrorKind::InvalidSignature => {
                        "the token's signature does not match this server's secret"
                    }
                    _ => "the token is not a valid Callsight token",
                };
                ServiceError::Unauthenticated(why.into())
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Email, OrgId, UserId, UserRole};

    fn user() -> User {
        User {
            id: UserId(42),
            org: OrgId(7),
            email: Email::parse("a@b.c").unwrap(),
            name: "A".into(),
            role: UserRole::Seller,
            manager: None,
        }
    }

    #[test]
    fn round_trips_and_rejects_foreign_or_expired_tokens() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef");
        let claims = keys.verify(&keys.mint(&user(), 1).unwrap()).unwrap();
        assert_eq!((claims.sub.as_str(), claims.org), ("42", 7));

        let other = TokenKeys::new(b"another secret of enough length!!");
        let err = other.verify(&keys.mint(&user(), 1).unwrap()).unwrap_err();
        assert!(err.to_string().contains("signature"), "{err}");

        let expired = keys.mint(&user(), 0).unwrap();
        // exp = now, within leeway: still valid; force a past expiry instead.
        assert!(keys.verify(&expired).is_ok());
        let past = Claims {
            exp: Utc::now().timestamp() - 3600,
            ..claims
        };
        let token =
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &past, &keys.encoding).unwrap();
        assert!(
            keys.verify(&token)
                .unwrap_err()
                .to_string()
                .contains("expired")
        );
    }
}
