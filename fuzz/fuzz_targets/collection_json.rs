//! Fuzz target: see `courier::fuzzing::collection_json` for the input format.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| courier::fuzzing::collection_json(data));
