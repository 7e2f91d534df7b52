# Words shared by the analysis and the report (src/i18n.rs).

step-resolve = DNS lookup
step-connect = connect
step-tls-handshake = TLS handshake
step-greeting = greeting
step-capabilities = capabilities
step-starttls = STARTTLS
step-capabilities-after-tls = capabilities after TLS
step-auth-mechs = login methods
step-login = login

# The encryption setting "none", as mail clients label it.
security-none = none

severity-error = error
severity-warning = warning
severity-info = info

direction-incoming = incoming
direction-outgoing = outgoing

# Between items of a list ("993, 995"), and before the last one of a list of ports.
list-separator = {", "}
list-last-separator = {" and "}
# Between two or more items joined with "and".
and-separator = {" and "}

# $count (number): how many ports; $list: the ports, e.g. "465, 993 and 995".
ports-phrase = { $count ->
    [one] port { $list }
   *[other] ports { $list }
}
ports-none = no port
