//! One error type for handlers. It turns into a bare status plus an [`ErrorBody`] marker; the
//! `finish_errors` middleware then writes the body in the request's language, as a page for
//! people or as the JSON envelope `{"error": {"code", "message", "field"?}}` under `/api`.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};
use taawun_domain::{ValidationError, ValidationErrors};
use taawun_store::StoreError;

pub use taawun_domain::error::RULE_CODES as VALIDATION_CODES;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    SignInRequired,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid or missing CSRF token")]
    Csrf,
    #[error("too many requests")]
    TooManyRequests,
    #[error("invalid input: {0}")]
    Invalid(ValidationErrors),
    /// The request is valid but clashes with what exists (the same person registered twice).
    #[error("conflict: {0}")]
    Conflict(ValidationErrors),
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("database unavailable")]
    Unavailable,
    #[error("internal error: {0}")]
    Internal(String),
}

/// What the error middleware needs to write a translated body.
#[derive(Debug, Clone)]
pub struct ErrorBody {
    /// Stable snake_case code; the message id is `error-<code>`.
    pub code: &'static str,
    pub details: Vec<ValidationError>,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::SignInRequired => "sign_in_required",
            AppError::Forbidden => "forbidden",
            AppError::Csrf => "csrf",
            AppError::TooManyRequests => "too_many_requests",
            AppError::Invalid(errors) => errors.iter().next().map_or("invalid", |e| e.code),
            AppError::Conflict(errors) => errors.iter().next().map_or("conflict", |e| e.code),
            AppError::UnsupportedMediaType => "unsupported_media_type",
            AppError::Unavailable => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    pub fn invalid(e: ValidationError) -> Self {
        AppError::Invalid(e.into())
    }
}

/// Codes of the errors that are not about one field; each has an `error-<code>` and pages show
/// an `error-title-…` for the common ones.
pub const APP_ERROR_CODES: &[&str] = &[
    "not_found",
    "sign_in_required",
    "forbidden",
    "csrf",
    "too_many_requests",
    "invalid",
    "conflict",
    "unsupported_media_type",
    "unavailable",
    "internal",
];

/// Status codes whose body the middleware writes even when no handler error produced them
/// (the router's own 404 and 405).
pub const HTTP_CODES: &[(StatusCode, &str)] = &[
    (StatusCode::NOT_FOUND, "not_found"),
    (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
    (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
    (StatusCode::REQUEST_TIMEOUT, "timeout"),
];

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        }
        let details = match &self {
            AppError::Invalid(errors) | AppError::Conflict(errors) => errors.0.clone(),
            _ => Vec::new(),
        };
        let mut response = self.status().into_response();
        response.extensions_mut().insert(ErrorBody {
            code: self.code(),
            details,
        });
        response
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            e if e.is_unavailable() => {
                tracing::warn!(error = %e, "database unavailable");
                AppError::Unavailable
            }
            e => AppError::Internal(e.to_string()),
        }
    }
}

impl From<ValidationErrors> for AppError {
    fn from(e: ValidationErrors) -> Self {
        AppError::Invalid(e)
    }
}

impl From<minijinja::Error> for AppError {
    fn from(e: minijinja::Error) -> Self {
        AppError::Internal(format!("template: {e:#}"))
    }
}

pub type AppResult<T> = Result<T, AppError>;
