//! Wording of the root-cause findings (resolver, zone, domain, what the user typed, host-wide
//! failures, the account), in English and Simplified Chinese. Per-endpoint wording is in
//! `text`. Codes, host names, ports and server texts stay as they are in both languages.

use super::rules::{TypedIssues, standard_port};
use super::text::setting;
use crate::i18n::Lang;
use crate::model::{Endpoint, FailureKind, Protocol, Security};

type Text = (String, String);

fn resolver_name(resolver: &[String], lang: Lang) -> String {
    if resolver.is_empty() {
        lang.pick("this computer's DNS resolver", "本机的 DNS 服务器")
            .to_owned()
    } else {
        match lang {
            Lang::En => format!("the DNS resolver {}", resolver.join(", ")),
            Lang::ZhCn | Lang::ZhTw => format!("DNS 服务器 {}", resolver.join("、")),
        }
    }
}

/// The sentence with its first letter in upper case.
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// `dns.resolver_suspect`.
pub(super) fn resolver_suspect(
    domain: &str,
    resolver: &[String],
    kind: &str,
    provider: Option<&str>,
    lang: Lang,
) -> Text {
    let r = resolver_name(resolver, lang);
    match lang {
        Lang::En => (
            capitalize(&match kind {
                "nxdomain_known_domain" => format!(
                    "{r} says {domain} does not exist, but {domain} is a well-known mail domain{}: the resolver (or the network: a captive portal, VPN or filtering DNS) is giving wrong answers, so nothing could be checked from here.",
                    provider.map(|p| format!(" ({p})")).unwrap_or_default()
                ),
                "nxdomain_everywhere" => format!(
                    "{r} says that every name asked does not exist, {domain} and the servers of other domains alike: the resolver (or a captive portal, VPN or filtering DNS) is giving wrong answers, so nothing could be checked from here."
                ),
                "nxdomain_canary" => format!(
                    "{r} says {domain} does not exist, but it also denies {}, a name that always exists: the resolver (or a captive portal, VPN or filtering DNS) is giving wrong answers, so whether {domain} exists could not be checked from here.",
                    crate::discover::CANARY
                ),
                "timeout" => format!(
                    "{r} did not answer at all: this computer is offline or its DNS server is unreachable, so nothing could be checked from here."
                ),
                _ => format!(
                    "Every DNS lookup through {r} failed, for {domain} and for other domains alike: the resolver is broken or unreachable, so nothing could be checked from here."
                ),
            }),
            "Check this computer's network connection (log in to a hotel or guest Wi-Fi portal, disconnect the VPN) or use another DNS server, e.g. maildoctor --resolver 223.5.5.5 or --resolver 1.1.1.1; the settings shown are from the provider database and other sources, not yet verified.".to_owned(),
        ),
        Lang::ZhCn | Lang::ZhTw => (
            match kind {
                "nxdomain_known_domain" => format!(
                    "{r} 说 {domain} 不存在，但 {domain} 是知名的邮箱域名{}：是 DNS 服务器（或网络：需要登录的 Wi-Fi、VPN、过滤 DNS）给出了错误的应答，所以从这里什么也检查不了。",
                    provider.map(|p| format!("（{p}）")).unwrap_or_default()
                ),
                "nxdomain_everywhere" => format!(
                    "{r} 说查询的每个域名都不存在（{domain} 和其他域名的服务器都一样）：是 DNS 服务器（或需要登录的 Wi-Fi、VPN、过滤 DNS）给出了错误的应答，所以从这里什么也检查不了。"
                ),
                "nxdomain_canary" => format!(
                    "{r} 说 {domain} 不存在，但它连一定存在的 {} 也说不存在：是 DNS 服务器（或需要登录的 Wi-Fi、VPN、过滤 DNS）给出了错误的应答，所以从这里无法确认 {domain} 是否存在。",
                    crate::discover::CANARY
                ),
                "timeout" => format!(
                    "{r} 完全没有应答：本机没有联网，或 DNS 服务器连不上，所以从这里什么也检查不了。"
                ),
                _ => format!(
                    "通过 {r} 的所有 DNS 查询都失败了（{domain} 和其他域名都一样）：DNS 服务器有故障或连不上，所以从这里什么也检查不了。"
                ),
            },
            "请检查本机的网络连接（登录酒店或访客 Wi-Fi 的认证页面、断开 VPN），或换一个 DNS 服务器，例如 maildoctor --resolver 223.5.5.5 或 --resolver 1.1.1.1；下面显示的设置来自服务商数据库等来源，尚未验证。".to_owned(),
        ),
    }
}

