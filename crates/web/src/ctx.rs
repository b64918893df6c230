//! The request context of a page: language, signed-in user, CSRF token, current path.

use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, header, request::Parts},
};
use taawun_domain::{Lang, RegionCode, Role, policy};
use taawun_store::User;

use crate::{AppError, AppState, auth, middleware::CsrfToken};

pub const LANG_COOKIE: &str = "taawun_lang";
pub const SESSION_COOKIE: &str = "taawun_session";
pub const CSRF_COOKIE: &str = "taawun_csrf";

/// The session cookie's name. Over HTTPS it carries the `__Host-` prefix: browsers then accept it
/// only from this host, with `Secure` and `Path=/`, so a neighbouring subdomain cannot plant one.
pub fn session_cookie(secure: bool) -> &'static str {
    if secure {
        "__Host-taawun_session"
    } else {
        SESSION_COOKIE
    }
}

/// The CSRF cookie's name, prefixed like the session's (see [`session_cookie`]).
pub fn csrf_cookie(secure: bool) -> &'static str {
    if secure { "__Host-taawun_csrf" } else { CSRF_COOKIE }
}

/// The token a form must echo: the CSRF cookie bound to the session it is sent with (none before
/// sign-in). A token planted by someone else, or read from another visitor's page, is worth
/// nothing without the victim's session, which scripts cannot read (HttpOnly).
pub fn form_token(csrf_cookie: &str, session_cookie: Option<&str>) -> String {
    let session = session_cookie.map(auth::token_hash).unwrap_or_default();
    auth::token_hash(&format!("{csrf_cookie}:{session}"))
}

/// The value of a cookie in a request, if present.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value with the flags every Taawun cookie carries: HttpOnly (scripts never need
/// them), SameSite=Lax (no cross-site POST carries them), Secure over HTTPS.
pub fn set_cookie(name: &str, value: &str, max_age_secs: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{secure}")
}

/// The language a request asked for: the remembered choice, else Arabic.
pub fn lang_of(headers: &HeaderMap) -> Option<Lang> {
    cookie(headers, LANG_COOKIE).and_then(Lang::parse)
}

/// The language of an API response: `?lang=`, then `Accept-Language`, else Arabic.
pub fn api_lang(parts_uri: &axum::http::Uri, headers: &HeaderMap) -> Lang {
    parts_uri
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("lang=")))
        .and_then(Lang::parse)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .or_else(|| lang_of(headers))
        .unwrap_or_default()
}

/// Who is asking and in which language; extracted by every page handler.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<User>,
    /// Hash of the session token, to end this session on sign-out.
    pub session_hash: Option<String>,
    pub csrf: String,
    /// Path and query of the current page, for the language switch and sign-in redirects.
    pub path: String,
    /// Scheme and host the site is reached at (`https://registre.example.ma`), for links that
    /// leave the site: QR codes, e-mails.
    pub origin: String,
}

impl Ctx {
    pub fn require_user(&self) -> Result<&User, AppError> {
        self.user.as_ref().ok_or(AppError::SignInRequired)
    }

    /// The signed-in user if their role passes `allowed`; otherwise sign-in or 403.
    pub fn require_role(&self, allowed: impl Fn(Role) -> bool) -> Result<&User, AppError> {
        let user = self.require_user()?;
        if allowed(user.role) {
            Ok(user)
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl Ctx {
    /// The signed-in user and how far `action` reaches for them (`taawun_domain::policy`): None
    /// for every record, Some(region) for that region's only; refused when it reaches nothing.
    pub fn reach(&self, action: policy::Action) -> Result<(&User, Option<String>), AppError> {
        let user = self.require_user()?;
        // An unreadable region must not widen the reach to the whole country.
        let region = match user.region_code.as_deref() {
            Some(r) => Some(RegionCode::parse("region", r).map_err(|_| AppError::Forbidden)?),
            None => None,
        };
        match policy::reach(user.role, region.as_ref(), action) {
            policy::Reach::Nothing => Err(AppError::Forbidden),
            policy::Reach::Region(r) => Ok((user, Some(r.as_str().to_string()))),
            policy::Reach::Everything => Ok((user, None)),
        }
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let session_hash =
            cookie(&parts.headers, session_cookie(state.config.secure_cookies)).map(auth::token_hash);
        let user = match &session_hash {
            Some(hash) => state.store.session(hash).await?.map(|s| s.user),
            None => None,
        };
        let lang = lang_of(&parts.headers)
            .or_else(|| user.as_ref().and_then(|u| Lang::parse(&u.lang)))
            .unwrap_or_default();
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let path = parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_string(), |p| p.as_str().to_string());
        // Links in pages and messages come from the configured address (set by `serve` from its
        // listening address when none is given), never from the visitor's `Host` header.
        let origin = state
            .config
            .public_url
            .clone()
            .unwrap_or_else(|| "http://localhost".to_string());
        Ok(Ctx {
            lang,
            user,
            session_hash,
            csrf,
            path,
            origin,
        })
    }
}

/// Accepts only a path of this site as a redirect target, so `?next=` cannot send people to
/// another site, otherwise `/`.
///
/// Browsers drop tabs and line breaks inside a URL and read `\` as `/` (WHATWG URL), so
/// `/<TAB>/evil.example` is `//evil.example`, another host: any control or blank character, any
/// backslash, and a second leading `/` are refused. A control character would also make an
/// invalid `Location` header.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n[1..].starts_with('/')
                && !n.contains('\\')
                && !n.chars().any(|c| c.is_control() || c.is_whitespace()) =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; taawun_lang=fr; b=2".parse().expect("header"),
        );
        assert_eq!(cookie(&h, LANG_COOKIE), Some("fr"));
        assert_eq!(cookie(&h, "c"), None);
        assert_eq!(lang_of(&h), Some(Lang::Fr));
    }

    #[test]
    fn form_tokens_are_bound_to_the_session() {
        let csrf = "ab".repeat(32);
        let anonymous = form_token(&csrf, None);
        assert_ne!(anonymous, csrf, "the cookie alone is not the token");
        assert_ne!(form_token(&csrf, Some("session-1")), anonymous);
        assert_ne!(
            form_token(&csrf, Some("session-1")),
            form_token(&csrf, Some("session-2"))
        );
        assert_eq!(form_token(&csrf, Some("s")), form_token(&csrf, Some("s")));
        assert_eq!(session_cookie(true), "__Host-taawun_session");
        assert_eq!(csrf_cookie(false), CSRF_COOKIE);
    }

    #[test]
    fn next_is_local_only() {
        assert_eq!(safe_next(Some("/territory?x=1")), "/territory?x=1");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "evil",
            "/\t/evil.example",
            "/\n",
            "/\r\n/evil.example",
            "/ /evil.example",
            "/\u{a0}/evil.example",
            "/\u{7f}",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_next(None), "/");
    }

    proptest::proptest! {
        /// Whatever is given, the target is a path of this site that a browser cannot read as
        /// another host, and a valid header value.
        #[test]
        fn next_never_leaves_the_site(n in "\\PC{0,12}|[/\\\\\t\n\r a-z.]{0,12}") {
            let target = safe_next(Some(&n));
            proptest::prop_assert!(target.starts_with('/'));
            let cleaned: String = target.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
            proptest::prop_assert!(!cleaned.starts_with("//") && !cleaned.contains('\\'));
            proptest::prop_assert!(axum::http::HeaderValue::from_str(&target).is_ok());
        }
    }
}
