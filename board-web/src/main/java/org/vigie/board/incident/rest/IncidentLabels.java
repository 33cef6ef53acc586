package org.vigie.board.incident.rest;

import org.vigie.board.incident.Impact;
import org.vigie.board.incident.IncidentState;
import org.vigie.board.incident.ServiceImpact;
import org.vigie.board.site.i18n.Msg;

import io.quarkus.qute.TemplateExtension;

/** The incident words in the visitor's language: {@code {i.state.label(v.msg)}} in templates, and for the feeds. */
@TemplateExtension
public final class IncidentLabels {

    private IncidentLabels() {}

    public static String label(IncidentState state, Msg msg) {
        return switch (state) {
            case INVESTIGATING -> msg.state_investigating();
            case IDENTIFIED -> msg.state_identified();
            case MONITORING -> msg.state_monitoring();
            case RESOLVED -> msg.state_resolved();
        };
    }

    public static String label(Impact impact, Msg msg) {
        return msg.impact_label(
                switch (impact) {
                    case NONE -> msg.impact_none();
                    case MINOR -> msg.impact_minor();
                    case MAJOR -> msg.impact_major();
                    case CRITICAL -> msg.impact_critical();
                });
    }

    public static String label(ServiceImpact impact, Msg msg) {
        return switch (impact) {
            case DEGRADED_PERFORMANCE -> msg.service_impact_degraded();
            case PARTIAL_OUTAGE -> msg.service_impact_partial();
            case MAJOR_OUTAGE -> msg.service_impact_major();
        };
    }
}
