package org.vigie.board.admin.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Admin access. */
@ConfigMapping(prefix = "vigie.admin")
public interface AdminConfig {

    /**
     * The bearer token the admin API accepts ({@code Authorization: Bearer <token>}). Without one, the admin API
     * refuses every request: there is no default token to forget to change.
     */
    Optional<String> apiToken();
}
