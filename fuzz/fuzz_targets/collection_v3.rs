//! Fuzz target: see `courier::fuzzing::collection_v3` for the input format.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| courier::fuzzing::collection_v3(data));
