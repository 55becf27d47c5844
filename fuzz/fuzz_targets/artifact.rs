//! Reading evidence from an artifact (`metric:`): any bytes, as an Inspect
//! log (`.json`, or an `.eval` zip archive) or JSON under a pointer, give a
//! reading or a reason, never a panic; a value read is a finite number, and
//! reading the same bytes twice gives the same answer.
#![no_main]

use casec::analysis::readings::read_bytes;

/// The bounds casec reads with are larger; a small one is also tried, so
/// that refusing past the limit is exercised.
const LIMITS: [u64; 2] = [256 << 20, 512];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The first line names the metric (`/…` a JSON Pointer) and, after a
    // space, the scorer; the rest is the artifact.
    let (head, body) = match data.iter().position(|&b| b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (&b"accuracy"[..], data),
    };
    let head = String::from_utf8_lossy(head);
    let (metric, scorer) = match head.split_once(' ') {
        Some((metric, scorer)) => (metric, Some(scorer)),
        None => (head.as_ref(), None),
    };
    for limit in LIMITS {
        let first = read_bytes(body.to_vec(), metric, scorer, limit);
        if let Ok(reading) = &first {
            assert!(reading.value.is_finite(), "{reading:?}");
        }
        assert_eq!(first, read_bytes(body.to_vec(), metric, scorer, limit));
    }
});
