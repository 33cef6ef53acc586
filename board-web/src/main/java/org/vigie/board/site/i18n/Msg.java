package org.vigie.board.site.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every visible string of the public pages, feeds and badges, in English; French in
 * {@code messages/msg_fr.properties}. Templates read them as {@code {msg:key}} in the template instance's locale;
 * Java code through {@link Languages#msg(java.util.Locale)}.
 */
@MessageBundle(value = "msg", locale = "en")
public interface Msg {

    @Message("Service status")
    String board_title();

    @Message("Service")
    String col_service();

    @Message("Current")
    String col_current();

    @Message("Uptime")
    String col_uptime();

    @Message("Latency, 24 h")
    String col_latency();

    @Message("Uptime over the last {days} days")
    String uptime_title(int days);

    @Message("Trouble earlier today")
    String trouble_today();

    @Message("No services yet.")
    String no_services();

    @Message("No data")
    String no_data();

    @Message("notes that day")
    String notes_that_day();

    @Message("Legend")
    String legend();

    @Message("Other services")
    String other_services();

    @Message("Summary")
    String summary_title();

    @Message("Group")
    String col_group();

    @Message("Status")
    String col_status();

    @Message("{affected} of {total} services affected")
    String summary_affected(int affected, int total);

    @Message("All services are operating normally")
    String summary_all_normal();

    @Message("Current status")
    String current_status();

    @Message("since {time}")
    String since(String time);

    @Message("Last check {time}: {reason} ({latency})")
    String last_check(String time, String reason, String latency);

    @Message("Events")
    String events_title();

    @Message("Events on {period}")
    String events_in(String period);

    @Message("All events")
    String all_events();

    @Message("All good: no events.")
    String all_good();

    @Message("All good: no events in this period.")
    String all_good_period();

    @Message("note")
    String note();

    @Message("Newer events")
    String newer();

    @Message("Older events")
    String older();

    @Message("Page {page}")
    String page_n(int page);

    @Message("Response time")
    String response_time();

    @Message("From {from} to {to}")
    String chart_caption(String from, String to);

    @Message("No response times recorded in this period.")
    String no_latency();

    @Message("Uptime per day")
    String uptime_per_day();

    @Message("Checked from")
    String pools_title();

    @Message("Where")
    String col_pool();

    @Message("Says")
    String col_says();

    @Message("Last check")
    String col_last_check();

    @Message("Reason")
    String col_reason();

    @Message("Up")
    String pool_says_up();

    @Message("Warning")
    String pool_says_warning();

    @Message("Down")
    String pool_says_down();

    @Message("No result")
    String pool_says_unknown();

    @Message("Waiting for a first result")
    String pool_says_pending();

    @Message("Day")
    String col_day();

    @Message("Checks")
    String col_checks();

    @Message("Average latency")
    String col_avg_latency();

    @Message("Latency over the last 24 hours: average {avg}, highest {max}")
    String sparkline_label(String avg, String max);

    @Message("No checks in the last 24 hours")
    String sparkline_empty();

    @Message("{day}: {status}")
    String day_cell(String day, String status);

    @Message("All systems operational")
    String headline_operational();

    @Message("Under maintenance")
    String headline_maintenance();

    @Message("Status unknown: no recent check for some services")
    String headline_unknown();

    @Message("Degraded performance")
    String headline_degraded();

    @Message("Partial outage")
    String headline_partial();

    @Message("Major outage")
    String headline_major();

    @Message("{day}: {status}, uptime {uptime}")
    String day_cell_uptime(String day, String status, String uptime);

    @Message("(UTC day)")
    String utc_day();

    @Message("incident: {titles}")
    String day_incidents(String titles);

    @Message("{count} {#if count == 1}service{#else}services{/if}")
    String group_count(int count);

    @Message("Hide or show {group}")
    String group_toggle(String group);

    @Message("Response time by hour, last 48 hours")
    String response_time_hours();

    @Message("Response time by day")
    String response_time_days();

    @Message("Yesterday")
    String bars_yesterday();

    @Message("{days} days ago")
    String bars_days_ago(int days);

    @Message("Find a service")
    String search_label();

    @Message("Search")
    String search_button();

    @Message("{count} {#if count == 1}service matches{#else}services match{/if} “{words}”")
    String search_matches(int count, String words);

    @Message("A search is at most {max} characters.")
    String search_too_long(int max);

    @Message("All services")
    String search_clear();

    @Message(
            "This board has {count} services: each group shows its summary and the services in trouble. Open a group or search to see the others.")
    String folded_note(int count);

    @Message("Showing {shown} of the {count} services in trouble.")
    String troubled_more(int shown, int count);

    @Message("All {count} services")
    String group_all(int count);

    @Message("Links")
    String footer_links();

    @Message("Not found")
    String not_found();

    @Message("No service is called “{slug}”.")
    String no_such_service(String slug);

    @Message("No service list is called “{slug}”.")
    String no_such_group(String slug);

    @Message("Back to the board")
    String back_to_board();

    @Message("Bad request")
    String bad_request();

    @Message("Unknown time zone “{zone}”: use a name such as Europe/Paris or UTC.")
    String bad_zone(String zone);

    @Message("Unknown language “{lang}”: this board speaks en and fr.")
    String bad_lang(String lang);

    @Message("“{page}” is not a page number: use 1, 2, 3…")
    String bad_page(String page);

    @Message("“{date}” is not a date: use /YYYY, /YYYY/MM or /YYYY/MM/DD.")
    String bad_date(String date);

    @Message("Status as of {time}: the board cannot reach its database; what follows may be out of date.")
    String stale_note(String time);

    @Message("Database unreachable")
    String db_unreachable_title();

    @Message("The board cannot reach its database and has no earlier copy of this page to show. Try again in a moment.")
    String db_unreachable();

    @Message("Time zone")
    String time_zone();

    @Message("Language")
    String language();

    @Message("Apply")
    String apply();

    @Message("Use my time zone")
    String use_my_zone();

    @Message("Times are shown in {zone}.")
    String times_in(String zone);

    @Message("As of {time}.")
    String as_of(String time);

    @Message("Checked by Vigie")
    String checked_by();

    @Message("API")
    String api();

    @Message("RSS")
    String rss();

    @Message("Atom")
    String atom();

    @Message("Summary")
    String summary_link();

    @Message("Report an issue")
    String report_issue();

    @Message("Service lists")
    String service_lists();

    @Message("{board} status updates")
    String feed_title(String board);

    @Message("Status changes and notes of the services on {board}")
    String feed_description(String board);

    @Message("not checked")
    String not_checked();

    @Message("unknown")
    String unknown();

    @Message("Up")
    String status_up();

    @Message("Warning")
    String status_warning();

    @Message("Down")
    String status_down();

    @Message("Maintenance")
    String status_maintenance();

    @Message("Unknown")
    String status_unknown();

    @Message("No check result since {time}: Vigie cannot tell the current status.")
    String no_result_since(String time);

    @Message("No check result yet: Vigie cannot tell the current status.")
    String no_result_yet();

    // ------------------------------------------------------------------ scheduled maintenance

    @Message("Scheduled maintenance")
    String maintenance_title();

    @Message("Scheduled")
    String maintenance_scheduled();

    @Message("In progress")
    String maintenance_in_progress();

    @Message("Completed")
    String maintenance_completed();

    @Message("Ended early")
    String maintenance_ended_early();

    @Message("{start} to {end}")
    String maintenance_when(String start, String end);

    @Message("Every week")
    String maintenance_weekly();

    @Message("Repeats: {rule}")
    String maintenance_repeats(String rule);

    @Message("Services: {names}")
    String maintenance_affects(String names);

    // ------------------------------------------------------------------ incidents

    @Message("Incidents")
    String incidents_title();

    @Message("Ongoing incidents")
    String ongoing_incidents();

    @Message("No incidents reported.")
    String no_incidents();

    @Message("Started {time}")
    String incident_started(String time);

    @Message("Resolved {time}")
    String incident_resolved_at(String time);

    @Message("Affected services")
    String incident_affects();

    @Message("Updates")
    String incident_timeline();

    @Message("Latest update")
    String incident_latest();

    @Message("Impact: {impact}")
    String impact_label(String impact);

    @Message("none")
    String impact_none();

    @Message("minor")
    String impact_minor();

    @Message("major")
    String impact_major();

    @Message("critical")
    String impact_critical();

    @Message("Investigating")
    String state_investigating();

    @Message("Identified")
    String state_identified();

    @Message("Monitoring")
    String state_monitoring();

    @Message("Resolved")
    String state_resolved();

    @Message("Degraded performance")
    String service_impact_degraded();

    @Message("Partial outage")
    String service_impact_partial();

    @Message("Major outage")
    String service_impact_major();

    @Message("Newer incidents")
    String newer_incidents();

    @Message("Older incidents")
    String older_incidents();

    @Message("Recent incidents")
    String service_incidents();

    @Message("All incidents")
    String all_incidents();

    @Message("No incident {id}.")
    String no_such_incident(String id);
}
