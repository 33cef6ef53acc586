package org.vigie.worker.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.vigie.worker.TestCertificates;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetServer;

/**
 * Servers the probe tests check, started by the tests on loopback (127.0.0.1, and ::1 for IPv6-only), each on a free
 * port: a well-behaved HTTP application, hostile servers (silent, a byte a second, an endless body, a full accept
 * backlog that drops new connections) and HTTPS servers with generated certificates.
 */
final class TestServers implements AutoCloseable {

    /** Served at /aaa: a run of {@code a}s that {@code (a+)+$} backtracks over for a long time, as the {@code !} fails it. */
    static final String A_RUN = "a".repeat(30_000) + "!";

    /** Served at /json. */
    static final String JSON_BODY = "{\"status\":\"down\",\"checks\":[{\"healthy\":true}],\"count\":3}";

    final Vertx vertx = Vertx.vertx();
    final TestCertificates certificates = new TestCertificates();
    /** Requests that reached an HTTPS server, by server: a refused certificate must leave it at zero. */
    final AtomicInteger selfSignedRequests = new AtomicInteger();
    /** Endless bodies whose connection the client closed: the probe stopped reading. */
    final AtomicInteger endlessClosed = new AtomicInteger();
    /** The TLS server names (SNI) the HTTPS servers were asked for. */
    final Queue<String> serverNames = new ConcurrentLinkedQueue<>();

    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<Socket> backlogFillers = new ArrayList<>();

    final int http;
    /** A second HTTP server on 127.0.0.1, another port: another origin. */
    final int otherHttp;

    final int http6;
    final int silent;
    final int byteASecond;
    final int closed;
    final int fullBacklog;
    final int validHttps;
    final int expiringHttps;
    final int expiredHttps;
    final int selfSignedHttps;
    final int wrongHostHttps;

    TestServers() throws Exception {
        http = listen(new HttpServerOptions().setHost("127.0.0.1"), this::application);
        otherHttp = listen(new HttpServerOptions().setHost("127.0.0.1"), this::application);
        http6 = listen(new HttpServerOptions().setHost("::1"), this::application);
        silent = silentServer();
        byteASecond = byteASecondServer();
        closed = closedPort();
        fullBacklog = fullBacklogServer();
        validHttps = https(certificates.valid(60), this::application);
        expiringHttps = https(certificates.valid(5), this::application);
        expiredHttps = https(certificates.expired(3), this::application);
        selfSignedHttps = https(certificates.selfSigned(), request -> {
            selfSignedRequests.incrementAndGet();
            application(request);
        });
        wrongHostHttps = https(
                certificates.signed(
                        Instant.now().minusSeconds(86_400), Instant.now().plusSeconds(90 * 86_400L), "other.example"),
                this::application);
    }

    String url(String path) {
        return "http://127.0.0.1:" + http + path;
    }

    /** Requests the application servers answered on {@code path}. */
    AtomicInteger served(String path) {
        return served.computeIfAbsent(path, p -> new AtomicInteger());
    }

    private void application(HttpServerRequest request) {
        String path = request.path();
        served(path).incrementAndGet();
        HttpServerResponse response = request.response();
        if (path.equals("/ok")) {
            response.end("all ok");
        } else if (path.startsWith("/status/")) {
            response.setStatusCode(Integer.parseInt(path.substring("/status/".length())))
                    .end("maintenance in progress");
        } else if (path.equals("/text")) {
            response.end("version v42 ready");
        } else if (path.equals("/json")) {
            response.putHeader("Content-Type", "application/json").end(JSON_BODY);
        } else if (path.equals("/headers")) {
            response.end("X-Probe=" + request.getHeader("X-Probe") + " UA=" + request.getHeader("User-Agent")
                    + " method=" + request.method());
        } else if (path.equals("/loop")) {
            response.setStatusCode(302).putHeader("Location", "/loop").end();
        } else if (path.startsWith("/hop/")) {
            int left = Integer.parseInt(path.substring("/hop/".length()));
            if (left == 0) {
                response.end("arrived");
            } else {
                response.setStatusCode(301)
                        .putHeader("Location", "/hop/" + (left - 1))
                        .end();
            }
        } else if (path.equals("/redirect")) {
            // to=<URL>, status=<3xx> (302 by default): a redirect wherever a test needs one
            String status = request.getParam("status");
            response.setStatusCode(status == null ? 302 : Integer.parseInt(status))
                    .putHeader("Location", request.getParam("to"))
                    .end();
        } else if (path.equals("/ping-pong")) {
            // a loop across two host names: 127.0.0.1 sends to localhost, which sends back
            String other = request.authority().host().equals("127.0.0.1") ? "localhost" : "127.0.0.1";
            response.setStatusCode(302)
                    .putHeader(
                            "Location",
                            "http://" + other + ":" + request.authority().port() + "/ping-pong")
                    .end();
        } else if (path.equals("/aaa")) {
            response.end(A_RUN);
        } else if (path.equals("/moved")) {
            response.setStatusCode(302).putHeader("Location", "/status/503").end();
        } else if (path.equals("/slow")) {
            // a slow application, not a hostile one: answers after 300 ms
            vertx.setTimer(300, id -> response.end("late but fine"));
        } else {
            response.setStatusCode(404).end("no such page");
        }
    }

