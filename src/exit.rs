//! Exit codes, in one place (documented in `--help` and README).

/// No error finding.
pub const OK: u8 = 0;
/// At least one error finding: something does not work.
pub const PROBLEMS: u8 = 1;
/// Usage error or fatal error (bad arguments, unreadable files, resolver set-up).
pub const USAGE: u8 = 2;
/// Interrupted (Ctrl-C).
pub const CANCELLED: u8 = 130;
