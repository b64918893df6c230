//! Support programmes (seed 003, INDH): a funder's call for projects, cooperatives' applications,
//! the preliminary selection committee (eligibility and completeness), then the local, provincial
//! or regional committee that scores and decides by project type, and the follow-up of the
//! projects selected (agreement, disbursements, milestones, reports and visits).
//!
//! The rules live here once and are pure: who is eligible, how a budget adds up, how scores are
//! weighted and ranked, what a committee may decide within the call's budget, and where a
//! selected project stands. The store keeps the records; the pages show them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::{
    ValidationError, ValidationErrors,
    cooperative::{code_enum, required_date},
    error::required_text,
    number::whole_number_in,
};

code_enum!(
    /// The committees of a call (INDH's): the preliminary selection committee (لجنة الانتقاء
    /// الأولي) checks eligibility and completeness; the local, provincial or regional committee
    /// (اللجن المحلية والإقليمية والجهوية) scores and decides, by project type.
    CommitteeLevel, "level", "invalid_choice" {
        Preliminary => "preliminary",
        Local => "local",
        Provincial => "provincial",
        Regional => "regional",
    }
);

impl CommitteeLevel {
    /// The levels that score and decide (all but the preliminary committee).
    pub const DECIDING: [CommitteeLevel; 3] = [
        CommitteeLevel::Local,
        CommitteeLevel::Provincial,
        CommitteeLevel::Regional,
    ];
}

code_enum!(
    /// What a project is for; the call says which committee level decides each type (small
    /// income-generating activities locally, premises and equipment higher up, as INDH does).
    ProjectType, "project_type", "invalid_choice" {
        IncomeGenerating => "income_generating",
        Equipment => "equipment",
        Premises => "premises",
        Marketing => "marketing",
        Training => "training",
    }
);

code_enum!(
    /// Where an application stands. Draft → submitted (before the deadline) → ineligible or
    /// admitted (preliminary committee) → selected, waitlisted or rejected (level committee).
    ApplicationStatus, "status", "invalid_status" {
        Draft => "draft",
        Submitted => "submitted",
        Ineligible => "ineligible",
        Admitted => "admitted",
        Selected => "selected",
        Waitlisted => "waitlisted",
        Rejected => "rejected",
    }
);

code_enum!(
    /// A level committee's decision on an admitted application.
    Decision, "decision", "invalid_choice" {
        Selected => "selected",
        Waitlisted => "waitlisted",
        Rejected => "rejected",
    }
);

impl Decision {
    pub fn status(self) -> ApplicationStatus {
        match self {
            Decision::Selected => ApplicationStatus::Selected,
            Decision::Waitlisted => ApplicationStatus::Waitlisted,
            Decision::Rejected => ApplicationStatus::Rejected,
        }
    }
}

code_enum!(
    /// A note of the follow-up: the cooperative's own progress report, or a visit of the
    /// Wilaya's or the funder's services (المواكبة).
    FollowUpKind, "kind", "invalid_choice" {
        Report => "report",
        Visit => "visit",
    }
);

/// Scores are given per criterion on this scale (0 to 10), then weighted.
pub const MAX_SCORE: i64 = 10;
/// The largest budget or amount the platform takes, in dirhams (a typo guard).
pub const MAX_AMOUNT_DH: i64 = 1_000_000_000;
/// At most this many evaluation criteria, and budget lines, per form.
pub const MAX_CRITERIA: usize = 6;
pub const MAX_BUDGET_LINES: usize = 8;

/// One evaluation criterion of a call and its weight (the weights add up to 100).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub label_ar: String,
    pub label_fr: String,
    pub weight: i64,
}

/// Which cooperatives may apply. Empty lists and `None` mean "any".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Eligibility {
    pub region_code: Option<String>,
    pub sectors: Vec<String>,
    /// Immatriculated at most this many years before the deadline (young cooperatives).
    pub max_age_years: Option<i64>,
    /// Women make up more than half the members.
    pub women_only: bool,
    /// Young members (under 35) make up more than half the members.
    pub youth_only: bool,
    /// A pre-existing cooperative must have adapted its statutes to Law 112-12.
    pub adaptation_required: bool,
}

/// What the register says of a cooperative, as eligibility needs it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CoopFacts {
    pub active: bool,
    pub region_code: String,
    pub sector: Option<String>,
    pub immatriculated_on: Option<Date>,
    pub members: Option<i64>,
    pub women_members: Option<i64>,
    pub young_members: Option<i64>,
    pub pre_112_12: bool,
    pub adapted: bool,
}

