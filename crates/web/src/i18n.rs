//! Translations. Every string a person reads comes from the Fluent files in `i18n/`, a few per
//! language (split by part of the site: `ar.ftl` for the common pages, `ar-register.ftl`, …),
//! compiled into the binary; code refers to messages by id.

use std::{borrow::Cow, collections::HashMap};

use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use taawun_domain::Lang;

/// Each language's files, concatenated in this order. Every file has its counterpart in the
/// other language with the same ids (tested).
const SOURCES: [(Lang, &[&str]); 2] = [
    (
        Lang::Ar,
        &[
            include_str!("../i18n/ar.ftl"),
            include_str!("../i18n/ar-register.ftl"),
            include_str!("../i18n/ar-kb.ftl"),
            include_str!("../i18n/ar-campaigns.ftl"),
            include_str!("../i18n/ar-space.ftl"),
            include_str!("../i18n/ar-markets.ftl"),
            include_str!("../i18n/ar-programmes.ftl"),
        ],
    ),
    (
        Lang::Fr,
        &[
            include_str!("../i18n/fr.ftl"),
            include_str!("../i18n/fr-register.ftl"),
            include_str!("../i18n/fr-kb.ftl"),
            include_str!("../i18n/fr-campaigns.ftl"),
            include_str!("../i18n/fr-space.ftl"),
            include_str!("../i18n/fr-markets.ftl"),
            include_str!("../i18n/fr-programmes.ftl"),
        ],
    ),
];

fn source(parts: &[&str]) -> String {
    parts.join("\n")
}

pub struct I18n {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("I18n")
    }
}

#[derive(Debug, thiserror::Error)]
#[error("translation file for {lang} is invalid: {detail}")]
pub struct I18nError {
    lang: &'static str,
    detail: String,
}

impl I18n {
    pub fn load() -> Result<Self, I18nError> {
        let mut bundles = HashMap::new();
        for (lang, parts) in SOURCES {
            let err = |detail: String| I18nError {
                lang: lang.code(),
                detail,
            };
            let resource = FluentResource::try_new(source(parts)).map_err(|(_, e)| err(format!("{e:?}")))?;
            let id = lang.code().parse().map_err(|e| err(format!("{e:?}")))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Fluent wraps arguments in Unicode isolates (FSI…PDI) so that a Latin name inside an
            // Arabic sentence keeps its own direction; that is exactly what mixed text needs.
            bundle.set_use_isolating(true);
            bundle.add_resource(resource).map_err(|e| err(format!("{e:?}")))?;
            bundles.insert(lang, bundle);
        }
        Ok(Self { bundles })
    }

    /// The message `id` in `lang`. A missing message shows its id (and a test makes sure none is
    /// missing), rather than failing a page.
    pub fn t(&self, lang: Lang, id: &str) -> String {
        self.t_args(lang, id, &[])
    }

    pub fn t_args(&self, lang: Lang, id: &str, args: &[(&str, String)]) -> String {
        let Some(bundle) = self.bundles.get(&lang) else {
            return id.to_string();
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(id, lang = lang.code(), "missing translation");
            return id.to_string();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, FluentValue::String(Cow::Owned(v.clone())));
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned()
    }

    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.bundles.get(&lang).is_some_and(|b| b.has_message(id))
    }

    /// Message ids of a language, for the completeness tests.
    pub fn ids(lang: Lang) -> Vec<String> {
        let text = SOURCES
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, parts)| source(parts))
            .unwrap_or_default();
        text.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string()))
            .collect()
    }

    /// A translated validation error: `error-<code>`, with the field's label as `$field`.
    pub fn error(&self, lang: Lang, e: &taawun_domain::ValidationError) -> String {
        let mut args: Vec<(&str, String)> = e.args.iter().map(|(k, v)| (*k, v.clone())).collect();
        args.push(("field", self.t(lang, &format!("field-{}", e.field))));
        self.t_args(lang, &format!("error-{}", e.code), &args)
    }
}

/// Moroccan month names (Arabic as used in Morocco: يناير، فبراير … دجنبر) and French ones come
/// from the translation files (`month-1` … `month-12`).
pub fn format_date(i18n: &I18n, lang: Lang, date: time::Date) -> String {
    let month = i18n.t(lang, &format!("month-{}", u8::from(date.month())));
    format!("{} {} {}", date.day(), month, date.year())
}

/// Date and time (UTC+1 would be Morocco's legal time, but the audit log states UTC plainly).
pub fn format_timestamp(i18n: &I18n, lang: Lang, unix: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(unix) {
        Ok(t) => format!(
            "{} {:02}:{:02} UTC",
            format_date(i18n, lang, t.date()),
            t.hour(),
            t.minute()
        ),
        Err(_) => unix.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_messages() {
        let ar: std::collections::BTreeSet<_> = I18n::ids(Lang::Ar).into_iter().collect();
        let fr: std::collections::BTreeSet<_> = I18n::ids(Lang::Fr).into_iter().collect();
        assert!(ar.len() > 50, "ids parsed: {}", ar.len());
        let only_ar: Vec<_> = ar.difference(&fr).collect();
        let only_fr: Vec<_> = fr.difference(&ar).collect();
        assert!(
            only_ar.is_empty() && only_fr.is_empty(),
            "only in ar: {only_ar:?}; only in fr: {only_fr:?}"
        );
    }

    #[test]
    fn files_parse_and_format() {
        let i18n = I18n::load().expect("translation files parse");
        assert_eq!(i18n.t(Lang::Fr, "month-5"), "mai");
        assert_eq!(i18n.t(Lang::Ar, "month-5"), "ماي");
        let d = time::Date::from_calendar_date(2018, time::Month::May, 10).expect("date");
        assert_eq!(format_date(&i18n, Lang::Fr, d), "10 mai 2018");
        assert_eq!(format_date(&i18n, Lang::Ar, d), "10 ماي 2018");
    }

    #[test]
    fn every_rule_code_of_the_domain_is_translated() {
        let i18n = I18n::load().expect("translation files parse");
        let http = crate::error::HTTP_CODES.iter().map(|(_, c)| c);
        let all = crate::error::VALIDATION_CODES
            .iter()
            .chain(crate::error::APP_ERROR_CODES)
            .chain(http);
        for code in all {
            for lang in Lang::ALL {
                assert!(
                    i18n.has(lang, &format!("error-{code}")),
                    "error-{code} missing in {}",
                    lang.code()
                );
            }
        }
    }
}
