//! The extract of the register for one cooperative: an A4 PDF in Arabic (right-to-left, Naskh) or
//! French, with the analytical record, the register entries, a verification QR code and short
//! code, and the signed payload attached as `taawun-extract.json` so that the PDF alone can be
//! checked offline (see [`crate::extract_attachment`] and [`crate::seal::verify`]).
//!
//! This crate translates nothing: every label comes in [`ExtractLabels`], already in the
//! document's language, from the web layer's translation files. Values (names, dates, amounts)
//! come formatted for that language too.
//!
//! Direction: the page follows the document language; the name in the other script is set in its
//! own direction; registration and central numbers, the short code, entry numbers and the
//! verification address are isolated left-to-right boxes, so bidi can never reverse or reorder
//! them inside Arabic text. One more fix inside free text: a plain space grouping thousands
//! (`10 000`) is a bidi *neutral*, so in Arabic text the groups would be laid out right-to-left
//! (`000 10`); [`keep_digit_groups`] turns such spaces into no-break spaces, which bidi treats as
//! number separators (and which also keep a number on one line).

use crate::{DocumentError, qr::qr_svg, typeset, typst_string, values_prelude};

/// Name of the attached signed payload, in every extract PDF.
pub const ATTACHMENT_NAME: &str = "taawun-extract.json";

/// The typst template of an extract. It expects `d` (strings: the fields of [`ExtractValues`] and
/// the labels as `l_*`), `entries` (dictionaries `number`, `date`, `kind`, `summary`) and the files
/// `qr.svg` and `taawun-extract.json`; [`extract_pdf`] provides all of them.
pub const EXTRACT_TEMPLATE: &str = include_str!("extract.typ");

/// Language of an extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocLang {
    Ar,
    Fr,
}

impl DocLang {
    /// `"ar"` or `"fr"`.
    pub fn from_code(code: &str) -> Option<DocLang> {
        match code {
            "ar" => Some(DocLang::Ar),
            "fr" => Some(DocLang::Fr),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            DocLang::Ar => "ar",
            DocLang::Fr => "fr",
        }
    }
}

/// One entry of the register (an inscription, a modification, a deregistration…).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtractEntry {
    /// The entry's number in the register (printed left-to-right).
    pub number: String,
    pub date: String,
    /// The kind of entry, translated.
    pub kind: String,
    pub summary: String,
}

/// Every word printed on an extract that is not data, in the document's language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtractLabels {
    /// Who issues the extract (e.g. the office's name), above the title.
    pub issuer: String,
    /// Heading of the analytical record.
    pub record: String,
    pub registration_number: String,
    pub central_number: String,
    pub court: String,
    pub seat: String,
    pub legal_form: String,
    pub status: String,
    pub object: String,
    pub capital: String,
    pub immatriculated_on: String,
    pub last_entry: String,
    /// "No." before an entry number, in the last entry's line.
    pub number: String,
    /// Heading of the list of entries, and its column headers.
    pub entries: String,
    pub entry_number: String,
    pub entry_date: String,
    pub entry_kind: String,
    pub entry_summary: String,
    /// Printed instead of the table when there is no entry.
    pub no_entries: String,
    /// Before the issue date ("Issued on").
    pub issued_at: String,
    /// Before the short code in the footer ("Code").
    pub code: String,
    /// Before the verification address in the footer ("Verify at").
    pub verify_at: String,
    /// Alternative text of the QR code.
    pub qr: String,
    /// Description of the attached payload, shown by PDF readers in their attachments list.
    pub attachment: String,
}

/// What an extract shows. Text arrives formatted and translated; see [`ExtractLabels`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractValues {
    pub lang: DocLang,
    pub title: String,
    pub cooperative_name_ar: String,
    pub cooperative_name_fr: String,
    pub registration_number: String,
    pub central_number: String,
    pub court: String,
    pub seat: String,
    /// The legal form (kind of cooperative, or union…), translated.
    pub legal_form: String,
    pub status: String,
    pub object: String,
    pub capital: String,
    pub immatriculated_on: String,
    /// The last entry: kind (translated), date, number. An empty kind prints a dash.
    pub last_entry_kind: String,
    pub last_entry_date: String,
    pub last_entry_number: String,
    pub entries: Vec<ExtractEntry>,
    pub issued_at: String,
    /// The short verification code, printed large under the QR code and in the footer.
    pub code: String,
    /// The verification address printed in the footer, e.g. `https://…/verify/CODE`.
    pub verify_url: String,
    /// What the QR code encodes; `None` means `verify_url`.
    pub qr_text: Option<String>,
    pub labels: ExtractLabels,
}

