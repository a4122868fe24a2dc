//! What a file leaves behind for whole-project rules once its AST is dropped.

/// Facts of one file that whole-project rules need. The AST is dropped after
/// the per-file pass, so everything a cross-file rule needs must be copied
/// here, compactly. Empty until the whole-project rules arrive.
#[derive(Debug, Clone, Default)]
pub struct FileSummary {}
