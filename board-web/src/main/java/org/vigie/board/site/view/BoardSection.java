package org.vigie.board.site.view;

import java.util.List;

/** A group's services on the board; {@code group} null when the board has no groups at all. */
public record BoardSection(GroupInfo group, List<BoardRow> rows) {}
