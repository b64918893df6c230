//! Who may read the office's own records — the audit log and the outbox — and how much of them.
//!
//! These records describe other records (a file, a cooperative, a meeting), so each is scoped
//! like what it describes: an entry about a file of region 08 is read by the office of region 08
//! and by national staff, never by another region's agent. Entries about national things
//! (campaigns, accounts, courts, the knowledge base) carry no region and are read by national
//! staff only. This is the one place that decides it; pages and menus ask here.
//!
//! Rule's source: Law 09-08 (personal data processed only by whom needs it) and the office's
//! organisation into regional delegations; the finer split is the platform's choice.

use crate::{RegionCode, Role};

/// Something one may be allowed to do with the office's records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read `/admin/audit`: who changed what, when.
    ReadAuditLog,
    /// Read `/admin/outbox`: the messages queued for people, with their addresses.
    ReadOutbox,
}

/// How much of a kind of record an account reaches.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Reach {
    /// None of it: the page is refused.
    #[default]
    Nothing,
    /// Only the entries about records of this region.
    Region(RegionCode),
    /// All of it, national entries included.
    Everything,
}

impl Reach {
    pub fn allows_any(&self) -> bool {
        !matches!(self, Reach::Nothing)
    }

    /// Whether an entry about a record of `region` (None: a national record) is within reach.
    pub fn covers(&self, region: Option<&str>) -> bool {
        match self {
            Reach::Nothing => false,
            Reach::Everything => true,
            Reach::Region(own) => region == Some(own.as_str()),
        }
    }
}

/// The reach of an account with `role`, limited to `region` when it has one, for `action`.
pub fn reach(role: Role, region: Option<&RegionCode>, action: Action) -> Reach {
    match (action, role) {
        (Action::ReadAuditLog | Action::ReadOutbox, Role::Administrator) => Reach::Everything,
        (Action::ReadAuditLog | Action::ReadOutbox, Role::OfficeAgent) => match region {
            Some(r) => Reach::Region(r.clone()),
            None => Reach::Everything,
        },
        (
            Action::ReadAuditLog | Action::ReadOutbox,
            Role::CooperativeManager | Role::CourtClerk | Role::Partner,
        ) => Reach::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(code: &str) -> RegionCode {
        RegionCode::parse("region", code).expect("a region code")
    }

    #[test]
    fn a_regional_agent_reads_their_region_only() {
        let r = reach(Role::OfficeAgent, Some(&region("08")), Action::ReadAuditLog);
        assert!(r.covers(Some("08")));
        assert!(!r.covers(Some("01")));
        assert!(!r.covers(None), "national entries are for national staff");
        assert_eq!(
            reach(Role::OfficeAgent, Some(&region("08")), Action::ReadOutbox),
            Reach::Region(region("08"))
        );
    }

    #[test]
    fn national_staff_read_everything_and_others_nothing() {
        for role in [Role::Administrator, Role::OfficeAgent] {
            for action in [Action::ReadAuditLog, Action::ReadOutbox] {
                let r = reach(role, None, action);
                assert!(r.covers(None) && r.covers(Some("03")), "{role:?} {action:?}");
            }
        }
        for role in [Role::CooperativeManager, Role::CourtClerk, Role::Partner] {
            for action in [Action::ReadAuditLog, Action::ReadOutbox] {
                assert!(!reach(role, None, action).allows_any(), "{role:?} {action:?}");
            }
        }
    }
}
