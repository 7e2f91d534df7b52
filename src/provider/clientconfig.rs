//! A pure parser (no I/O) for Thunderbird clientConfig v1.1 XML
//! (<https://wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat>), plus the
//! maildoctor extensions in the [`MD_NAMESPACE`] namespace (`<md:mx>`, `<md:hint>`).
//!
//! The same parser reads the built-in provider files, `--providers` directories, the public
//! ISPDB and (later) autoconfig HTTP responses, so it is tolerant of what real files contain
//! and strict about what could hurt:
//!
//! * Input larger than [`MAX_INPUT_BYTES`], elements nested deeper than [`MAX_DEPTH`], any
//!   `<!DOCTYPE …>` (and so any entity declaration), unknown entity references and malformed
//!   XML are a [`ParseError`] for the whole document, with a line and column. The parser never
//!   panics.
//! * Several `<emailProvider>` elements are all returned. `<enable>`, `<webMail>` and
//!   `<oAuth2>` may sit inside `<emailProvider>` or directly under `<clientConfig>` (as in the
//!   ISPDB Gmail file); top-level ones apply to every provider that has none of its own.
//! * Only `imap`/`pop3` incoming and `smtp` outgoing servers are kept; other types
//!   (`exchange`, `ews`, `jmap`, `graph`, …) are listed in [`EmailProvider::skipped`].
//! * **Invalid server entries are dropped, not fatal**: an `imap`/`pop3`/`smtp` server with a
//!   missing or invalid host name, a port that is not a number in 1–65535, or an unknown or
//!   missing `socketType` is recorded in [`EmailProvider::rejected`] with its position and
//!   the [`ServerProblem`], and the rest of the file is still used (as Thunderbird does). The
//!   provider database is stricter and refuses a file with any rejected server.
//! * Unknown elements and attributes are ignored, as are elements in foreign namespaces.
//! * Host names are normalised: trimmed, lowercase, no trailing dot; the placeholders
//!   `%EMAILDOMAIN%`, `%EMAILLOCALPART%` and `%EMAILADDRESS%` are kept in upper case.
//!   A missing `<username>` defaults to `%EMAILADDRESS%`.
//!
//! Thunderbird conformance (checked against the peer vectors in
//! `../shared/conformance/autoconfig-peers`, see `tests/conformance.rs`):
//!
//! * `<domain>%EMAILDOMAIN%</domain>` (a document served for whatever domain asks, as
//!   one.com and others publish) is accepted and sets [`EmailProvider::any_domain`].
//! * An invalid `<domain>` drops only that domain ([`EmailProvider::rejected_domains`]);
//!   the document is rejected only when a provider is left with no domain at all, as
//!   Thunderbird's `readFromXML` does.
//! * A repeated `<hostname>`, `<port>` or `<username>` in one server keeps the **first**; of
//!   several `<socketType>`s the first supported one wins (Thunderbird).
//! * `socketType` is `SSL`, `STARTTLS` or `plain` (case-insensitive), nothing else:
//!   `TLS` is unknown to Thunderbird and K-9, so such an entry is dropped, not read as
//!   implicit TLS.
//! * Host and domain labels follow RFC 1123: letters, digits, `-` (and `_`, seen in real
//!   files), never starting or ending with `-`.

use std::fmt;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::ServerEntry;
use crate::model::{Hint, Protocol, Security};

/// Largest accepted document, in bytes (1 MiB).
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// Deepest accepted element nesting.
pub const MAX_DEPTH: usize = 32;

/// XML namespace of the maildoctor extensions (`xmlns:md="…"`).
pub const MD_NAMESPACE: &str = "https://maildoctor.dev/ns/provider/1";

/// A 1-based line and column (in characters) in the parsed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Position {
    /// Line, starting at 1.
    pub line: usize,
    /// Column in characters, starting at 1.
    pub column: usize,
}

impl Position {
    /// Position of byte `offset` in `input` (clamped to the input, rounded down to a
    /// character boundary).
    pub fn of_offset(input: &str, offset: usize) -> Self {
        let mut end = offset.min(input.len());
        while !input.is_char_boundary(end) {
            end -= 1;
        }
        let before = &input[..end];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Self { line, column }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// Why a whole document was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The input is larger than [`MAX_INPUT_BYTES`].
    #[error("document is {size} bytes, larger than the {max}-byte limit")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// A `<!DOCTYPE …>` declaration (which is where entity declarations live).
    #[error("{pos}: DOCTYPE and entity declarations are not accepted")]
    Doctype {
        /// Where it starts.
        pos: Position,
    },
    /// Elements nested deeper than [`MAX_DEPTH`].
    #[error("{pos}: elements are nested deeper than {max} levels")]
    TooDeep {
        /// The element that went too deep.
        pos: Position,
        /// The limit.
        max: usize,
    },
    /// The XML itself is malformed (quick-xml's diagnosis).
    #[error("{pos}: malformed XML: {message}")]
    Xml {
        /// Where quick-xml detected it.
        pos: Position,
        /// quick-xml's message.
        message: String,
    },
    /// An entity reference other than the five predefined ones or a character reference.
    #[error("{pos}: unknown entity reference '&{name};'")]
    UnknownEntity {
        /// Where it is.
        pos: Position,
        /// The entity name.
        name: String,
    },
    /// The document ends before the root element is closed, or has no root element.
    #[error("{pos}: the document ends before </{element}>")]
    UnexpectedEof {
        /// End of input.
        pos: Position,
        /// The innermost open element (`clientConfig` when there is no element at all).
        element: String,
    },
    /// The root element is not `<clientConfig>`, or there is a second root element.
    #[error("{pos}: expected one <clientConfig> root element, found <{found}>")]
    WrongRoot {
        /// Where the offending element starts.
        pos: Position,
        /// Its name.
        found: String,
    },
    /// No `<emailProvider>` inside `<clientConfig>`.
    #[error("no <emailProvider> element")]
    NoProvider,
    /// An `<emailProvider>` without an `id` attribute and without any `<domain>`.
    #[error("{pos}: <emailProvider> has neither an id attribute nor a <domain>")]
    MissingProviderId {
        /// Where the provider starts.
        pos: Position,
    },
    /// A `<domain>` or `<md:mx>` that is not a host name.
    #[error("{pos}: <{element}> '{value}' is not a valid domain name")]
    InvalidDomain {
        /// Where the element starts.
        pos: Position,
        /// `domain` or `md:mx`.
        element: &'static str,
        /// The offending value.
        value: String,
    },
    /// A malformed `<md:hint>`.
    #[error("{pos}: invalid <md:hint>: {reason}")]
    InvalidHint {
        /// Where the hint starts.
        pos: Position,
        /// What is wrong.
        reason: String,
    },
    /// A malformed `<md:source>` (provenance).
    #[error("{pos}: invalid <md:source>: {reason}")]
    InvalidSource {
        /// Where the element starts.
        pos: Position,
        /// What is wrong.
        reason: String,
    },
}

/// A `<domain>` that is not a host name, dropped (see [`EmailProvider::rejected_domains`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedDomain {
    /// Where the element starts.
    pub pos: Position,
    /// The value as written (trimmed).
    pub value: String,
}

/// A server as a provenance source lists it (`<md:server …/>` inside `<md:source>`):
/// recorded when that source disagrees with the servers the entry uses.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SourceServer {
    /// `imap`, `pop3` or `smtp` as written.
    pub protocol: String,
    /// Host name as the source writes it.
    pub host: String,
    /// Port, when the source gives one.
    pub port: Option<u16>,
    /// `SSL`, `STARTTLS`, `plain`, when the source says.
    pub socket_type: Option<String>,
}

