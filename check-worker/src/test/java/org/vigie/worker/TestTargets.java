package org.vigie.worker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * Targets the tests check, on free loopback ports: an HTTP server answering {@code /ok} with 200 and
 * {@code /unavailable} with 503, the same over HTTPS with a self-signed certificate for localhost generated
 * at run time ({@link TestCertificates}), a server that accepts connections and never answers, and a closed port.
 */
public final class TestTargets implements AutoCloseable {

    private final HttpServer http;
    private final HttpsServer https;
    private final ServerSocket silent;
    private final int closedPort;

    public TestTargets() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        http = HttpServer.create(new InetSocketAddress(loopback, 0), 50);
        http.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.createContext("/unavailable", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        http.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/unavailable");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        http.start();
        https = HttpsServer.create(new InetSocketAddress(loopback, 0), 50);
        https.setHttpsConfigurator(new HttpsConfigurator(selfSigned()));
        https.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        https.start();
        // Never accepted: the kernel completes the handshake into the backlog, then nothing ever answers.
        silent = new ServerSocket(0, 50, loopback);
        try (ServerSocket closed = new ServerSocket(0, 1, loopback)) {
            closedPort = closed.getLocalPort();
        }
    }

    public String http(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    public String selfSignedHttps(String path) {
        return "https://localhost:" + https.getAddress().getPort() + path;
    }

    public String silentHttp() {
        return "http://127.0.0.1:" + silent.getLocalPort() + "/";
    }

    public String silentTcp() {
        return "tcp://127.0.0.1:" + silent.getLocalPort();
    }

    public String closedHttp() {
        return "http://127.0.0.1:" + closedPort + "/";
    }

    public String closedTcp() {
        return "tcp://127.0.0.1:" + closedPort;
    }

    public String openTcp() {
        return "tcp://127.0.0.1:" + http.getAddress().getPort();
    }

    private static SSLContext selfSigned() throws IOException {
        try {
            char[] password = "vigie-test".toCharArray();
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(new TestCertificates().selfSigned().keyStore(password), password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        https.stop(0);
        silent.close();
    }
}
