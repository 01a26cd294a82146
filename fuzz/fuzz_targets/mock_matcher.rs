//! Fuzz target: see `courier::fuzzing::mock_matcher` for the input format.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| courier::fuzzing::mock_matcher(data));
