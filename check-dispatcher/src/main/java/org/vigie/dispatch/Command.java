package org.vigie.dispatch;

import java.util.Optional;

/**
 * The command line: {@code once [--all]} for cron, {@code run} for the long-lived scheduler.
 *
 * @param run {@code true} for {@code run}, {@code false} for {@code once}
 * @param all {@code once --all}: every service with a target, due or not
 */
public record Command(boolean run, boolean all) {

    public static final String USAGE = "usage: vigie-dispatcher once [--all] | run";

    /** The command, or empty when the arguments are not one of the usages. */
    public static Optional<Command> parse(String... args) {
        if (args.length == 1 && args[0].equals("run")) {
            return Optional.of(new Command(true, false));
        }
        if (args.length == 1 && args[0].equals("once")) {
            return Optional.of(new Command(false, false));
        }
        if (args.length == 2 && args[0].equals("once") && args[1].equals("--all")) {
            return Optional.of(new Command(false, true));
        }
        return Optional.empty();
    }
}