/// `<md:source name="…">`: where the facts of an entry come from (a public database, the
/// provider's own help page, …). See `providers/README.md`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SourceRef {
    /// Source name: `ispdb`, `deltachat`, `fairemail`, `mailspring`, `mailcore2`, `k9mail`,
    /// `nodemailer`, `help` (the provider's own documentation), `maildoctor`.
    pub name: String,
    /// The record in that source (`ref` attribute), e.g. an ISPDB file name.
    pub reference: Option<String>,
    /// A URL (`url` attribute), e.g. the provider's help page.
    pub url: Option<String>,
    /// `used` (the entry's servers come from it), `agrees`, `differs`, `empty` (the source
    /// knows the domain but lists no server) or `unverified`
    /// (`status` attribute; `used` when absent).
    pub status: String,
    /// `note` attribute: free text, e.g. what could not be verified.
    pub note: Option<String>,
    /// Which domains of the entry the source covers (`domains` attribute, space-separated;
    /// empty = all).
    pub domains: Vec<String>,
    /// Servers this source lists that differ from the entry's.
    pub servers: Vec<SourceServer>,
}

/// Why one server entry was dropped (see [`RejectedServer`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServerProblem {
    /// No `<hostname>`.
    #[error("no <hostname>")]
    MissingHostname,
    /// `<hostname>` is not a host name.
    #[error("'{0}' is not a valid host name")]
    InvalidHostname(String),
    /// No `<port>`.
    #[error("no <port>")]
    MissingPort,
    /// `<port>` is not a number in 1–65535.
    #[error("port '{0}' is not a number between 1 and 65535")]
    InvalidPort(String),
    /// No `<socketType>`.
    #[error("no <socketType>")]
    MissingSocketType,
    /// No `<socketType>` is `SSL`, `STARTTLS` or `plain` (the first one is kept).
    #[error("socketType '{0}' is not SSL, STARTTLS or plain")]
    InvalidSocketType(String),
}

/// An `imap`/`pop3`/`smtp` server entry that was dropped because it is unusable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedServer {
    /// The server's protocol.
    pub protocol: Protocol,
    /// Where the `<incomingServer>`/`<outgoingServer>` element starts.
    pub pos: Position,
    /// What is wrong with it.
    pub problem: ServerProblem,
}

/// A server entry of a type we do not probe (`exchange`, `ews`, `jmap`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedServer {
    /// The `type` attribute as written (empty when absent).
    pub kind: String,
    /// Where the element starts.
    pub pos: Position,
}

/// A text with an optional language tag (`lang` or `xml:lang` attribute).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalizedText {
    /// Language tag as written, e.g. `de`, `zh-CN`.
    pub lang: Option<String>,
    /// The text, trimmed.
    pub text: String,
}

/// A `<documentation url="…">` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Documentation {
    /// The `url` attribute.
    pub url: String,
    /// `<descr>` children.
    pub descriptions: Vec<LocalizedText>,
}

/// An `<enable visiturl="…">` element: access must be switched on in web settings first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enable {
    /// The `visiturl` attribute.
    pub visit_url: Option<String>,
    /// `<instruction>` children.
    pub instructions: Vec<LocalizedText>,
}

/// An `<oAuth2>` element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OAuth2 {
    /// `<issuer>`.
    pub issuer: Option<String>,
    /// `<scope>`.
    pub scope: Option<String>,
    /// `<authURL>`.
    pub auth_url: Option<String>,
    /// `<tokenURL>`.
    pub token_url: Option<String>,
}

/// One `<emailProvider>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailProvider {
    /// The `id` attribute, or the first `<domain>` when it is missing; lowercase.
    pub id: String,
    /// Where the element starts.
    pub pos: Position,
    /// `<domain>` elements, lowercase, without trailing dots, in document order.
    pub domains: Vec<String>,
    /// `<domain>%EMAILDOMAIN%</domain>`: the document applies to any address domain.
    pub any_domain: bool,
    /// `<domain>` elements that are not host names (dropped).
    pub rejected_domains: Vec<RejectedDomain>,
    /// `<displayName>`.
    pub display_name: Option<String>,
    /// `<displayShortName>`.
    pub display_short_name: Option<String>,
    /// Usable IMAP and POP3 servers, in document order.
    pub incoming: Vec<ServerEntry>,
    /// Usable SMTP servers, in document order.
    pub outgoing: Vec<ServerEntry>,
    /// Servers of types we do not use.
    pub skipped: Vec<SkippedServer>,
    /// IMAP/POP3/SMTP servers dropped because they are unusable.
    pub rejected: Vec<RejectedServer>,
    /// `<documentation>` elements.
    pub documentation: Vec<Documentation>,
    /// `<enable>`.
    pub enable: Option<Enable>,
    /// `<webMail><loginPage url="…"/>`.
    pub webmail: Option<String>,
    /// `<oAuth2>`.
    pub oauth2: Option<OAuth2>,
    /// `<md:mx>`: domains whose MX hosts mean "hosted by this provider" (a leading `*.` is
    /// dropped).
    pub mx_domains: Vec<String>,
    /// `<md:hint>`.
    pub hints: Vec<Hint>,
    /// `<md:name lang="…">`: the provider's name in other languages (e.g. `QQ邮箱`).
    pub names: Vec<LocalizedText>,
    /// `<md:source>`: provenance of the entry.
    pub sources: Vec<SourceRef>,
}

/// A parsed `<clientConfig>` document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// The `version` attribute of `<clientConfig>`.
    pub version: Option<String>,
    /// Every `<emailProvider>`, in document order (at least one).
    pub providers: Vec<EmailProvider>,
}

/// Parses a clientConfig document. See the module documentation for what is accepted.
pub fn parse(xml: &str) -> Result<ClientConfig, ParseError> {
    if xml.len() > MAX_INPUT_BYTES {
        return Err(ParseError::TooLarge {
            size: xml.len(),
            max: MAX_INPUT_BYTES,
        });
    }
    let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    Parser::new(xml).run()
}

/// Which namespace an element is in, as far as we care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    /// No namespace: clientConfig elements.
    None,
    /// [`MD_NAMESPACE`].
    Md,
    /// Anything else.
    Foreign,
}

/// What an open element means in its context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum El {
    Root,
    Provider,
    Domain,
    DisplayName,
    DisplayShortName,
    Server,
    Skipped,
    Hostname,
    Port,
    SocketType,
    Username,
    Authentication,
    Documentation,
    Descr,
    Enable,
    Instruction,
    WebMail,
    LoginPage,
    OAuth2,
    Issuer,
    Scope,
    AuthUrl,
    TokenUrl,
    Mx,
    Hint,
    HintText,
    MdName,
    Source,
    SourceServer,
    Other,
}

#[derive(Debug)]
struct Frame {
    el: El,
    /// Qualified name as written, for error messages.
    name: String,
    pos: Position,
    lang: Option<String>,
}

#[derive(Debug)]
struct ServerBuilder {
    protocol: Protocol,
    pos: Position,
    hostname: Option<String>,
    port: Option<String>,
    /// Every `<socketType>`, in document order (the first supported one wins).
    socket_types: Vec<String>,
    username: Option<String>,
    auth: Vec<String>,
}

#[derive(Debug)]
struct HintBuilder {
    code: Option<String>,
    pos: Position,
    texts: Vec<LocalizedText>,
}

#[derive(Debug)]
struct ProviderBuilder {
    id: Option<String>,
    p: EmailProvider,
}

/// Incremental byte-offset → line/column conversion: positions are asked for in increasing
/// order while parsing, so the whole document is scanned once (O(n), not O(n²)).
#[derive(Debug, Clone, Copy)]
struct Cursor {
    offset: usize,
    pos: Position,
}

impl Cursor {
    fn at(&mut self, input: &str, offset: usize) -> Position {
        let mut end = offset.min(input.len());
        while !input.is_char_boundary(end) {
            end -= 1;
        }
        if end < self.offset {
            return Position::of_offset(input, end);
        }
        for c in input[self.offset..end].chars() {
            if c == '\n' {
                self.pos.line += 1;
                self.pos.column = 1;
            } else {
                self.pos.column += 1;
            }
        }
        self.offset = end;
        self.pos
    }
}

