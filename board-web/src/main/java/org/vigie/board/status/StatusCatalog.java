package org.vigie.board.status;

import static org.vigie.board.web.Inputs.trimToNull;

import java.util.Locale;
import java.util.Set;

import org.vigie.board.web.ApiException;
import org.vigie.board.web.Inputs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Adds, changes and removes statuses. Exactly one status is the default: making one the default clears the others
 * in the same transaction, and the default cannot be unset or deleted. A status events use is never deleted (the
 * events would go with it, as stashboard did).
 */
@ApplicationScoped
public class StatusCatalog {

    /** The statuses the checks write their events with: they cannot be deleted. */
    public static final Set<String> USED_BY_CHECKS = Set.of(Status.UP, Status.WARNING, Status.DOWN);

    /**
     * What an admin sends, from JSON or a form. {@code severity} is NORMAL, WARNING, ERROR or CRITICAL
     * ({@code level} in stashboard); {@code image} is a built-in icon's name; {@code isDefault} is a flag.
     */
    public record StatusInput(String name, String slug, String description, String severity, String image, String isDefault) {
    }

    @Transactional
    public Status create(StatusInput in) {
        Inputs inputs = new Inputs();
        String name = inputs.required("name", in.name(), 64);
        String slug = inputs.newSlug(in.slug(), name);
        String description = inputs.optional("description", in.description(), 255);
        Severity severity = trimToNull(in.severity()) == null ? null : severity(inputs, in.severity());
        if (severity == null && !inputs.has("severity")) {
            inputs.error("severity", "severity is required: one of NORMAL, WARNING, ERROR, CRITICAL");
        }
        String icon = trimToNull(in.image()) == null ? null : icon(inputs, in.image());
        Boolean isDefault = inputs.flag("default", in.isDefault());
        inputs.throwIfAny();
        if (Status.findBySlug(slug).isPresent()) {
            throw ApiException.conflict("a status with slug \"" + slug + "\" already exists");
        }
        Status status = new Status();
        status.name = name;
        status.slug = slug;
        status.description = description;
        status.severity = severity;
        status.image = icon == null ? StatusIcon.defaultFor(severity) : icon;
        status.isDefault = false;
        status.persist();
        if (Boolean.TRUE.equals(isDefault)) {
            makeDefault(status);
        }
        return status;
    }

    @Transactional
    public Status update(String slug, StatusInput in) {
        Status status = find(slug);
        Inputs inputs = new Inputs();
        String requestedSlug = trimToNull(in.slug());
        if (requestedSlug != null && !requestedSlug.equals(status.slug)) {
            inputs.error("slug", "slug cannot change: events and API clients refer to it");
        }
        String name = in.name() == null ? status.name : inputs.required("name", in.name(), 64);
        String description = in.description() == null ? status.description : inputs.optional("description", in.description(), 255);
        Severity severity = trimToNull(in.severity()) == null ? status.severity : severity(inputs, in.severity());
        String icon = trimToNull(in.image()) == null ? null : icon(inputs, in.image());
        Boolean isDefault = inputs.flag("default", in.isDefault());
        if (Boolean.FALSE.equals(isDefault) && status.isDefault) {
            inputs.error("default", "default: one status is always the default; make another status the default instead");
        }
        inputs.throwIfAny();
        status.name = name;
        status.description = description;
        status.severity = severity;
        if (icon != null) {
            status.image = icon;
        }
        if (Boolean.TRUE.equals(isDefault) && !status.isDefault) {
            makeDefault(status);
        }
        return status;
    }

    /** Refused (409) while events use the status, while it is the default, or when the checks need it. */
    @Transactional
    public void delete(String slug) {
        Status status = find(slug);
        if (status.isDefault) {
            throw ApiException.conflict("status \"" + slug + "\" is the default: make another status the default first");
        }
        if (USED_BY_CHECKS.contains(status.slug)) {
            throw ApiException.conflict("status \"" + slug + "\" is used by the checks and cannot be deleted");
        }
        long events = uses("Event", status);
        if (events > 0) {
            throw ApiException.conflict("status \"" + slug + "\" is used by " + events + (events == 1 ? " event" : " events")
                    + "; it cannot be deleted while they exist");
        }
        long services = uses("Service", status);
        if (services > 0) {
            throw ApiException.conflict("status \"" + slug + "\" is the current status of " + services
                    + (services == 1 ? " service" : " services"));
        }
        status.delete();
    }

    /**
     * How many rows of an entity refer to the status. Counted by entity name: services and events build on
     * statuses, so the status feature does not import them.
     */
    private static long uses(String entity, Status status) {
        return Status.getEntityManager()
                .createQuery("select count(*) from " + entity + " where status = :status", Long.class)
                .setParameter("status", status)
                .getSingleResult();
    }

    private static void makeDefault(Status status) {
        Status.update("isDefault = false where id <> ?1 and isDefault = true", status.id);
        status.isDefault = true;
    }

    private static Status find(String slug) {
        return Status.findBySlug(slug).orElseThrow(() -> ApiException.notFound("no status \"" + slug + "\""));
    }

    private static Severity severity(Inputs inputs, String text) {
        try {
            return Severity.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            inputs.error("severity", "severity \"" + text + "\" is not one of NORMAL, WARNING, ERROR, CRITICAL");
            return null;
        }
    }

    private static String icon(Inputs inputs, String text) {
        String name = text.trim();
        if (!StatusIcon.known(name)) {
            inputs.error("image", "image \"" + text + "\" is not a built-in icon: one of " + String.join(", ", StatusIcon.NAMES));
            return null;
        }
        return name;
    }
}
