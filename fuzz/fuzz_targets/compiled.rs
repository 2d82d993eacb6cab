#![no_main]
include!("../targets/compiled.rs");
libfuzzer_sys::fuzz_target!(|data: &[u8]| compiled(data));
