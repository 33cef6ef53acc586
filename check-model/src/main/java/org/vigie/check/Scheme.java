package org.vigie.check;

import static org.vigie.check.OptionKind.BOOLEAN;
import static org.vigie.check.OptionKind.COUNT;
import static org.vigie.check.OptionKind.DNS_TYPE;
import static org.vigie.check.OptionKind.HOST_PORT;
import static org.vigie.check.OptionKind.HTTP_METHOD;
import static org.vigie.check.OptionKind.IP_ADDRESS;
import static org.vigie.check.OptionKind.JSON_CONDITION;
import static org.vigie.check.OptionKind.PERCENT;
import static org.vigie.check.OptionKind.REGEX;
import static org.vigie.check.OptionKind.STATUS_CODES;
import static org.vigie.check.OptionKind.TEXT;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The protocols Vigie can check, their default ports and the options their connection strings accept. Options
 * common to every scheme are in {@link #COMMON_OPTIONS}; docs/probes.md describes each option and reason.
 */
public enum Scheme {
    /** GET (or {@code method}) the URL; 2xx and 3xx are up unless {@code expect} says otherwise. */
    HTTP("http", 80, true, http(false)),
    HTTPS("https", 443, true, http(true)),
    /** Connects and closes: the port accepts connections. */
    TCP("tcp", -1, false, Map.of()),
    /** TLS handshake, certificate chain and days to expiry. */
    TLS("tls", 443, false, Map.of("insecure", BOOLEAN, "cert-days", COUNT, "sni", TEXT)),
    /** Resolves the host name (A or AAAA), through the system resolver or {@code server}. */
    DNS("dns", 0, false, Map.of("type", DNS_TYPE, "server", HOST_PORT, "expect", IP_ADDRESS)),
    /** ICMP echo: {@code count} requests, down when more than {@code loss} percent are lost. */
    PING("ping", 0, false, Map.of("count", COUNT, "loss", PERCENT)),
    SMTP("smtp", 25, false, Map.of("starttls", BOOLEAN, "insecure", BOOLEAN)),
    IMAP("imap", 143, false, Map.of("starttls", BOOLEAN, "insecure", BOOLEAN)),
    POP3("pop3", 110, false, Map.of()),
    SSH("ssh", 22, false, Map.of()),
    FTP("ftp", 21, false, Map.of()),
    MYSQL("mysql", 3306, false, Map.of()),
    POSTGRES("postgres", 5432, false, Map.of()),
    REDIS("redis", 6379, false, Map.of()),
    AMQP("amqp", 5672, false, Map.of()),
    MQTT("mqtt", 1883, false, Map.of());

    /** Longest probe timeout an operator may ask for; a check task never outlives its service's interval anyway. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Options every scheme accepts: {@code timeout} (the probe's limit) and {@code slow} (slower than this is a
     * warning, not up).
     */
    public static final Map<String, OptionKind> COMMON_OPTIONS =
            Map.of("timeout", OptionKind.DURATION, "slow", OptionKind.DURATION);

    /** HTTP request headers are options named {@code header.<Name>}. */
    public static final String HEADER_PREFIX = "header.";

    private final String id;
    private final int defaultPort;
    private final boolean takesPath;
    private final Map<String, OptionKind> ownOptions;

    Scheme(String id, int defaultPort, boolean takesPath, Map<String, OptionKind> ownOptions) {
        this.id = id;
        this.defaultPort = defaultPort;
        this.takesPath = takesPath;
        this.ownOptions = ownOptions;
    }

    private static Map<String, OptionKind> http(boolean tls) {
        Map<String, OptionKind> options = new HashMap<>(Map.of(
                "method",
                HTTP_METHOD,
                "expect",
                STATUS_CODES,
                "contains",
                TEXT,
                "regex",
                REGEX,
                "json",
                JSON_CONDITION,
                "redirects",
                COUNT));
        if (tls) {
            options.put("insecure", BOOLEAN);
            options.put("cert-days", COUNT);
        }
        return Map.copyOf(options);
    }

    /** The scheme as written in connection strings, in lower case. */
    public String id() {
        return id;
    }

    /** The port used when the connection string names none; -1 when the port is required, 0 when it takes none. */
    public int defaultPort() {
        return defaultPort;
    }

    /** Whether a connection string of this scheme may name a port. */
    public boolean takesPort() {
        return defaultPort != 0;
    }

    /** Whether the connection string may carry a path (and, for HTTP, a query of its own). */
    public boolean takesPath() {
        return takesPath;
    }

    /** Whether the scheme sends HTTP requests, and so accepts {@code header.<Name>} options. */
    public boolean isHttp() {
        return this == HTTP || this == HTTPS;
    }

    /** How this scheme reads the named option, if it accepts it. */
    public Optional<OptionKind> option(String name) {
        OptionKind common = COMMON_OPTIONS.get(name);
        if (common != null) {
            return Optional.of(common);
        }
        if (isHttp() && name.startsWith(HEADER_PREFIX) && name.length() > HEADER_PREFIX.length()) {
            return Optional.of(OptionKind.HEADER);
        }
        return Optional.ofNullable(ownOptions.get(name));
    }

    /** Every option name this scheme accepts, sorted, for error messages and docs. */
    public String optionNames() {
        Stream<String> names = Stream.concat(COMMON_OPTIONS.keySet().stream(), ownOptions.keySet().stream());
        if (isHttp()) {
            names = Stream.concat(names, Stream.of(HEADER_PREFIX + "<Name>"));
        }
        return names.sorted().collect(Collectors.joining(", "));
    }

    public static Optional<Scheme> of(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        if (wanted.equals("postgresql")) {
            return Optional.of(POSTGRES);
        }
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst();
    }

    /** The known scheme ids, comma separated, for error messages. */
    public static String ids() {
        return Arrays.stream(values()).map(Scheme::id).collect(Collectors.joining(", "));
    }
}
