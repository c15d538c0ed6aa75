//! A global allocator that counts allocations, for tests that prove a path allocates nothing.
//! Install it with `#[global_allocator]` in the test binary that needs it.
//!
//! It counts the allocations of the thread that asks, so that the test
//! harness's own threads (which allocate when they please: seen as 4
//! stray allocations in a slow CI run) never count against the code under test.
#![allow(unsafe_code)] // implementing GlobalAlloc is unsafe by definition
#![allow(unreachable_pub)] // shared by several test crates

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    // Const-initialised, without destructors: safe to touch from the allocator.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

/// Allocations (and reallocations) made so far by this thread.
pub fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

/// The largest single allocation (or reallocation) by this thread since the last `reset_largest`.
pub fn largest_allocation() -> usize {
    LARGEST.with(Cell::get)
}

/// Starts a new measurement for [`largest_allocation`].
pub fn reset_largest() {
    LARGEST.with(|largest| largest.set(0));
}

fn count(size: usize) {
    ALLOCATIONS.with(|n| n.set(n.get() + 1));
    LARGEST.with(|largest| largest.set(largest.get().max(size)));
}

/// Delegates to the system allocator and counts.
pub struct CountingAllocator;

// SAFETY: every call is passed to `System` unchanged; the only addition is a counter.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which we forward.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `GlobalAlloc::dealloc`'s contract, which we forward.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract, which we forward.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
