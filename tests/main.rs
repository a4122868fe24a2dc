//! The root package's integration tests: rule fixtures, rule metadata,
//! generated docs, and the command line run as a process.

mod cli;
mod docs;
mod exemptions;
mod fixtures;
mod integrations;
mod meta;
mod robustness;
