package org.vigie.board.site.view;

/** A group of services ("service list"); {@code id} null stands for the board's ungrouped services. */
public record GroupInfo(Long id, String slug, String name, String description, int displayOrder) {
}
