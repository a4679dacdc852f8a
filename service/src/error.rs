//! The one error type of the service layer. The GraphQL layer maps each
//! variant to an `extensions.code`; internal details are logged, never shown.

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
}

impl From<sea_orm::DbErr> for ServiceError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Internal(err.into())
    }
}

impl From<crate::import::ImportError> for ServiceError {
    fn from(err: crate::import::ImportError) -> Self {
        Self::BadUserInput(err.to_string())
    }
}

/// Result of a service-layer operation.
pub type ServiceResult<T> = Result<T, ServiceError>;
