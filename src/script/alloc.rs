//! The memory limit of the JavaScript runtime.
//!
//! QuickJS's own limit cannot tell the engine afterwards that it was hit
//! (an allocation failure may surface as a thrown `null`), so the engine
//! gives QuickJS this allocator instead: it counts live bytes, refuses an
//! allocation that would pass the limit and remembers that it did, so the
//! script ends with a clear "out of memory" error and the process lives on.

use std::cell::Cell;
use std::rc::Rc;

use rquickjs::allocator::{Allocator, RustAllocator};

/// Live bytes and whether an allocation was refused, shared with the engine.
#[derive(Debug, Default)]
pub(crate) struct MemoryMeter {
    used: Cell<usize>,
    refused: Cell<bool>,
}

impl MemoryMeter {
    /// Bytes QuickJS holds right now.
    #[cfg(test)]
    pub fn used(&self) -> usize {
        self.used.get()
    }

    /// Whether an allocation was refused since the last call, resetting the flag.
    pub fn take_refused(&self) -> bool {
        self.refused.replace(false)
    }
}

/// Rust's global allocator with a byte limit.
pub(crate) struct LimitedAllocator {
    inner: RustAllocator,
    limit: usize,
    meter: Rc<MemoryMeter>,
}

impl LimitedAllocator {
    /// An allocator refusing to hold more than `limit` bytes (0 is unlimited).
    pub fn new(limit: usize, meter: Rc<MemoryMeter>) -> Self {
        LimitedAllocator {
            inner: RustAllocator,
            limit,
            meter,
        }
    }

    fn admits(&self, extra: usize) -> bool {
        let ok = self.limit == 0
            || self
                .meter
                .used
                .get()
                .checked_add(extra)
                .is_some_and(|total| total <= self.limit);
        if !ok {
            self.meter.refused.set(true);
        }
        ok
    }

    fn count(&self, ptr: *mut u8) -> *mut u8 {
        if !ptr.is_null() {
            // SAFETY: `ptr` was just returned by `RustAllocator`.
            let size = unsafe { RustAllocator::usable_size(ptr) };
            self.meter.used.set(self.meter.used.get() + size);
        }
        ptr
    }
}

// SAFETY: every call is forwarded to `RustAllocator`, which upholds the
// trait's contract; this type only refuses requests (returning null, which
// the contract allows) and keeps a byte count.
unsafe impl Allocator for LimitedAllocator {
    fn alloc(&mut self, size: usize) -> *mut u8 {
        if !self.admits(size) {
            return std::ptr::null_mut();
        }
        let ptr = self.inner.alloc(size);
        self.count(ptr)
    }

    fn calloc(&mut self, count: usize, size: usize) -> *mut u8 {
        let Some(total) = count.checked_mul(size) else {
            self.meter.refused.set(true);
            return std::ptr::null_mut();
        };
        if !self.admits(total) {
            return std::ptr::null_mut();
        }
        let ptr = self.inner.calloc(count, size);
        self.count(ptr)
    }

    unsafe fn dealloc(&mut self, ptr: *mut u8) {
        if ptr.is_null() {
            return;
        }
        // SAFETY: the caller guarantees `ptr` came from this allocator.
        let size = unsafe { RustAllocator::usable_size(ptr) };
        self.meter
            .used
            .set(self.meter.used.get().saturating_sub(size));
        // SAFETY: as above.
        unsafe { self.inner.dealloc(ptr) }
    }

    unsafe fn realloc(&mut self, ptr: *mut u8, new_size: usize) -> *mut u8 {
        // QuickJS routes null pointers and zero sizes elsewhere; stay safe anyway.
        if ptr.is_null() {
            return self.alloc(new_size);
        }
        if new_size == 0 {
            // SAFETY: the caller guarantees `ptr` came from this allocator.
            unsafe { self.dealloc(ptr) };
            return std::ptr::null_mut();
        }
        // SAFETY: the caller guarantees `ptr` came from this allocator.
        let old = unsafe { RustAllocator::usable_size(ptr) };
        if new_size > old && !self.admits(new_size - old) {
            return std::ptr::null_mut();
        }
        // SAFETY: as above.
        let out = unsafe { self.inner.realloc(ptr, new_size) };
        if !out.is_null() {
            self.meter
                .used
                .set(self.meter.used.get().saturating_sub(old));
            self.count(out);
        }
        out
    }

    unsafe fn usable_size(ptr: *mut u8) -> usize {
        // SAFETY: the caller guarantees `ptr` came from this allocator.
        unsafe { RustAllocator::usable_size(ptr) }
    }
}
