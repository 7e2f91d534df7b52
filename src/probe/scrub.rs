//! Scrubbing the password out of what a server says.
//!
//! Some servers quote the command they refused (`a2 NO Invalid command: a2 LOGIN "alice"
//! "pa55"`, `-ERR bad command: PASS pa55`, `535 … for cGE1NQ==`). Whatever they send back on
//! a connection that has carried the password goes through [`Scrubber::scrub`] before it is
//! kept anywhere (login reply, failure message, transcript, greeting, capabilities), so
//! neither the table, `--json` nor batch records can show it.
//!
//! Masked, each occurrence replaced by [`MASK`] (`********`):
//! - the password in clear, and in any mix of per-byte encodings a server might echo:
//!   percent-encoding (`%40`, either hex case; `+` for a space, as in form encoding) and
//!   IMAP quoted-string escapes (`\"`, `\\`, RFC 9051 §4.3);
//! - base64 of the password alone (SMTP `AUTH LOGIN`), with or without padding;
//! - base64 of each SASL PLAIN message sent (`\0user\0password`, RFC 4616), for every user
//!   name that may have been tried, with or without padding.
//!
//! Property (fuzzed in `fuzz/fuzz_targets/scrub.rs`): no match of any of these forms is left
//! in the result. A password made only of `*` would match the mask itself; it is masked as
//! `[hidden]` instead. Not covered: a server that deliberately splits the password across
//! several lines or transforms it otherwise; such a server has the password anyway.

use std::borrow::Cow;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD as B64, STANDARD_NO_PAD as B64_NO_PAD};

use crate::config::Secret;

/// What replaces the password and its encodings.
pub const MASK: &str = crate::probe::auth::MASK;
/// The mask for a password consisting only of `*` (which [`MASK`] would reveal).
const MASK_FOR_STARS: &str = "[hidden]";
/// Masking rounds before giving up on keeping any of the text (see [`Scrubber::scrub`]).
const MAX_ROUNDS: usize = 8;

/// Removes one password, and its encodings, from server text.
#[derive(Clone)]
pub struct Scrubber {
    /// The password: matched byte by byte, each byte in clear or encoded.
    password: Secret,
    /// Exact forms (base64 of the password and of the SASL PLAIN messages).
    exact: Vec<Secret>,
    mask: &'static str,
}

impl std::fmt::Debug for Scrubber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scrubber(********)")
    }
}

impl Scrubber {
    /// A scrubber for `password`, sent with any of `usernames` (SASL PLAIN messages).
    /// An empty password scrubs nothing.
    pub fn new(password: &str, usernames: &[&str]) -> Self {
        let mut exact: Vec<Secret> = Vec::new();
        let mut add = |s: String| {
            if !s.is_empty() && !exact.iter().any(|e| e.expose() == s) {
                exact.push(Secret::new(s));
            }
        };
        if !password.is_empty() {
            add(B64.encode(password));
            add(B64_NO_PAD.encode(password));
            for user in usernames {
                let mut raw = Vec::with_capacity(user.len() + password.len() + 2);
                raw.push(0);
                raw.extend_from_slice(user.as_bytes());
                raw.push(0);
                raw.extend_from_slice(password.as_bytes());
                add(B64.encode(&raw));
                add(B64_NO_PAD.encode(&raw));
            }
        }
        let mask = if !password.is_empty() && password.bytes().all(|b| b == b'*') {
            MASK_FOR_STARS
        } else {
            MASK
        };
        Self {
            password: Secret::new(password),
            exact,
            mask,
        }
    }

