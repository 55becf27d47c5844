//! The emitters on any case: the JSON IR valid against its schema, the SVG
//! and the HTML review well-formed, each written the same twice.
#![no_main]

#[path = "../../tests/oracle/mod.rs"]
mod oracle;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    oracle::assert_emitted(&oracle::compile(data), "the input");
});
