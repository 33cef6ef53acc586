package org.vigie.board.site.view;

import org.vigie.board.group.Group;

/** A group of services ("service list"); {@code id} null stands for the board's ungrouped services. */
public record GroupInfo(Long id, String slug, String name, String description, int displayOrder) {

    public static GroupInfo of(Group g) {
        return new GroupInfo(g.id, g.slug, g.name, g.description, g.displayOrder);
    }
}
