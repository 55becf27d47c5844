//! `fmt` on any bytes: idempotent, and every token, decoded string and
//! comment survives (read by the oracle's own tokenizer).
#![no_main]

#[path = "../../tests/oracle/mod.rs"]
mod oracle;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    oracle::assert_fmt_sound(data, "the input");
});
