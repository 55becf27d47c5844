//! Risk arithmetic on shapes that overflow naive path counting: every
//! number the analysis produces stays finite and conservative, and the JSON
//! IR still validates against its schema.

#[path = "common/schema.rs"]
mod schema;

use casec::{compile, Options};

/// A chain of `levels` diamonds: `c{i}` needs both `a{i}` and `b{i}`, which
/// both rest on `c{i+1}`; the last claim rests on one evidence item. The
/// evidence is reached through 2^levels paths.
fn diamond_chain(levels: usize, leaf_risk: &str) -> String {
    let mut text = String::from(
        "case c \"t\" { threshold: 1e-2 }\n\
         decision d \"d\" { window: 2026-01-01 to 2026-12-31 }\n",
    );
    for i in 0..levels {
        text.push_str(&format!(
            "claim c{i} \"t\" {{ supported by: a{i}, b{i} }}\n\
             claim a{i} \"a\" {{ supported by: c{n} }}\n\
             claim b{i} \"b\" {{ supported by: c{n} }}\n",
            n = i + 1
        ));
    }
    text.push_str(&format!(
        "claim c{levels} \"t\" {{ supported by: e }}\nevidence e \"e\" {{ risk: {leaf_risk} }}\n"
    ));
    text
}

fn schema_errors(value: &serde_json::Value) -> Vec<String> {
    schema::errors(&schema::closed("casec-ir.schema.json"), value)
}

/// Every number in the JSON is finite (a NaN or infinity becomes `null`).
fn shares(value: &serde_json::Value) -> Vec<Option<f64>> {
    value["risk"]["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["share"].as_f64())
        .collect()
}

#[test]
fn a_risk_free_leaf_under_more_paths_than_a_float_counts_has_share_zero() {
    let c = compile("t.case", diamond_chain(1_100, "0"), Options::default());
    let value = casec::emit::json::to_value(&c);
    assert_eq!(value["risk"]["bound"].as_f64(), Some(0.0));
    assert_eq!(shares(&value), [Some(0.0)]);
    assert_eq!(schema_errors(&value), Vec::<String>::new());
}

#[test]
fn a_risky_leaf_under_more_paths_than_a_float_counts_gives_bound_one() {
    let c = compile("t.case", diamond_chain(1_100, "1e-4"), Options::default());
    let value = casec::emit::json::to_value(&c);
    assert_eq!(value["risk"]["bound"].as_f64(), Some(1.0));
    assert_eq!(shares(&value), [Some(1.0)]);
    assert_eq!(schema_errors(&value), Vec::<String>::new());
    let above: Vec<String> = c
        .diagnostics
        .iter()
        // E0701 (matched by its message, whatever type codes have)
        .filter(|d| d.message.contains("is above its threshold"))
        .map(|d| format!("{} {:?}", d.message, d.notes))
        .collect();
    assert_eq!(above.len(), 1, "{above:?}");
    for word in ["inf", "NaN"] {
        assert!(!above[0].contains(word), "{}", above[0]);
    }
    assert!(
        above[0].contains("`e` 1 (100%)"),
        "the one contributor is named with all of the bound: {}",
        above[0]
    );
}
