//! Fuzz target: see `courier::fuzzing::snapshot_redact` for the input format.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| courier::fuzzing::snapshot_redact(data));
