package org.vigie.worker.probe;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.parsetools.RecordParser;

/**
 * A TCP server on a free loopback port that plays a script for the protocol probes' tests: a banner server, a
 * server that answers each line, one that says nothing, one that speaks another protocol. It counts the connections
 * still open, so that a test can see that a probe closed its connection.
 */
final class ScriptedServer implements AutoCloseable {

    private final NetServer server;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    private ScriptedServer(Vertx vertx, String host, PemKeyCertOptions certificate, Consumer<NetSocket> script) {
        NetServerOptions options = new NetServerOptions().setHost(host).setPort(0);
        if (certificate != null) {
            // not TLS from the start: the script upgrades the connection when it is asked to (STARTTLS)
            options.setKeyCertOptions(certificate);
        }
        server = vertx.createNetServer(options).connectHandler(socket -> {
            accepted.incrementAndGet();
            open.incrementAndGet();
            socket.closeHandler(v -> open.decrementAndGet());
            script.accept(socket);
        });
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start", e);
        }
    }

    /** A server on 127.0.0.1 playing {@code script} on every connection. */
    static ScriptedServer start(Vertx vertx, Consumer<NetSocket> script) {
        return new ScriptedServer(vertx, "127.0.0.1", null, script);
    }

    /** A server on {@code host} (127.0.0.1 or ::1) holding {@code certificate} for STARTTLS. */
    static ScriptedServer start(Vertx vertx, String host, PemKeyCertOptions certificate, Consumer<NetSocket> script) {
        return new ScriptedServer(vertx, host, certificate, script);
    }

    /** Sends {@code greeting} on connect, then nothing. */
    static ScriptedServer greeting(Vertx vertx, String greeting) {
        return start(vertx, socket -> socket.write(greeting));
    }

    /** Accepts connections and never says a word. */
    static ScriptedServer silent(Vertx vertx) {
        return start(vertx, socket -> {});
    }

    /** Answers the first bytes a client sends with {@code reply}, then closes, like a server of another protocol. */
    static ScriptedServer answering(Vertx vertx, Buffer reply) {
        return start(vertx, socket -> socket.handler(data -> socket.write(reply).onComplete(v -> socket.close())));
    }

    /** An HTTP server's answer to something that is not HTTP. */
    static ScriptedServer http(Vertx vertx) {
        return answering(
                vertx, Buffer.buffer("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"));
    }

    /** Sends {@code greeting}, then hands each line the client sends (without its line end) to {@code onLine}. */
    static ScriptedServer lines(
            Vertx vertx,
            String host,
            PemKeyCertOptions certificate,
            String greeting,
            BiConsumer<NetSocket, String> onLine) {
        return start(vertx, host, certificate, socket -> {
            RecordParser parser = RecordParser.newDelimited("\n", line -> {
                String text = line.toString();
                onLine.accept(socket, text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
            });
            socket.handler(parser);
            socket.write(greeting);
        });
    }

    int port() {
        return server.actualPort();
    }

    /** Connections accepted and not closed yet. */
    int openConnections() {
        return open.get();
    }

    /** Connections accepted since the start. */
    int acceptedConnections() {
        return accepted.get();
    }

    @Override
    public void close() {
        server.close();
    }
}
