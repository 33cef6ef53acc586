package org.vigie.board.site.view;

import java.time.LocalDate;

/** One day of a service page's uptime table. */
public record DayUptime(LocalDate day, String label, String href, String uptime, int checks, String averageLatency) {}