fn majority(part: Option<i64>, all: Option<i64>) -> Option<bool> {
    match (part, all) {
        (Some(p), Some(a)) if a > 0 => Some(2 * p > a),
        _ => None,
    }
}

impl Eligibility {
    /// The reasons a cooperative is not eligible on `on` (the call's deadline), as rule codes;
    /// empty when it is. A figure the register does not hold (members, women) counts as not
    /// shown, so the preliminary committee sees the reason and can ask.
    pub fn reasons(&self, c: &CoopFacts, on: Date) -> Vec<&'static str> {
        let mut out = Vec::new();
        if !c.active {
            out.push("not_active");
        }
        if self.region_code.as_ref().is_some_and(|r| *r != c.region_code) {
            out.push("outside_call_region");
        }
        if !self.sectors.is_empty() && !c.sector.as_ref().is_some_and(|s| self.sectors.contains(s)) {
            out.push("sector_not_eligible");
        }
        if let Some(max) = self.max_age_years {
            let young_enough = c
                .immatriculated_on
                .is_some_and(|d| d >= on.replace_year(on.year() - max as i32).unwrap_or(on));
            if !young_enough {
                out.push("cooperative_too_old");
            }
        }
        if self.women_only && majority(c.women_members, c.members) != Some(true) {
            out.push("not_women_cooperative");
        }
        if self.youth_only && majority(c.young_members, c.members) != Some(true) {
            out.push("not_youth_cooperative");
        }
        if self.adaptation_required && c.pre_112_12 && !c.adapted {
            out.push("adaptation_not_done");
        }
        out
    }
}

/// A call for projects as the funder writes it (every field a form's text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RawCall {
    pub funder: String,
    pub title_ar: String,
    pub title_fr: String,
    pub objectives_ar: String,
    pub objectives_fr: String,
    /// Empty: the whole country.
    pub region_code: String,
    pub sectors: Vec<String>,
    pub max_age_years: String,
    pub women_only: bool,
    pub youth_only: bool,
    pub adaptation_required: bool,
    pub budget_dh: String,
    pub ceiling_dh: String,
    pub min_own_percent: String,
    /// Required documents, one per line.
    pub documents: String,
    pub opens_on: String,
    pub closes_on: String,
    pub preliminary_by: String,
    pub decision_by: String,
    /// Up to [`MAX_CRITERIA`] rows; empty rows are ignored.
    pub criteria: Vec<RawCriterion>,
    /// The deciding level of each project type the call takes (code → level code; empty or
    /// absent: that type is not taken).
    pub levels: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RawCriterion {
    pub label_ar: String,
    pub label_fr: String,
    pub weight: String,
}

/// A checked call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallDraft {
    pub funder: String,
    pub title_ar: String,
    pub title_fr: String,
    pub objectives_ar: String,
    pub objectives_fr: String,
    pub eligibility: Eligibility,
    pub budget_dh: i64,
    pub ceiling_dh: i64,
    pub min_own_percent: i64,
    pub documents: Vec<String>,
    pub opens_on: Date,
    pub closes_on: Date,
    pub preliminary_by: Date,
    pub decision_by: Date,
    pub criteria: Vec<Criterion>,
    pub levels: BTreeMap<ProjectType, CommitteeLevel>,
}

/// Whole dirhams, spaces allowed as thousands separators (as people type them).
pub fn parse_amount(field: &'static str, raw: &str) -> Result<Option<i64>, ValidationError> {
    // A comma between thousands, as in "120,000" on a French form, is a separator here: amounts
    // are whole dirhams.
    crate::number::whole_number_in(&raw.replace(',', ""), 0..=MAX_AMOUNT_DH)
        .map_err(|_| ValidationError::new(field, "invalid_amount").with_arg("max", MAX_AMOUNT_DH))
}

/// An amount that must be given: [`parse_amount`], with an empty field refused as `required`.
pub fn required_amount(e: &mut ValidationErrors, field: &'static str, raw: &str) -> Option<i64> {
    match e.check(parse_amount(field, raw)) {
        Some(None) => {
            e.push(ValidationError::new(field, "required"));
            None
        }
        other => other.flatten(),
    }
}

/// A value every check passed for (the errors were returned before, so `None` cannot happen).
fn present<T>(o: Option<T>) -> Result<T, ValidationErrors> {
    o.ok_or_else(ValidationErrors::new)
}