    /// The text with every occurrence of the password, in any form listed in the module
    /// documentation, replaced by the mask. Masking repeats until nothing is found (a
    /// replacement can complete a new occurrence only when the password contains `*`);
    /// after a few rounds the whole text is replaced by the mask.
    pub fn scrub(&self, text: &str) -> String {
        if self.password.is_empty() {
            return text.to_owned();
        }
        let mut s: Cow<'_, str> = Cow::Borrowed(text);
        for _ in 0..MAX_ROUNDS {
            match self.mask_once(&s) {
                None => return s.into_owned(),
                Some(next) => s = Cow::Owned(next),
            }
        }
        if !self.reveals(&s) {
            s.into_owned()
        } else if !self.reveals(self.mask) {
            self.mask.to_owned()
        } else {
            String::new()
        }
    }

    /// True when `text` still holds the password in one of the forms masked.
    pub fn reveals(&self, text: &str) -> bool {
        !self.password.is_empty() && self.mask_once(text).is_some()
    }

    /// Masks every match once; `None` when there is none.
    fn mask_once(&self, text: &str) -> Option<String> {
        let bytes = text.as_bytes();
        let mut marked = vec![false; bytes.len()];
        let mut any = false;
        for e in &self.exact {
            for (at, m) in text.match_indices(e.expose()) {
                marked[at..at + m.len()].fill(true);
                any = true;
            }
        }
        let pw = self.password.expose().as_bytes();
        for start in 0..bytes.len() {
            if let Some(end) = flexible_match(pw, bytes, start) {
                marked[start..end].fill(true);
                any = true;
            }
        }
        if !any {
            return None;
        }
        let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if marked[i] {
                out.extend_from_slice(self.mask.as_bytes());
                while i < bytes.len() && marked[i] {
                    i += 1;
                }
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        // Matches start and end on character boundaries in valid UTF-8 (see the tests);
        // lossy decoding is only a guard, never reached in practice.
        Some(match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })
    }
}

