//! The global allocator of the `memwise` binary and the benchmark's floor,
//! and the one setting memwise changes in it.
//!
//! mimalloc v3 keeps freed memory for a second (`purge_delay`, 1000 ms)
//! before returning it to the system. A whole check of the benchmark corpus
//! takes about that long, so nothing was returned and every file's freed
//! syntax tree still counted in the peak resident set. At 25 ms the peak on
//! the corpus went from 62 to 41 MiB with one thread (68 to 48 MiB with two)
//! with no measurable change in time; at 0 time grew by about 10%.

use std::ffi::c_long;

pub use mimalloc::MiMalloc as Allocator;

/// `mi_option_purge_delay`: its place in mimalloc v3's `mi_option_t` (the
/// `libmimalloc-sys` bindings name only some options). A test checks it.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory is kept for reuse, in milliseconds.
pub const PURGE_DELAY_MS: c_long = 25;

/// Sets memwise's purge delay, unless the environment asks for another.
/// Call it first thing in `main`.
pub fn tune() {
    if delay_set_in_environment() {
        return;
    }
    // SAFETY: `mi_option_set` stores an integer in mimalloc's option table;
    // it takes no pointers and is safe to call at any time from any thread.
    #[allow(unsafe_code)]
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS);
    }
}

/// Whether the environment sets the purge delay the way mimalloc reads it:
/// the name in any case, or its older name `reset_delay`.
fn delay_set_in_environment() -> bool {
    std::env::vars_os().any(|(name, _)| {
        name.to_str().is_some_and(|name| {
            name.eq_ignore_ascii_case("MIMALLOC_PURGE_DELAY")
                || name.eq_ignore_ascii_case("MIMALLOC_RESET_DELAY")
        })
    })
}

/// The purge delay mimalloc is using, in milliseconds.
pub fn purge_delay() -> c_long {
    // SAFETY: reads an integer from mimalloc's option table.
    #[allow(unsafe_code)]
    unsafe {
        libmimalloc_sys::mi_option_get(PURGE_DELAY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tune_sets_the_purge_delay() {
        if delay_set_in_environment() {
            return;
        }
        // v3's documented default: a different number means option 15 is
        // no longer the purge delay (or the default moved) and the constant
        // above needs checking against mimalloc.h.
        assert_eq!(purge_delay(), 1000);
        tune();
        assert_eq!(purge_delay(), PURGE_DELAY_MS);
    }
}