/// Text lines, trimmed, empty ones dropped.
pub fn lines(raw: &str) -> Vec<String> {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

impl RawCall {
    /// Checks every field at once.
    pub fn parse(&self) -> Result<CallDraft, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let funder = e.check(required_text("funder", &self.funder, 200));
        let title_ar = e.check(required_text("title_ar", &self.title_ar, 200));
        let title_fr = e.check(required_text("title_fr", &self.title_fr, 200));
        let objectives_ar = e.check(required_text("objectives_ar", &self.objectives_ar, 4000));
        let objectives_fr = e.check(required_text("objectives_fr", &self.objectives_fr, 4000));
        let region_code = match self.region_code.trim() {
            "" => None,
            r => e
                .check(crate::RegionCode::parse("region_code", r))
                .map(|c| c.as_str().to_string()),
        };
        let mut sectors = Vec::new();
        for s in &self.sectors {
            if crate::SECTORS.iter().any(|(code, _)| code == s) {
                sectors.push(s.clone());
            } else {
                e.push(ValidationError::new("sectors", "invalid_sector"));
            }
        }
        let max_age_years = match whole_number_in(&self.max_age_years, 1..=100) {
            Ok(n) => n,
            Err(_) => {
                e.push(ValidationError::new("max_age_years", "invalid_number"));
                None
            }
        };
        let budget_dh = required_amount(&mut e, "budget_dh", &self.budget_dh);
        let ceiling_dh = required_amount(&mut e, "ceiling_dh", &self.ceiling_dh);
        if let (Some(b), Some(c)) = (budget_dh, ceiling_dh)
            && (c == 0 || c > b)
        {
            e.push(ValidationError::new("ceiling_dh", "ceiling_above_budget"));
        }
        let min_own_percent = match e.check(parse_amount("min_own_percent", &self.min_own_percent)) {
            Some(Some(p)) if p <= 100 => Some(p),
            Some(None) => Some(0),
            Some(Some(_)) => {
                e.push(ValidationError::new("min_own_percent", "invalid_percent"));
                None
            }
            None => None,
        };
        let documents = lines(&self.documents);
        if documents.iter().any(|d| d.chars().count() > 200) || documents.len() > 20 {
            e.push(ValidationError::new("documents", "too_long").with_arg("max", 200));
        }
        if documents.iter().any(|d| crate::error::has_forbidden_chars(d)) {
            e.push(ValidationError::new("documents", "forbidden_characters"));
        }
        let opens_on = e.check(required_date("opens_on", &self.opens_on));
        let closes_on = e.check(required_date("closes_on", &self.closes_on));
        let preliminary_by = e.check(required_date("preliminary_by", &self.preliminary_by));
        let decision_by = e.check(required_date("decision_by", &self.decision_by));
        // The phases follow each other: opening, deadline, preliminary selection, decision.
        for (field, before, after) in [
            ("closes_on", opens_on, closes_on),
            ("preliminary_by", closes_on, preliminary_by),
            ("decision_by", preliminary_by, decision_by),
        ] {
            if let (Some(b), Some(a)) = (before, after)
                && a < b
            {
                e.push(ValidationError::new(field, "end_before_start"));
            }
        }
        let criteria = parse_criteria(&mut e, &self.criteria);
        let mut levels = BTreeMap::new();
        for (t, l) in &self.levels {
            if l.trim().is_empty() {
                continue;
            }
            match (
                ProjectType::parse("levels", t),
                CommitteeLevel::parse("levels", l),
            ) {
                (Ok(t), Ok(l)) if l != CommitteeLevel::Preliminary => {
                    levels.insert(t, l);
                }
                _ => e.push(ValidationError::new("levels", "invalid_choice")),
            }
        }
        if levels.is_empty() && !e.0.iter().any(|x| x.field == "levels") {
            e.push(ValidationError::new("levels", "no_project_type"));
        }
        e.into_result()?;
        Ok(CallDraft {
            funder: present(funder)?,
            title_ar: present(title_ar)?,
            title_fr: present(title_fr)?,
            objectives_ar: present(objectives_ar)?,
            objectives_fr: present(objectives_fr)?,
            eligibility: Eligibility {
                region_code,
                sectors,
                max_age_years,
                women_only: self.women_only,
                youth_only: self.youth_only,
                adaptation_required: self.adaptation_required,
            },
            budget_dh: present(budget_dh)?,
            ceiling_dh: present(ceiling_dh)?,
            min_own_percent: present(min_own_percent)?,
            documents,
            opens_on: present(opens_on)?,
            closes_on: present(closes_on)?,
            preliminary_by: present(preliminary_by)?,
            decision_by: present(decision_by)?,
            criteria,
            levels,
        })
    }
}

