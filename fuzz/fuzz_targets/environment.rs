//! Fuzz target: see `courier::fuzzing::environment` for the input format.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| courier::fuzzing::environment(data));
