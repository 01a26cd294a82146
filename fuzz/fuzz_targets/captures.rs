//! Fuzz target: see `courier::fuzzing::captures` for the input format.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| courier::fuzzing::captures(data));
