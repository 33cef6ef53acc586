package org.vigie.drills;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * The services' targets: one local HTTP server, one path per service ({@code /t/<n>}). Most answer 200 after a few
 * milliseconds; every 20th flaps between 200 and 503 every 30 s of the test's clock, so the board derives events and
 * the drills can look for duplicated ones.
 */
final class Targets implements AutoCloseable {

    static final int FLAP_EVERY = 20;
    static final long FLAP_PERIOD_S = 30;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    final AtomicLong requests = new AtomicLong();

    Targets() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(threads);
        server.createContext("/t/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            int n = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            boolean up = n % FLAP_EVERY != 0 || (System.currentTimeMillis() / 1000 / FLAP_PERIOD_S) % 2 == 0;
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(5, 40)); // a service takes a moment to answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = (up ? "ok" : "unavailable").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url(int n) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/t/" + n;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
