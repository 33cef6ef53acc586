package org.vigie.board.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.vigie.board.service.Service;
import org.vigie.board.web.Conflict;
import org.vigie.board.web.Inputs;
import org.vigie.board.web.NotFound;

/** Adds, changes and removes groups. Removing a group keeps its services: they move to the ungrouped list. */
@ApplicationScoped
public class GroupCatalog {

    static final int NAME_MAX = 100;

    /** What an admin sends, from JSON or a form; {@code order} is the group's position on the board. */
    public record GroupInput(String name, String slug, String description, String order) {}

    @Transactional
    public Group create(GroupInput in) {
        Inputs inputs = new Inputs();
        String name = inputs.required("name", in.name(), NAME_MAX);
        String slug = inputs.newSlug(in.slug(), name);
        Group group = new Group();
        group.description = "";
        Runnable apply = fields(inputs, group, in);
        inputs.throwIfAny();
        if (Group.findBySlug(slug).isPresent()) {
            throw new Conflict("a group with slug \"" + slug + "\" already exists");
        }
        group.name = name;
        group.slug = slug;
        apply.run();
        group.persist();
        return group;
    }

    @Transactional
    public Group update(String slug, GroupInput in) {
        Group group = find(slug);
        Inputs inputs = new Inputs();
        inputs.sameSlug(in.slug(), group.slug, "it is in links and API clients");
        String name = in.name() == null ? group.name : inputs.required("name", in.name(), NAME_MAX);
        Runnable apply = fields(inputs, group, in);
        inputs.throwIfAny();
        group.name = name;
        apply.run();
        return group;
    }

    /** The group's services stay, ungrouped (the database sets their group to none). */
    @Transactional
    public void delete(String slug) {
        Group group = find(slug);
        Service.update("group = null where group = ?1", group);
        group.delete();
    }

    /**
     * Checks the fields create and update share (a field left out keeps its value) and returns what sets them,
     * to run once every field is right.
     */
    private static Runnable fields(Inputs inputs, Group group, GroupInput in) {
        String description =
                in.description() == null ? group.description : inputs.optional("description", in.description(), 1000);
        Integer order = in.order() == null ? Integer.valueOf(group.displayOrder) : inputs.integer("order", in.order());
        return () -> {
            group.description = description;
            group.displayOrder = order == null ? 0 : order;
        };
    }

    private static Group find(String slug) {
        return Group.findBySlug(slug).orElseThrow(() -> NotFound.slug("group", slug));
    }
}
