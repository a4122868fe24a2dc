//! The rules of memwise, one file each, and the registry that lists them.

mod cached_instance_method;
mod gc_debug_saveall;
mod gc_disabled;
mod list_comprehension_in_call;
mod list_only_iterated;
mod numpy_load_without_mmap;
mod profiler_left_in_code;
mod quadratic_concat_in_loop;
mod readlines_loop;
pub mod registry;
mod syntax_error;
mod unbounded_cache;
mod whole_file_read;

pub use cached_instance_method::CachedInstanceMethod;
pub use gc_debug_saveall::GcDebugSaveall;
pub use gc_disabled::GcDisabled;
pub use list_comprehension_in_call::ListComprehensionInCall;
pub use list_only_iterated::ListOnlyIterated;
pub use numpy_load_without_mmap::NumpyLoadWithoutMmap;
pub use profiler_left_in_code::ProfilerLeftInCode;
pub use quadratic_concat_in_loop::QuadraticConcatInLoop;
pub use readlines_loop::ReadlinesLoop;
pub use registry::{find, rules};
pub use syntax_error::SyntaxError;
pub use unbounded_cache::UnboundedCache;
pub use whole_file_read::WholeFileRead;
