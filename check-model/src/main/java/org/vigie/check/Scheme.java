package org.vigie.check;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The protocols Vigie can check, their default ports and the options their connection strings accept.
 * Options common to every scheme are in {@link #COMMON_OPTIONS}.
 */
public enum Scheme {
    HTTP("http", 80, true, Map.of()),
    HTTPS("https", 443, true, Map.of()),
    /** Connects and closes: the port accepts connections. The port is required. */
    TCP("tcp", -1, false, Map.of());

    /** Longest probe timeout an operator may ask for; a check task never outlives its service's interval anyway. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

    /** Options every scheme accepts. */
    public static final Map<String, OptionKind> COMMON_OPTIONS = Map.of("timeout", OptionKind.DURATION);

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

    /** The scheme as written in connection strings, in lower case. */
    public String id() {
        return id;
    }

    /** The port used when the connection string names none, or -1 when the port is required. */
    public int defaultPort() {
        return defaultPort;
    }

    /** Whether the connection string may carry a path (and, for HTTP, a query of its own). */
    public boolean takesPath() {
        return takesPath;
    }

    /** How this scheme reads the named option, if it accepts it. */
    public Optional<OptionKind> option(String name) {
        OptionKind common = COMMON_OPTIONS.get(name);
        return Optional.ofNullable(common != null ? common : ownOptions.get(name));
    }

    /** Every option name this scheme accepts, sorted, for error messages and docs. */
    public String optionNames() {
        return java.util.stream.Stream.concat(COMMON_OPTIONS.keySet().stream(), ownOptions.keySet().stream())
                .sorted().collect(Collectors.joining(", "));
    }

    public static Optional<Scheme> of(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst();
    }

    /** The known scheme ids, comma separated, for error messages. */
    public static String ids() {
        return Arrays.stream(values()).map(Scheme::id).collect(Collectors.joining(", "));
    }
}
