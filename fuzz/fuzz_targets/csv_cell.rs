//! The CSV cell neutraliser (`maildoctor::batch::csv_cell`, OWASP CSV injection): for any
//! text, the cell starts with none of `=`, `+`, `-`, `@`, TAB, CR, holds no control or
//! invisible formatting character, and a CSV line of such cells reads back as the same cells.
#![no_main]

use libfuzzer_sys::fuzz_target;
use maildoctor::batch::{csv_cell, csv_line};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let cells: Vec<String> = text.split('\u{1f}').map(csv_cell).collect();
    for cell in &cells {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "formula start: {cell:?}"
        );
        assert!(
            !cell
                .chars()
                .any(|c| c.is_control() || maildoctor::report::is_invisible_format(c)),
            "raw control: {cell:?}"
        );
    }
    let Ok(line) = csv_line(&cells) else {
        return;
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&line[..]);
    let Some(Ok(record)) = reader.records().next() else {
        panic!("the line does not read back: {:?}", String::from_utf8_lossy(&line));
    };
    let back: Vec<&str> = record.iter().collect();
    assert_eq!(back, cells.iter().map(String::as_str).collect::<Vec<_>>());
});
