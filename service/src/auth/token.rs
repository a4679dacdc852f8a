//! Minting and verifying HS256 tokens.

use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use serde::{Deserialize, Serialize};

use crate::domain::{CallId, OrgId, UserId};
use crate::error::ServiceError;
use crate::store::users::User;

/// Issuer written into and required from every token.
const ISSUER: &str = "callsight";

/// Audience of recording tokens. API tokens carry no audience, and the API
/// validation accepts none, so neither kind of token passes for the other.
const RECORDING_AUDIENCE: &str = "callsight:recording";

/// Lifetime of a recording token: long enough to play a call, short enough
/// that a URL copied out of a page soon stops working.
const RECORDING_TTL_SECS: i64 = 3600;

/// What a token says: the user (`sub`) and their organisation (`org`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub org: i64,
    pub iss: String,
    pub iat: i64,
    pub exp: i64,
}

/// What a recording token says: one user may fetch one call's recording.
/// It goes in a URL (`<audio src>` cannot send headers), so it grants
/// nothing else and expires soon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct RecordingClaims {
    sub: String,
    org: i64,
    call: i64,
    aud: String,
    iss: String,
    iat: i64,
    exp: i64,
}

/// The keys derived from the secret, built once at start-up.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    recording_validation: Validation,
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
        let mut recording_validation = validation.clone();
        recording_validation.set_audience(&[RECORDING_AUDIENCE]);
        recording_validation.set_required_spec_claims(&["exp", "sub", "iss", "aud"]);
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            recording_validation,
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

    /// Checks signature, algorithm, issuer and expiry. A recording token
    /// fails here: it carries an audience and API tokens have none.
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

    /// A token that lets `user` of `org` fetch the recording of `call` for
    /// the next hour, for URLs a media element loads without headers. The
    /// caller has checked that the user may see the call; the server checks
    /// again on every request.
    pub fn mint_recording(&self, org: OrgId, user: UserId, call: CallId) -> anyhow::Result<String> {
        let now = Utc::now().timestamp();
        let claims = RecordingClaims {
            sub: user.0.to_string(),
            org: org.0,
            call: call.0,
            aud: RECORDING_AUDIENCE.to_owned(),
            iss: ISSUER.to_owned(),
            iat: now,
            exp: now + RECORDING_TTL_SECS,
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// Checks a recording token like [`TokenKeys::verify`], plus its
    /// audience and that it was minted for `call`; returns the organisation
    /// and user it speaks for. An API token fails here: it has no audience.
    pub fn verify_recording(
        &self,
        token: &str,
        call: CallId,
    ) -> Result<(OrgId, UserId), ServiceError> {
        let claims = jsonwebtoken::decode::<RecordingClaims>(
            token,
            &self.decoding,
            &self.recording_validation,
        )
        .map(|data| data.claims)
        .map_err(|err| {
            let why = match err.kind() {
                ErrorKind::ExpiredSignature => {
                    "the recording token has expired; ask the API for the call's recording URL again"
                }
                _ => "the token is not a valid recording token",
            };
            ServiceError::Unauthenticated(why.into())
        })?;
        let user = claims
            .sub
            .parse::<i64>()
            .ok()
            .filter(|_| claims.call == call.0);
        user.map(|user| (OrgId(claims.org), UserId(user)))
            .ok_or_else(|| {
                ServiceError::Unauthenticated(
                    "the recording token was minted for another call".into(),
                )
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

    #[test]
    fn recording_tokens_open_one_call_only_and_are_not_api_tokens() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef");
        let token = keys
            .mint_recording(OrgId(7), UserId(42), CallId(3))
            .unwrap();
        assert_eq!(
            keys.verify_recording(&token, CallId(3)).unwrap(),
            (OrgId(7), UserId(42))
        );
        assert!(keys.verify_recording(&token, CallId(4)).is_err());
        assert!(
            keys.verify(&token).is_err(),
            "a recording token is no API token"
        );
        let api = keys.mint(&user(), 1).unwrap();
        assert!(
            keys.verify_recording(&api, CallId(3)).is_err(),
            "an API token is no recording token"
        );

        let past = RecordingClaims {
            sub: "42".into(),
            org: 7,
            call: 3,
            aud: RECORDING_AUDIENCE.into(),
            iss: ISSUER.into(),
            iat: 0,
            exp: Utc::now().timestamp() - 3600,
        };
        let expired =
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &past, &keys.encoding).unwrap();
        let err = keys.verify_recording(&expired, CallId(3)).unwrap_err();
        assert!(err.to_string().contains("expired"), "{err}");
    }
}
