package org.vigie.board.site.view;

/** One group on the summary: its worst current status and how many of its services are not normal. */
public record SummaryLine(GroupInfo group, StatusInfo worst, int affected, int total) {}