/// `run.offline`.
pub(super) fn not_checked(known: bool, lang: Lang) -> Text {
    match (lang, known) {
        (Lang::En, true) => (
            "Offline mode (--offline): nothing was checked over the network; the settings shown come from the built-in provider database.".to_owned(),
            "Run maildoctor again without --offline to verify them from this computer.".to_owned(),
        ),
        (Lang::En, false) => (
            "Offline mode (--offline): nothing was checked over the network, and the built-in provider database does not know this domain.".to_owned(),
            "Run maildoctor again without --offline to discover and check the settings, or ask the provider for them.".to_owned(),
        ),
        (Lang::ZhCn | Lang::ZhTw, true) => (
            "离线模式（--offline）：没有通过网络做任何检查；下面的设置来自内置的服务商数据库。".to_owned(),
            "去掉 --offline 重新运行 maildoctor，即可从本机验证这些设置。".to_owned(),
        ),
        (Lang::ZhCn | Lang::ZhTw, false) => (
            "离线模式（--offline）：没有通过网络做任何检查，内置的服务商数据库里也没有这个域名。".to_owned(),
            "去掉 --offline 重新运行 maildoctor 以查找并检查设置，或向邮箱服务商索取设置。".to_owned(),
        ),
    }
}

/// `net.unreachable` for every server: this computer is offline.
pub(super) fn offline(count: usize, lang: Lang) -> Text {
    match lang {
        Lang::En => (
            format!("None of the {count} server(s) can be reached from this computer: there is no network route to any of them, so nothing could be checked from here."),
            "Check this computer's network connection (cable, Wi-Fi, VPN) and run maildoctor again; the settings shown are not yet verified.".to_owned(),
        ),
        Lang::ZhCn | Lang::ZhTw => (
            format!("本机连不上这 {count} 台服务器中的任何一台：没有通往它们的网络路由，所以从这里什么也检查不了。"),
            "请检查本机的网络连接（网线、Wi-Fi、VPN）后重新运行 maildoctor；下面显示的设置尚未验证。".to_owned(),
        ),
    }
}

/// `dns.zone_failed`.
pub(super) fn zone_failed(domain: &str, reason: &str, resolver: &[String], lang: Lang) -> Text {
    let r = resolver_name(resolver, lang);
    match lang {
        Lang::En => (
            format!(
                "The DNS servers of {domain} do not answer properly ({reason} through {r}): its name servers are down or misconfigured (e.g. a lame delegation or broken DNSSEC), so mail clients cannot look up its mail servers."
            ),
            format!(
                "The administrator of {domain} must fix its DNS servers (check the NS records at the registrar and that each name server answers for the zone). If other domains fail too from this computer, the problem is the resolver instead: try --resolver."
            ),
        ),
        Lang::ZhCn | Lang::ZhTw => (
            format!(
                "{domain} 的域名服务器没有正常应答（通过 {r} 查询得到 {reason}）：它的 DNS 服务器宕机或配置错误（例如授权错误或 DNSSEC 故障），邮件客户端查不到它的邮件服务器。"
            ),
            format!(
                "需要 {domain} 的管理员修好域名解析（在注册商处核对 NS 记录，并确认每台域名服务器都能应答这个域名）。如果本机查询其他域名也失败，那就是本机 DNS 的问题：请用 --resolver 换一个 DNS 服务器。"
            ),
        ),
    }
}

