//! Filings at the clerk's office: their kinds, their life, their details, and the documents each
//! one needs.

use serde::{Deserialize, Serialize};

use crate::ValidationError;
use crate::cooperative::code_enum;

use super::{
    AdaptationRequest, FoundingFile, ModificationRequest, ModificationSubject, RadiationCause,
    RadiationRequest,
};

code_enum!(
    /// What a filing asks the clerk to enter in the local register (Decree 2-15-617; request
    /// forms of Arrêté 1369.16).
    FilingKind, "kind", "invalid_choice" {
        /// Immatriculation — «التقييد في السجل المحلي للتعاونيات» (Decree 2-15-617 art. 1): the
        /// first entry, which makes the cooperative a legal person.
        Immatriculation => "immatriculation",
        /// Modifying inscription — «تقييد تعديلي»: statutes, officers, capital, seat, name.
        Modification => "modification",
        /// Adaptation — «الملاءمة»: a cooperative founded under Law 24-83 files its statutes
        /// brought into line with Law 112-12 (Decree 2-15-617 art. 1 §2).
        Adaptation => "adaptation",
        /// Radiation — «التشطيب»: after dissolution and liquidation, merger or transformation.
        Radiation => "radiation",
    }
);

impl FilingKind {
    /// The register entry a registered filing of this kind produces.
    pub fn entry_kind(self) -> super::EntryKind {
        use super::EntryKind as E;
        match self {
            FilingKind::Immatriculation => E::Immatriculation,
            FilingKind::Modification => E::Modification,
            FilingKind::Adaptation => E::Adaptation,
            FilingKind::Radiation => E::Radiation,
        }
    }
}

code_enum!(
    /// Where a filing stands. `Registered` and `Withdrawn` are final.
    FilingStatus, "status", "invalid_choice" {
        /// Being prepared by the cooperative or its founders; the clerk does not see it yet.
        Draft => "draft",
        /// Lodged at the clerk's office, waiting for the clerk's decision.
        Submitted => "submitted",
        /// Entered in the register (an entry exists).
        Registered => "registered",
        /// Refused by the clerk, with a reason; the filer may correct it and submit again.
        Rejected => "rejected",
        /// Abandoned by the filer before any entry was made.
        Withdrawn => "withdrawn",
    }
);

code_enum!(
    /// What someone does to a filing: the filer submits or withdraws, the clerk registers or
    /// rejects.
    FilingAction, "action", "invalid_choice" {
        Submit => "submit",
        Register => "register",
        Reject => "reject",
        Withdraw => "withdraw",
    }
);

impl FilingStatus {
    /// The status after `action`, or `invalid_transition` on the field `status`.
    ///
    /// - Submit: draft or rejected → submitted. A rejected file is corrected and submitted again
    ///   rather than started anew, so its history stays in one place.
    /// - Register, Reject: submitted → registered / rejected (the clerk's decision).
    /// - Withdraw: draft or rejected → withdrawn. A submitted file cannot be withdrawn: the clerk
    ///   may be entering it; the filer asks the clerk to reject it instead.
    pub fn apply(self, action: FilingAction) -> Result<FilingStatus, ValidationError> {
        use FilingAction as A;
        use FilingStatus as S;
        match (self, action) {
            (S::Draft | S::Rejected, A::Submit) => Ok(S::Submitted),
            (S::Submitted, A::Register) => Ok(S::Registered),
            (S::Submitted, A::Reject) => Ok(S::Rejected),
            (S::Draft | S::Rejected, A::Withdraw) => Ok(S::Withdrawn),
            (from, action) => Err(ValidationError::new("status", "invalid_transition")
                .with_arg("from", from)
                .with_arg("action", action)),
        }
    }

    /// No action applies any more.
    pub fn is_final(self) -> bool {
        matches!(self, FilingStatus::Registered | FilingStatus::Withdrawn)
    }

    /// The filer may still change the file's content and documents.
    pub fn is_editable(self) -> bool {
        matches!(self, FilingStatus::Draft | FilingStatus::Rejected)
    }
}

code_enum!(
    /// Documents a filing may carry.
    DocumentKind, "document_kind", "invalid_choice" {
        /// Statutes — «القانون الأساسي», signed (law art. 5).
        Statutes => "statutes",
        /// Minutes of the constitutive general assembly — «محضر الجمع العام التأسيسي».
        ConstitutiveMinutes => "constitutive_minutes",
        /// List of founders with their identity and shares — «لائحة المؤسسين».
        FoundersList => "founders_list",
        /// Bank certificate of the paid-up capital deposit — «شهادة بنكية».
        BankCertificate => "bank_certificate",
        /// Receipt of deposit with the local authority — «وصل الإيداع لدى السلطة المحلية».
        LocalAuthorityReceipt => "local_authority_receipt",
        /// The office's approval of the name — «شهادة المصادقة على التسمية» (law art. 7).
        NameApproval => "name_approval",
        /// Evaluation report of contributions in kind (law art. 27).
        InKindEvaluation => "in_kind_evaluation",
        /// Minutes of an extraordinary general assembly — «محضر الجمع العام الاستثنائي».
        EgmMinutes => "egm_minutes",
        /// The former approval order under Law 24-83 — «قرار الاعتماد» (arrêté d'agrément).
        FormerApproval => "former_approval",
        /// Minutes of the board of directors — «محضر مجلس الإدارة».
        BoardMinutes => "board_minutes",
        /// Minutes of the assembly that decided dissolution, merger or transformation.
        DissolutionMinutes => "dissolution_minutes",
        /// The liquidator's final report — «تقرير التصفية».
        LiquidationReport => "liquidation_report",
        /// The merger agreement — «عقد الاندماج».
        MergerAgreement => "merger_agreement",
        Other => "other",
    }
);

