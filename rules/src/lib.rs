//! The rules of memwise, one file each, and the registry that lists them.

mod cache_clear_in_del;
mod cached_instance_method;
mod list_comprehension_in_call;
mod mutated_default_argument;
pub mod registry;
mod retained_exception;
mod strong_instance_registry;
mod syntax_error;
mod unbounded_cache;
mod unbounded_memo_container;

pub use cache_clear_in_del::CacheClearInDel;
pub use cached_instance_method::CachedInstanceMethod;
pub use list_comprehension_in_call::ListComprehensionInCall;
pub use mutated_default_argument::MutatedDefaultArgument;
pub use registry::{find, rules};
pub use retained_exception::RetainedException;
pub use strong_instance_registry::StrongInstanceRegistry;
pub use syntax_error::SyntaxError;
pub use unbounded_cache::UnboundedCache;
pub use unbounded_memo_container::UnboundedMemoContainer;