/// `dns.domain_not_found` / `dns.null_mx`.
pub(super) fn domain_gone(domain: &str, null_mx: bool, lang: Lang) -> Text {
    let (cause, fix) = match (null_mx, lang) {
        (false, Lang::En) => (
            format!("The domain {domain} does not exist in DNS (NXDOMAIN), so no mail server can be found for it."),
            "Check the part of the address after the @ for typos; if it is correct, the domain has expired or was never registered.".to_owned(),
        ),
        (false, Lang::ZhCn | Lang::ZhTw) => (
            format!("域名 {domain} 不存在（DNS 返回 NXDOMAIN），所以找不到它的邮件服务器。"),
            "请检查邮箱地址 @ 后面的部分有没有拼错；如果没有拼错，说明这个域名已过期或从未注册。".to_owned(),
        ),
        (true, Lang::En) => (
            format!("The domain {domain} publishes a \"null MX\" record: it states that it accepts no email (RFC 7505)."),
            "This address cannot receive mail; check the address, or ask the domain owner which address to use.".to_owned(),
        ),
        (true, Lang::ZhCn | Lang::ZhTw) => (
            format!("域名 {domain} 发布了“空 MX”记录，声明不接收任何邮件（RFC 7505）。"),
            "这个地址收不到邮件；请核对邮箱地址，或向域名所有者确认应该用哪个地址。".to_owned(),
        ),
    };
    (cause, fix)
}

fn port_of(protocol: Protocol, security: Security, lang: Lang) -> String {
    let p = protocol.display_name();
    match (security, lang) {
        (Security::Tls, Lang::En) => format!("{p} over SSL/TLS"),
        (_, Lang::En) => format!("{p} with STARTTLS"),
        (Security::Tls, Lang::ZhCn | Lang::ZhTw) => format!("SSL/TLS 方式的 {p}"),
        (_, Lang::ZhCn | Lang::ZhTw) => format!("STARTTLS 方式的 {p}"),
    }
}

/// The standard port of a protocol and security mode.
pub(super) fn std_port(protocol: Protocol, security: Security) -> u16 {
    match (protocol, security) {
        (Protocol::Imap, Security::Tls) => 993,
        (Protocol::Imap, _) => 143,
        (Protocol::Pop3, Security::Tls) => 995,
        (Protocol::Pop3, _) => 110,
        (Protocol::Smtp, Security::Tls) => 465,
        (Protocol::Smtp, _) => 587,
    }
}

/// One finding for everything wrong with a typed endpoint.
pub(super) fn typed(
    e: &Endpoint,
    i: &TypedIssues,
    suggestion: Option<&Endpoint>,
    lang: Lang,
) -> Text {
    let p = e.protocol.display_name();
    let (host, port) = (&e.host, e.port);
    let mut facts: Vec<String> = Vec::new();
    if let Some(other) = i.host_of {
        let o = other.display_name();
        facts.push(match lang {
            Lang::En => format!("{host} is the {o} server, not a {p} server"),
            Lang::ZhCn | Lang::ZhTw => format!("这是 {o} 服务器（{host}），不是 {p} 服务器"),
        });
    }
    if let Some(a) = i.answered {
        let o = a.display_name();
        facts.push(match lang {
            Lang::En => format!("an {o} server answered on port {port}"),
            Lang::ZhCn | Lang::ZhTw => format!("{port} 端口上应答的是 {o} 服务器"),
        });
    }
    if let Some((pp, ps)) = i.port_of {
        let belongs = port_of(pp, ps, lang);
        facts.push(match lang {
            Lang::En => format!("port {port} is the port for {belongs}"),
            Lang::ZhCn | Lang::ZhTw => format!("{port} 端口是 {belongs} 的端口"),
        });
    }
    if i.mode_mismatch {
        let right = standard_port(port)
            .map(|(_, s)| s)
            .unwrap_or(if e.security == Security::Tls {
                Security::Starttls
            } else {
                Security::Tls
            });
        facts.push(match lang {
            Lang::En => format!(
                "port {port} expects {}, but {} was chosen",
                right.display_name(),
                e.security.display_name()
            ),
            Lang::ZhCn | Lang::ZhTw => format!(
                "{port} 端口要求 {}，却选择了 {}",
                lang.security(right),
                lang.security(e.security)
            ),
        });
    }
    if i.port_25 {
        facts.push(match lang {
            Lang::En => "port 25 is for mail servers talking to each other: many networks block it and many providers refuse logins there".to_owned(),
            Lang::ZhCn | Lang::ZhTw => "25 端口是邮件服务器之间互相投递用的：很多网络会封锁它，很多服务商也不允许在这里登录".to_owned(),
        });
    }
    let cause = match lang {
        Lang::En => {
            let mut s = format!(
                "What you typed ({p} {host}:{port}) is wrong: {}.",
                facts.join("; ")
            );
            if let Some(first) = s.get(..1) {
                s = first.to_uppercase() + s.get(1..).unwrap_or_default();
            }
            s
        }
        Lang::ZhCn | Lang::ZhTw => format!(
            "您填写的 {p} 设置（{host}:{port}）有误：{}。",
            facts.join("；")
        ),
    };
    let fix = match (suggestion, lang) {
        (None, Lang::En) if i.port_25 => {
            "For sending from a mail app use port 465 with SSL/TLS or 587 with STARTTLS.".to_owned()
        }
        (None, Lang::ZhCn) if i.port_25 => {
            "在邮件客户端里发信，请使用 465 端口（SSL/TLS）或 587 端口（STARTTLS）。".to_owned()
        }
        (Some(s), Lang::En) => format!("For {p} use {}.", setting(s, lang)),
        (Some(s), Lang::ZhCn | Lang::ZhTw) => format!("{p} 请使用：{}。", setting(s, lang)),
        (None, Lang::En) => format!(
            "For {p} use port {} ({}) on the {p} server your provider documents.",
            std_port(e.protocol, e.security),
            e.security.display_name()
        ),
        (None, Lang::ZhCn | Lang::ZhTw) => format!(
            "{p} 请使用邮箱服务商说明中的 {p} 服务器，端口 {}（{}）。",
            std_port(e.protocol, e.security),
            lang.security(e.security)
        ),
    };
    (cause, fix)
}