struct Parser<'i> {
    input: &'i str,
    cursor: Cursor,
    reader: NsReader<&'i [u8]>,
    stack: Vec<Frame>,
    text: String,
    seen_root: bool,
    version: Option<String>,
    providers: Vec<EmailProvider>,
    provider: Option<ProviderBuilder>,
    server: Option<ServerBuilder>,
    doc: Option<Documentation>,
    enable: Option<Enable>,
    oauth2: Option<OAuth2>,
    webmail: Option<String>,
    hint: Option<HintBuilder>,
    source: Option<SourceRef>,
    top_enable: Option<Enable>,
    top_oauth2: Option<OAuth2>,
    top_webmail: Option<String>,
}

impl<'i> Parser<'i> {
    fn new(input: &'i str) -> Self {
        let mut reader = NsReader::from_str(input);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        Self {
            input,
            cursor: Cursor {
                offset: 0,
                pos: Position { line: 1, column: 1 },
            },
            reader,
            stack: Vec::new(),
            text: String::new(),
            seen_root: false,
            version: None,
            providers: Vec::new(),
            provider: None,
            server: None,
            doc: None,
            enable: None,
            oauth2: None,
            webmail: None,
            hint: None,
            source: None,
            top_enable: None,
            top_oauth2: None,
            top_webmail: None,
        }
    }

    fn pos(&mut self, offset: u64) -> Position {
        let offset = usize::try_from(offset).unwrap_or(usize::MAX);
        self.cursor.at(self.input, offset)
    }

    /// Position of the first `<` at or after `offset` (the start of the tag just read).
    fn tag_pos(&mut self, offset: u64) -> Position {
        let start = usize::try_from(offset).unwrap_or(usize::MAX);
        let at = self
            .input
            .get(start..)
            .and_then(|rest| rest.find('<'))
            .map_or(start, |i| start + i);
        self.cursor.at(self.input, at)
    }