/// The ends (at most three) of the ways `text[at..]` can spell the password byte `b`: in
/// clear, percent-encoded (`%HH`, either case), `+` for a space, or a backslash escape of
/// `"` and `\` (IMAP quoted strings).
fn spellings(b: u8, text: &[u8], at: usize) -> [Option<usize>; 3] {
    let mut out = [None; 3];
    let Some(&c) = text.get(at) else {
        return out;
    };
    if c == b || (b == b' ' && c == b'+') {
        out[0] = Some(at + 1);
    }
    if c == b'%'
        && let (Some(&h), Some(&l)) = (text.get(at + 1), text.get(at + 2))
        && let (Some(h), Some(l)) = (hex(h), hex(l))
        && h * 16 + l == b
    {
        out[1] = Some(at + 3);
    }
    if c == b'\\' && matches!(b, b'"' | b'\\') && text.get(at + 1) == Some(&b) {
        out[2] = Some(at + 2);
    }
    out
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// The end of the longest spelling of `pw` that starts at `start`, if any.
fn flexible_match(pw: &[u8], text: &[u8], start: usize) -> Option<usize> {
    let first = *pw.first()?;
    // Quick reject: what a spelling of the first byte can start with.
    let c = *text.get(start)?;
    if c != first && c != b'%' && c != b'\\' && c != b'+' {
        return None;
    }
    let mut cur: Vec<usize> = vec![start];
    let mut next: Vec<usize> = Vec::new();
    for &b in pw {
        next.clear();
        for &at in &cur {
            for end in spellings(b, text, at).into_iter().flatten() {
                if !next.contains(&end) {
                    next.push(end);
                }
            }
        }
        if next.is_empty() {
            return None;
        }
        std::mem::swap(&mut cur, &mut next);
    }
    cur.into_iter().max()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PW: &str = "pa\"55 w@rd%";

    fn b64(s: &[u8]) -> String {
        B64.encode(s)
    }

    fn plain(user: &str, pw: &str) -> Vec<u8> {
        let mut v = vec![0u8];
        v.extend_from_slice(user.as_bytes());
        v.push(0);
        v.extend_from_slice(pw.as_bytes());
        v
    }

    fn scrubber() -> Scrubber {
        Scrubber::new(PW, &["alice@example.com", "alice"])
    }

    /// Every form from the issue, as a server would echo it.
    #[test]
    fn every_form_is_masked() {
        let s = scrubber();
        let cases = [
            format!("-ERR bad command: PASS {PW}"),
            // IMAP quoted, with the escapes the client sent.
            r#"a2 NO Invalid command: a2 LOGIN "alice@example.com" "pa\"55 w@rd%""#.to_owned(),
            // Percent-encoded, upper and lower case, and form encoding (space as '+').
            "GET /login?pw=pa%2255%20w%40rd%25 HTTP/1.1".to_owned(),
            "pw=pa%2255+w%40rd%25".to_owned(),
            "pw=%70%61%22%35%35%20%77%40%72%64%25".to_owned(),
            "pw=pa%2255%20w%40rd%25".to_lowercase().replace("pw=", "x="),
            // base64 of the password alone (AUTH LOGIN), padded and not.
            format!("535 5.7.8 authentication failed for {}", b64(PW.as_bytes())),
            format!(
                "535 for {}",
                b64(PW.as_bytes()).trim_end_matches('=').to_owned()
            ),
            // base64 of the SASL PLAIN message, with either user name.
            format!(
                "a2 NO bad AUTHENTICATE PLAIN {}",
                b64(&plain("alice@example.com", PW))
            ),
            format!("-ERR {} rejected", b64(&plain("alice", PW))),
        ];
        for text in &cases {
            let out = s.scrub(text);
            assert!(out.contains(MASK), "{text} → {out}");
            assert!(!s.reveals(&out), "{text} → {out}");
            assert!(!out.contains("55 w@rd"), "{text} → {out}");
            assert!(!out.contains("w%40rd"), "{text} → {out}");
            assert!(!out.to_lowercase().contains("w%40rd"), "{text} → {out}");
        }
        // The IMAP example keeps the rest of the reply.
        assert_eq!(
            s.scrub(r#"a2 NO Invalid command: a2 LOGIN "alice@example.com" "pa\"55 w@rd%""#),
            r#"a2 NO Invalid command: a2 LOGIN "alice@example.com" "********""#
        );
    }

    #[test]
    fn text_without_the_password_is_unchanged() {
        let s = scrubber();
        for text in [
            "a2 NO [AUTHENTICATIONFAILED] Authentication failed.",
            "535 5.7.8 Error: 请使用授权码登录",
            "",
            "pa\"55 w@r",
        ] {
            assert_eq!(s.scrub(text), text);
        }
        assert_eq!(Scrubber::new("", &["alice"]).scrub("anything"), "anything");
    }

    #[test]
    fn adjacent_and_overlapping_occurrences_become_one_mask() {
        let s = Scrubber::new("abab", &[]);
        assert_eq!(s.scrub("x ababab y"), "x ******** y");
        assert_eq!(s.scrub("ababXabab"), "********X********");
    }

    #[test]
    fn multibyte_passwords_keep_the_text_valid() {
        let s = Scrubber::new("授权码1", &["用户"]);
        let out = s.scrub("535 wrong 授权码1 (%E6%8E%88%E6%9D%83%E7%A0%81%31) 授权码");
        assert_eq!(out, "535 wrong ******** (********) 授权码");
        // Percent-encoding mixed with clear bytes of one character is matched too.
        assert!(!s.reveals(&s.scrub("%E6%8E%88权码1")));
    }

    #[test]
    fn passwords_containing_the_mask_character_are_still_removed() {
        let s = Scrubber::new("a*", &[]);
        let out = s.scrub("aaaa* and a%2A");
        assert!(!s.reveals(&out), "{out}");
        let stars = Scrubber::new("**", &[]);
        let out = stars.scrub("x ** y *** z");
        assert_eq!(out, "x [hidden] y [hidden] z");
        assert!(!stars.reveals(&out));
    }

    #[test]
    fn debug_never_shows_the_password() {
        assert!(!format!("{:?}", scrubber()).contains("w@rd"));
    }
}