/// What a filing asks for, by kind: the founding file, or the changes, or the cause of the end.
/// Stored as JSON tagged with the filing kind: `{"filing": "immatriculation", …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "filing", rename_all = "snake_case")]
pub enum FilingDetail {
    #[serde(rename = "immatriculation")]
    Founding(FoundingFile),
    Modification(ModificationRequest),
    Adaptation(AdaptationRequest),
    Radiation(RadiationRequest),
}

impl FilingDetail {
    pub fn kind(&self) -> FilingKind {
        match self {
            FilingDetail::Founding(_) => FilingKind::Immatriculation,
            FilingDetail::Modification(_) => FilingKind::Modification,
            FilingDetail::Adaptation(_) => FilingKind::Adaptation,
            FilingDetail::Radiation(_) => FilingKind::Radiation,
        }
    }
}

/// The documents a filing must carry before it can be submitted: **the checklist**, kept in this
/// one function so that the office can change it in one place. The list of law art. 11 could not
/// be read (see `law-112-12.md` §2); this follows the office's FAQ and Decree 2-15-617 art. 1.
///
/// - Immatriculation: statutes, constitutive minutes, bank certificate, local authority receipt,
///   and the in-kind evaluation when a founder contributes in kind. Not asked as uploads: the
///   name approval (the platform attaches the approved request itself) and the founders list
///   (the platform prints it from the file's founders, who are checked one by one).
/// - Adaptation: statutes, minutes of the extraordinary assembly, former approval order
///   (Decree 2-15-617 art. 1 §2: "only" these).
/// - Modification, per subject: statutes, capital, name and seat are items of the statutes
///   (art. 5), so changing one is decided by an extraordinary assembly and the amended statutes
///   are filed: minutes + statutes. The board: the board's minutes, which record who now holds
///   which office (the chair, who signs for the cooperative, is chosen by the board among its
///   members). Managers: the minutes of the assembly that appointed them, filed as
///   `egm_minutes` (there is no board to appoint them).
/// - Radiation: the minutes of the assembly that decided it, plus the liquidator's report for a
///   liquidation and the agreement for a merger.
///
/// The list follows `kind`; `detail` only adds what depends on its content (in-kind
/// contributions, subjects, cause). A detail of another kind adds nothing.
pub fn required_documents(kind: FilingKind, detail: &FilingDetail) -> Vec<DocumentKind> {
    use DocumentKind as D;
    let mut docs = Vec::new();
    let mut need = |d: DocumentKind| {
        if !docs.contains(&d) {
            docs.push(d);
        }
    };
    match (kind, detail) {
        (FilingKind::Immatriculation, detail) => {
            for d in [
                D::Statutes,
                D::ConstitutiveMinutes,
                D::BankCertificate,
                D::LocalAuthorityReceipt,
            ] {
                need(d);
            }
            if let FilingDetail::Founding(file) = detail
                && file.founders.iter().any(|f| f.in_kind > 0)
            {
                need(D::InKindEvaluation);
            }
        }
        (FilingKind::Adaptation, _) => {
            for d in [D::Statutes, D::EgmMinutes, D::FormerApproval] {
                need(d);
            }
        }
        (FilingKind::Modification, FilingDetail::Modification(m)) => {
            for subject in &m.subjects {
                match subject {
                    ModificationSubject::Statutes
                    | ModificationSubject::Capital
                    | ModificationSubject::Name
                    | ModificationSubject::Seat => {
                        need(D::EgmMinutes);
                        need(D::Statutes);
                    }
                    ModificationSubject::Board => need(D::BoardMinutes),
                    ModificationSubject::Manager => need(D::EgmMinutes),
                }
            }
        }
        (FilingKind::Modification, _) => {}
        (FilingKind::Radiation, detail) => {
            need(D::DissolutionMinutes);
            if let FilingDetail::Radiation(r) = detail {
                match r.cause {
                    RadiationCause::Liquidation => need(D::LiquidationReport),
                    RadiationCause::Merger => need(D::MergerAgreement),
                    RadiationCause::Dissolution | RadiationCause::Transformation => {}
                }
            }
        }
    }
    docs
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;
    use time::macros::date;

    use super::*;
    use crate::register::founding::tests::valid_file;

    #[test]
    fn transitions() {
        use FilingAction as A;
        use FilingStatus as S;
        assert_eq!(S::Draft.apply(A::Submit), Ok(S::Submitted));
        assert_eq!(S::Submitted.apply(A::Reject), Ok(S::Rejected));
        assert_eq!(S::Rejected.apply(A::Submit), Ok(S::Submitted));
        assert_eq!(S::Submitted.apply(A::Register), Ok(S::Registered));
        assert_eq!(S::Rejected.apply(A::Withdraw), Ok(S::Withdrawn));
        let e = S::Draft
            .apply(A::Register)
            .expect_err("a draft is not registered");
        assert_eq!((e.field, e.code), ("status", "invalid_transition"));
        assert_eq!(
            e.args,
            vec![("from", "draft".to_string()), ("action", "register".to_string())]
        );
        assert!(S::Submitted.apply(A::Withdraw).is_err());
    }

    proptest! {
        #[test]
        fn final_statuses_stay_final(start in 0..5usize, actions in proptest::collection::vec(0..4usize, 0..12)) {
            let mut status = FilingStatus::ALL[start];
            for a in actions {
                let action = FilingAction::ALL[a];
                match status.apply(action) {
                    Ok(next) => {
                        prop_assert!(!status.is_final(), "{status} moved to {next}");
                        status = next;
                    }
                    Err(e) => prop_assert_eq!(e.code, "invalid_transition"),
                }
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for k in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse("document_kind", k.as_str()), Ok(*k));
        }
        assert_eq!(
            FilingKind::parse("kind", "founding").map_err(|e| e.code),
            Err("invalid_choice")
        );
    }

    #[test]
    fn immatriculation_documents() {
        let mut file = valid_file();
        let detail = FilingDetail::Founding(file.clone());
        use DocumentKind as D;
        assert_eq!(
            required_documents(FilingKind::Immatriculation, &detail),
            vec![
                D::Statutes,
                D::ConstitutiveMinutes,
                D::BankCertificate,
                D::LocalAuthorityReceipt
            ]
        );
        file.founders[0].in_kind = 100;
        let docs = required_documents(FilingKind::Immatriculation, &FilingDetail::Founding(file));
        assert_eq!(docs.last(), Some(&D::InKindEvaluation));
        assert!(!docs.contains(&D::NameApproval));
    }

    #[test]
    fn other_documents() {
        use DocumentKind as D;
        let adaptation = FilingDetail::Adaptation(AdaptationRequest {
            egm_date: date!(2019 - 06 - 01),
            former_approval_ref: "123/95".into(),
            members: 9,
        });
        assert_eq!(
            required_documents(FilingKind::Adaptation, &adaptation),
            vec![D::Statutes, D::EgmMinutes, D::FormerApproval]
        );
        let modification = |subjects: &[ModificationSubject]| {
            let m = ModificationRequest {
                subjects: subjects.iter().copied().collect::<BTreeSet<_>>(),
                ..Default::default()
            };
            required_documents(FilingKind::Modification, &FilingDetail::Modification(m))
        };
        assert_eq!(modification(&[ModificationSubject::Board]), vec![D::BoardMinutes]);
        assert_eq!(
            modification(&[ModificationSubject::Seat, ModificationSubject::Capital]),
            vec![D::EgmMinutes, D::Statutes]
        );
        assert_eq!(
            modification(&[ModificationSubject::Manager, ModificationSubject::Board]),
            vec![D::BoardMinutes, D::EgmMinutes]
        );
        let radiation = |cause| {
            FilingDetail::Radiation(RadiationRequest {
                cause,
                decided_on: date!(2026 - 01 - 10),
                absorbing_cooperative: None,
                liquidator: None,
                note: String::new(),
            })
        };
        assert_eq!(
            required_documents(FilingKind::Radiation, &radiation(RadiationCause::Merger)),
            vec![D::DissolutionMinutes, D::MergerAgreement]
        );
        assert_eq!(
            required_documents(FilingKind::Radiation, &radiation(RadiationCause::Liquidation)),
            vec![D::DissolutionMinutes, D::LiquidationReport]
        );
        assert_eq!(
            required_documents(FilingKind::Radiation, &radiation(RadiationCause::Transformation)),
            vec![D::DissolutionMinutes]
        );
    }

    #[test]
    fn detail_json_is_tagged_with_the_filing_kind() {
        let detail = FilingDetail::Radiation(RadiationRequest {
            cause: RadiationCause::Dissolution,
            decided_on: date!(2026 - 01 - 10),
            absorbing_cooperative: None,
            liquidator: None,
            note: String::new(),
        });
        let json = serde_json::to_value(&detail).expect("json");
        assert_eq!(json["filing"], detail.kind().as_str());
        assert_eq!(json["decided_on"], "2026-01-10");
        let back: FilingDetail = serde_json::from_value(json).expect("back");
        assert_eq!(back, detail);

        let founding = FilingDetail::Founding(valid_file());
        let json = serde_json::to_value(&founding).expect("json");
        assert_eq!(json["filing"], "immatriculation");
        assert_eq!(json["kind"], "cooperative");
        let back: FilingDetail = serde_json::from_value(json).expect("back");
        assert_eq!(back, founding);
        assert_eq!(back.kind().entry_kind().as_str(), "immatriculation");
    }
}
