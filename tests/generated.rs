//! Property test over generated cases (tests/generator): well-formed cases and
//! near misses alike are checked with every finding located and rendered,
//! compiled deterministically, formatted idempotently and losslessly, and
//! emitted as valid JSON, SVG and HTML (tests/oracle). A failure names the
//! seed: `generator::generate(seed)` gives the case back.

mod generator;
mod oracle;

use generator::{generate, Intent};

/// Cases per run: enough for every fault and layout choice to occur many
/// times, and a few seconds in a debug build.
const CASES: u64 = 200;

#[test]
fn generated_cases_keep_every_property() {
    let mut near_misses_with_errors = 0;
    let mut broken_well_formed = Vec::new();
    for seed in 0..CASES {
        let case = generate(seed);
        let what = format!("generated case {seed} {:?}\n{}", case.faults, case.text);
        let compilation = oracle::assert_checked(case.text.as_bytes(), &what);
        oracle::assert_fmt_sound(case.text.as_bytes(), &what);
        oracle::assert_emitted(&compilation, &what);
        let syntax_errors = compilation
            .diagnostics
            .iter()
            .filter(|d| d.code.family() == casec::diagnostic::Family::Syntax);
        match case.intent {
            Intent::WellFormed if syntax_errors.count() > 0 => broken_well_formed.push(seed),
            Intent::NearMiss if compilation.has_errors() => near_misses_with_errors += 1,
            _ => {}
        }
    }
    // The generator makes what it says: well-formed cases parse, and most
    // near misses are caught (some, such as a second `combine`, are legal).
    assert!(
        broken_well_formed.is_empty(),
        "well-formed cases with syntax errors: {broken_well_formed:?}"
    );
    assert!(
        near_misses_with_errors > CASES / 3,
        "only {near_misses_with_errors} near misses have errors"
    );
}

#[test]
fn the_generator_is_deterministic_and_varied() {
    assert_eq!(generate(7).text, generate(7).text);
    let distinct: std::collections::HashSet<String> = (0..50).map(|s| generate(s).text).collect();
    assert_eq!(distinct.len(), 50);
}
