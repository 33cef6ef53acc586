package org.vigie.board.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A small OpenID Connect provider for the single sign-on tests: discovery, an authorization endpoint that signs in
 * whoever the test chose ({@link #signInAs}) at once and sends the browser back with a code, a token endpoint that
 * answers an ID token signed with an RSA key made here, and the key set. Init arg {@code enabled}: what
 * {@code vigie.sso.enabled} is set to (the provider runs either way, and counts the requests it gets).
 */
public class TestOidcProvider implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "vigie-board";
    public static final String CLIENT_SECRET = "test-client-secret";

    /** Every request the provider got, whatever its path. */
    public static final AtomicInteger REQUESTS = new AtomicInteger();

    private static volatile Map<String, Object> next = Map.of();
    private static final Map<String, Map<String, Object>> CODES = new ConcurrentHashMap<>();

    private HttpServer server;
    private RsaJsonWebKey key;
    private String issuer;
    private boolean enabled = true;

    /** The claims of the next sign-in: the subject, a username and the groups claim. */
    public static void signInAs(String subject, String username, List<String> groups) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", subject);
        claims.put("preferred_username", username);
        claims.put("groups", groups);
        next = claims;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        enabled = Boolean.parseBoolean(initArgs.getOrDefault("enabled", "true"));
    }

    @Override
    public Map<String, String> start() {
        try {
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-key");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JoseException | IOException e) {
            throw new IllegalStateException(e);
        }
        REQUESTS.set(0); // counted from this start of board-web on
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.start();
        return Map.of(
                "vigie.sso.enabled",
                Boolean.toString(enabled),
                "vigie.sso.provider-name",
                "Test ID",
                "vigie.sso.issuer",
                issuer,
                "vigie.sso.client-id",
                CLIENT_ID,
                "vigie.sso.client-secret",
                CLIENT_SECRET,
                "vigie.sso.roles.owner",
                "ops-leads",
                "vigie.sso.roles.editor",
                "ops",
                "vigie.sso.roles.viewer",
                "staff,support");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        REQUESTS.incrementAndGet();
        try (exchange) {
            switch (exchange.getRequestURI().getPath()) {
                case "/.well-known/openid-configuration" -> json(exchange, 200, """
                        {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                         "jwks_uri":"%1$s/jwks","response_types_supported":["code"],
                         "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer));
                case "/jwks" ->
                    json(exchange, 200, "{\"keys\":[" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}");
                case "/authorize" -> authorize(exchange);
                case "/token" -> token(exchange);
                default -> json(exchange, 404, "{}");
            }
        } catch (JoseException e) {
            throw new IOException(e);
        }
    }

    /** Signs in the chosen user at once, as a provider with a session would, and sends the browser back. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String code = UUID.randomUUID().toString();
        Map<String, Object> claims = new HashMap<>(next);
        if (query.containsKey("nonce")) {
            claims.put("nonce", query.get("nonce"));
        }
        CODES.put(code, claims);
        String location = query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.getOrDefault("state", ""), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange) throws IOException, JoseException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Map<String, Object> claims = CODES.remove(body.getOrDefault("code", ""));
        if (claims == null) {
            json(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        JwtClaims jwt = new JwtClaims();
        jwt.setIssuer(issuer);
        jwt.setAudience(CLIENT_ID);
        jwt.setIssuedAtToNow();
        jwt.setExpirationTimeMinutesInTheFuture(5);
        claims.forEach(jwt::setClaim);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(jwt.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        json(exchange, 200, """
                {"access_token":"%s","token_type":"Bearer","expires_in":300,"id_token":"%s"}""".formatted(UUID.randomUUID(), jws.getCompactSerialization()));
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
