//! Fuzz target: see `courier::fuzzing::request_builder` for the input format.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| courier::fuzzing::request_builder(data));
