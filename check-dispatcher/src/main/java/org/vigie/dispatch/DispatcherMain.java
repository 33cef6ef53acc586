package org.vigie.dispatch;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vigie.dispatch.broker.BrokerException;
import org.vigie.dispatch.broker.BrokerPreflight;
import org.vigie.dispatch.schedule.DueServices;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The dispatcher's entry point. {@code once} makes one pass and exits (what cron calls), {@code run} dispatches every
 * tick until stopped. Exit codes: 0 done, 2 bad arguments, 3 database unreachable, 4 broker unreachable; a failure
 * is one line on stderr, a finished {@code once} one summary line on stdout.
 */
@QuarkusMain
public class DispatcherMain implements QuarkusApplication {

    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_DATABASE = 3;
    public static final int EXIT_BROKER = 4;

    static final String PREFIX = "vigie-dispatcher: ";

    @Inject
    Dispatcher dispatcher;

    @Inject
    DueServices dueServices;

    @Inject
    BrokerPreflight preflight;

    @Inject
    Scheduler scheduler;

    @Inject
    DispatchConfig config;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    Optional<String> jdbcUrl;

    public static void main(String... args) {
        Optional<Command> command = Command.parse(args);
        if (command.isEmpty()) {
            System.err.println(Command.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        if (!command.get().run()) {
            // cron may start `once` next to a running `run` dispatcher: take any free port, not 8082
            defaultTo("quarkus.http.port", "0");
            // `once` speaks in its summary or error line; logs only when the operator asks for them
            defaultTo("quarkus.log.console.level", "OFF");
            defaultTo("quarkus.banner.enabled", "false");
        }
        Quarkus.run(DispatcherMain.class, args);
    }

    /** Sets a property unless the operator set it as a system property or environment variable. */
    private static void defaultTo(String property, String value) {
        String env = property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
        if (System.getProperty(property) == null && System.getenv(env) == null) {
            System.setProperty(property, value);
        }
    }

    @Override
    public int run(String... args) {
        Optional<Command> command = Command.parse(args);
        if (command.isEmpty()) {
            System.err.println(Command.USAGE);
            return EXIT_USAGE;
        }
        if (command.get().run()) {
            scheduler.start();
            Quarkus.waitForExit();
            return EXIT_OK;
        }
        return once(command.get().all());
    }

    private int once(boolean all) {
        try {
            checkDatabase(config.connectTimeout());
        } catch (SQLException | TimeoutException e) {
            return fail(EXIT_DATABASE, "cannot reach the database at " + databaseAddress() + ": " + Causes.describe(e));
        }
        try {
            preflight.declare();
        } catch (BrokerException e) {
            return fail(EXIT_BROKER, e.getMessage());
        }
        PassResult result;
        try {
            result = dispatcher.pass(all);
        } catch (SQLException e) {
            return fail(EXIT_DATABASE, "database error at " + databaseAddress() + ": " + Causes.describe(e));
        }
        if (result.publishFailed()) {
            return fail(
                    EXIT_BROKER,
                    "cannot publish to the broker at " + preflight.address() + ": "
                            + result.publishProblem() + "; dispatched " + result.dispatched() + ", " + result.putBack()
                            + " put back for the next pass, " + result.unconfirmed()
                            + " unconfirmed (due next interval)");
        }
        System.out.println(result.summary());
        return EXIT_OK;
    }

    private static int fail(int exitCode, String line) {
        System.err.println(PREFIX + line);
        return exitCode;
    }

    /** Opens one connection within {@code timeout}, whatever the driver's own timeouts are. */
    private void checkDatabase(Duration timeout) throws SQLException, TimeoutException {
        int seconds = (int) Math.max(1, timeout.toSeconds());
        CompletableFuture<Void> ping = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("vigie-database-preflight").start(() -> {
            try {
                dueServices.ping(seconds);
                ping.complete(null);
            } catch (Throwable e) {
                ping.completeExceptionally(e);
            }
        });
        try {
            ping.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException(Causes.describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted");
        }
    }

    /** The JDBC URL without its query (which may hold a password) or credentials. */
    private String databaseAddress() {
        String url = jdbcUrl.orElse("(quarkus.datasource.jdbc.url is not set)");
        int query = url.indexOf('?');
        String address = query < 0 ? url : url.substring(0, query);
        return address.replaceFirst("//[^/@]*@", "//");
    }
}
