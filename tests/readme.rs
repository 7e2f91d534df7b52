//! The README's "First run" example: the output it shows is what the binary prints.

use crate::support::cli::run;

/// The command and the expected output of the README's known-good example: the lines of
/// the first fenced block whose first line starts with `$ maildoctor`.
fn readme_example() -> (Vec<String>, String) {
    let readme = include_str!("../README.md");
    let mut lines = readme
        .lines()
        .skip_while(|l| !l.starts_with("$ maildoctor"));
    let command = lines
        .next()
        .expect("README: a line starting with `$ maildoctor`");
    let args = command
        .trim_start_matches("$ maildoctor")
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let mut expected = String::new();
    for line in lines.take_while(|l| !l.starts_with("```")) {
        expected.push_str(line);
        expected.push('\n');
    }
    (args, expected)
}

#[test]
fn readme_first_run_example_is_current() {
    let (args, expected) = readme_example();
    assert!(
        args.iter().any(|a| a == "--offline"),
        "the example must not need a network"
    );
    assert!(!expected.is_empty(), "README: the example shows no output");
    let out = run(&args);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(
        out.stdout, expected,
        "README's \"First run\" example no longer matches the tool's output: update one of them"
    );
}