/// The criteria rows: both labels and a weight per used row, weights adding up to 100.
fn parse_criteria(e: &mut ValidationErrors, rows: &[RawCriterion]) -> Vec<Criterion> {
    let mut out = Vec::new();
    for r in rows.iter().take(MAX_CRITERIA) {
        if r.label_ar.trim().is_empty() && r.label_fr.trim().is_empty() && r.weight.trim().is_empty() {
            continue;
        }
        let ar = e.check(required_text("criteria", &r.label_ar, 200));
        let fr = e.check(required_text("criteria", &r.label_fr, 200));
        let weight = match whole_number_in(&r.weight, 1..=100) {
            Ok(Some(w)) => Some(w),
            _ => {
                e.push(ValidationError::new("criteria", "invalid_weight"));
                None
            }
        };
        if let (Some(label_ar), Some(label_fr), Some(weight)) = (ar, fr, weight) {
            out.push(Criterion {
                label_ar,
                label_fr,
                weight,
            });
        }
    }
    if !e.0.iter().any(|x| x.field == "criteria") {
        if out.is_empty() {
            e.push(ValidationError::new("criteria", "required"));
        } else {
            let sum: i64 = out.iter().map(|c| c.weight).sum();
            if sum != 100 {
                e.push(ValidationError::new("criteria", "weights_not_100").with_arg("sum", sum));
            }
        }
    }
    out
}

/// One line of a project's budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct BudgetLine {
    pub label: String,
    pub amount_dh: i64,
}

/// An application as the cooperative's manager writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RawApplication {
    pub project_title: String,
    pub project_type: String,
    pub summary: String,
    /// Up to [`MAX_BUDGET_LINES`] rows of (label, amount); empty rows are ignored.
    pub budget: Vec<(String, String)>,
    pub own_contribution_dh: String,
    pub requested_dh: String,
    /// Jobs the project creates or keeps (optional; the committees ask for it).
    pub jobs: String,
}

/// A checked application (a draft can be saved with it; submitting checks the call's rules).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationDraft {
    pub project_title: String,
    pub project_type: ProjectType,
    pub summary: String,
    pub budget: Vec<BudgetLine>,
    pub own_contribution_dh: i64,
    pub requested_dh: i64,
    pub jobs: Option<i64>,
}

impl ApplicationDraft {
    pub fn total_dh(&self) -> i64 {
        self.budget.iter().map(|l| l.amount_dh).sum()
    }
}

/// What the call's figures need of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallLimits {
    pub ceiling_dh: i64,
    pub min_own_percent: i64,
}

impl RawApplication {
    /// Checks the application against the call: a type the call takes, a budget whose lines
    /// add up to the requested amount plus the cooperative's own contribution, the ceiling per
    /// project and the smallest own contribution.
    pub fn parse(
        &self,
        limits: CallLimits,
        types: &[ProjectType],
    ) -> Result<ApplicationDraft, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let project_title = e.check(required_text("project_title", &self.project_title, 200));
        let project_type = match e.check(ProjectType::parse("project_type", &self.project_type)) {
            Some(t) if !types.contains(&t) => {
                e.push(ValidationError::new("project_type", "type_not_in_call"));
                None
            }
            other => other,
        };
        let summary = e.check(required_text("summary", &self.summary, 4000));
        let mut budget = Vec::new();
        let mut budget_ok = true;
        for (label, amount) in self.budget.iter().take(MAX_BUDGET_LINES) {
            if label.trim().is_empty() && amount.trim().is_empty() {
                continue;
            }
            let l = e.check(required_text("budget", label, 200));
            let a = match e.check(parse_amount("budget", amount)) {
                Some(Some(a)) if a > 0 => Some(a),
                Some(_) => {
                    e.push(ValidationError::new("budget", "invalid_amount").with_arg("max", MAX_AMOUNT_DH));
                    None
                }
                None => None,
            };
            match (l, a) {
                (Some(label), Some(amount_dh)) => budget.push(BudgetLine { label, amount_dh }),
                _ => budget_ok = false,
            }
        }
        if budget.is_empty() && budget_ok {
            e.push(ValidationError::new("budget", "required"));
            budget_ok = false;
        }
        let own = required_amount(&mut e, "own_contribution_dh", &self.own_contribution_dh);
        let requested = match required_amount(&mut e, "requested_dh", &self.requested_dh) {
            Some(r) if r > limits.ceiling_dh => {
                e.push(
                    ValidationError::new("requested_dh", "above_ceiling").with_arg("max", limits.ceiling_dh),
                );
                None
            }
            other => other,
        };
        let jobs = match whole_number_in(&self.jobs, 0..=100_000) {
            Ok(n) => n,
            Err(_) => {
                e.push(ValidationError::new("jobs", "invalid_number"));
                None
            }
        };
        if let (Some(own), Some(req), true) = (own, requested, budget_ok) {
            let total: i64 = budget.iter().map(|l| l.amount_dh).sum();
            if own + req != total {
                e.push(
                    ValidationError::new("own_contribution_dh", "budget_mismatch").with_arg("total", total),
                );
            } else if total > 0 && own * 100 < limits.min_own_percent * total {
                e.push(
                    ValidationError::new("own_contribution_dh", "own_share_too_low")
                        .with_arg("min", limits.min_own_percent),
                );
            }
        }
        e.into_result()?;
        Ok(ApplicationDraft {
            project_title: present(project_title)?,
            project_type: present(project_type)?,
            summary: present(summary)?,
            budget,
            own_contribution_dh: present(own)?,
            requested_dh: present(requested)?,
            jobs,
        })
    }
}

