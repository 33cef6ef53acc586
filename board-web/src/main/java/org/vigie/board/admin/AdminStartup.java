package org.vigie.board.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.vigie.board.web.InvalidInput;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * At start: creates the first admin from {@code vigie.admin.initial-username/-password} when there is none yet,
 * and says plainly when the login cookie's encryption key is missing.
 */
@ApplicationScoped
public class AdminStartup {

    private static final Logger LOG = Logger.getLogger(AdminStartup.class);
    static final String KEY = "quarkus.http.auth.session.encryption-key";

    void start(@Observes StartupEvent event, AdminConfig config, AdminUsers users) {
        checkEncryptionKey();
        if (users.count() > 0) {
            return;
        }
        if (config.initialUsername().isEmpty() || config.initialPassword().isEmpty()) {
            LOG.warn(
                    "No admin can log in to /admin yet. Set VIGIE_ADMIN_INITIAL_USERNAME and VIGIE_ADMIN_INITIAL_PASSWORD "
                            + "(vigie.admin.initial-username/-password) and restart, or run org.vigie.board.admin.AdminUserCommand "
                            + "(see docs): the first admin is created from them.");
            return;
        }
        try {
            users.setPassword(
                    config.initialUsername().get(), config.initialPassword().get());
            LOG.infof(
                    "Created the first admin, '%s', from vigie.admin.initial-username; change the password or unset "
                            + "VIGIE_ADMIN_INITIAL_PASSWORD now that it exists.",
                    config.initialUsername().get().trim());
        } catch (InvalidInput e) {
            LOG.errorf(
                    "The first admin was not created from vigie.admin.initial-username/-password: %s", e.getMessage());
        }
    }

    private static void checkEncryptionKey() {
        var key = ConfigProvider.getConfig().getOptionalValue(KEY, String.class);
        if (key.isEmpty() || key.get().length() < 16) {
            String message = "Admin logins: " + KEY + " (env QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY) is "
                    + (key.isEmpty() ? "not set" : "shorter than 16 characters")
                    + ". board-web encrypts the login cookie with a random key instead: every restart logs admins out, and "
                    + "instances behind one load balancer do not accept each other's logins. Set a random key of 32+ "
                    + "characters (e.g. openssl rand -base64 32).";
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                LOG.warn(message);
            } else {
                LOG.info(message);
            }
        }
    }
}
