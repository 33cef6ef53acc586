package org.vigie.board.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a notification says happened; a channel's rule names the ones it gets (all but TEST, which it always may). */
public enum NoticeKind {
    DOWN,
    WARNING,
    UNKNOWN,
    UP,
    MAINTENANCE_STARTED,
    MAINTENANCE_ENDED,
    INCIDENT_OPENED,
    INCIDENT_UPDATED,
    INCIDENT_RESOLVED,
    /** A service's TLS certificate expires within a threshold of {@code vigie.notify.certificate-warning-days}. */
    CERTIFICATE_EXPIRING,
    TEST;

    /** The name in the API and a channel's rule: lower case with dashes ({@code incident-opened}). */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<NoticeKind> of(String slug) {
        return Arrays.stream(values())
                .filter(k -> k != TEST && k.slug().equalsIgnoreCase(slug.trim()))
                .findFirst();
    }

    /** The kind a service's new status makes, by its slug; none for statuses that notify nobody. */
    public static Optional<NoticeKind> forStatus(String statusSlug) {
        return switch (statusSlug) {
            case "down" -> Optional.of(DOWN);
            case "warning" -> Optional.of(WARNING);
            case "unknown" -> Optional.of(UNKNOWN);
            case "up" -> Optional.of(UP);
            case "maintenance" -> Optional.of(MAINTENANCE_STARTED);
            default -> Optional.empty();
        };
    }
}
