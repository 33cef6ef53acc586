package org.vigie.board.site.history;

import java.time.LocalDate;

import org.vigie.board.site.view.StatusInfo;

/** One past day of one service: the worst status it was in that day (null: no data yet), and whether notes were posted. */
public record DayCell(LocalDate day, StatusInfo worst, boolean notes) {}