/// Host-wide `security.no_encryption`: nothing on the host is encrypted.
pub(super) fn no_tls_on_host(host: &str, plain: &[u16], closed_tls: &[u16], lang: Lang) -> Text {
    let plain_t = lang.port_phrase(plain);
    let answer = if plain.len() > 1 { "answer" } else { "answers" };
    match lang {
        Lang::En => (
            format!(
                "{host} offers no encryption on any port: {plain_t} {answer} only unencrypted (no STARTTLS){}. A password sent there crosses the network readable by anyone on the way; maildoctor never sends one there.",
                if closed_tls.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", and nothing answers on the SSL/TLS {}",
                        lang.port_phrase(closed_tls)
                    )
                }
            ),
            "The server's operator must enable TLS (STARTTLS on these ports, or SSL/TLS on 993/995/465). Until then, do not use your real password with this server.".to_owned(),
        ),
        Lang::ZhCn | Lang::ZhTw => (
            format!(
                "{host} 的所有端口都不加密：{plain_t} 只能明文连接（不支持 STARTTLS）{}。在这里输入的密码会以明文在网络上传输，途中任何人都能看到；maildoctor 不会向这里发送密码。",
                if closed_tls.is_empty() {
                    String::new()
                } else {
                    format!("，SSL/TLS {} 也没有应答", lang.port_phrase(closed_tls))
                }
            ),
            "需要服务器管理员启用 TLS 加密（在这些端口上支持 STARTTLS，或开放 993/995/465 的 SSL/TLS）。在此之前，请不要在这台服务器上使用真实密码。".to_owned(),
        ),
    }
}

/// A host name the domain's own record points to does not exist.
pub(super) fn record_points_nowhere(
    host: &str,
    record: &str,
    kind: &FailureKind,
    alt: Option<&Endpoint>,
    lang: Lang,
) -> Text {
    let no_addr = matches!(kind, FailureKind::NoAddress);
    let (records, point) = if record.contains(", ") {
        ("records", "point")
    } else {
        ("record", "points")
    };
    match lang {
        Lang::En => (
            format!(
                "The domain's own {records} {record} {point} to {host}, which {}.",
                if no_addr {
                    "has no IP address (no A/AAAA record)"
                } else {
                    "does not exist in DNS"
                }
            ),
            format!(
                "The domain's administrator must correct {record} or create {host}; nothing needs changing in the mail client.{}",
                alt.map(|a| format!(" Meanwhile, this works: {}.", setting(a, lang)))
                    .unwrap_or_default()
            ),
        ),
        Lang::ZhCn | Lang::ZhTw => (
            format!(
                "该域名自己的记录 {record} 指向 {host}，但{}。",
                if no_addr {
                    "这个名字没有 IP 地址（没有 A/AAAA 记录）"
                } else {
                    "这个名字在 DNS 中不存在"
                }
            ),
            format!(
                "需要域名管理员修正 {record}，或者创建 {host}；邮件客户端里不需要改什么。{}",
                alt.map(|a| format!("目前可用的设置：{}。", setting(a, lang)))
                    .unwrap_or_default()
            ),
        ),
    }
}