impl ExtractValues {
    /// The values as the template's `d` dictionary: fields by name, labels as `l_<name>`.
    fn flatten(&self) -> Vec<(&'static str, String)> {
        let v = self;
        let l = &self.labels;
        [
            ("lang", v.lang.code()),
            ("title", &v.title),
            ("cooperative_name_ar", &v.cooperative_name_ar),
            ("cooperative_name_fr", &v.cooperative_name_fr),
            ("registration_number", &v.registration_number),
            ("central_number", &v.central_number),
            ("court", &v.court),
            ("seat", &v.seat),
            ("legal_form", &v.legal_form),
            ("status", &v.status),
            ("object", &v.object),
            ("capital", &v.capital),
            ("immatriculated_on", &v.immatriculated_on),
            ("last_entry_kind", &v.last_entry_kind),
            ("last_entry_date", &v.last_entry_date),
            ("last_entry_number", &v.last_entry_number),
            ("issued_at", &v.issued_at),
            ("code", &v.code),
            ("verify_url", &v.verify_url),
            ("issuer", &l.issuer),
            ("l_record", &l.record),
            ("l_registration_number", &l.registration_number),
            ("l_central_number", &l.central_number),
            ("l_court", &l.court),
            ("l_seat", &l.seat),
            ("l_legal_form", &l.legal_form),
            ("l_status", &l.status),
            ("l_object", &l.object),
            ("l_capital", &l.capital),
            ("l_immatriculated_on", &l.immatriculated_on),
            ("l_last_entry", &l.last_entry),
            ("l_number", &l.number),
            ("l_entries", &l.entries),
            ("l_entry_number", &l.entry_number),
            ("l_entry_date", &l.entry_date),
            ("l_entry_kind", &l.entry_kind),
            ("l_entry_summary", &l.entry_summary),
            ("l_no_entries", &l.no_entries),
            ("l_issued_at", &l.issued_at),
            ("l_code", &l.code),
            ("l_verify_at", &l.verify_at),
            ("l_qr", &l.qr),
            ("l_attachment", &l.attachment),
        ]
        .into_iter()
        .map(|(k, v)| (k, keep_digit_groups(v)))
        .collect()
    }
}

/// `value` with every ASCII space that groups thousands — between a digit and exactly three
/// digits — replaced by a no-break space (U+00A0, bidi class CS), so `10 000` stays one number in
/// right-to-left text. Other spaces, such as the one in `17/05/2025 10:42`, are left alone.
pub fn keep_digit_groups(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let digit = |i: usize| {
        chars
            .get(i)
            .is_some_and(|c| c.is_ascii_digit() || ('\u{660}'..='\u{669}').contains(c))
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let groups = c == ' '
                && i > 0
                && digit(i - 1)
                && digit(i + 1)
                && digit(i + 2)
                && digit(i + 3)
                && !digit(i + 4);
            if groups { '\u{A0}' } else { c }
        })
        .collect()
}

