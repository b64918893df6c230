//! The integration tests: the real server on a random port against real databases (SQLite, and
//! PostgreSQL through `both_backends!`), and the real binary for the command line. One test
//! binary, one module per area, so the whole stack is linked once.
#![allow(clippy::unwrap_used)]

#[macro_use]
mod common;

mod authz;
mod backup;
mod bench_smoke;
mod campaigns;
mod cli;
mod coop_space;
mod crash;
mod faults;
mod foundation;
mod fuzz;
mod input;
mod kb;
mod limits;
mod mail;
mod markets;
mod openapi;
mod privacy;
mod programmes;
mod register;
mod registry;
mod scale_out;
mod stats;
