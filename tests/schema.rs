//! The JSON documents are pinned by JSON Schema files generated from the types
//! (`schema/*.schema.json`, committed). This test fails when the types change and the files
//! were not regenerated: `MAILDOCTOR_BLESS=1 cargo test --test tests schema` rewrites them.
//! Every `--json` document the other tests produce is validated against them by
//! `support::cli::run_json` (see `support::schema`).

use crate::support::schema::schema_dir;

fn check(file: &str, schema: &schemars::Schema) {
    let text = format!("{}\n", serde_json::to_string_pretty(schema).unwrap());
    let path = schema_dir().join(file);
    if std::env::var_os("MAILDOCTOR_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{} is out of date with the types; regenerate it with \
         `MAILDOCTOR_BLESS=1 cargo test --test tests schema` and review the diff",
        path.display()
    );
}

#[test]
fn schema_files_match_the_types() {
    check(
        "report.schema.json",
        &schemars::schema_for!(maildoctor::report::Report),
    );
    check(
        "error.schema.json",
        &schemars::schema_for!(maildoctor::report::json::ErrorDoc),
    );
    check(
        "batch-invalid.schema.json",
        &schemars::schema_for!(maildoctor::batch::BatchError),
    );
    check(
        "explain.schema.json",
        &schemars::schema_for!(maildoctor::explain::JsonDoc<'static>),
    );
    check(
        "help.schema.json",
        &schemars::schema_for!(maildoctor::explain::HelpDoc),
    );
}
