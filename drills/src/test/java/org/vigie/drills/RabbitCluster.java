package org.vigie.drills;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.rabbitmq.client.Address;

/**
 * A three-node RabbitMQ cluster of the drills' own, made and driven by {@code deploy/rabbitmq/local-cluster} (the
 * operators' script: one recipe for both) on free AMQP and distribution ports, with node names of this run and its
 * directories in a temporary directory; the nodes' logs are copied to the drills' logs before it goes.
 */
final class RabbitCluster implements AutoCloseable {

    static final int NODES = 3;

    private final Path script = Path.of(System.getProperty("vigie.root", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("deploy/rabbitmq/local-cluster");
    private final Path dir;
    private final Path logs;
    private final String name;
    private final List<Integer> amqpPorts = new ArrayList<>();
    private final List<Integer> distPorts = new ArrayList<>();
    private final String user;
    private final String password;
    private boolean closed;

    /** The cluster's nodes let {@code user} in with {@code password} (made at start), as the apps log in. */
    RabbitCluster(Path logs, String user, String password) throws IOException {
        this.logs = logs;
        this.user = user;
        this.password = password;
        // 755: the nodes run as rabbitmq, which must enter it (the script gives it the nodes' directories)
        this.dir = Files.createTempDirectory(
                "vigie-drills-cluster-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        this.name = "vigie-drill-" + ProcessHandle.current().pid() + "-mq";
        for (int i = 0; i < NODES; i++) {
            amqpPorts.add(DrillServers.freePort());
            distPorts.add(DrillServers.freePort());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    /** Starts the three nodes, clusters them and makes the apps' user. */
    void start() throws Exception {
        script(300, "start");
    }

    /** {@code 127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}: RABBITMQ_ADDRESSES. */
    String addresses() {
        return amqpPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    List<Address> addressList() {
        return List.of(Address.parseAddresses(addresses()));
    }

    /** Node {@code n} (1 to 3): {@code <name>-<n>@localhost}. */
    String node(int n) {
        return name + "-" + n + "@localhost";
    }

    int number(String node) {
        return IntStream.rangeClosed(1, NODES)
                .filter(n -> node(n).equals(node))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(node + " is not a node of " + name));
    }

    /** SIGKILL of node {@code n}'s Erlang VM: a crash, its connections and its queue replicas gone at once. */
    void kill(int n) throws Exception {
        script(60, "kill-node", Integer.toString(n));
    }

    /** Starts node {@code n} again on its data; it rejoins the cluster and its replicas catch up. */
    void start(int n) throws Exception {
        script(180, "start-node", Integer.toString(n));
    }

    /** The node leading each quorum queue now, by queue name, as the first running node sees it. */
    Map<String, String> leaders() throws Exception {
        return script(60, "leaders")
                .lines()
                .map(line -> line.split("\t"))
                .filter(f -> f.length >= 3 && f[1].equals("quorum"))
                .collect(Collectors.toMap(f -> f[0], f -> f[2]));
    }

    Optional<String> leader(String queue) throws Exception {
        return Optional.ofNullable(leaders().get(queue));
    }

    /** Messages delivered and not yet acknowledged, in a queue: -1 when the queue is unknown. */
    long unacknowledged(String queue) throws Exception {
        return script(60, "leaders")
                .lines()
                .map(line -> line.split("\t"))
                .filter(f -> f.length >= 6 && f[0].equals(queue))
                .mapToLong(f -> Long.parseLong(f[5].trim()))
                .findFirst()
                .orElse(-1);
    }

    /** Runs the script on this cluster's settings; its output, also appended to the drills' commands log. */
    private String script(int seconds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "script-", ".out");
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        Map<String, String> env = pb.environment();
        env.put("VIGIE_CLUSTER_DIR", dir.resolve("nodes").toString());
        env.put("VIGIE_CLUSTER_PORTS", join(amqpPorts));
        env.put("VIGIE_CLUSTER_DIST_PORTS", join(distPorts));
        env.put("VIGIE_CLUSTER_NAME", name);
        env.put("VIGIE_CLUSTER_USER", user);
        env.put("VIGIE_CLUSTER_PASSWORD", password);
        Process p = pb.start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(out);
        Files.delete(out);
        Files.writeString(
                logs.resolve("servers-commands.log"),
                "$ local-cluster " + String.join(" ", args) + "\n" + output,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (!done) {
            throw new IllegalStateException(
                    "local-cluster " + String.join(" ", args) + " did not finish within " + seconds + " s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    "local-cluster " + String.join(" ", args) + " exited with " + p.exitValue() + ": " + output);
        }
        return output;
    }

    private static String join(List<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    /** Stops every node (SIGKILL for one that does not answer), keeps their logs, removes their directories. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            script(120, "stop");
        } catch (Exception e) {
            // the script SIGKILLs a node that does not stop; the directory goes below anyway
        }
        copyLogs();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // /tmp is cleaned at boot
            }
        }
    }

    private void copyLogs() {
        for (int n = 1; n <= NODES; n++) {
            Path from = dir.resolve("nodes/" + n + "/log");
            if (!Files.isDirectory(from)) {
                continue;
            }
            try (Stream<Path> files = Files.list(from)) {
                Path to = Files.createDirectories(logs.resolve("rabbitmq-cluster-" + n));
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException ignored) {
                // logs are a help, not a result
            }
        }
    }
}
