//! The rules of memwise, one file each, and the registry that lists them.

mod back_reference_cycle;
mod bound_method_pins_instance;
mod cache_clear_in_del;
mod cached_instance_method;
mod finalizer_in_cycle;
mod list_comprehension_in_call;
mod mutated_default_argument;
mod mutual_reference_cycle;
pub mod registry;
mod retained_exception;
mod strong_instance_registry;
mod syntax_error;
mod unbounded_cache;
mod unbounded_memo_container;

pub use back_reference_cycle::BackReferenceCycle;
pub use bound_method_pins_instance::BoundMethodPinsInstance;
pub use cache_clear_in_del::CacheClearInDel;
pub use cached_instance_method::CachedInstanceMethod;
pub use finalizer_in_cycle::FinalizerInCycle;
pub use list_comprehension_in_call::ListComprehensionInCall;
pub use mutated_default_argument::MutatedDefaultArgument;
pub use mutual_reference_cycle::MutualReferenceCycle;
pub use registry::{find, rules};
pub use retained_exception::RetainedException;
pub use strong_instance_registry::StrongInstanceRegistry;
pub use syntax_error::SyntaxError;
pub use unbounded_cache::UnboundedCache;
pub use unbounded_memo_container::UnboundedMemoContainer;
