//! The global allocator of the `memwise` binary and the benchmark's floor,
//! and the one setting memwise changes in it.
//!
//! mimalloc v3 keeps freed memory for a second (`purge_delay`, 1000 ms)
//! before returning it to the system. A whole check of the benchmark corpus
//! takes about that long, so nothing was returned and every file's freed
//! syntax tree still counted in the peak resident set. At 25 ms the peak on
//! the corpus went from 62 to 41 MiB with one thread (68 to 48 MiB with two)
//! with no measurable change in time; at 0 time grew by about 10%.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::{c_long, c_void};

/// mimalloc, asked for an alignment only when a layout needs more than
/// its plain allocations give. The `mimalloc` crate calls
/// `mi_malloc_aligned` for every allocation; in mimalloc v3 that path
/// checks the alignment, finds the page and calls out of line for the
/// block, and sends every allocation over 1 KiB to the generic aligned
/// allocator (about 370 instructions each), where `mi_malloc` inlines its
/// fast path.
pub struct Allocator;

/// The alignment every block `mi_malloc` returns has: blocks are whole
/// words (their sizes are multiples of 8, pages start aligned). Not 16:
/// a 24-byte block is 8-aligned. As `mi_realloc_aligned` itself decides.
const WORD: usize = std::mem::size_of::<usize>();

fn plain(layout: Layout) -> bool {
    layout.align() <= WORD
}

/// A block for `layout`, zeroed or not, through the aligned functions only
/// when the layout needs more than a word's alignment.
#[inline]
#[allow(unsafe_code)]
fn allocate(layout: Layout, zeroed: bool) -> *mut u8 {
    let (size, align) = (layout.size(), layout.align());
    // SAFETY: mimalloc's allocation functions take sizes and a power of two
    // (a layout's alignment is one) and only allocate.
    unsafe {
        match (plain(layout), zeroed) {
            (true, false) => libmimalloc_sys::mi_malloc(size),
            (true, true) => libmimalloc_sys::mi_zalloc(size),
            (false, false) => libmimalloc_sys::mi_malloc_aligned(size, align),
            (false, true) => libmimalloc_sys::mi_zalloc_aligned(size, align),
        }
        .cast()
    }
}

// SAFETY: each function hands the layout's size (and, where a plain
// allocation may not meet it, its alignment) to mimalloc, which returns a
// block of at least that size and alignment or null, and frees or resizes
// only blocks it returned.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        allocate(layout, false)
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        allocate(layout, true)
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        unsafe { libmimalloc_sys::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe {
            if plain(layout) {
                libmimalloc_sys::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                libmimalloc_sys::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align())
                    .cast()
            }
        }
    }
}

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

    /// Every size class up to a few pages, at every alignment up to 4 KiB,
    /// through each entry point.
    #[test]
    #[allow(unsafe_code)]
    fn blocks_meet_their_layouts() {
        let a = Allocator;
        for size in (1..=2048).step_by(7).chain([8, 16, 24, 4096, 100_000]) {
            for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
                let layout = Layout::from_size_align(size, align).expect("a valid layout");
                // SAFETY: non-zero sizes; each block is freed once, by this
                // allocator, with the layout it was made with.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(
                        !p.is_null() && p.addr().is_multiple_of(align),
                        "{size} {align}"
                    );
                    p.write_bytes(1, size);
                    let grown = a.realloc(p, layout, size * 3);
                    assert!(grown.addr().is_multiple_of(align), "{size} {align}");
                    assert_eq!(grown.add(size - 1).read(), 1);
                    a.dealloc(
                        grown,
                        Layout::from_size_align(size * 3, align).expect("valid"),
                    );
                    let z = a.alloc_zeroed(layout);
                    assert!(z.addr().is_multiple_of(align) && z.add(size - 1).read() == 0);
                    a.dealloc(z, layout);
                }
            }
        }
    }

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
