//! The rules of Taawun's world, with no I/O: who may do what, which values are valid, and the
//! reference codes of Morocco's territory. Every other crate depends on this one; it depends on
//! none of them.
//!
//! Values that come from outside are parsed into newtypes with private fields (`Email`,
//! `RegionCode`, …), so code that holds one can rely on it being valid. A refused value yields a
//! [`ValidationError`] naming the field and a stable rule code that the web layer translates.

pub mod account;
pub mod campaign;
pub mod coop_space;
pub mod cooperative;
pub mod error;
pub mod lang;
pub mod markets;
pub mod names;
pub mod number;
pub mod policy;
pub mod products;
pub mod programmes;
pub mod register;
pub mod synthetic;
pub mod territory;

pub use account::{Email, NewPassword, Role, RoleScope, display_name};
pub use cooperative::{
    Activity, AdaptationState, CentralNumber, Cooperative, IMPORT_COLUMNS, Kind, LegalRules, RawCooperative,
    SECTORS, Status,
};
pub use error::{ValidationError, ValidationErrors};
pub use lang::Lang;
pub use names::{NameRequestDraft, decision_deadline};
pub use territory::{CourtCode, ProvinceCode, RegionCode};
