//! Parse and check any bytes: every finding located in the file on
//! character boundaries and rendered in every format; two compilations
//! give identical findings and JSON.
#![no_main]

#[path = "../../tests/oracle/mod.rs"]
mod oracle;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    oracle::assert_checked(data, "the input");
});