/// The extract as PDF, with `payload_json` (the signed payload, given as is) attached as
/// [`ATTACHMENT_NAME`] and a QR code of `qr_text` (or `verify_url`).
pub fn extract_pdf(values: &ExtractValues, payload_json: &[u8]) -> Result<Vec<u8>, DocumentError> {
    let qr = qr_svg(values.qr_text.as_deref().unwrap_or(&values.verify_url))?;
    let flat = values.flatten();
    let mut source = values_prelude(&flat)?;
    source.push_str("#let entries = (\n");
    for e in &values.entries {
        source.push_str(&format!(
            "  (number: {}, date: {}, kind: {}, summary: {}),\n",
            typst_string(&keep_digit_groups(&e.number)),
            typst_string(&keep_digit_groups(&e.date)),
            typst_string(&keep_digit_groups(&e.kind)),
            typst_string(&keep_digit_groups(&e.summary)),
        ));
    }
    source.push_str(")\n");
    source.push_str(EXTRACT_TEMPLATE);
    typeset(
        source,
        vec![
            ("qr.svg".to_string(), typst::foundations::Bytes::from_string(qr)),
            (
                ATTACHMENT_NAME.to_string(),
                typst::foundations::Bytes::new(payload_json.to_vec()),
            ),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Seal, extract_attachment, seal::verify};

    fn labels_fr() -> ExtractLabels {
        ExtractLabels {
            issuer: "Office du Développement de la Coopération".into(),
            record: "Fiche analytique".into(),
            registration_number: "N° d'immatriculation".into(),
            central_number: "N° central".into(),
            court: "Tribunal".into(),
            seat: "Siège".into(),
            legal_form: "Forme".into(),
            status: "Situation".into(),
            object: "Objet".into(),
            capital: "Capital".into(),
            immatriculated_on: "Immatriculée le".into(),
            last_entry: "Dernière inscription".into(),
            number: "n°".into(),
            entries: "Inscriptions au registre".into(),
            entry_number: "N°".into(),
            entry_date: "Date".into(),
            entry_kind: "Nature".into(),
            entry_summary: "Objet".into(),
            no_entries: "Aucune inscription.".into(),
            issued_at: "Délivré le".into(),
            code: "Code".into(),
            verify_at: "Vérifier sur".into(),
            qr: "Code QR de vérification".into(),
            attachment: "Extrait signé (JSON)".into(),
        }
    }

    fn labels_ar() -> ExtractLabels {
        ExtractLabels {
            issuer: "مكتب تنمية التعاون".into(),
            record: "البطاقة التحليلية".into(),
            registration_number: "رقم التسجيل".into(),
            central_number: "الرقم المركزي".into(),
            court: "المحكمة".into(),
            seat: "المقر".into(),
            legal_form: "الشكل".into(),
            status: "الوضعية".into(),
            object: "الغرض".into(),
            capital: "رأس المال".into(),
            immatriculated_on: "تاريخ التسجيل".into(),
            last_entry: "آخر تقييد".into(),
            number: "رقم".into(),
            entries: "التقييدات في السجل".into(),
            entry_number: "الرقم".into(),
            entry_date: "التاريخ".into(),
            entry_kind: "النوع".into(),
            entry_summary: "الموضوع".into(),
            no_entries: "لا يوجد أي تقييد.".into(),
            issued_at: "سلم بتاريخ".into(),
            code: "الرمز".into(),
            verify_at: "للتحقق:".into(),
            qr: "رمز الاستجابة السريعة للتحقق".into(),
            attachment: "مستخرج موقع (JSON)".into(),
        }
    }

    fn sample(lang: DocLang) -> ExtractValues {
        let ar = lang == DocLang::Ar;
        ExtractValues {
            lang,
            title: if ar {
                "مستخرج من سجل التعاونيات"
            } else {
                "Extrait du registre des coopératives"
            }
            .into(),
            cooperative_name_ar: "تعاونية النور النسوية لإنتاج زيت الأركان".into(),
            cooperative_name_fr: "Coopérative Annour des femmes pour l'huile d'argan".into(),
            registration_number: "2019/1234".into(),
            central_number: "RC-45-00871".into(),
            court: if ar {
                "المحكمة الابتدائية بتارودانت"
            } else {
                "Tribunal de première instance de Taroudant"
            }
            .into(),
            seat: if ar {
                "دوار إمي نتليت، جماعة تالوين"
            } else {
                "Douar Imi n'Tlit, commune de Taliouine"
            }
            .into(),
            legal_form: if ar { "تعاونية" } else { "Coopérative" }.into(),
            status: if ar { "نشيطة" } else { "Active" }.into(),
            object: if ar {
                "إنتاج وتسويق زيت الأركان والزعفران (Crocus sativus)"
            } else {
                "Production et vente d'huile d'argan et de safran"
            }
            .into(),
            capital: if ar { "10 000 درهم" } else { "10 000 MAD" }.into(),
            immatriculated_on: "12/03/2019".into(),
            last_entry_kind: if ar { "تعديل" } else { "Modification" }.into(),
            last_entry_date: "05/06/2024".into(),
            last_entry_number: "2024-0042".into(),
            entries: vec![
                ExtractEntry {
                    number: "2019-0007".into(),
                    date: "12/03/2019".into(),
                    kind: if ar { "تسجيل" } else { "Immatriculation" }.into(),
                    summary: if ar {
                        "تأسيس التعاونية برأسمال 10 000 درهم و 7 أعضاء مؤسسين"
                    } else {
                        "Constitution, capital 10 000 MAD, 7 fondatrices"
                    }
                    .into(),
                },
                ExtractEntry {
                    number: "2024-0042".into(),
                    date: "05/06/2024".into(),
                    kind: if ar { "تعديل" } else { "Modification" }.into(),
                    summary: if ar {
                        "تغيير المقر إلى Taliouine Centre، رقم 12"
                    } else {
                        "Transfert du siège, n° 12"
                    }
                    .into(),
                },
            ],
            issued_at: "17/05/2025 10:42".into(),
            code: "K7M2-Q9XD".into(),
            verify_url: "https://taawun.example.ma/verify/K7M2-Q9XD".into(),
            qr_text: None,
            labels: if ar { labels_ar() } else { labels_fr() },
        }
    }

    #[test]
    fn both_languages_render_with_the_signed_payload_attached() {
        let seal = Seal::ephemeral().expect("key");
        for lang in [DocLang::Ar, DocLang::Fr] {
            let payload = format!(
                r#"{{"code":"K7M2-Q9XD","lang":"{}","name":"تعاونية \"النور\""}}"#,
                lang.code()
            );
            let signature = seal.sign(payload.as_bytes());
            let pdf = extract_pdf(&sample(lang), payload.as_bytes()).expect("renders");
            assert!(pdf.starts_with(b"%PDF-"));
            let text = String::from_utf8_lossy(&pdf);
            assert!(text.contains("NotoNaskhArabic") && text.contains("NotoSans"));
            let attached = extract_attachment(&pdf, ATTACHMENT_NAME).expect("attached");
            assert_eq!(attached, payload.as_bytes(), "byte-identical");
            assert!(verify(&seal.public_key_hex(), &attached, &signature));
            assert_eq!(extract_attachment(&pdf, "other.json"), None);
        }
    }

    #[test]
    fn an_empty_register_and_hostile_values_still_render() {
        let mut values = sample(DocLang::Fr);
        values.entries.clear();
        values.last_entry_kind.clear();
        values.cooperative_name_ar.clear();
        values.cooperative_name_fr = "#set page(width: 1pt) ] ) \" \\ \u{202E}".into();
        values.qr_text = Some("K7M2-Q9XD".into());
        let pdf = extract_pdf(&values, b"{}").expect("renders");
        assert_eq!(
            extract_attachment(&pdf, ATTACHMENT_NAME).as_deref(),
            Some(b"{}".as_slice())
        );
    }

    #[test]
    fn many_entries_flow_onto_more_pages() {
        let mut values = sample(DocLang::Ar);
        let entry = values.entries[1].clone();
        values.entries = (0..120)
            .map(|i| ExtractEntry {
                number: format!("2024-{i:04}"),
                ..entry.clone()
            })
            .collect();
        let pdf = extract_pdf(&values, b"{\"n\":120}").expect("renders");
        let pages = pdf
            .windows(11)
            .filter(|w| w.starts_with(b"/Type/Page") && w[10] != b's')
            .count();
        assert!(pages >= 3, "{pages} pages");
        assert!(extract_attachment(&pdf, ATTACHMENT_NAME).is_some());
    }

    /// Writes sample extracts for a visual check:
    /// `TAAWUN_SAMPLES=/tmp/x cargo test -p taawun-documents -- --ignored write_samples`,
    /// then e.g. `pdftoppm -png -r 80 /tmp/x/extract-ar.pdf /tmp/x/ar`.
    #[test]
    #[ignore = "writes files; for looking at the layout"]
    fn write_samples() {
        let Some(dir) = std::env::var_os("TAAWUN_SAMPLES") else {
            return;
        };
        let dir = std::path::PathBuf::from(dir);
        for lang in [DocLang::Ar, DocLang::Fr] {
            let pdf = extract_pdf(&sample(lang), b"{}").expect("renders");
            std::fs::write(dir.join(format!("extract-{}.pdf", lang.code())), pdf).expect("write");
        }
        let mut long = sample(DocLang::Ar);
        long.entries = long.entries.iter().cycle().take(60).cloned().collect();
        let pdf = extract_pdf(&long, b"{}").expect("renders");
        std::fs::write(dir.join("extract-ar-long.pdf"), pdf).expect("write");
    }

    #[test]
    fn thousands_stay_together() {
        assert_eq!(keep_digit_groups("10 000 درهم"), "10\u{A0}000 درهم");
        assert_eq!(keep_digit_groups("1 250 000 MAD"), "1\u{A0}250\u{A0}000 MAD");
        assert_eq!(keep_digit_groups("١٠ ٠٠٠"), "١٠\u{A0}٠٠٠");
        for unchanged in [
            "17/05/2025 10:42",
            "n° 12 membres",
            "2019 1234",
            "7 fondatrices",
            "a 000",
            "",
            " 000",
        ] {
            assert_eq!(keep_digit_groups(unchanged), unchanged);
        }
    }

    #[test]
    fn doc_lang_codes() {
        assert_eq!(DocLang::from_code("ar"), Some(DocLang::Ar));
        assert_eq!(DocLang::from_code("fr").map(DocLang::code), Some("fr"));
        assert_eq!(DocLang::from_code("en"), None);
    }
}
