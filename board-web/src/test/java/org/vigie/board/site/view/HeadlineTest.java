package org.vigie.board.site.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vigie.board.incident.Impact;
import org.vigie.board.incident.IncidentState;
import org.vigie.board.incident.service.IncidentView;
import org.vigie.board.site.view.Headline.Kind;
import org.vigie.board.status.Severity;

/** The headline's rules: worst first, Unknown never read as fine, drafts not shown to visitors. */
class HeadlineTest {

    static StatusInfo status(String slug, Severity severity) {
        return new StatusInfo(slug.hashCode(), slug, slug, "", severity, "tick-circle", false);
    }

    static final StatusInfo UP = status("up", Severity.NORMAL);
    static final StatusInfo UNKNOWN = status("unknown", Severity.UNKNOWN);
    static final StatusInfo MAINTENANCE = status("maintenance", Severity.WARNING);
    static final StatusInfo WARNING = status("warning", Severity.WARNING);
    static final StatusInfo DOWN = status("down", Severity.ERROR);
    static final StatusInfo CRITICAL = status("on-fire", Severity.CRITICAL);

    static IncidentView incident(Impact impact, boolean published) {
        return new IncidentView(
                1, "t", impact, IncidentState.INVESTIGATING, published, Instant.EPOCH, null, List.of(), List.of());
    }

    @Test
    void theWorstOfTheServicesNamesTheBoard() {
        assertThat(Headline.of(List.of(UP, UP), List.of()).kind()).isEqualTo(Kind.OPERATIONAL);
        assertThat(Headline.of(List.of(UP, MAINTENANCE), List.of()).kind()).isEqualTo(Kind.MAINTENANCE);
        assertThat(Headline.of(List.of(MAINTENANCE, UNKNOWN), List.of()).kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(Headline.of(List.of(UNKNOWN, WARNING), List.of()).kind()).isEqualTo(Kind.DEGRADED);
        assertThat(Headline.of(List.of(UP, WARNING, DOWN), List.of()).kind()).isEqualTo(Kind.PARTIAL);
        assertThat(Headline.of(List.of(UP, CRITICAL), List.of()).kind()).isEqualTo(Kind.MAJOR);
        // every service down is a major outage, one service down of one is not more than partial
        assertThat(Headline.of(List.of(DOWN, DOWN), List.of()).kind()).isEqualTo(Kind.MAJOR);
        assertThat(Headline.of(List.of(DOWN), List.of()).kind()).isEqualTo(Kind.PARTIAL);
    }

    @Test
    void unknownIsNeverReadAsOperational() {
        Headline h = Headline.of(List.of(UP, UP, UNKNOWN), List.of());
        assertThat(h.kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(h.affected()).isEqualTo(1);
        assertThat(h.total()).isEqualTo(3);
    }

    @Test
    void publishedOpenIncidentsRaiseItAndDraftsDoNot() {
        assertThat(Headline.of(List.of(UP), List.of(incident(Impact.MINOR, true)))
                        .kind())
                .isEqualTo(Kind.DEGRADED);
        assertThat(Headline.of(List.of(UP), List.of(incident(Impact.CRITICAL, true)))
                        .kind())
                .isEqualTo(Kind.MAJOR);
        assertThat(Headline.of(List.of(WARNING), List.of(incident(Impact.NONE, true)))
                        .kind())
                .isEqualTo(Kind.DEGRADED);
        assertThat(Headline.of(List.of(UP), List.of(incident(Impact.CRITICAL, false)))
                        .kind())
                .isEqualTo(Kind.OPERATIONAL);
    }
}
