package org.vigie.board.site.snapshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the test database that a test cuts (every connection closed, new ones closed as they
 * come, as a database that went away) and restores. One per JVM, started by the test profile before Quarkus
 * connects; the test reaches it through {@link #cut()} and {@link #restore()}, which send a word to its control port
 * (named in a system property), because the profile and the test may be loaded by different class loaders.
 */
public final class DatabaseProxy {

    private static final String PORT = "vigie.test.db-proxy.port";
    private static final String CONTROL = "vigie.test.db-proxy.control";

    private final ServerSocket server;
    private final ServerSocket control;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean up = true;

    private DatabaseProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.control = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread("db-proxy-accept", this::accept).start();
        thread("db-proxy-control", this::control).start();
    }

    /** The proxy's port, starting it on first use. */
    public static synchronized int port(String targetHost, int targetPort) {
        Object port = System.getProperties().get(PORT);
        if (port != null) {
            return Integer.parseInt(port.toString());
        }
        try {
            DatabaseProxy proxy = new DatabaseProxy(targetHost, targetPort);
            System.setProperty(CONTROL, Integer.toString(proxy.control.getLocalPort()));
            System.setProperty(PORT, Integer.toString(proxy.server.getLocalPort()));
            return proxy.server.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the database proxy", e);
        }
    }

    /** The database goes away: open connections are closed, new ones closed as soon as they are accepted. */
    public static void cut() {
        send("cut");
    }

    public static void restore() {
        send("restore");
    }

    /** One word to the control port; returns once the proxy has done it. */
    private static void send(String word) {
        int port = Integer.parseInt(System.getProperty(CONTROL));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write((word + "\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            if (s.getInputStream().read() < 0) {
                throw new IllegalStateException("the database proxy did not answer " + word);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the database proxy", e);
        }
    }

    private void control() {
        while (!control.isClosed()) {
            try (Socket s = control.accept();
                    BufferedReader in =
                            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
                String word = in.readLine();
                if ("cut".equals(word)) {
                    cutNow();
                } else if ("restore".equals(word)) {
                    restoreNow();
                }
                s.getOutputStream().write('.');
                s.getOutputStream().flush();
            } catch (IOException e) {
                // the next command
            }
        }
    }

    private void cutNow() {
        up = false;
        for (Socket s : open) {
            close(s);
        }
        open.clear();
    }

    private void restoreNow() {
        up = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!up) {
                    close(client);
                    continue;
                }
                Socket db = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(db);
                thread("db-proxy-up", () -> pump(client, db)).start();
                thread("db-proxy-down", () -> pump(db, client)).start();
            } catch (IOException e) {
                // the next connection
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // closed by either side, or cut
        } finally {
            close(from);
            close(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static Thread thread(String name, Runnable run) {
        Thread t = new Thread(run, name);
        t.setDaemon(true);
        return t;
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
