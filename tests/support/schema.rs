//! Validation of `--json` documents against the committed JSON Schema files: types, enums
//! and required fields through the `jsonschema` crate, plus a check that every key in the
//! document is a property the schema documents (no undocumented fields).

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;

/// `schema/` in the repository.
pub fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema")
}

fn load(file: &str) -> Value {
    let text = std::fs::read_to_string(schema_dir().join(file))
        .unwrap_or_else(|e| panic!("schema/{file}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn property_names(schema: &Value, out: &mut BTreeSet<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                out.extend(props.keys().cloned());
            }
            for v in map.values() {
                property_names(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| property_names(v, out)),
        _ => {}
    }
}

fn keys(doc: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match doc {
        Value::Object(map) => {
            for (k, v) in map {
                out.push((k.clone(), format!("{path}/{k}")));
                keys(v, &format!("{path}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                keys(v, &format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Panics unless `doc` conforms to `schema/<file>` and uses only documented keys.
pub fn assert_conforms(file: &str, doc: &Value) {
    let schema = load(file);
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not valid against schema/{file}:\n{}\n{doc:#}",
        errors.join("\n")
    );
    let mut documented = BTreeSet::new();
    property_names(&schema, &mut documented);
    let mut used = Vec::new();
    keys(doc, "", &mut used);
    let undocumented: Vec<&(String, String)> = used
        .iter()
        .filter(|(k, _)| !documented.contains(k))
        .collect();
    assert!(
        undocumented.is_empty(),
        "keys missing from schema/{file}: {undocumented:?}"
    );
}

/// Validates a `--json` output of the binary against the schema its status implies.
pub fn assert_document(doc: &Value) {
    match doc["status"].as_str() {
        Some("fatal") => assert_conforms("error.schema.json", doc),
        Some("invalid") => assert_conforms("batch-invalid.schema.json", doc),
        _ => assert_conforms("report.schema.json", doc),
    }
}
