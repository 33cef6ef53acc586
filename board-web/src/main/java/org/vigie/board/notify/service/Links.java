package org.vigie.board.notify.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.board.notify.PublicAddress;

/**
 * Links to the public board in messages, from {@code vigie.board.public-url} (the address visitors use, e.g.
 * {@code https://status.example.org}); without it, messages carry no link.
 */
@ApplicationScoped
public class Links {

    private final String base;

    public Links(PublicAddress address) {
        this.base = address.publicUrl()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
                .orElse(null);
    }

    public String board() {
        return base == null ? null : base + "/";
    }

    public String service(String slug) {
        return base == null ? null : base + "/services/" + slug;
    }

    public String incident(long id) {
        return base == null ? null : base + "/incidents/" + id;
    }
}