/// Whether an application may still be written or submitted on `today`: the call is open
/// from its opening day to its deadline, inclusive.
pub fn call_open(opens_on: Date, closes_on: Date, today: Date) -> bool {
    opens_on <= today && today <= closes_on
}

/// The required documents not yet attached, by their index in the call's list.
pub fn missing_documents(required: usize, attached: &[i64]) -> Vec<usize> {
    (0..required)
        .filter(|i| !attached.iter().any(|a| usize::try_from(*a).ok() == Some(*i)))
        .collect()
}

/// One member's marks, criterion by criterion (0..=[`MAX_SCORE`]), in the call's order.
pub fn parse_marks(raw: &[String], criteria: usize) -> Result<Vec<i64>, ValidationError> {
    if raw.len() != criteria {
        return Err(ValidationError::new("marks", "required"));
    }
    raw.iter()
        .map(|m| match whole_number_in(m, 0..=MAX_SCORE) {
            Ok(Some(n)) => Ok(n),
            _ => Err(ValidationError::new("marks", "invalid_mark").with_arg("max", MAX_SCORE)),
        })
        .collect()
}

/// A member's weighted total, out of 100 (in hundredths, to rank without rounding ties away).
pub fn weighted_total(criteria: &[Criterion], marks: &[i64]) -> i64 {
    criteria
        .iter()
        .zip(marks)
        .map(|(c, m)| c.weight * m * 100 / MAX_SCORE)
        .sum()
}

/// An admitted application as the committee's ranking needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scored {
    pub application_id: i64,
    /// Each scoring member's weighted total (hundredths of a point out of 100).
    pub totals: Vec<i64>,
    pub requested_dh: i64,
    /// Submission time: the earlier file wins a tie.
    pub submitted_at: i64,
}

/// A line of the committee's ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranked {
    pub application_id: i64,
    pub rank: u32,
    /// The mean of the members' totals, in hundredths; `None` before anyone scored.
    pub mean: Option<i64>,
    pub scorers: usize,
    /// What the budget allows: selected while the call's remaining budget covers the request,
    /// then the waiting list. The committee decides; this is the proposal it starts from.
    pub proposal: Decision,
}

/// Ranks the admitted applications by their mean score (ties: the earlier submission), and
/// proposes selected while `budget_left` lasts, then waitlisted; unscored ones are proposed
/// rejected and come last.
pub fn rank(mut items: Vec<Scored>, mut budget_left: i64) -> Vec<Ranked> {
    let mean =
        |s: &Scored| (!s.totals.is_empty()).then(|| s.totals.iter().sum::<i64>() / s.totals.len() as i64);
    items.sort_by(|a, b| {
        mean(b)
            .cmp(&mean(a))
            .then(a.submitted_at.cmp(&b.submitted_at))
            .then(a.application_id.cmp(&b.application_id))
    });
    items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let m = mean(s);
            let proposal = match m {
                None => Decision::Rejected,
                Some(_) if s.requested_dh <= budget_left => {
                    budget_left -= s.requested_dh;
                    Decision::Selected
                }
                Some(_) => Decision::Waitlisted,
            };
            Ranked {
                application_id: s.application_id,
                rank: u32::try_from(i + 1).unwrap_or(u32::MAX),
                mean: m,
                scorers: s.totals.len(),
                proposal,
            }
        })
        .collect()
}

