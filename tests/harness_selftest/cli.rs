//! The CLI helpers, checked without relying on the (still stub) binary's behaviour.

use std::ffi::OsStr;
use std::process::Command;

use crate::support::cli::{connect_to, maildoctor_bin, maildoctor_cmd, run_cmd};

fn env_of<'a>(cmd: &'a Command, key: &str) -> Option<Option<&'a OsStr>> {
    cmd.get_envs().find(|(k, _)| *k == key).map(|(_, v)| v)
}

#[test]
fn command_is_hermetic() {
    let cmd = maildoctor_cmd();
    assert_eq!(cmd.get_program(), maildoctor_bin().as_os_str());
    assert!(maildoctor_bin().is_file());
    let home = env_of(&cmd, "HOME").flatten().expect("HOME set");
    let home = std::path::Path::new(home);
    assert!(home.is_dir());
    assert_eq!(
        std::fs::read_dir(home).unwrap().count(),
        0,
        "HOME not empty"
    );
    assert_eq!(env_of(&cmd, "NO_COLOR"), Some(Some(OsStr::new("1"))));
    assert_eq!(env_of(&cmd, "LANG"), Some(Some(OsStr::new("C"))));
    // Each command gets its own HOME.
    let other = maildoctor_cmd();
    assert_ne!(env_of(&other, "HOME"), env_of(&cmd, "HOME"));
}

#[test]
fn run_cmd_collects_code_and_both_streams() {
    let mut cmd = Command::new("sh");
    cmd.args(["-c", r#"printf '{"ok": true}'; printf 'oops' >&2; exit 3"#]);
    let r = run_cmd(cmd);
    assert_eq!(r.code, 3);
    assert_eq!(r.stdout, r#"{"ok": true}"#);
    assert_eq!(r.stderr, "oops");
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["ok"], true);
}

#[test]
fn connect_to_format() {
    let addr = "127.0.0.2:40123".parse().unwrap();
    assert_eq!(
        connect_to("imap.example.com", 993, addr),
        "imap.example.com:993:127.0.0.2:40123"
    );
}