    fn run(mut self) -> Result<ClientConfig, ParseError> {
        loop {
            let before = self.reader.buffer_position();
            let (ns, event) = match self.reader.read_resolved_event() {
                Ok((ns, event)) => (classify_ns(&ns), event),
                Err(e) => {
                    return Err(ParseError::Xml {
                        pos: self.pos(self.reader.error_position()),
                        message: e.to_string(),
                    });
                }
            };
            match event {
                Event::Start(e) => {
                    let pos = self.tag_pos(before);
                    self.start(ns, &e, pos)?;
                }
                Event::Empty(e) => {
                    let pos = self.tag_pos(before);
                    self.start(ns, &e, pos)?;
                    self.end()?;
                }
                Event::End(_) => self.end()?,
                Event::Text(t) => {
                    let s = t.xml10_content().map_err(|e| ParseError::Xml {
                        pos: self.pos(before),
                        message: e.to_string(),
                    })?;
                    self.text.push_str(&s);
                }
                Event::CData(t) => {
                    let s = t.xml10_content().map_err(|e| ParseError::Xml {
                        pos: self.pos(before),
                        message: e.to_string(),
                    })?;
                    self.text.push_str(&s);
                }
                Event::GeneralRef(r) => {
                    let pos = self.pos(before);
                    let name = r.decode().map_err(|e| ParseError::Xml {
                        pos,
                        message: e.to_string(),
                    })?;
                    if r.is_char_ref() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) => self.text.push(c),
                            Ok(None) | Err(_) => {
                                return Err(ParseError::Xml {
                                    pos,
                                    message: format!("invalid character reference '&{name};'"),
                                });
                            }
                        }
                    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                        self.text.push_str(s);
                    } else {
                        return Err(ParseError::UnknownEntity {
                            pos,
                            name: name.into_owned(),
                        });
                    }
                }
                Event::DocType(_) => {
                    return Err(ParseError::Doctype {
                        pos: self.tag_pos(before),
                    });
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => break,
            }
        }
        if let Some(element) = self.stack.last().map(|f| f.name.clone()) {
            return Err(ParseError::UnexpectedEof {
                pos: self.pos(self.reader.buffer_position()),
                element,
            });
        }
        if !self.seen_root {
            return Err(ParseError::UnexpectedEof {
                pos: self.pos(self.reader.buffer_position()),
                element: "clientConfig".to_owned(),
            });
        }
        if self.providers.is_empty() {
            return Err(ParseError::NoProvider);
        }
        for p in &mut self.providers {
            if p.enable.is_none() {
                p.enable.clone_from(&self.top_enable);
            }
            if p.oauth2.is_none() {
                p.oauth2.clone_from(&self.top_oauth2);
            }
            if p.webmail.is_none() {
                p.webmail.clone_from(&self.top_webmail);
            }
        }
        Ok(ClientConfig {
            version: self.version,
            providers: self.providers,
        })
    }

    fn start(&mut self, ns: Ns, e: &BytesStart<'_>, pos: Position) -> Result<(), ParseError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(ParseError::TooDeep {
                pos,
                max: MAX_DEPTH,
            });
        }
        self.text.clear();
        let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
        let local = e.local_name();
        let local = local.as_ref();
        let parent = self.stack.last().map(|f| f.el);
        let el = match parent {
            None => {
                if self.seen_root || ns != Ns::None || local != b"clientConfig" {
                    return Err(ParseError::WrongRoot { pos, found: name });
                }
                self.seen_root = true;
                El::Root
            }
            Some(parent) => classify(parent, ns, local),
        };
        let mut lang = None;
        match el {
            El::Root => self.version = attr(e, b"version", pos)?,
            El::Provider => {
                self.provider = Some(ProviderBuilder {
                    id: attr(e, b"id", pos)?.map(|s| s.trim().to_ascii_lowercase()),
                    p: EmailProvider {
                        id: String::new(),
                        pos,
                        domains: Vec::new(),
                        any_domain: false,
                        rejected_domains: Vec::new(),
                        display_name: None,
                        display_short_name: None,
                        incoming: Vec::new(),
                        outgoing: Vec::new(),
                        skipped: Vec::new(),
                        rejected: Vec::new(),
                        documentation: Vec::new(),
                        enable: None,
                        webmail: None,
                        oauth2: None,
                        mx_domains: Vec::new(),
                        names: Vec::new(),
                        hints: Vec::new(),
                        sources: Vec::new(),
                    },
                });
            }
            El::Server => {
                let kind = attr(e, b"type", pos)?.unwrap_or_default();
                let incoming = local == b"incomingServer";
                let protocol = match (incoming, kind.trim().to_ascii_lowercase().as_str()) {
                    (true, "imap") => Some(Protocol::Imap),
                    (true, "pop3") => Some(Protocol::Pop3),
                    (false, "smtp") => Some(Protocol::Smtp),
                    _ => None,
                };
                let Some(protocol) = protocol else {
                    if let Some(b) = &mut self.provider {
                        b.p.skipped.push(SkippedServer { kind, pos });
                    }
                    self.stack.push(Frame {
                        el: El::Skipped,
                        name,
                        pos,
                        lang,
                    });
                    return Ok(());
                };
                self.server = Some(ServerBuilder {
                    protocol,
                    pos,
                    hostname: None,
                    port: None,
                    socket_types: Vec::new(),
                    username: None,
                    auth: Vec::new(),
                });
            }
            El::Documentation => {
                self.doc = Some(Documentation {
                    url: attr(e, b"url", pos)?.unwrap_or_default().trim().to_owned(),
                    descriptions: Vec::new(),
                });
            }
            El::Enable => {
                self.enable = Some(Enable {
                    visit_url: attr(e, b"visiturl", pos)?.map(|s| s.trim().to_owned()),
                    instructions: Vec::new(),
                });
            }
            El::WebMail => self.webmail = None,
            El::LoginPage => {
                if let Some(url) = attr(e, b"url", pos)? {
                    self.webmail = Some(url.trim().to_owned());
                }
            }
            El::OAuth2 => self.oauth2 = Some(OAuth2::default()),
            El::Hint => {
                self.hint = Some(HintBuilder {
                    code: attr(e, b"code", pos)?,
                    pos,
                    texts: Vec::new(),
                });
            }
            El::Source => {
                let name = attr(e, b"name", pos)?.unwrap_or_default().trim().to_owned();
                if name.is_empty()
                    || !name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                {
                    return Err(ParseError::InvalidSource {
                        pos,
                        reason: format!(
                            "name '{name}' must be non-empty lowercase letters, digits and '_'"
                        ),
                    });
                }
                let status = attr(e, b"status", pos)?
                    .map_or_else(|| "used".to_owned(), |s| s.trim().to_owned());
                if !["used", "agrees", "differs", "empty", "unverified"].contains(&status.as_str())
                {
                    return Err(ParseError::InvalidSource {
                        pos,
                        reason: format!(
                            "status '{status}' is not used, agrees, differs, empty or unverified"
                        ),
                    });
                }
                let domains = attr(e, b"domains", pos)?
                    .map(|d| d.split_whitespace().map(str::to_ascii_lowercase).collect())
                    .unwrap_or_default();
                self.source = Some(SourceRef {
                    name,
                    reference: attr(e, b"ref", pos)?.and_then(|s| non_empty(&s)),
                    url: attr(e, b"url", pos)?.and_then(|s| non_empty(&s)),
                    status,
                    note: attr(e, b"note", pos)?
                        .and_then(|s| non_empty(&s))
                        .map(|s| collapse(&s)),
                    domains,
                    servers: Vec::new(),
                });
            }
            El::SourceServer => {
                let protocol = attr(e, b"type", pos)?.unwrap_or_default().trim().to_owned();
                let host = attr(e, b"hostname", pos)?
                    .unwrap_or_default()
                    .trim()
                    .to_owned();
                if protocol.is_empty() || host.is_empty() {
                    return Err(ParseError::InvalidSource {
                        pos,
                        reason: "<md:server> needs type and hostname attributes".to_owned(),
                    });
                }
                let port =
                    match attr(e, b"port", pos)? {
                        None => None,
                        Some(p) => Some(p.trim().parse::<u16>().map_err(|_| {
                            ParseError::InvalidSource {
                                pos,
                                reason: format!("<md:server> port '{p}' is not a number"),
                            }
                        })?),
                    };
                let socket_type = attr(e, b"socketType", pos)?.and_then(|s| non_empty(&s));
                if let Some(src) = &mut self.source {
                    src.servers.push(SourceServer {
                        protocol,
                        host,
                        port,
                        socket_type,
                    });
                }
            }
            El::Descr | El::Instruction | El::HintText | El::MdName => {
                lang = match attr(e, b"lang", pos)? {
                    Some(l) => Some(l),
                    None => attr(e, b"xml:lang", pos)?,
                };
            }
            _ => {}
        }
        self.stack.push(Frame {
            el,
            name,
            pos,
            lang,
        });
        Ok(())
    }

    fn end(&mut self) -> Result<(), ParseError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let text = std::mem::take(&mut self.text);
        let text = text.trim();
        let parent = self.stack.last().map(|f| f.el);
        let pos = frame.pos;
        match frame.el {
            El::Provider => {
                if let Some(b) = self.provider.take() {
                    let mut p = b.p;
                    if p.domains.is_empty()
                        && !p.any_domain
                        && let Some(r) = p.rejected_domains.first()
                    {
                        // Thunderbird: invalid domains are skipped, but a provider needs one.
                        return Err(ParseError::InvalidDomain {
                            pos: r.pos,
                            element: "domain",
                            value: r.value.clone(),
                        });
                    }
                    p.id = match b.id.filter(|s| !s.is_empty()) {
                        Some(id) => id,
                        None => match p.domains.first() {
                            Some(d) => d.clone(),
                            None => return Err(ParseError::MissingProviderId { pos }),
                        },
                    };
                    self.providers.push(p);
                }
            }
            El::Domain => {
                if let Some(b) = &mut self.provider {
                    if text.eq_ignore_ascii_case("%EMAILDOMAIN%") {
                        b.p.any_domain = true;
                    } else if let Some(d) = normalize_domain(text) {
                        if !b.p.domains.contains(&d) {
                            b.p.domains.push(d);
                        }
                    } else {
                        b.p.rejected_domains.push(RejectedDomain {
                            pos,
                            value: text.to_owned(),
                        });
                    }
                }
            }
            El::DisplayName => {
                if let Some(b) = &mut self.provider {
                    b.p.display_name = non_empty(text);
                }
            }
            El::DisplayShortName => {
                if let Some(b) = &mut self.provider {
                    b.p.display_short_name = non_empty(text);
                }
            }
            El::Server => {
                if let (Some(s), Some(b)) = (self.server.take(), &mut self.provider) {
                    let protocol = s.protocol;
                    let spos = s.pos;
                    match s.build() {
                        Ok(entry) if protocol.is_incoming() => b.p.incoming.push(entry),
                        Ok(entry) => b.p.outgoing.push(entry),
                        Err(problem) => b.p.rejected.push(RejectedServer {
                            protocol,
                            pos: spos,
                            problem,
                        }),
                    }
                }
            }
            El::Hostname => {
                if let Some(s) = &mut self.server
                    && s.hostname.is_none()
                {
                    s.hostname = Some(text.to_owned());
                }
            }
            El::Port => {
                if let Some(s) = &mut self.server
                    && s.port.is_none()
                {
                    s.port = Some(text.to_owned());
                }
            }
            El::SocketType => {
                if let Some(s) = &mut self.server {
                    s.socket_types.push(text.to_owned());
                }
            }
            El::Username => {
                if let Some(s) = &mut self.server
                    && s.username.is_none()
                {
                    s.username = Some(text.to_owned());
                }
            }
            El::Authentication => {
                if let Some(s) = &mut self.server
                    && !text.is_empty()
                    && !s.auth.iter().any(|a| a == text)
                {
                    s.auth.push(text.to_owned());
                }
            }
            El::Documentation => {
                if let (Some(d), Some(b)) = (self.doc.take(), &mut self.provider)
                    && !d.url.is_empty()
                {
                    b.p.documentation.push(d);
                }
            }
            El::Descr => {
                if let (Some(d), Some(text)) = (&mut self.doc, non_empty(text)) {
                    d.descriptions.push(LocalizedText {
                        lang: frame.lang,
                        text: collapse(&text),
                    });
                }
            }
            El::Enable => {
                let enable = self.enable.take();
                match (parent, &mut self.provider) {
                    (Some(El::Provider), Some(b)) => b.p.enable = enable,
                    _ => self.top_enable = enable,
                }
            }
            El::Instruction => {
                if let (Some(en), Some(text)) = (&mut self.enable, non_empty(text)) {
                    en.instructions.push(LocalizedText {
                        lang: frame.lang,
                        text: collapse(&text),
                    });
                }
            }
            El::WebMail => {
                let webmail = self.webmail.take();
                match (parent, &mut self.provider) {
                    (Some(El::Provider), Some(b)) => b.p.webmail = webmail,
                    _ => self.top_webmail = webmail,
                }
            }
            El::OAuth2 => {
                let oauth2 = self.oauth2.take();
                match (parent, &mut self.provider) {
                    (Some(El::Provider), Some(b)) => b.p.oauth2 = oauth2,
                    _ => self.top_oauth2 = oauth2,
                }
            }
            El::Issuer | El::Scope | El::AuthUrl | El::TokenUrl => {
                if let Some(o) = &mut self.oauth2 {
                    let slot = match frame.el {
                        El::Issuer => &mut o.issuer,
                        El::Scope => &mut o.scope,
                        El::AuthUrl => &mut o.auth_url,
                        _ => &mut o.token_url,
                    };
                    *slot = non_empty(text);
                }
            }
            El::Mx => {
                let mx = text.strip_prefix("*.").unwrap_or(text);
                let d = normalize_domain(mx).ok_or_else(|| ParseError::InvalidDomain {
                    pos,
                    element: "md:mx",
                    value: text.to_owned(),
                })?;
                if let Some(b) = &mut self.provider
                    && !b.p.mx_domains.contains(&d)
                {
                    b.p.mx_domains.push(d);
                }
            }
            El::MdName => {
                if let Some(b) = &mut self.provider
                    && !text.trim().is_empty()
                {
                    b.p.names.push(LocalizedText {
                        lang: frame.lang,
                        text: collapse(text),
                    });
                }
            }
            El::HintText => {
                if let Some(h) = &mut self.hint {
                    h.texts.push(LocalizedText {
                        lang: frame.lang,
                        text: collapse(text),
                    });
                }
            }
            El::Hint => {
                if let Some(h) = self.hint.take() {
                    let hint = h.build()?;
                    if let Some(b) = &mut self.provider {
                        b.p.hints.push(hint);
                    }
                }
            }
            El::Source => {
                if let (Some(src), Some(b)) = (self.source.take(), &mut self.provider) {
                    b.p.sources.push(src);
                }
            }
            El::Root | El::Skipped | El::LoginPage | El::SourceServer | El::Other => {}
        }
        Ok(())
    }
}

