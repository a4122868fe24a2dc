//! The root package's integration tests: rule fixtures, rule metadata,
//! generated docs, and the command line run as a process.

mod cache;
mod cli;
mod docs;
mod exemptions;
mod fix_safety;
mod fixes;
mod fixtures;
mod habits;
mod integrations;
mod measure;
mod meta;
mod robustness;