    /** An HTTP server whose /endless never ends its body: it writes as fast as the client reads, until closed. */
    int endless(AtomicInteger closedCounter) throws Exception {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"));
        server.requestHandler(request -> {
            HttpServerResponse response = request.response().setChunked(true);
            response.closeHandler(v -> closedCounter.incrementAndGet());
            Buffer chunk = Buffer.buffer("ok ".repeat(2730));
            Runnable[] pump = new Runnable[1];
            pump[0] = () -> {
                while (!response.writeQueueFull() && !response.closed()) {
                    response.write(chunk);
                }
                if (!response.closed()) {
                    response.drainHandler(v -> pump[0].run());
                }
            };
            pump[0].run();
        });
        server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        closing.add(() -> server.close());
        return server.actualPort();
    }

    private int listen(HttpServerOptions options, Handler<HttpServerRequest> handler) throws Exception {
        HttpServer server = vertx.createHttpServer(options).requestHandler(handler);
        server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        closing.add(() -> server.close());
        return server.actualPort();
    }

    private int https(TestCertificates.Issued issued, Handler<HttpServerRequest> handler) throws Exception {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                        .setHost("127.0.0.1")
                        .setSsl(true)
                        .setSni(true)
                        .setKeyCertOptions(issued.keyCert()))
                .requestHandler(handler);
        // after the handshake: the name the client asked for (SNI), if any
        server.connectionHandler(connection -> {
            if (connection.indicatedServerName() != null) {
                serverNames.add(connection.indicatedServerName());
            }
        });
        server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        closing.add(() -> server.close());
        return server.actualPort();
    }

    /** Accepts (the kernel completes the handshake into the backlog) and never reads or writes. */
    private int silentServer() throws IOException {
        ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        closing.add(server);
        return server.getLocalPort();
    }

    /** Sends an HTTP response one byte a second: status line, headers, body, never done. */
    private int byteASecondServer() throws Exception {
        byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"
                .concat("x".repeat(1000))
                .getBytes(StandardCharsets.US_ASCII);
        NetServer server = vertx.createNetServer().connectHandler(socket -> {
            int[] next = new int[1];
            long timer = vertx.setPeriodic(1000, id -> {
                if (next[0] < response.length) {
                    socket.write(Buffer.buffer(new byte[] {response[next[0]++]}));
                }
            });
            socket.closeHandler(v -> vertx.cancelTimer(timer));
            socket.handler(ignored -> {});
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        closing.add(() -> server.close());
        return server.actualPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket closedSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return closedSocket.getLocalPort();
        }
    }

    /**
     * A listening socket whose accept queue is full: Linux drops new connection attempts (SYNs) without answering,
     * as a firewall dropping packets would. Filled with connections until one attempt goes unanswered.
     */
    private int fullBacklogServer() throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        closing.add(server);
        for (int i = 0; i < 16; i++) {
            Socket filler = new Socket();
            backlogFillers.add(filler);
            try {
                filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 500);
            } catch (SocketTimeoutException e) {
                return server.getLocalPort();
            }
        }
        throw new IllegalStateException("the accept queue of a backlog-1 socket never filled");
    }

    @Override
    public void close() throws Exception {
        for (Socket filler : backlogFillers) {
            try {
                filler.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