/// Several ports of one host fail the same way.
pub(super) fn host_ports(
    host: &str,
    addresses: &[String],
    ports: &[u16],
    code: &str,
    every_port: bool,
    alt: Option<&Endpoint>,
    lang: Lang,
) -> Text {
    let ports_t = lang.ports(ports);
    let phrase = lang.port_phrase(ports);
    let at = if addresses.is_empty() {
        host.to_owned()
    } else {
        match lang {
            Lang::En => format!("{host} ({})", addresses.join(", ")),
            Lang::ZhCn | Lang::ZhTw => format!("{host}（{}）", addresses.join("、")),
        }
    };
    let alt_en = alt
        .map(|a| format!(" Meanwhile, this works: {}.", setting(a, lang)))
        .unwrap_or_default();
    let alt_zh = alt
        .map(|a| format!("目前可用的设置：{}。", setting(a, lang)))
        .unwrap_or_default();
    match (lang, code, every_port) {
        (Lang::En, "net.refused", true) => (
            format!(
                "{at} refuses connections on every mail port tried ({ports_t}): the mail service is stopped there, or this is not the mail server."
            ),
            format!(
                "Check that the server name is right; if it is, the server's administrator must start the mail service (IMAP/POP3/SMTP).{alt_en}"
            ),
        ),
        (Lang::ZhCn | Lang::ZhTw, "net.refused", true) => (
            format!(
                "{at} 拒绝了所有尝试的邮件端口（{ports_t}）的连接：这台服务器上的邮件服务没有运行，或者它根本不是邮件服务器。"
            ),
            format!(
                "请确认服务器地址没有填错；如果没错，需要服务器管理员启动邮件服务（IMAP/POP3/SMTP）。{alt_zh}"
            ),
        ),
        (Lang::En, "net.refused", false) => (
            format!(
                "Nothing accepts connections on {at} {phrase}: these services are switched off there."
            ),
            format!(
                "The server's administrator must enable them if they should be offered.{alt_en}"
            ),
        ),
        (Lang::ZhCn | Lang::ZhTw, "net.refused", false) => (
            format!("{at} 的{phrase} 拒绝连接：这些服务在该服务器上没有开启。"),
            format!("如果应该提供这些服务，需要服务器管理员开启。{alt_zh}"),
        ),
        (Lang::En, "net.timeout", _) => (
            format!(
                "No answer from {at} on {phrase}: a firewall drops the connections (often the ISP, hotel or company network blocking mail ports), or the server is down."
            ),
            format!(
                "Try from another network (e.g. a mobile hotspot); if that works, ask this network's administrator to allow these ports.{alt_en}"
            ),
        ),
        (Lang::ZhCn | Lang::ZhTw, "net.timeout", _) => (
            format!(
                "{at} 的端口 {ports_t} 没有任何应答：防火墙丢弃了连接（常见是运营商、酒店或公司网络封锁了邮件端口），或者服务器已宕机。"
            ),
            format!(
                "请换一个网络试试（例如手机热点）；如果换网络后正常，请让当前网络的管理员放行这些端口。{alt_zh}"
            ),
        ),
        (Lang::En, "net.no_greeting", _) => (
            format!(
                "{at} accepts connections on {phrase} but never sends a greeting: the mail software is hung or overloaded, or something else holds these ports."
            ),
            format!("The server's administrator must restart or repair the mail service.{alt_en}"),
        ),
        (Lang::ZhCn | Lang::ZhTw, "net.no_greeting", _) => (
            format!(
                "{at} 的端口 {ports_t} 能连上，但始终不发送欢迎信息：邮件服务卡死或过载，或这些端口被其他程序占用。"
            ),
            format!("需要服务器管理员重启或修复邮件服务。{alt_zh}"),
        ),
        (Lang::En, _, _) => (
            format!(
                "{at} connects on {phrase} but then stops answering or hangs up: the mail service is overloaded or limits connections."
            ),
            format!(
                "Try again later; if it persists, the server's administrator must check the mail service.{alt_en}"
            ),
        ),
        (Lang::ZhCn | Lang::ZhTw, _, _) => (
            format!(
                "{at} 的端口 {ports_t} 能连上，但随后不再应答或断开连接：邮件服务过载或限制了连接数。"
            ),
            format!("请稍后再试；如果一直这样，需要服务器管理员检查邮件服务。{alt_zh}"),
        ),
    }
}

