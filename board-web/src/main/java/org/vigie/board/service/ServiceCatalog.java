package org.vigie.board.service;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import org.vigie.board.api.ApiException;
import org.vigie.check.InvalidTargetException;
import org.vigie.check.Target;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Adds services: validates what an admin sent, derives the slug, and schedules the first check. */
@ApplicationScoped
public class ServiceCatalog {

    public static final int MIN_INTERVAL_SECONDS = 1;
    public static final int MAX_INTERVAL_SECONDS = 86_400;

    private final Clock clock;

    public ServiceCatalog(Clock clock) {
        this.clock = clock;
    }

    /** What an admin sends to add a service; only the name is required. */
    public record NewService(String name, String slug, String description, String target, Integer interval) {
    }

    /**
     * Validates and stores a service. Everything is checked before anything is written, so a refusal leaves
     * nothing behind.
     *
     * @throws ApiException 400 naming the field that is wrong, 409 when the slug is taken
     */
    @Transactional
    public Service create(NewService request) {
        String name = trimToNull(request.name());
        if (name == null) {
            throw ApiException.badRequest("name is required");
        }
        if (name.length() > 100) {
            throw ApiException.badRequest("name is longer than 100 characters");
        }
        String description = request.description() == null ? "" : request.description().trim();
        if (description.length() > 1000) {
            throw ApiException.badRequest("description is longer than 1000 characters");
        }
        int interval = request.interval() == null ? Service.DEFAULT_INTERVAL_SECONDS : request.interval();
        if (interval < MIN_INTERVAL_SECONDS || interval > MAX_INTERVAL_SECONDS) {
            throw ApiException.badRequest("interval must be between " + MIN_INTERVAL_SECONDS + " and " + MAX_INTERVAL_SECONDS + " seconds");
        }
        String target = trimToNull(request.target());
        if (target != null) {
            try {
                Target.parse(target);
            } catch (InvalidTargetException e) {
                throw ApiException.badRequest("target: " + e.getMessage());
            }
        }
        String requestedSlug = trimToNull(request.slug());
        String slug = slugify(requestedSlug != null ? requestedSlug : name);
        if (slug.isEmpty()) {
            throw ApiException.badRequest("slug: cannot make a slug from \"" + (requestedSlug != null ? requestedSlug : name)
                    + "\"; give one with letters or digits");
        }
        if (Service.findBySlug(slug).isPresent()) {
            throw new ApiException(409, "a service with slug \"" + slug + "\" already exists");
        }

        Instant now = clock.instant();
        Service service = new Service();
        service.name = name;
        service.slug = slug;
        service.description = description;
        service.target = target;
        service.checkIntervalSeconds = interval;
        service.createdAt = now;
        service.persist();
        if (target != null) {
            CheckSchedule.dueNow(service.id, now).persist(); // first check at the next dispatch pass
        }
        return service;
    }

    /** Lower-case ASCII letters, digits and dashes, at most 64 characters: stable in URLs. */
    public static String slugify(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() > 64 ? slug.substring(0, 64).replaceAll("-+$", "") : slug;
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
