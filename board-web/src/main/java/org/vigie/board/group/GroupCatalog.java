package org.vigie.board.group;

import static org.vigie.board.web.Inputs.trimToNull;

import org.vigie.board.web.ApiException;
import org.vigie.board.web.Inputs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Adds, changes and removes groups. Removing a group keeps its services: they move to the ungrouped list. */
@ApplicationScoped
public class GroupCatalog {

    /** What an admin sends, from JSON or a form; {@code order} is the group's position on the board. */
    public record GroupInput(String name, String slug, String description, String order) {
    }

    @Transactional
    public Group create(GroupInput in) {
        Inputs inputs = new Inputs();
        String name = inputs.required("name", in.name(), 100);
        String slug = inputs.newSlug(in.slug(), name);
        String description = inputs.optional("description", in.description(), 1000);
        Integer order = inputs.integer("order", in.order());
        inputs.throwIfAny();
        if (Group.findBySlug(slug).isPresent()) {
            throw ApiException.conflict("a group with slug \"" + slug + "\" already exists");
        }
        Group group = new Group();
        group.name = name;
        group.slug = slug;
        group.description = description;
        group.displayOrder = order == null ? 0 : order;
        group.persist();
        return group;
    }

    @Transactional
    public Group update(String slug, GroupInput in) {
        Group group = find(slug);
        Inputs inputs = new Inputs();
        String requestedSlug = trimToNull(in.slug());
        if (requestedSlug != null && !requestedSlug.equals(group.slug)) {
            inputs.error("slug", "slug cannot change: it is in links and API clients");
        }
        String name = in.name() == null ? group.name : inputs.required("name", in.name(), 100);
        String description = in.description() == null ? group.description : inputs.optional("description", in.description(), 1000);
        Integer order = in.order() == null ? Integer.valueOf(group.displayOrder) : inputs.integer("order", in.order());
        inputs.throwIfAny();
        group.name = name;
        group.description = description;
        group.displayOrder = order == null ? 0 : order;
        return group;
    }

    /** The group's services stay, ungrouped (the database sets their group to none). */
    @Transactional
    public void delete(String slug) {
        Group group = find(slug);
        org.vigie.board.service.Service.update("group = null where group = ?1", group);
        group.delete();
    }

    private static Group find(String slug) {
        return Group.findBySlug(slug).orElseThrow(() -> ApiException.notFound("no group \"" + slug + "\""));
    }

}