/// A committee may not select more than the call's budget: the sum of what is already
/// selected and what this decision selects.
pub fn check_budget(selected_dh: i64, requested_dh: i64, budget_dh: i64) -> Result<(), ValidationError> {
    if selected_dh + requested_dh > budget_dh {
        return Err(
            ValidationError::new("decision", "budget_exceeded").with_arg("left", budget_dh - selected_dh)
        );
    }
    Ok(())
}

/// A decision needs its reasons when it does not select (the applicant is told why), and the
/// preliminary committee gives reasons when it finds an application ineligible.
pub fn decision_reason(decision: Decision, reason: &str) -> Result<String, ValidationError> {
    match (decision, reason.trim()) {
        (Decision::Selected, "") => Ok(String::new()),
        (_, "") => Err(ValidationError::new("reason", "decision_reason_required")),
        (_, r) => required_text("reason", r, 2000),
    }
}

/// Where a selected project stands in its follow-up, derived from its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStage {
    /// Selected, the agreement (الاتفاقية) not signed yet.
    AgreementPending,
    /// Signed, money or milestones still to come.
    InProgress,
    /// A milestone is past its date and not done.
    Late,
    /// Every milestone done and the agreed amount paid.
    Completed,
}

impl ProjectStage {
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStage::AgreementPending => "agreement_pending",
            ProjectStage::InProgress => "in_progress",
            ProjectStage::Late => "late",
            ProjectStage::Completed => "completed",
        }
    }
}

/// A milestone: its date and, once reached, the day it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneFacts {
    pub due_on: Date,
    pub done_on: Option<Date>,
}

pub fn project_stage(
    agreed_dh: Option<i64>,
    disbursed_dh: i64,
    milestones: &[MilestoneFacts],
    today: Date,
) -> ProjectStage {
    let Some(agreed) = agreed_dh else {
        return ProjectStage::AgreementPending;
    };
    if milestones.iter().any(|m| m.done_on.is_none() && m.due_on < today) {
        return ProjectStage::Late;
    }
    if disbursed_dh >= agreed && milestones.iter().all(|m| m.done_on.is_some()) {
        return ProjectStage::Completed;
    }
    ProjectStage::InProgress
}