fn classify_ns(ns: &ResolveResult<'_>) -> Ns {
    match ns {
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Bound(n) if n.as_ref() == MD_NAMESPACE.as_bytes() => Ns::Md,
        ResolveResult::Bound(_) | ResolveResult::Unknown(_) => Ns::Foreign,
    }
}

/// Meaning of element `local` (in namespace `ns`) inside `parent`.
fn classify(parent: El, ns: Ns, local: &[u8]) -> El {
    match (parent, ns, local) {
        (El::Root, Ns::None, b"emailProvider") => El::Provider,
        (El::Root | El::Provider, Ns::None, b"enable") => El::Enable,
        (El::Root | El::Provider, Ns::None, b"webMail") => El::WebMail,
        (El::Root | El::Provider, Ns::None, b"oAuth2") => El::OAuth2,
        (El::Provider, Ns::None, b"domain") => El::Domain,
        (El::Provider, Ns::None, b"displayName") => El::DisplayName,
        (El::Provider, Ns::None, b"displayShortName") => El::DisplayShortName,
        (El::Provider, Ns::None, b"incomingServer" | b"outgoingServer") => El::Server,
        (El::Provider, Ns::None, b"documentation") => El::Documentation,
        (El::Provider, Ns::Md, b"mx") => El::Mx,
        (El::Provider, Ns::Md, b"hint") => El::Hint,
        (El::Provider, Ns::Md, b"name") => El::MdName,
        (El::Provider, Ns::Md, b"source") => El::Source,
        (El::Source, Ns::Md, b"server") => El::SourceServer,
        (El::Server, Ns::None, b"hostname") => El::Hostname,
        (El::Server, Ns::None, b"port") => El::Port,
        (El::Server, Ns::None, b"socketType") => El::SocketType,
        (El::Server, Ns::None, b"username") => El::Username,
        (El::Server, Ns::None, b"authentication") => El::Authentication,
        (El::Documentation, Ns::None, b"descr") => El::Descr,
        (El::Enable, Ns::None, b"instruction") => El::Instruction,
        (El::WebMail, Ns::None, b"loginPage") => El::LoginPage,
        (El::OAuth2, Ns::None, b"issuer") => El::Issuer,
        (El::OAuth2, Ns::None, b"scope") => El::Scope,
        (El::OAuth2, Ns::None, b"authURL") => El::AuthUrl,
        (El::OAuth2, Ns::None, b"tokenURL") => El::TokenUrl,
        (El::Hint, Ns::Md, b"text") => El::HintText,
        _ => El::Other,
    }
}

/// The unescaped value of attribute `name` (matched on the qualified name as written).
/// Every attribute is checked, so duplicates and malformed ones are errors.
fn attr(e: &BytesStart<'_>, name: &[u8], pos: Position) -> Result<Option<String>, ParseError> {
    let xml_err = |err: &dyn std::fmt::Display| ParseError::Xml {
        pos,
        message: err.to_string(),
    };
    let mut found = None;
    for a in e.attributes() {
        let a = a.map_err(|err| xml_err(&err))?;
        if found.is_none() && a.key.as_ref() == name {
            let v = a.unescape_value().map_err(|err| xml_err(&err))?;
            found = Some(v.into_owned());
        }
    }
    Ok(found)
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// Joins the words of a prose text with single spaces (the files wrap long texts).
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Placeholders allowed in host names and user names.
const PLACEHOLDERS: [&str; 3] = ["%EMAILADDRESS%", "%EMAILLOCALPART%", "%EMAILDOMAIN%"];

/// Lowercases a host name, strips one trailing dot and keeps placeholders upper case.
/// Returns `None` when the result is not a plausible host name (ASCII letters, digits, `-`,
/// `_`, non-empty dot-separated labels of at most 63 characters, at most 253 in all).
pub fn normalize_host(raw: &str) -> Option<String> {
    let mut host = crate::model::normalize_host(raw);
    for p in PLACEHOLDERS {
        host = host.replace(&p.to_ascii_lowercase(), p);
    }
    let mut check = host.clone();
    for p in PLACEHOLDERS {
        check = check.replace(p, "x");
    }
    valid_host(&check).then_some(host)
}

/// Lowercases a domain and strips one trailing dot; `None` when it is not a host name
/// (placeholders are not allowed here).
pub fn normalize_domain(raw: &str) -> Option<String> {
    let d = crate::model::normalize_host(raw);
    valid_host(&d).then_some(d)
}

fn valid_host(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 253
        && h.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        })
}

/// Thunderbird's `socketType` values (case-insensitive). `TLS` is not one of them.
fn socket_security(raw: &str) -> Option<Security> {
    match raw.to_ascii_lowercase().as_str() {
        "ssl" => Some(Security::Tls),
        "starttls" => Some(Security::Starttls),
        "plain" => Some(Security::None),
        _ => None,
    }
}

impl ServerBuilder {
    fn build(self) -> Result<ServerEntry, ServerProblem> {
        let raw_host = self.hostname.ok_or(ServerProblem::MissingHostname)?;
        let host = normalize_host(&raw_host).ok_or(ServerProblem::InvalidHostname(raw_host))?;
        let raw_port = self.port.ok_or(ServerProblem::MissingPort)?;
        let port = match raw_port.parse::<u16>() {
            Ok(p) if p != 0 => p,
            _ => return Err(ServerProblem::InvalidPort(raw_port)),
        };
        let first_socket = self
            .socket_types
            .first()
            .cloned()
            .ok_or(ServerProblem::MissingSocketType)?;
        let security = self
            .socket_types
            .iter()
            .find_map(|raw| socket_security(raw))
            .ok_or(ServerProblem::InvalidSocketType(first_socket))?;
        let username = match self.username {
            Some(u) if !u.is_empty() => u,
            _ => "%EMAILADDRESS%".to_owned(),
        };
        Ok(ServerEntry {
            protocol: self.protocol,
            host,
            port,
            security,
            username,
            auth: self.auth,
        })
    }
}

