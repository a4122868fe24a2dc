//! The rules of memwise, one file each, and the registry that lists them.

mod cached_instance_method;
mod list_comprehension_in_call;
pub mod registry;
mod syntax_error;
mod unbounded_cache;

pub use cached_instance_method::CachedInstanceMethod;
pub use list_comprehension_in_call::ListComprehensionInCall;
pub use registry::{find, rules};
pub use syntax_error::SyntaxError;
pub use unbounded_cache::UnboundedCache;
