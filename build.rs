//! Build script: embeds every `providers/*.xml` file.
//!
//! Writes `$OUT_DIR/providers.rs` with `PROVIDER_FILES`, a table of
//! `(file name, include_str!(absolute path))` sorted by file name. The XML is the only data
//! format; nothing is converted here, parsing happens at run time in `src/provider`.

use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let dir = manifest_dir.join("providers");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", dir.display());

    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "xml") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();

    let mut out = String::from(
        "/// `(file name, contents)` of every `providers/*.xml` file, sorted by file name.\n\
         pub(crate) static PROVIDER_FILES: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| format!("provider file name is not UTF-8: {}", path.display()))?;
        let abs = path
            .to_str()
            .ok_or_else(|| format!("provider path is not UTF-8: {}", path.display()))?;
        writeln!(out, "    ({name:?}, include_str!({abs:?})),")?;
    }
    out.push_str("];\n");

    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    std::fs::write(out_dir.join("providers.rs"), out)?;
    Ok(())
}
