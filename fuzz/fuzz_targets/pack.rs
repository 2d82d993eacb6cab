#![no_main]
include!("../targets/pack.rs");
libfuzzer_sys::fuzz_target!(|data: &[u8]| pack(data));
