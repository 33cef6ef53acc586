package org.vigie.check;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed connection string, {@code scheme://host[:port][/path][?options]}: where and how a service is checked.
 * <p>
 * {@link #parse(String)} is the one parser of Vigie: board-web uses it to refuse a bad string when a service is
 * saved, the worker to read the task it is given. Options that the scheme knows (see {@link Scheme#option(String)})
 * are validated and kept in {@link #options()}; for HTTP and HTTPS every other query parameter belongs to the
 * request URL and is kept in {@link #query()}; other schemes refuse unknown options.
 *
 * @param scheme  the protocol
 * @param host    host name or IP address; an IPv6 address without its brackets
 * @param port    the port, the scheme's default when the string named none; 0 for schemes without ports (dns, ping)
 * @param path    the path, empty or starting with {@code /}
 * @param query   HTTP query parameters that are not Vigie options, as written (still encoded), possibly empty
 * @param options Vigie's options, name to raw value, in the order written
 */
public record Target(Scheme scheme, String host, int port, String path, String query, Map<String, String> options) {

    /** Longer strings are refused: they are typing accidents, and they travel in every check task. */
    public static final int MAX_LENGTH = 2048;

    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._~-]+)?");

    public Target {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Reads a connection string.
     *
     * @throws InvalidTargetException naming what is wrong: unknown scheme, missing host, port out of range, ...
     */
    public static Target parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidTargetException("connection string is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidTargetException("connection string is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new InvalidTargetException(
                        "connection string contains a space or control character at position " + (i + 1));
            }
        }
        int sep = text.indexOf("://");
        if (sep <= 0) {
            throw new InvalidTargetException(
                    "missing scheme: expected scheme://host[:port], scheme one of " + Scheme.ids());
        }
        String schemeText = text.substring(0, sep);
        Scheme scheme = Scheme.of(schemeText)
                .orElseThrow(() -> new InvalidTargetException(
                        "unknown scheme \"" + schemeText + "\": expected one of " + Scheme.ids()));

        String rest = text.substring(sep + 3);
        if (rest.indexOf('#') >= 0) {
            throw new InvalidTargetException("a fragment (#...) has no meaning in a connection string");
        }
        int authorityEnd = indexOfAny(rest, "/?");
        String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
        String afterAuthority = authorityEnd < 0 ? "" : rest.substring(authorityEnd);
        if (authority.indexOf('@') >= 0) {
            throw new InvalidTargetException("credentials (user@host) are not accepted in a connection string");
        }

        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new InvalidTargetException("IPv6 address is missing its closing ']'");
            }
            host = authority.substring(1, close);
            if (host.isEmpty() || !IPV6.matcher(host).matches() || host.indexOf(':') < 0) {
                throw new InvalidTargetException("\"" + host + "\" is not an IPv6 address");
            }
            String tail = authority.substring(close + 1);
            if (!tail.isEmpty()) {
                if (!tail.startsWith(":")) {
                    throw new InvalidTargetException("unexpected \"" + tail + "\" after the IPv6 address");
                }
                portText = tail.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            if (colon >= 0) {
                portText = authority.substring(colon + 1);
            }
            if (host.isEmpty()) {
                throw new InvalidTargetException("missing host");
            }
            checkHostName(host);
        }

        int port = readPort(scheme, portText);

        int queryStart = afterAuthority.indexOf('?');
        String path = queryStart < 0 ? afterAuthority : afterAuthority.substring(0, queryStart);
        String rawQuery = queryStart < 0 ? "" : afterAuthority.substring(queryStart + 1);
        if (!scheme.takesPath() && !path.isEmpty() && !path.equals("/")) {
            throw new InvalidTargetException(scheme.id() + " takes no path, found \"" + path + "\"");
        }
        if (!scheme.takesPath()) {
            path = "";
        }

        Map<String, String> options = new LinkedHashMap<>();
        StringBuilder passThrough = new StringBuilder();
        if (!rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                Optional<OptionKind> kind = scheme.option(name);
                if (kind.isPresent()) {
                    if (options.containsKey(name)) {
                        throw new InvalidTargetException("option " + name + " is given twice");
                    }
                    kind.get().read(name, value);
                    options.put(name, value);
                } else if (scheme.takesPath()) {
                    if (!passThrough.isEmpty()) {
                        passThrough.append('&');
                    }
                    passThrough.append(pair);
                } else {
                    throw new InvalidTargetException("unknown option \"" + OptionKind.printable(name) + "\" for "
                            + scheme.id() + ": expected " + scheme.optionNames());
                }
            }
        }
        Target target = new Target(scheme, host.toLowerCase(Locale.ROOT), port, path, passThrough.toString(), options);
        target.timeout().ifPresent(Target::checkTimeout);
        return target;
    }

    /** The probe timeout the connection string asks for, if any. */
    public Optional<Duration> timeout() {
        String value = options.get("timeout");
        return value == null ? Optional.empty() : Optional.of(OptionKind.parseDuration("timeout", value));
    }

    /** The raw value of an option, if the connection string gave it. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** A duration option ({@code slow}, ...), if given. */
    public Optional<Duration> duration(String name) {
        return typed(name, Duration.class);
    }

    /** A whole-number option ({@code redirects}, {@code cert-days}, {@code count}, {@code loss}), if given. */
    public Optional<Long> count(String name) {
        return typed(name, Long.class);
    }

    /** A boolean option ({@code insecure}, {@code starttls}); false when not given. */
    public boolean flag(String name) {
        return typed(name, Boolean.class).orElse(false);
    }

    /** A text option ({@code contains}, {@code method}, {@code type}, {@code server}, ...), if given, as validated. */
    public Optional<String> text(String name) {
        return typed(name, Object.class).map(Object::toString);
    }

    /** The {@code regex} option, compiled. */
    public Optional<Pattern> regex() {
        return typed("regex", Pattern.class);
    }

    /** The HTTP statuses counted as up: the {@code expect} option, else 2xx and 3xx. */
    public StatusCodes expectedStatuses() {
        return typed("expect", StatusCodes.class).orElse(StatusCodes.DEFAULT);
    }

    /** The {@code json} condition, if given. */
    public Optional<JsonCondition> jsonCondition() {
        return typed("json", JsonCondition.class);
    }

    /** HTTP request headers, from the {@code header.<Name>} options, in the order written. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        options.forEach((name, value) -> {
            if (name.startsWith(Scheme.HEADER_PREFIX)) {
                headers.put(name.substring(Scheme.HEADER_PREFIX.length()), value);
            }
        });
        return headers;
    }

    private <T> Optional<T> typed(String name, Class<T> type) {
        String raw = options.get(name);
        if (raw == null) {
            return Optional.empty();
        }
        OptionKind kind = scheme.option(name)
                .orElseThrow(() -> new IllegalArgumentException(scheme.id() + " has no option " + name));
        return Optional.of(type.cast(kind.read(name, raw)));
    }

    /** The host as written in a URL: IPv6 addresses in brackets. */
    public String hostForUrl() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** For HTTP and HTTPS: the URL to request, without Vigie's options. */
    public String requestUrl() {
        String p = path.isEmpty() ? "/" : path;
        return scheme.id() + "://" + hostForUrl() + ":" + port + p + (query.isEmpty() ? "" : "?" + query);
    }

    /** The canonical connection string: lower-case scheme and host, explicit port, options last. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(scheme.id()).append("://").append(hostForUrl());
        if (scheme.takesPort()) {
            s.append(':').append(port);
        }
        s.append(path);
        String sep = "?";
        if (!query.isEmpty()) {
            s.append(sep).append(query);
            sep = "&";
        }
        for (Map.Entry<String, String> o : options.entrySet()) {
            s.append(sep)
                    .append(o.getKey())
                    .append('=')
                    .append(URLEncoder.encode(o.getValue(), StandardCharsets.UTF_8));
            sep = "&";
        }
        return s.toString();
    }

    private static void checkTimeout(Duration timeout) {
        if (timeout.isZero() || timeout.compareTo(Scheme.MAX_TIMEOUT) > 0) {
            throw new InvalidTargetException(
                    "timeout must be more than 0 and at most " + Scheme.MAX_TIMEOUT.toSeconds() + "s");
        }
    }

    private static int readPort(Scheme scheme, String portText) {
        if (!scheme.takesPort()) {
            if (portText != null) {
                throw new InvalidTargetException(scheme.id() + " takes no port"
                        + (scheme == Scheme.DNS ? ": give the resolver as server=host:port" : ""));
            }
            return 0;
        }
        if (portText == null) {
            if (scheme.defaultPort() < 0) {
                throw new InvalidTargetException(scheme.id() + " needs a port: " + scheme.id() + "://host:port");
            }
            return scheme.defaultPort();
        }
        if (portText.isEmpty()) {
            throw new InvalidTargetException("missing port after ':'");
        }
        if (!portText.chars().allMatch(Character::isDigit) || portText.length() > 9) {
            throw new InvalidTargetException("port \"" + portText + "\" is not a number");
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw new InvalidTargetException("port " + port + " is out of range 1-65535");
        }
        return port;
    }

    private static void checkHostName(String host) {
        if (host.length() > 253) {
            throw new InvalidTargetException("host name is longer than 253 characters");
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        for (String label : name.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                throw new InvalidTargetException("\"" + host + "\" is not a valid host name");
            }
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidTargetException("bad percent-encoding in \"" + s + "\"");
        }
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
