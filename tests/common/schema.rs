//! The published JSON schemas, as casec's own tests read them.

use serde_json::Value;

/// The schema `docs/json-schema/NAME` as published: open, so that a consumer
/// keeps working when a field is added within a version. Embedded rather
/// than read, so that the fuzz targets (another package, another
/// CARGO_MANIFEST_DIR) see the same files.
pub fn published(name: &str) -> Value {
    let text = match name {
        "casec-ir.schema.json" => include_str!("../../docs/json-schema/casec-ir.schema.json"),
        "casec-diagnostics.schema.json" => {
            include_str!("../../docs/json-schema/casec-diagnostics.schema.json")
        }
        "casec-diff.schema.json" => include_str!("../../docs/json-schema/casec-diff.schema.json"),
        _ => panic!("{name}: not a schema in docs/json-schema/"),
    };
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"))
}

/// The same schema with every object closed (`unevaluatedProperties: false`):
/// what casec writes must use documented fields only, even though readers
/// are told to expect more.
pub fn closed(name: &str) -> Value {
    let mut schema = published(name);
    close(&mut schema, false);
    schema
}

fn close(node: &mut Value, partial: bool) {
    match node {
        Value::Object(map) => {
            if !partial
                && map.contains_key("properties")
                && !map.contains_key("additionalProperties")
            {
                map.insert("unevaluatedProperties".into(), Value::Bool(false));
            }
            for (key, child) in map.iter_mut() {
                // An `if`/`then` branch describes part of an object whose
                // other properties its enclosing schema evaluates.
                close(child, matches!(key.as_str(), "if" | "then" | "else"));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| close(item, false)),
        _ => {}
    }
}

/// The errors of `value` against `schema`, one line each.
pub fn errors(schema: &Value, value: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("the schema is a valid schema");
    validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}