fn protocol_list(ps: &[Protocol], lang: Lang) -> String {
    let names: Vec<&str> = ps.iter().map(|p| p.display_name()).collect();
    lang.and_list(&names)
}

/// A protocol refused the login while the same password worked on another.
pub(super) fn protocol_off(off: &[Protocol], worked: &[Protocol], reply: &str, lang: Lang) -> Text {
    let off_t = protocol_list(off, lang);
    let ok_t = protocol_list(worked, lang);
    let use_instead = worked
        .iter()
        .find(|w| off.iter().any(|o| o.is_incoming() == w.is_incoming()));
    match lang {
        Lang::En => (
            format!(
                "The login on {off_t} was refused, but the same user name and password just worked on {ok_t}: the password is right, and {off_t} access is switched off (or restricted) for this account. The server said: \"{reply}\""
            ),
            match use_instead {
                Some(w) => format!(
                    "Use {}: it just worked. To use {off_t} as well, enable it in the account's web settings or ask the mail administrator.",
                    w.display_name()
                ),
                None => format!(
                    "Enable {off_t} in the account's web settings, or ask the mail administrator to allow it for this account."
                ),
            },
        ),
        Lang::ZhCn | Lang::ZhTw => (
            format!(
                "{off_t} 登录被拒绝，但同一个用户名和密码刚刚在 {ok_t} 上登录成功：密码是对的，是该账号的 {off_t} 服务被关闭（或受限）。服务器返回：“{reply}”"
            ),
            match use_instead {
                Some(w) => format!(
                    "请使用 {}，刚刚验证可以登录。如果也要用 {off_t}，请在网页版邮箱的设置中开启，或联系邮箱管理员。",
                    w.display_name()
                ),
                None => format!("请在网页版邮箱的设置中开启 {off_t}，或请邮箱管理员为该账号开通。"),
            },
        ),
    }
}

/// Prefixes a login cause with the protocols it happened on, and quotes the other
/// protocols' replies when they differ from the first.
pub(super) fn on_protocols(
    ps: &[Protocol],
    cause: &str,
    others: &[(Protocol, &str)],
    lang: Lang,
) -> String {
    let list = protocol_list(ps, lang);
    let more: Vec<String> = others
        .iter()
        .map(|(p, reply)| match lang {
            Lang::En => format!(" {} said: \"{reply}\"", p.display_name()),
            Lang::ZhCn | Lang::ZhTw => format!("{} 返回：“{reply}”", p.display_name()),
        })
        .collect();
    let more = more.concat();
    match lang {
        Lang::En => format!("Same cause on {list}: {cause}{more}"),
        Lang::ZhCn | Lang::ZhTw => format!("{list} 的原因相同：{cause}{more}"),
    }
}

/// Why a password was withheld from an endpoint, classified from the probe's reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Withheld {
    Plaintext,
    Port25,
    Guessed,
    OtherDomain,
}

impl Withheld {
    /// Classifies a login refusal (see `probe::login::refusal`).
    pub(super) fn classify(e: &Endpoint, reason: &str) -> Self {
        if e.security == Security::None || reason.contains("unencrypted") {
            Self::Plaintext
        } else if e.protocol == Protocol::Smtp && e.port == 25 {
            Self::Port25
        } else if reason.contains("guessed") {
            Self::Guessed
        } else {
            Self::OtherDomain
        }
    }

    /// Machine-readable name (`params.detail`).
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Self::Plaintext => "plaintext",
            Self::Port25 => "port_25",
            Self::Guessed => "guessed_host",
            Self::OtherDomain => "other_domain",
        }
    }
}