impl HintBuilder {
    fn build(self) -> Result<Hint, ParseError> {
        let pos = self.pos;
        let code = self.code.map(|c| c.trim().to_owned()).unwrap_or_default();
        if code.is_empty()
            || !code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(ParseError::InvalidHint {
                pos,
                reason: format!(
                    "code '{code}' must be non-empty lowercase letters, digits and '_'"
                ),
            });
        }
        let mut text = None;
        let mut text_zh = None;
        for t in self.texts {
            let lang = t.lang.as_deref().unwrap_or("en").to_ascii_lowercase();
            let slot = if lang == "en" || lang.starts_with("en-") {
                &mut text
            } else if lang == "zh" || lang.starts_with("zh-") || lang.starts_with("zh_") {
                &mut text_zh
            } else {
                continue;
            };
            if slot.is_some() {
                return Err(ParseError::InvalidHint {
                    pos,
                    reason: format!("hint '{code}' has two texts for language '{lang}'"),
                });
            }
            if t.text.is_empty() {
                return Err(ParseError::InvalidHint {
                    pos,
                    reason: format!("hint '{code}' has an empty text for language '{lang}'"),
                });
            }
            *slot = Some(t.text);
        }
        let Some(text) = text else {
            return Err(ParseError::InvalidHint {
                pos,
                reason: format!("hint '{code}' has no English <md:text>"),
            });
        };
        Ok(Hint {
            code,
            text,
            text_zh,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written document exercising every field we read.
    const FIXTURE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- comment before the root -->
<clientConfig version="1.1" xmlns:md="https://maildoctor.dev/ns/provider/1">
  <emailProvider id="Example.COM">
    <domain>Example.COM.</domain>
    <domain>example.net</domain>
    <domain>example.com</domain>
    <displayName>Example &amp; Co Mail</displayName>
    <displayShortName>Example</displayShortName>
    <incomingServer type="imap">
      <hostname>IMAP.Example.COM.</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username>
      <authentication>password-cleartext</authentication>
      <authentication>OAuth2</authentication>
      <authentication>OAuth2</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.example.com</hostname>
      <port> 110 </port>
      <socketType>plain</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-encrypted</authentication>
      <pop3><leaveMessagesOnServer>true</leaveMessagesOnServer></pop3>
    </incomingServer>
    <incomingServer type="exchange">
      <hostname>outlook.example.com</hostname>
      <port>443</port>
      <socketType>SSL</socketType>
      <owaURL>https://outlook.example.com/owa/</owaURL>
    </incomingServer>
    <incomingServer type="jmap"><url>https://jmap.example.com/</url></incomingServer>
    <outgoingServer type="smtp">
      <hostname>mail.%EMAILDOMAIN%</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <authentication>password-cleartext</authentication>
      <addThisServer>true</addThisServer>
    </outgoingServer>
    <documentation url="https://example.com/help?a=1&amp;b=2">
      <descr lang="en">How to
        set up</descr>
      <descr lang="de">Einrichtung</descr>
    </documentation>
    <enable visiturl="https://example.com/settings">
      <instruction>Turn on IMAP</instruction>
      <instruction lang="zh-CN">开启 IMAP</instruction>
    </enable>
    <webMail>
      <loginPage url="https://webmail.example.com/"/>
      <loginPageInfo url="https://webmail.example.com/">
        <username>%EMAILADDRESS%</username>
      </loginPageInfo>
    </webMail>
    <oAuth2>
      <issuer>accounts.example.com</issuer>
      <scope>mail offline</scope>
      <authURL>https://accounts.example.com/auth</authURL>
      <tokenURL>https://accounts.example.com/token</tokenURL>
    </oAuth2>
    <md:mx>MX.Example.COM</md:mx>
    <md:mx>*.protection.example.net</md:mx>
    <md:hint code="authorization_code">
      <md:text lang="en">Use the
        authorization code.</md:text>
      <md:text lang="zh-CN">请使用授权码。</md:text>
      <md:text lang="fr">ignoré</md:text>
    </md:hint>
    <md:hint code="app_password"><md:text>English by default</md:text></md:hint>
    <md:future>ignored extension</md:future>
    <other:hint xmlns:other="urn:other">not ours</other:hint>
    <unknownElement attr="x"><nested/></unknownElement>
  </emailProvider>
  <emailProvider>
    <domain>second.example</domain>
    <incomingServer type="imap">
      <hostname>imap.second.example</hostname>
      <port>143</port>
      <socketType>STARTTLS</socketType>
    </incomingServer>
  </emailProvider>
</clientConfig>
"#;

    #[test]
    fn fixture_every_field() {
        let c = parse(FIXTURE).unwrap();
        assert_eq!(c.version.as_deref(), Some("1.1"));
        assert_eq!(c.providers.len(), 2);
        let p = &c.providers[0];
        assert_eq!(p.id, "example.com");
        assert_eq!(p.pos, Position { line: 4, column: 3 });
        assert_eq!(p.domains, ["example.com", "example.net"]);
        assert_eq!(p.display_name.as_deref(), Some("Example & Co Mail"));
        assert_eq!(p.display_short_name.as_deref(), Some("Example"));

        assert_eq!(
            p.incoming,
            [
                ServerEntry {
                    protocol: Protocol::Imap,
                    host: "imap.example.com".into(),
                    port: 993,
                    security: Security::Tls,
                    username: "%EMAILLOCALPART%".into(),
                    auth: vec!["password-cleartext".into(), "OAuth2".into()],
                },
                ServerEntry {
                    protocol: Protocol::Pop3,
                    host: "pop.example.com".into(),
                    port: 110,
                    security: Security::None,
                    username: "%EMAILADDRESS%".into(),
                    auth: vec!["password-encrypted".into()],
                },
            ]
        );
        assert_eq!(
            p.outgoing,
            [ServerEntry {
                protocol: Protocol::Smtp,
                host: "mail.%EMAILDOMAIN%".into(),
                port: 587,
                security: Security::Starttls,
                username: "%EMAILADDRESS%".into(),
                auth: vec!["password-cleartext".into()],
            }]
        );
        let kinds: Vec<&str> = p.skipped.iter().map(|s| s.kind.as_str()).collect();
        assert_eq!(kinds, ["exchange", "jmap"]);
        assert_eq!(p.skipped[0].pos.line, 27);
        assert!(p.rejected.is_empty());

        assert_eq!(
            p.documentation,
            [Documentation {
                url: "https://example.com/help?a=1&b=2".into(),
                descriptions: vec![
                    LocalizedText {
                        lang: Some("en".into()),
                        text: "How to set up".into()
                    },
                    LocalizedText {
                        lang: Some("de".into()),
                        text: "Einrichtung".into()
                    },
                ],
            }]
        );
        assert_eq!(
            p.enable,
            Some(Enable {
                visit_url: Some("https://example.com/settings".into()),
                instructions: vec![
                    LocalizedText {
                        lang: None,
                        text: "Turn on IMAP".into()
                    },
                    LocalizedText {
                        lang: Some("zh-CN".into()),
                        text: "开启 IMAP".into()
                    },
                ],
            })
        );
        assert_eq!(p.webmail.as_deref(), Some("https://webmail.example.com/"));
        assert_eq!(
            p.oauth2,
            Some(OAuth2 {
                issuer: Some("accounts.example.com".into()),
                scope: Some("mail offline".into()),
                auth_url: Some("https://accounts.example.com/auth".into()),
                token_url: Some("https://accounts.example.com/token".into()),
            })
        );
        assert_eq!(p.mx_domains, ["mx.example.com", "protection.example.net"]);
        assert_eq!(
            p.hints,
            [
                Hint {
                    code: "authorization_code".into(),
                    text: "Use the authorization code.".into(),
                    text_zh: Some("请使用授权码。".into()),
                },
                Hint {
                    code: "app_password".into(),
                    text: "English by default".into(),
                    text_zh: None,
                },
            ]
        );

        let q = &c.providers[1];
        assert_eq!(q.id, "second.example", "id falls back to the first domain");
        assert_eq!(q.display_name, None);
        assert_eq!(q.incoming.len(), 1);
        assert_eq!(q.incoming[0].security, Security::Starttls);
        assert_eq!(
            q.incoming[0].username, "%EMAILADDRESS%",
            "missing <username> defaults to the full address"
        );
        assert!(q.outgoing.is_empty());
        assert!(q.hints.is_empty() && q.mx_domains.is_empty());
    }

    fn one_server(socket: &str, port: &str) -> String {
        format!(
            "<clientConfig><emailProvider id='x.example'><domain>x.example</domain>\
             <incomingServer type='imap'><hostname>imap.x.example</hostname>\
             <port>{port}</port><socketType>{socket}</socketType></incomingServer>\
             </emailProvider></clientConfig>"
        )
    }

    #[test]
    fn socket_type_mapping() {
        for (raw, want) in [
            ("SSL", Security::Tls),
            ("ssl", Security::Tls),
            ("STARTTLS", Security::Starttls),
            ("StartTLS", Security::Starttls),
            ("plain", Security::None),
        ] {
            let c = parse(&one_server(raw, "993")).unwrap();
            assert_eq!(c.providers[0].incoming[0].security, want, "{raw}");
        }
        // `TLS` is not a Thunderbird socketType (K-9 and Thunderbird drop the entry too):
        // it must not be read as implicit TLS.
        for bad in ["quantum", "TLS", "tls", "SSL/TLS"] {
            let c = parse(&one_server(bad, "993")).unwrap();
            assert!(c.providers[0].incoming.is_empty(), "{bad}");
            assert_eq!(
                c.providers[0].rejected[0].problem,
                ServerProblem::InvalidSocketType(bad.into())
            );
        }
    }

    #[test]
    fn repeated_server_fields_keep_the_first_like_thunderbird() {
        let xml = "<clientConfig><emailProvider id='x.example'><domain>x.example</domain>\
                   <incomingServer type='pop3'><hostname>pop.x.example</hostname>\
                   <hostname>backup.x.example</hostname><port>995</port><port>7878</port>\
                   <socketType>GSSAPI2</socketType><socketType>SSL</socketType>\
                   <socketType>plain</socketType>\
                   <username>%EMAILLOCALPART%</username><username>%EMAILADDRESS%</username>\
                   </incomingServer></emailProvider></clientConfig>";
        let p = &parse(xml).unwrap().providers[0];
        let s = &p.incoming[0];
        assert_eq!(
            (s.host.as_str(), s.port, s.security, s.username.as_str()),
            ("pop.x.example", 995, Security::Tls, "%EMAILLOCALPART%")
        );
    }

    #[test]
    fn domains_placeholder_and_invalid_ones_are_dropped_not_fatal() {
        let xml = "<clientConfig><emailProvider id='x.example'>\
                   <domain>%EMAILDOMAIN%</domain><domain>-bad.example</domain>\
                   <domain>good.example</domain><domain>bad-.example</domain>\
                   <domain>a b</domain></emailProvider></clientConfig>";
        let p = &parse(xml).unwrap().providers[0];
        assert!(p.any_domain);
        assert_eq!(p.domains, ["good.example"]);
        let bad: Vec<&str> = p
            .rejected_domains
            .iter()
            .map(|r| r.value.as_str())
            .collect();
        assert_eq!(bad, ["-bad.example", "bad-.example", "a b"]);

        let only_placeholder = "<clientConfig><emailProvider id='one.example'>\
                                <domain>%emaildomain%</domain></emailProvider></clientConfig>";
        let p = &parse(only_placeholder).unwrap().providers[0];
        assert!(p.any_domain && p.domains.is_empty() && p.rejected_domains.is_empty());

        // Nothing valid left: the document is rejected (Thunderbird readFromXML, K-9).
        let only_bad = "<clientConfig><emailProvider id='x.example'>\
                        <domain>-invalid</domain></emailProvider></clientConfig>";
        assert!(matches!(
            parse(only_bad),
            Err(ParseError::InvalidDomain { ref value, .. }) if value == "-invalid"
        ));
        // No <domain> at all stays accepted (the id names the provider).
        let none = "<clientConfig><emailProvider id='x.example'/></clientConfig>";
        assert!(parse(none).unwrap().providers[0].domains.is_empty());
    }

    #[test]
    fn provenance_sources() {
        let xml = r#"<clientConfig xmlns:md="https://maildoctor.dev/ns/provider/1">
          <emailProvider id="x.example"><domain>x.example</domain>
            <md:source name="ispdb" ref="x.example.xml"/>
            <md:source name="help" url="https://help.x.example/imap" note="checked  2026-11-29"/>
            <md:source name="mailcore2" status="differs" domains="x.example">
              <md:server type="imap" hostname="imap-old.x.example" port="993" socketType="SSL"/>
            </md:source>
          </emailProvider></clientConfig>"#;
        let p = &parse(xml).unwrap().providers[0];
        assert_eq!(
            p.sources,
            [
                SourceRef {
                    name: "ispdb".into(),
                    reference: Some("x.example.xml".into()),
                    url: None,
                    status: "used".into(),
                    note: None,
                    domains: vec![],
                    servers: vec![],
                },
                SourceRef {
                    name: "help".into(),
                    reference: None,
                    url: Some("https://help.x.example/imap".into()),
                    status: "used".into(),
                    note: Some("checked 2026-11-29".into()),
                    domains: vec![],
                    servers: vec![],
                },
                SourceRef {
                    name: "mailcore2".into(),
                    reference: None,
                    url: None,
                    status: "differs".into(),
                    note: None,
                    domains: vec!["x.example".into()],
                    servers: vec![SourceServer {
                        protocol: "imap".into(),
                        host: "imap-old.x.example".into(),
                        port: Some(993),
                        socket_type: Some("SSL".into()),
                    }],
                },
            ]
        );
        for bad in [
            r#"<md:source/>"#,
            r#"<md:source name="Bad Name"/>"#,
            r#"<md:source name="x" status="maybe"/>"#,
            r#"<md:source name="x"><md:server type="imap"/></md:source>"#,
            r#"<md:source name="x"><md:server type="imap" hostname="h" port="x"/></md:source>"#,
        ] {
            let xml = format!(
                r#"<clientConfig xmlns:md="https://maildoctor.dev/ns/provider/1">
                   <emailProvider id="x.example">{bad}</emailProvider></clientConfig>"#
            );
            assert!(
                matches!(parse(&xml), Err(ParseError::InvalidSource { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn invalid_port_rejects_only_that_server() {
        for bad in ["0", "65536", "-1", "abc", "", "99999999999999999999"] {
            let c = parse(&one_server("SSL", bad)).unwrap();
            let p = &c.providers[0];
            assert!(p.incoming.is_empty(), "{bad}");
            assert_eq!(p.rejected.len(), 1);
            assert_eq!(p.rejected[0].protocol, Protocol::Imap);
            assert_eq!(p.rejected[0].pos.column, 71);
            assert_eq!(
                p.rejected[0].problem,
                ServerProblem::InvalidPort(bad.into())
            );
        }
        assert_eq!(
            parse(&one_server("SSL", "65535")).unwrap().providers[0].incoming[0].port,
            65535
        );
        let xml = "<clientConfig><emailProvider id='x'>\
                   <incomingServer type='pop3'><port>995</port><socketType>SSL</socketType></incomingServer>\
                   <incomingServer type='imap'><hostname>bad host!</hostname><port>993</port><socketType>SSL</socketType></incomingServer>\
                   <outgoingServer type='smtp'><hostname>smtp.x</hostname><socketType>SSL</socketType></outgoingServer>\
                   <outgoingServer type='smtp'><hostname>smtp.x</hostname><port>465</port></outgoingServer>\
                   <outgoingServer type='smtp'><hostname>smtp.x</hostname><port>465</port><socketType>SSL</socketType></outgoingServer>\
                   </emailProvider></clientConfig>";
        let p = &parse(xml).unwrap().providers[0];
        let problems: Vec<_> = p.rejected.iter().map(|r| r.problem.clone()).collect();
        assert_eq!(
            problems,
            [
                ServerProblem::MissingHostname,
                ServerProblem::InvalidHostname("bad host!".into()),
                ServerProblem::MissingPort,
                ServerProblem::MissingSocketType,
            ]
        );
        assert_eq!(p.outgoing.len(), 1);
    }

    #[test]
    fn top_level_enable_and_oauth_apply_to_providers() {
        let xml = r#"<clientConfig version="1.1">
          <emailProvider id="g.example"><domain>g.example</domain></emailProvider>
          <oAuth2><issuer>accounts.g.example</issuer></oAuth2>
          <enable visiturl="https://g.example/settings"><instruction>Enable IMAP</instruction></enable>
          <webMail><loginPage url="https://mail.g.example/"/></webMail>
        </clientConfig>"#;
        let p = &parse(xml).unwrap().providers[0];
        assert_eq!(
            p.oauth2.as_ref().and_then(|o| o.issuer.as_deref()),
            Some("accounts.g.example")
        );
        assert_eq!(
            p.enable.as_ref().map(|e| e.instructions[0].text.as_str()),
            Some("Enable IMAP")
        );
        assert_eq!(p.webmail.as_deref(), Some("https://mail.g.example/"));
    }

    #[test]
    fn doctype_and_entities_rejected() {
        let billion = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
<clientConfig><emailProvider id="x"><domain>&lol2;</domain></emailProvider></clientConfig>"#;
        assert_eq!(
            parse(billion),
            Err(ParseError::Doctype {
                pos: Position { line: 2, column: 1 }
            })
        );
        let xxe = r#"<!DOCTYPE foo SYSTEM "file:///etc/passwd"><clientConfig/>"#;
        assert!(matches!(parse(xxe), Err(ParseError::Doctype { .. })));
        let undeclared = "<clientConfig><emailProvider id='x'><domain>&xxe;</domain></emailProvider></clientConfig>";
        assert!(matches!(
            parse(undeclared),
            Err(ParseError::UnknownEntity { ref name, .. }) if name == "xxe"
        ));
        let charref = "<clientConfig><emailProvider id='x'><domain>&#x61;.example</domain>\
                       </emailProvider></clientConfig>";
        assert_eq!(parse(charref).unwrap().providers[0].domains, ["a.example"]);
    }

    #[test]
    fn depth_cap() {
        let ok_depth = MAX_DEPTH - 2; // clientConfig + emailProvider + nested
        let nest = |n: usize| {
            format!(
                "<clientConfig><emailProvider id='x'>{}{}</emailProvider></clientConfig>",
                "<a>".repeat(n),
                "</a>".repeat(n)
            )
        };
        assert!(parse(&nest(ok_depth)).is_ok());
        assert!(matches!(
            parse(&nest(ok_depth + 1)),
            Err(ParseError::TooDeep { max: MAX_DEPTH, .. })
        ));
        assert!(matches!(
            parse(&nest(100_000)),
            Err(ParseError::TooDeep { .. })
        ));
    }

    #[test]
    fn large_hostile_documents_are_linear() {
        let start = std::time::Instant::now();
        let body = "<incomingServer type='ews'/>\n".repeat(30_000);
        let xml = format!(
            "<clientConfig><emailProvider id='x'><domain>x.example</domain>{body}</emailProvider></clientConfig>"
        );
        assert!(xml.len() < MAX_INPUT_BYTES);
        let c = parse(&xml).unwrap();
        assert_eq!(c.providers[0].skipped.len(), 30_000);
        assert_eq!(c.providers[0].skipped[29_999].pos.line, 30_000);
        let flat = format!("<clientConfig>{}</clientConfig>", "<a/>".repeat(250_000));
        assert!(matches!(parse(&flat), Err(ParseError::NoProvider)));
        assert!(start.elapsed() < std::time::Duration::from_secs(10));
    }

    #[test]
    fn unclosed_document_names_the_element() {
        let r = parse("<clientConfig>\n<emailProvider id='x'>\n<md:hint xmlns:md='urn:x'>");
        match r {
            Err(
                ParseError::UnexpectedEof { element, .. }
                | ParseError::Xml {
                    message: element, ..
                },
            ) => {
                assert!(element.contains("md:hint"), "{element}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn size_cap() {
        let big = format!(
            "<clientConfig><!--{}--></clientConfig>",
            "x".repeat(MAX_INPUT_BYTES)
        );
        assert!(matches!(parse(&big), Err(ParseError::TooLarge { .. })));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let cases: &[&str] = &[
            "",
            "   ",
            "not xml at all",
            "\u{feff}",
            "<",
            "<clientConfig>",
            "<clientConfig><emailProvider id='x'>",
            "<clientConfig></clientConfig>",
            "<clientConfig/>",
            "<clientConfig></wrong>",
            "<clientConfig><emailProvider id='x'></clientConfig>",
            "<html><body>404</body></html>",
            "<clientConfig/><clientConfig/>",
            "<clientConfig><emailProvider id='x' id='y'/></clientConfig>",
            "<clientConfig><emailProvider id='x'><domain>bad domain</domain></emailProvider></clientConfig>",
            "<clientConfig><emailProvider/></clientConfig>",
            "<clientConfig><emailProvider id='x'><md:hint xmlns:md='https://maildoctor.dev/ns/provider/1'/></emailProvider></clientConfig>",
            "<clientConfig><emailProvider id='x'><md:hint xmlns:md='https://maildoctor.dev/ns/provider/1' code='x'><md:text lang='zh'>只有中文</md:text></md:hint></emailProvider></clientConfig>",
            "<clientConfig><emailProvider id='x'><md:mx xmlns:md='https://maildoctor.dev/ns/provider/1'>evil..com</md:mx></emailProvider></clientConfig>",
            "<clientConfig><a b='&unknown;'/></clientConfig>",
            "<clientConfig><![CDATA[",
            "<clientConfig>&#0;</clientConfig>",
            "<?xml version='1.0'?><?pi?>",
            "\u{0}\u{1}\u{2}<<>>&&;;",
        ];
        for c in cases {
            let r = parse(c);
            assert!(r.is_err(), "{c:?} gave {r:?}");
            // Every error renders.
            let _ = r.map_err(|e| e.to_string());
        }
        // Arbitrary prefixes of a real document never panic.
        for end in 0..FIXTURE.len() {
            if FIXTURE.is_char_boundary(end) {
                let _ = parse(&FIXTURE[..end]);
            }
        }
    }

    #[test]
    fn error_positions() {
        let xml = "<clientConfig>\n  <emailProvider id='x'>\n    <domain>a.example</domin>\n";
        match parse(xml) {
            Err(ParseError::Xml { pos, .. }) => assert_eq!(pos.line, 3),
            other => panic!("unexpected {other:?}"),
        }
        let wrong = "\n\n  <html/>";
        assert_eq!(
            parse(wrong),
            Err(ParseError::WrongRoot {
                pos: Position { line: 3, column: 3 },
                found: "html".into()
            })
        );
    }

    #[test]
    fn host_normalisation() {
        assert_eq!(
            normalize_host("Mail.Example.COM.").as_deref(),
            Some("mail.example.com")
        );
        assert_eq!(
            normalize_host("%emaildomain%").as_deref(),
            Some("%EMAILDOMAIN%")
        );
        assert_eq!(normalize_host("127.0.0.1").as_deref(), Some("127.0.0.1"));
        assert_eq!(normalize_host(""), None);
        assert_eq!(normalize_host("a..b"), None);
        assert_eq!(normalize_host("bücher.example"), None);
        assert_eq!(normalize_host("%OTHER%.example"), None);
        // RFC 1123: a label neither starts nor ends with '-'.
        assert_eq!(normalize_host("-imap.example"), None);
        assert_eq!(normalize_host("imap.-x.example"), None);
        assert_eq!(normalize_host("imap-.example"), None);
        assert_eq!(
            normalize_host("imap-1.x-y.example").as_deref(),
            Some("imap-1.x-y.example")
        );
        assert_eq!(normalize_domain("-invalid"), None);
    }
}
