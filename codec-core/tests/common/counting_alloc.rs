//! A global allocator that counts allocations, for tests that prove a path allocates nothing.
//! Install it with `#[global_allocator]` in the test binary that needs it.
#![allow(unsafe_code)] // implementing GlobalAlloc is unsafe by definition
#![allow(unreachable_pub)] // shared by several test crates

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static LARGEST: AtomicUsize = AtomicUsize::new(0);

/// Allocations (and reallocations) made so far by the whole process.
pub fn allocations() -> usize {
    ALLOCATIONS.load(Ordering::SeqCst)
}

/// The largest single allocation (or reallocation) since the last `reset_largest`.
pub fn largest_allocation() -> usize {
    LARGEST.load(Ordering::SeqCst)
}

/// Starts a new measurement for [`largest_allocation`].
pub fn reset_largest() {
    LARGEST.store(0, Ordering::SeqCst);
}

/// Delegates to the system allocator and counts.
pub struct CountingAllocator;

// SAFETY: every call is passed to `System` unchanged; the only addition is a counter.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which we forward.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `GlobalAlloc::dealloc`'s contract, which we forward.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        LARGEST.fetch_max(new_size, Ordering::Relaxed);
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract, which we forward.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
