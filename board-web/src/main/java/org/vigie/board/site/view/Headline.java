package org.vigie.board.site.view;

import java.util.List;
import java.util.Locale;

import org.vigie.board.incident.Impact;
import org.vigie.board.incident.service.IncidentView;
import org.vigie.board.site.i18n.Msg;
import org.vigie.board.status.Severity;

/**
 * The board's one-line answer, above everything else: are things fine? Derived from the services' current statuses
 * and the open incidents, worst first: a major outage (a critical status or incident, or every service down), a
 * partial outage (a service down, a major incident), degraded performance (a warning, a minor incident), unknown
 * (a service without a fresh check: the board does not claim what it does not know), under maintenance, else all
 * systems operational.
 */
public record Headline(Kind kind, int affected, int total) {

    /** Worst last; each with the icon the board draws for it. */
    public enum Kind {
        OPERATIONAL("tick-circle"),
        MAINTENANCE("wrench"),
        UNKNOWN("unknown"),
        DEGRADED("exclamation"),
        PARTIAL("cross-circle"),
        MAJOR("lightning");

        private final String icon;

        Kind(String icon) {
            this.icon = icon;
        }

        public String icon() {
            return icon;
        }

        Kind worse(Kind other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    /** The seeded Maintenance status: planned, so it reads apart from trouble whatever its severity. */
    static final String MAINTENANCE = "maintenance";

    public static Headline of(List<StatusInfo> statuses, List<IncidentView> openIncidents) {
        Kind kind = Kind.OPERATIONAL;
        int affected = 0;
        int down = 0;
        for (StatusInfo s : statuses) {
            Kind k = of(s);
            if (k != Kind.OPERATIONAL) {
                affected++;
            }
            if (s.severity().compareTo(Severity.ERROR) >= 0) {
                down++;
            }
            kind = kind.worse(k);
        }
        if (down > 1 && down == statuses.size()) {
            kind = Kind.MAJOR;
        }
        for (IncidentView i : openIncidents) {
            if (i.published()) {
                kind = kind.worse(of(i.impact()));
            }
        }
        return new Headline(kind, affected, statuses.size());
    }

    static Kind of(StatusInfo s) {
        if (MAINTENANCE.equals(s.slug())) {
            return Kind.MAINTENANCE;
        }
        return switch (s.severity()) {
            case NORMAL -> Kind.OPERATIONAL;
            case UNKNOWN -> Kind.UNKNOWN;
            case WARNING -> Kind.DEGRADED;
            case ERROR -> Kind.PARTIAL;
            case CRITICAL -> Kind.MAJOR;
        };
    }

    static Kind of(Impact impact) {
        return switch (impact) {
            case NONE -> Kind.OPERATIONAL;
            case MINOR -> Kind.DEGRADED;
            case MAJOR -> Kind.PARTIAL;
            case CRITICAL -> Kind.MAJOR;
        };
    }

    /** For CSS classes: {@code headline-partial}. */
    public String css() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    public String icon() {
        return kind.icon();
    }

    public String title(Msg msg) {
        return switch (kind) {
            case OPERATIONAL -> msg.headline_operational();
            case MAINTENANCE -> msg.headline_maintenance();
            case UNKNOWN -> msg.headline_unknown();
            case DEGRADED -> msg.headline_degraded();
            case PARTIAL -> msg.headline_partial();
            case MAJOR -> msg.headline_major();
        };
    }

    /** "2 of 14 services affected"; empty when none is. */
    public String detail(Msg msg) {
        return affected == 0 ? "" : msg.summary_affected(affected, total);
    }
}
