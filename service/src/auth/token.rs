//! Minting and verifying HS256 tokens: API tokens, and link tokens that
//! open one thing from a URL.

use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use serde::{Deserialize, Serialize};

use crate::domain::{CallId, FollowUpId, OrgId, UserId};
use crate::error::ServiceError;
use crate::store::users::User;

/// Issuer written into and required from every token.
const ISSUER: &str = "callsight";

/// Lifetime of a link token: long enough to play a call or add an invite
/// to a calendar, short enough that a URL copied out of a page soon stops
/// working.
const LINK_TTL_SECS: i64 = 3600;

/// What a token says: the user (`sub`) and their organisation (`org`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub org: i64,
    pub iss: String,
    pub iat: i64,
    pub exp: i64,
}

/// The one thing a link token opens. Link tokens go in URLs that are
/// loaded without headers (`<audio src>`, a calendar app opening an
/// invite), so each grants one user one thing and expires soon. Each kind
/// has its own audience: API tokens carry none and the API validation
/// accepts none, so no kind of token passes for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// The uploaded recording of a call.
    Recording(CallId),
    /// The calendar invite of a meeting follow-up.
    Invite(FollowUpId),
}

impl Link {
    fn audience(self) -> &'static str {
        match self {
            Self::Recording(_) => "callsight:recording",
            Self::Invite(_) => "callsight:invite",
        }
    }

    /// The token's name in messages.
    fn noun(self) -> &'static str {
        match self {
            Self::Recording(_) => "recording",
            Self::Invite(_) => "invite",
        }
    }

    /// What the token names, and where a client gets a fresh URL.
    fn target(self) -> (&'static str, &'static str) {
        match self {
            Self::Recording(_) => ("call", "the call's recording URL"),
            Self::Invite(_) => ("follow-up", "the follow-up's invite URL"),
        }
    }

    fn claims(self, user: UserId, org: OrgId, now: i64) -> LinkClaims {
        let (call, follow_up) = match self {
            Self::Recording(call) => (Some(call.0), None),
            Self::Invite(follow_up) => (None, Some(follow_up.0)),
        };
        LinkClaims {
            sub: user.0.to_string(),
            org: org.0,
            call,
            follow_up,
            aud: self.audience().to_owned(),
            iss: ISSUER.to_owned(),
            iat: now,
            exp: now + LINK_TTL_SECS,
        }
    }

    fn is_named_by(self, claims: &LinkClaims) -> bool {
        match self {
            Self::Recording(call) => claims.call == Some(call.0) && claims.follow_up.is_none(),
            Self::Invite(follow_up) => {
                claims.follow_up == Some(follow_up.0) && claims.call.is_none()
            }
        }
    }
}