/// A disbursement: positive, dated, and never beyond the agreement's amount.
pub fn check_disbursement(
    amount_dh: i64,
    already_dh: i64,
    agreed_dh: Option<i64>,
) -> Result<(), ValidationError> {
    let Some(agreed) = agreed_dh else {
        return Err(ValidationError::new("amount_dh", "no_agreement"));
    };
    if amount_dh <= 0 {
        return Err(ValidationError::new("amount_dh", "invalid_amount").with_arg("max", agreed));
    }
    if already_dh + amount_dh > agreed {
        return Err(
            ValidationError::new("amount_dh", "above_agreement").with_arg("left", agreed - already_dh)
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn call() -> RawCall {
        RawCall {
            funder: "INDH".into(),
            title_ar: "برنامج دعم المشاريع المدرة للدخل".into(),
            title_fr: "Programme d'appui aux activités génératrices de revenus".into(),
            objectives_ar: "دعم التعاونيات النسائية".into(),
            objectives_fr: "Appuyer les coopératives féminines".into(),
            region_code: "08".into(),
            sectors: vec!["agriculture".into()],
            budget_dh: "1 000 000".into(),
            ceiling_dh: "200000".into(),
            min_own_percent: "10".into(),
            documents: "محضر الجمع العام\n\nعرض أثمان".into(),
            opens_on: "2026-01-05".into(),
            closes_on: "2026-02-28".into(),
            preliminary_by: "2026-03-15".into(),
            decision_by: "2026-04-15".into(),
            criteria: vec![
                RawCriterion {
                    label_ar: "الأثر على الدخل".into(),
                    label_fr: "Impact sur les revenus".into(),
                    weight: "60".into(),
                },
                RawCriterion::default(),
                RawCriterion {
                    label_ar: "الاستدامة".into(),
                    label_fr: "Durabilité".into(),
                    weight: "40".into(),
                },
            ],
            levels: BTreeMap::from([
                ("income_generating".into(), "local".into()),
                ("premises".into(), "provincial".into()),
                ("training".into(), "".into()),
            ]),
            ..Default::default()
        }
    }

    fn codes(e: ValidationErrors) -> Vec<(&'static str, &'static str)> {
        e.iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_call_is_checked_whole() {
        let draft = call().parse();
        assert!(draft.is_ok(), "{draft:?}");
        let draft = draft.unwrap_or_else(|_| unreachable!());
        assert_eq!(draft.budget_dh, 1_000_000);
        assert_eq!(draft.documents.len(), 2);
        assert_eq!(draft.criteria.len(), 2);
        assert_eq!(
            draft.levels.get(&ProjectType::Premises),
            Some(&CommitteeLevel::Provincial)
        );
        assert!(!draft.levels.contains_key(&ProjectType::Training));

        let mut bad = call();
        bad.ceiling_dh = "2 000 000".into();
        bad.preliminary_by = "2026-02-01".into();
        bad.criteria[2].weight = "30".into();
        bad.levels = BTreeMap::from([("premises".into(), "preliminary".into())]);
        bad.sectors = vec!["space".into()];
        assert_eq!(
            bad.parse().map_err(codes),
            Err(vec![
                ("sectors", "invalid_sector"),
                ("ceiling_dh", "ceiling_above_budget"),
                ("preliminary_by", "end_before_start"),
                ("criteria", "weights_not_100"),
                ("levels", "invalid_choice"),
            ])
        );
    }

    fn facts() -> CoopFacts {
        CoopFacts {
            active: true,
            region_code: "08".into(),
            sector: Some("agriculture".into()),
            immatriculated_on: Some(date!(2022 - 03 - 01)),
            members: Some(12),
            women_members: Some(9),
            young_members: Some(4),
            pre_112_12: false,
            adapted: false,
        }
    }

    #[test]
    fn eligibility_names_every_reason() {
        let rules = Eligibility {
            region_code: Some("08".into()),
            sectors: vec!["agriculture".into()],
            max_age_years: Some(5),
            women_only: true,
            youth_only: false,
            adaptation_required: true,
        };
        let deadline = date!(2026 - 02 - 28);
        assert!(rules.reasons(&facts(), deadline).is_empty());
        // Five years to the day is still young enough; a day more is not.
        let mut edge = facts();
        edge.immatriculated_on = Some(date!(2021 - 02 - 28));
        assert!(rules.reasons(&edge, deadline).is_empty());
        edge.immatriculated_on = Some(date!(2021 - 02 - 27));
        assert_eq!(rules.reasons(&edge, deadline), vec!["cooperative_too_old"]);
        let other = CoopFacts {
            active: false,
            region_code: "01".into(),
            sector: Some("handicraft".into()),
            women_members: Some(6),
            pre_112_12: true,
            ..facts()
        };
        assert_eq!(
            rules.reasons(&other, deadline),
            vec![
                "not_active",
                "outside_call_region",
                "sector_not_eligible",
                "not_women_cooperative",
                "adaptation_not_done"
            ]
        );
        // Unknown membership is not a majority of women.
        let unknown = CoopFacts {
            members: None,
            ..facts()
        };
        assert_eq!(rules.reasons(&unknown, deadline), vec!["not_women_cooperative"]);
    }

    fn application() -> RawApplication {
        RawApplication {
            project_title: "وحدة لتثمين التمور".into(),
            project_type: "income_generating".into(),
            summary: "تجهيز وحدة للتلفيف".into(),
            budget: vec![
                ("آلة التلفيف".into(), "150 000".into()),
                ("".into(), "".into()),
                ("تكوين".into(), "30000".into()),
            ],
            own_contribution_dh: "30 000".into(),
            requested_dh: "150000".into(),
            jobs: "6".into(),
        }
    }

    const LIMITS: CallLimits = CallLimits {
        ceiling_dh: 200_000,
        min_own_percent: 10,
    };

    #[test]
    fn an_application_adds_up() {
        let types = [ProjectType::IncomeGenerating];
        let a = application().parse(LIMITS, &types);
        assert_eq!(a.as_ref().map(|a| a.total_dh()), Ok(180_000));
        let mut bad = application();
        bad.own_contribution_dh = "10000".into();
        assert_eq!(
            bad.parse(LIMITS, &types).map_err(codes),
            Err(vec![("own_contribution_dh", "budget_mismatch")])
        );
        // 15,000 of 165,000 is 9 %: below the call's 10 %.
        bad.own_contribution_dh = "15000".into();
        bad.budget[0].1 = "135000".into();
        assert_eq!(
            bad.parse(LIMITS, &types).map_err(codes),
            Err(vec![("own_contribution_dh", "own_share_too_low")])
        );
        let mut over = application();
        over.requested_dh = "250000".into();
        over.project_type = "premises".into();
        assert_eq!(
            over.parse(LIMITS, &types).map_err(codes),
            Err(vec![
                ("project_type", "type_not_in_call"),
                ("requested_dh", "above_ceiling")
            ])
        );
    }

    #[test]
    fn scores_are_weighted_and_ranked_within_the_budget() {
        let criteria = vec![
            Criterion {
                label_ar: "أ".into(),
                label_fr: "a".into(),
                weight: 60,
            },
            Criterion {
                label_ar: "ب".into(),
                label_fr: "b".into(),
                weight: 40,
            },
        ];
        // 8/10 on 60 % and 5/10 on 40 %: 48 + 20 = 68.00 points.
        assert_eq!(weighted_total(&criteria, &[8, 5]), 6800);
        assert_eq!(weighted_total(&criteria, &[10, 10]), 10_000);
        assert_eq!(
            parse_marks(&["8".into(), "11".into()], 2).map_err(|e| e.code),
            Err("invalid_mark")
        );
        assert_eq!(parse_marks(&["٨".into(), "5".into()], 2), Ok(vec![8, 5]));

        let ranked = rank(
            vec![
                Scored {
                    application_id: 1,
                    totals: vec![6000, 7000],
                    requested_dh: 100_000,
                    submitted_at: 30,
                },
                Scored {
                    application_id: 2,
                    totals: vec![9000],
                    requested_dh: 150_000,
                    submitted_at: 20,
                },
                Scored {
                    application_id: 3,
                    totals: vec![6500],
                    requested_dh: 50_000,
                    submitted_at: 10,
                },
                Scored {
                    application_id: 4,
                    totals: vec![],
                    requested_dh: 10_000,
                    submitted_at: 5,
                },
            ],
            220_000,
        );
        let got: Vec<(i64, u32, Option<i64>, Decision)> = ranked
            .iter()
            .map(|r| (r.application_id, r.rank, r.mean, r.proposal))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, 1, Some(9000), Decision::Selected),
                // Equal means (65.00): the earlier submission first; 50,000 fits the 70,000 left.
                (3, 2, Some(6500), Decision::Selected),
                (1, 3, Some(6500), Decision::Waitlisted),
                (4, 4, None, Decision::Rejected),
            ]
        );
        assert_eq!(check_budget(150_000, 50_000, 220_000), Ok(()));
        assert_eq!(
            check_budget(200_000, 50_000, 220_000).map_err(|e| e.code),
            Err("budget_exceeded")
        );
        assert_eq!(
            decision_reason(Decision::Rejected, " ").map_err(|e| e.code),
            Err("decision_reason_required")
        );
        assert_eq!(decision_reason(Decision::Selected, ""), Ok(String::new()));
    }

    #[test]
    fn follow_up_stages() {
        let today = date!(2026 - 09 - 01);
        let ms = |due, done| MilestoneFacts {
            due_on: due,
            done_on: done,
        };
        assert_eq!(project_stage(None, 0, &[], today), ProjectStage::AgreementPending);
        assert_eq!(
            project_stage(Some(100), 50, &[ms(date!(2026 - 10 - 01), None)], today),
            ProjectStage::InProgress
        );
        assert_eq!(
            project_stage(Some(100), 50, &[ms(date!(2026 - 08 - 01), None)], today),
            ProjectStage::Late
        );
        assert_eq!(
            project_stage(
                Some(100),
                100,
                &[ms(date!(2026 - 08 - 01), Some(date!(2026 - 07 - 20)))],
                today
            ),
            ProjectStage::Completed
        );
        assert_eq!(
            check_disbursement(60, 50, Some(100)).map_err(|e| e.code),
            Err("above_agreement")
        );
        assert_eq!(check_disbursement(50, 50, Some(100)), Ok(()));
        assert_eq!(
            check_disbursement(10, 0, None).map_err(|e| e.code),
            Err("no_agreement")
        );
        assert!(call_open(
            date!(2026 - 01 - 05),
            date!(2026 - 02 - 28),
            date!(2026 - 02 - 28)
        ));
        assert!(!call_open(
            date!(2026 - 01 - 05),
            date!(2026 - 02 - 28),
            date!(2026 - 03 - 01)
        ));
        assert_eq!(missing_documents(3, &[0, 2]), vec![1]);
    }
}
