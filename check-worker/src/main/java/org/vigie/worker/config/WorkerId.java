package org.vigie.worker.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;

/** The id this worker signs its results with: {@code vigie.worker.id}, else {@code <hostname>-<pid>}. */
@ApplicationScoped
public class WorkerId {

    private final String value;

    WorkerId(WorkerConfig config) {
        this.value = config.id().filter(id -> !id.isBlank()).orElseGet(WorkerId::hostAndPid);
    }

    public String value() {
        return value;
    }

    static String hostAndPid() {
        return HOST + "-" + ProcessHandle.current().pid();
    }

    /** The host this worker runs on, as it knows itself (for heartbeats). */
    public String host() {
        return HOST;
    }

    private static final String HOST = hostName();

    private static String hostName() {
        // Containers and systemd set HOSTNAME; asking the resolver is the fallback, read once at startup.
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }
}