/// `auth.login_withheld`.
pub(super) fn login_withheld(
    eps: &[&Endpoint],
    why: &[Withheld],
    domain: &str,
    lang: Lang,
) -> Text {
    let list: Vec<String> = eps
        .iter()
        .map(|e| format!("{} {}:{}", e.protocol.display_name(), e.host, e.port))
        .collect();
    let list = match lang {
        Lang::En => list.join(", "),
        Lang::ZhCn | Lang::ZhTw => list.join("、"),
    };
    let flag = why
        .iter()
        .any(|w| matches!(w, Withheld::Guessed | Withheld::OtherDomain));
    let reason = match (why.first().copied().unwrap_or(Withheld::OtherDomain), lang) {
        (Withheld::Plaintext, Lang::En) => "the connection is not encrypted".to_owned(),
        (Withheld::Port25, Lang::En) => "port 25 is not for logging in".to_owned(),
        (Withheld::Guessed, Lang::En) => {
            "the server was only guessed, no source names it".to_owned()
        }
        (Withheld::OtherDomain, Lang::En) => format!(
            "the server is outside {domain} and is not a known provider's server, so it could be an impostor's"
        ),
        (Withheld::Plaintext, Lang::ZhCn | Lang::ZhTw) => "连接没有加密".to_owned(),
        (Withheld::Port25, Lang::ZhCn | Lang::ZhTw) => "25 端口不用于登录".to_owned(),
        (Withheld::Guessed, Lang::ZhCn | Lang::ZhTw) => {
            "这台服务器只是猜测出来的，没有任何来源提到它".to_owned()
        }
        (Withheld::OtherDomain, Lang::ZhCn | Lang::ZhTw) => {
            format!("这台服务器不在 {domain} 域名下，也不是已知服务商的服务器，可能是冒充的")
        }
    };
    match lang {
        Lang::En => (
            format!(
                "The password was not sent to {list} because {reason}: the account itself was not tested, so whether the password is right is unknown."
            ),
            if flag {
                "If you trust this server (it is your provider's), run again with --allow-untrusted-host to test the login there.".to_owned()
            } else {
                "Use an encrypted setting (SSL/TLS or STARTTLS, port 465 or 587 for sending) to test the login.".to_owned()
            },
        ),
        Lang::ZhCn | Lang::ZhTw => (
            format!(
                "没有把密码发送到 {list}，因为{reason}：账号本身没有经过检查，不知道密码是否正确。"
            ),
            if flag {
                "如果您确认这台服务器可信（确实是您的邮箱服务商的），请加上 --allow-untrusted-host 重新运行，以检查在那里能否登录。".to_owned()
            } else {
                "请使用加密的设置（SSL/TLS 或 STARTTLS，发信用 465 或 587 端口）来检查登录。"
                    .to_owned()
            },
        ),
    }
}

// --- Providers without IMAP ---

/// `settings.no_imap`: `provider` is the provider's name in the run's language.
pub(super) fn no_imap(provider: &str, pop3_works: bool, lang: Lang) -> Text {
    match lang {
        Lang::En => (
            format!(
                "{provider} offers no IMAP access for mail programs (the provider database says so): there is no IMAP server to look for or to type."
            ),
            if pop3_works {
                "Use the POP3 settings shown, or the provider's own apps.".to_owned()
            } else {
                format!(
                    "Read this mailbox in {provider}'s own apps or web mail. To use a mail program, ask {provider} whether it offers another way in (a paid plan, a bridge), or forward the mail to a mailbox that has IMAP."
                )
            },
        ),
        Lang::ZhCn | Lang::ZhTw => (
            format!(
                "{provider} 不提供 IMAP 服务（服务商数据库中有记录），邮件客户端无法通过 IMAP 收信，不必再去找或填写 IMAP 服务器地址。"
            ),
            if pop3_works {
                "请使用下面显示的 POP3 设置，或使用服务商自己的 App。".to_owned()
            } else {
                format!(
                    "请使用 {provider} 自己的 App 或网页版收发邮件。如果一定要用邮件客户端，请向 {provider} 咨询有没有其他接入方式（例如付费套餐或桥接程序），或者把邮件转发到支持 IMAP 的邮箱。"
                )
            },
        ),
    }
}
