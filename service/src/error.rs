//! The one error type of the service layer. The GraphQL layer maps each
//! variant to an `extensions.code`; internal details are logged under an
//! id the client is given, never shown.

use sea_orm::{DbErr, SqlErr};

/// What went wrong, in terms a client can act on.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Carries why: missing header, bad signature, expired, unknown user.
    #[error("{0}")]
    Unauthenticated(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadUserInput(String),
    #[error(
        "conversation intelligence is switched off for this organisation; an admin enables it with \
         `mutation {{ updateOrganizationSettings(input: {{conversationIntelligence: true}}) {{ id }} }}`"
    )]
    FeatureDisabled,
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl ServiceError {
    /// The `extensions.code` clients branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated(_) => "UNAUTHENTICATED",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::NotFound(_) => "NOT_FOUND",
            Self::BadUserInput(_) => "BAD_USER_INPUT",
            Self::FeatureDisabled => "FEATURE_DISABLED",
            Self::Internal(_) => "INTERNAL",
        }
    }

    pub fn not_found(what: impl std::fmt::Display) -> Self {
        Self::NotFound(format!("{what} not found"))
    }

    /// The message with, for an internal error, every cause beneath it:
    /// for logs and the job table, never for a client.
    pub fn detail(&self) -> String {
        match self {
            Self::Internal(cause) => format!("{cause:#}"),
            other => other.to_string(),
        }
    }

    /// Logs an internal error at error level with its full cause chain
    /// under a new [`ErrorId`], which the client gets in place of the
    /// cause, so a report quoting it leads to the log line. Other errors
    /// are the client's to fix: they are not logged and get no id.
    pub fn log_internal(&self, context: &str) -> Option<ErrorId> {
        let Self::Internal(cause) = self else {
            return None;
        };
        let id = ErrorId::new();
        tracing::error!(error_id = %id, error = format!("{cause:#}"), "{context}");
        Some(id)
    }
}

/// Names one internal failure in the log and in the client's error
/// (`extensions.errorId`): 16 random hex digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorId(String);

impl ErrorId {
    fn new() -> Self {
        Self(format!("{:016x}", rand::random::<u64>()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ErrorId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A write that broke a unique constraint asked for something taken
/// already, most often by a concurrent request that passed the same
/// check a moment earlier: the client's to fix, said in a general
/// sentence; [`OrTaken::or_taken`] says what is taken where the caller knows.
impl From<DbErr> for ServiceError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(constraint)) => {
                tracing::info!(%constraint, "a write broke a unique constraint");
                Self::BadUserInput(
                    "this would duplicate something that exists already (a name or e-mail \
                     that must be unique is taken); reload and try again"
                        .into(),
                )
            }
            _ => Self::Internal(err.into()),
        }
    }
}

/// Words a unique violation in terms of the request.
pub trait OrTaken<T> {
    /// A unique violation becomes `BAD_USER_INPUT` with the sentence
    /// `taken` makes; any other database error converts as usual.
    fn or_taken(self, taken: impl FnOnce() -> String) -> ServiceResult<T>;
}

impl<T> OrTaken<T> for Result<T, DbErr> {
    fn or_taken(self, taken: impl FnOnce() -> String) -> ServiceResult<T> {
        self.map_err(|err| match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => ServiceError::BadUserInput(taken()),
            _ => err.into(),
        })
    }
}

/// Result of a service-layer operation.
pub type ServiceResult<T> = Result<T, ServiceError>;
