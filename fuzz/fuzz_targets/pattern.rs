#![no_main]
include!("../targets/pattern.rs");
libfuzzer_sys::fuzz_target!(|data: &[u8]| pattern(data));
