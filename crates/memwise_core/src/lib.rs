//! The vocabulary every layer of memwise shares: diagnostics and fixes, rule
//! metadata and the `Rule` trait, and the per-file semantic index.

pub mod bounded;
pub mod context;
pub mod diagnostic;
pub mod edits;
pub mod effects;
pub mod facts;
pub mod facts_containers;
pub mod facts_lifetime;
pub mod facts_self;
pub mod facts_slots;
pub mod find;
pub mod project;
pub mod python;
pub mod rule;
pub mod semantic;
pub mod settings;
pub mod summary;
pub mod traverse;
pub mod uses;

pub use context::Context;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, SecondaryLabel};
pub use project::{ClassId, FunctionId, Project, ProjectRule};
pub use rule::{FixAvailability, Rule, RuleIdentity, RuleMeta, Severity};
pub use semantic::{BindingKind, QualifiedName, ScopeId, ScopeKind, SemanticIndex};
pub use settings::{PythonVersion, RuleSettings};
pub use summary::FileSummary;
