package org.vigie.board.status;

import static org.vigie.board.web.Inputs.trimToNull;

import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.vigie.board.web.Conflict;
import org.vigie.board.web.Inputs;
import org.vigie.board.web.NotFound;

/**
 * Adds, changes and removes statuses. Exactly one status is the default: making one the default clears the others
 * in the same transaction, and the default cannot be unset or deleted. A status events use is never deleted (the
 * events would go with it, as stashboard did).
 */
@ApplicationScoped
public class StatusCatalog {

    /** The statuses the checks write their events with: they cannot be deleted. */
    public static final Set<String> USED_BY_CHECKS =
            Set.of(Status.UP, Status.WARNING, Status.DOWN, Status.UNKNOWN, Status.MAINTENANCE);

    static final int NAME_MAX = 64;

    /**
     * What an admin sends, from JSON or a form. {@code severity} is NORMAL, UNKNOWN, WARNING, ERROR or CRITICAL
     * ({@code level} in stashboard); {@code image} is a built-in icon's name; {@code isDefault} is a flag.
     */
    public record StatusInput(
            String name, String slug, String description, String severity, String image, String isDefault) {}

    @Transactional
    public Status create(StatusInput in) {
        Inputs inputs = new Inputs();
        String name = inputs.required("name", in.name(), NAME_MAX);
        String slug = inputs.newSlug(in.slug(), name);
        Status status = new Status();
        status.description = "";
        Runnable apply = fields(inputs, status, in);
        Boolean isDefault = defaultFlag(inputs, status, in);
        inputs.throwIfAny();
        if (Status.findBySlug(slug).isPresent()) {
            throw new Conflict("a status with slug \"" + slug + "\" already exists");
        }
        status.name = name;
        status.slug = slug;
        apply.run();
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
        inputs.sameSlug(in.slug(), status.slug, "events and API clients refer to it");
        String name = in.name() == null ? status.name : inputs.required("name", in.name(), NAME_MAX);
        Runnable apply = fields(inputs, status, in);
        Boolean isDefault = defaultFlag(inputs, status, in);
        inputs.throwIfAny();
        status.name = name;
        apply.run();
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
            throw new Conflict("status \"" + slug + "\" is the default: make another status the default first");
        }
        if (USED_BY_CHECKS.contains(status.slug)) {
            throw new Conflict("status \"" + slug + "\" is used by the checks and cannot be deleted");
        }
        long events = uses("Event", status);
        if (events > 0) {
            throw new Conflict("status \"" + slug + "\" is used by " + events + (events == 1 ? " event" : " events")
                    + "; it cannot be deleted while they exist");
        }
        long services = uses("Service", status);
        if (services > 0) {
            throw new Conflict("status \"" + slug + "\" is the current status of " + services
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

    /**
     * Checks the fields create and update share but the default flag (a field left out keeps its value; a new
     * status must have a severity) and returns what sets them, to run once every field is right.
     */
    private static Runnable fields(Inputs inputs, Status status, StatusInput in) {
        String description =
                in.description() == null ? status.description : inputs.optional("description", in.description(), 255);
        Severity severity = trimToNull(in.severity()) == null ? status.severity : severity(inputs, in.severity());
        if (severity == null && !inputs.has("severity")) {
            inputs.error("severity", "severity is required: one of " + Severity.names());
        }
        if (Status.UNKNOWN.equals(status.slug) && severity != null && severity != Severity.UNKNOWN) {
            // the board leaves Unknown time out of the uptime by this severity
            inputs.error("severity", "the Unknown status keeps the severity UNKNOWN");
        }
        if (Status.MAINTENANCE.equals(status.slug) && severity != null && severity != Severity.UNKNOWN) {
            // maintenance time counts neither up nor down, by this severity too
            inputs.error("severity", "the Maintenance status keeps the severity UNKNOWN");
        }
        String icon = trimToNull(in.image()) == null ? status.image : icon(inputs, in.image());
        return () -> {
            status.description = description;
            status.severity = severity;
            status.image = icon != null ? icon : StatusIcon.defaultFor(severity);
        };
    }

    /** Making a status the default clears the others; unsetting it is refused: one status is always the default. */
    private static Boolean defaultFlag(Inputs inputs, Status status, StatusInput in) {
        Boolean isDefault = inputs.flag("default", in.isDefault());
        if (Boolean.FALSE.equals(isDefault) && status.isDefault) {
            inputs.error(
                    "default", "default: one status is always the default; make another status the default instead");
        }
        return isDefault;
    }

    private static void makeDefault(Status status) {
        Status.update("isDefault = false where id <> ?1 and isDefault = true", status.id);
        status.isDefault = true;
    }

    private static Status find(String slug) {
        return Status.findBySlug(slug).orElseThrow(() -> NotFound.slug("status", slug));
    }

    private static Severity severity(Inputs inputs, String text) {
        try {
            return Severity.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            inputs.error("severity", "severity \"" + text + "\" is not one of " + Severity.names());
            return null;
        }
    }

    private static String icon(Inputs inputs, String text) {
        String name = text.trim();
        if (!StatusIcon.known(name)) {
            inputs.error(
                    "image",
                    "image \"" + text + "\" is not a built-in icon: one of " + String.join(", ", StatusIcon.NAMES));
            return null;
        }
        return name;
    }
}
