package org.vigie.check;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** How the value of a connection-string option is read and validated; {@link #read} returns the typed value. */
public enum OptionKind {
    /** A duration such as {@code 5s}, {@code 500ms} or {@code 1m}; a bare number is seconds. */
    DURATION {
        @Override
        Object read(String name, String value) {
            return parseDuration(name, value);
        }
    },
    /** A whole number from 0 to 1,000,000. */
    COUNT {
        @Override
        Object read(String name, String value) {
            return number(name, value, 1_000_000, "a whole number");
        }
    },
    /** A percentage, 0 to 100. */
    PERCENT {
        @Override
        Object read(String name, String value) {
            return number(
                    name,
                    value.endsWith("%") ? value.substring(0, value.length() - 1) : value,
                    100,
                    "a percentage from 0 to 100");
        }
    },
    /** {@code true} or {@code false}; the bare option ({@code ?insecure}) means true. */
    BOOLEAN {
        @Override
        Object read(String name, String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "", "true", "yes", "1", "on" -> Boolean.TRUE;
                case "false", "no", "0", "off" -> Boolean.FALSE;
                default -> throw new InvalidTargetException(name + " \"" + value + "\" is not true or false");
            };
        }
    },
    /** Free text, not empty, at most 512 characters. */
    TEXT {
        @Override
        Object read(String name, String value) {
            if (value.isEmpty() || value.length() > 512) {
                throw new InvalidTargetException(name + " must have a value of 1 to 512 characters");
            }
            return value;
        }
    },
    /**
     * An HTTP request header, {@code header.<Name>=value}: the name an HTTP token, the value text without control
     * characters (tab aside). Checked here, when a service is saved, rather than when the request is sent: a CR or LF
     * would otherwise reach the worker, which refuses it only then (or, as obsolete line folding, sends it on).
     */
    HEADER {
        @Override
        Object read(String name, String value) {
            String header = name.substring(Scheme.HEADER_PREFIX.length());
            if (!HEADER_NAME.matcher(header).matches()) {
                throw new InvalidTargetException(printable(name) + ": \"" + printable(header)
                        + "\" is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)");
            }
            TEXT.read(name, value);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c != '\t' && Character.isISOControl(c)) {
                    throw new InvalidTargetException(name + " must not contain control characters: "
                            + printable(String.valueOf(c)) + " at position " + (i + 1));
                }
            }
            return value;
        }
    },
    /** A Java regular expression, searched for (not matched whole). */
    REGEX {
        @Override
        Object read(String name, String value) {
            TEXT.read(name, value);
            try {
                return Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new InvalidTargetException(name + " is not a valid regular expression: " + e.getDescription());
            }
        }
    },
    /** HTTP statuses counted as up: {@code 200}, {@code 200-299}, {@code 2xx}, comma separated. */
    STATUS_CODES {
        @Override
        Object read(String name, String value) {
            return StatusCodes.parse(value);
        }
    },
    /** A condition on a JSON body: {@code $.status == ok}. */
    JSON_CONDITION {
        @Override
        Object read(String name, String value) {
            return JsonCondition.parse(value);
        }
    },
    /** An HTTP method. */
    HTTP_METHOD {
        @Override
        Object read(String name, String value) {
            return oneOf(
                    name,
                    value.toUpperCase(Locale.ROOT),
                    Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"));
        }
    },
    /** A DNS record type the check resolves. */
    DNS_TYPE {
        @Override
        Object read(String name, String value) {
            return oneOf(name, value.toUpperCase(Locale.ROOT), Set.of("A", "AAAA"));
        }
    },
    /** An IPv4 or IPv6 address, written as digits. */
    IP_ADDRESS {
        @Override
        Object read(String name, String value) {
            if (!IPV4.matcher(value).matches()
                    && !(value.indexOf(':') >= 0 && IPV6.matcher(value).matches())) {
                throw new InvalidTargetException(name + " \"" + value + "\" is not an IP address");
            }
            return value.toLowerCase(Locale.ROOT);
        }
    },
    /** {@code host} or {@code host:port} ({@code [v6]:port}); the port defaults to the scheme's. */
    HOST_PORT {
        @Override
        Object read(String name, String value) {
            String host = value;
            String port = null;
            if (value.startsWith("[")) {
                int close = value.indexOf(']');
                if (close < 0) {
                    throw new InvalidTargetException(name + " \"" + value + "\" is missing its closing ']'");
                }
                host = value.substring(1, close);
                if (value.length() > close + 1) {
                    if (value.charAt(close + 1) != ':') {
                        throw new InvalidTargetException(name + " \"" + value + "\" is not host:port");
                    }
                    port = value.substring(close + 2);
                }
            } else if (value.indexOf(':') >= 0) {
                host = value.substring(0, value.lastIndexOf(':'));
                port = value.substring(value.lastIndexOf(':') + 1);
            }
            if (host.isEmpty()) {
                throw new InvalidTargetException(name + " is missing its host");
            }
            if (port != null) {
                Object p = number(name + " port", port, 65535, "a port number");
                if ((Long) p < 1) {
                    throw new InvalidTargetException(name + " port must be 1-65535");
                }
            }
            return value;
        }
    };

    private static final Pattern DURATION_TEXT = Pattern.compile("(\\d{1,9})(ms|s|m)?");
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    /** RFC 9110's token. */
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    /** Reads and validates {@code value}; the result's type depends on the kind. */
    abstract Object read(String name, String value);

    static Duration parseDuration(String name, String value) {
        Matcher m = DURATION_TEXT.matcher(value);
        if (!m.matches()) {
            throw new InvalidTargetException(name + " \"" + value + "\" is not a duration like 5s, 500ms or 1m");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static Object number(String name, String value, long max, String what) {
        try {
            long n = Long.parseLong(value);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidTargetException(name + " \"" + value + "\" is not " + what);
    }

    /** {@code text} with control characters written out ({@code CR}, {@code LF}, {@code U+0000}) for messages. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append("CR");
            } else if (c == '\n') {
                out.append("LF");
            } else if (Character.isISOControl(c)) {
                out.append(String.format("U+%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String oneOf(String name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new InvalidTargetException(
                    name + " \"" + value + "\" is not one of " + String.join(", ", new TreeSet<>(allowed)));
        }
        return value;
    }
}
