//! The application layer, between the web (and the command line) and the store: one module per
//! area, each use case a function over typed input that applies the domain's rules and returns
//! typed output or a typed error. No HTTP type here.
//!
//! The areas move here one at a time from `crates/web` (ARCHITECTURE.md says which are here):
//! - [`names`]: the name index of this process, following the database's name change log, and
//!   the name check (distinctiveness, availability, closest names).
//! - [`campaigns`]: the staff's search of a meeting's registrations at the door.

pub mod campaigns;
pub mod names;