/// What a link token says: one user of one organisation may open one
/// [`Link`]. A recording token names its `call`, as it always has, so
/// recording URLs already handed out keep working.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct LinkClaims {
    sub: String,
    org: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    call: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    follow_up: Option<i64>,
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
    /// [`TokenKeys::validation`] plus a required audience; each link kind
    /// sets its own.
    link_validation: Validation,
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
        let mut link_validation = validation.clone();
        link_validation.set_required_spec_claims(&["exp", "sub", "iss", "aud"]);
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            link_validation,
        }
    }

    /// A token for `user`, valid for `ttl`.
    pub fn mint(&self, user: &User, ttl: std::time::Duration) -> anyhow::Result<String> {
        self.mint_issued_at(user, Utc::now().timestamp(), ttl)
    }

    /// A token for `user` issued at `iat` (Unix seconds) and valid for
    /// `ttl` from then: the same inputs give the same token.
    pub fn mint_issued_at(
        &self,
        user: &User,
        iat: i64,
        ttl: std::time::Duration,
    ) -> anyhow::Result<String> {
        let claims = Claims {
            sub: user.id.0.to_string(),
            org: user.org.0,
            iss: ISSUER.to_owned(),
            iat,
            exp: iat + i64::try_from(ttl.as_secs()).unwrap_or(i64::MAX / 2),
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// Checks signature, algorithm, issuer and expiry. A link token fails
    /// here: it carries an audience and API tokens have none.
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

    /// A token that lets `user` of `org` open `link` for the next hour,
    /// for URLs loaded without headers. The caller has checked that the
    /// user may see what it opens; the server checks again on every
    /// request.
    pub fn mint_link(&self, org: OrgId, user: UserId, link: Link) -> anyhow::Result<String> {
        let claims = link.claims(user, org, Utc::now().timestamp());
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// Checks a link token like [`TokenKeys::verify`], plus the audience of
    /// `link`'s kind and that it was minted for `link`; returns the
    /// organisation and user it speaks for. An API token fails here: it
    /// has no audience; so does a token of another kind of link.
    pub fn verify_link(&self, token: &str, link: Link) -> Result<(OrgId, UserId), ServiceError> {
        let mut validation = self.link_validation.clone();
        validation.set_audience(&[link.audience()]);
        let noun = link.noun();
        let claims = jsonwebtoken::decode::<LinkClaims>(token, &self.decoding, &validation)
            .map(|data| data.claims)
            .map_err(|err| {
                let why = match err.kind() {
                    ErrorKind::ExpiredSignature => format!(
                        "the {noun} token has expired; ask the API for {} again",
                        link.target().1
                    ),
                    _ => format!("the token is not a valid {noun} token"),
                };
                ServiceError::Unauthenticated(why)
            })?;
        let user = claims
            .sub
            .parse::<i64>()
            .ok()
            .filter(|_| link.is_named_by(&claims));
        user.map(|user| (OrgId(claims.org), UserId(user)))
            .ok_or_else(|| {
                ServiceError::Unauthenticated(format!(
                    "the {noun} token was minted for another {}",
                    link.target().0
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: std::time::Duration = std::time::Duration::from_secs(3600);
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
        let claims = keys.verify(&keys.mint(&user(), HOUR).unwrap()).unwrap();
        assert_eq!((claims.sub.as_str(), claims.org), ("42", 7));

        let other = TokenKeys::new(b"another secret of enough length!!");
        let err = other
            .verify(&keys.mint(&user(), HOUR).unwrap())
            .unwrap_err();
        assert!(err.to_string().contains("signature"), "{err}");

        let expired = keys.mint(&user(), std::time::Duration::ZERO).unwrap();
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
            .mint_link(OrgId(7), UserId(42), Link::Recording(CallId(3)))
            .unwrap();
        assert_eq!(
            keys.verify_link(&token, Link::Recording(CallId(3)))
                .unwrap(),
            (OrgId(7), UserId(42))
        );
        assert!(
            keys.verify_link(&token, Link::Recording(CallId(4)))
                .is_err()
        );
        assert!(
            keys.verify(&token).is_err(),
            "a recording token is no API token"
        );
        let api = keys.mint(&user(), HOUR).unwrap();
        assert!(
            keys.verify_link(&api, Link::Recording(CallId(3))).is_err(),
            "an API token is no recording token"
        );

        let past = LinkClaims {
            exp: Utc::now().timestamp() - 3600,
            ..Link::Recording(CallId(3)).claims(UserId(42), OrgId(7), 0)
        };
        let expired =
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &past, &keys.encoding).unwrap();
        let err = keys
            .verify_link(&expired, Link::Recording(CallId(3)))
            .unwrap_err();
        assert!(err.to_string().contains("expired"), "{err}");
    }

    #[test]
    fn invite_tokens_open_one_follow_up_and_no_recording() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef");
        let invite = Link::Invite(FollowUpId(3));
        let token = keys.mint_link(OrgId(7), UserId(42), invite).unwrap();
        assert_eq!(
            keys.verify_link(&token, invite).unwrap(),
            (OrgId(7), UserId(42))
        );
        let err = keys
            .verify_link(&token, Link::Invite(FollowUpId(4)))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the invite token was minted for another follow-up"
        );
        // Same number, other kind: the audiences keep them apart.
        let err = keys
            .verify_link(&token, Link::Recording(CallId(3)))
            .unwrap_err();
        assert_eq!(err.to_string(), "the token is not a valid recording token");
        let recording = keys
            .mint_link(OrgId(7), UserId(42), Link::Recording(CallId(3)))
            .unwrap();
        assert!(keys.verify_link(&recording, invite).is_err());
        assert!(
            keys.verify(&token).is_err(),
            "an invite token is no API token"
        );

        let past = LinkClaims {
            exp: Utc::now().timestamp() - 3600,
            ..invite.claims(UserId(42), OrgId(7), 0)
        };
        let expired =
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &past, &keys.encoding).unwrap();
        let err = keys.verify_link(&expired, invite).unwrap_err();
        assert!(err.to_string().contains("invite URL again"), "{err}");
    }
}
