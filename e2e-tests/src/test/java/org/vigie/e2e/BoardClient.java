package org.vigie.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A test's view of a running board-web: its public pages and API, and its admin API with the run's token. */
final class BoardClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String board;
    private final HttpClient http = HttpClient.newHttpClient();

    BoardClient(int port) {
        this.board = "http://127.0.0.1:" + port;
    }

    /** Adds a service through the admin API; it must be created. */
    void addService(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                admin("/admin/api/v1/services")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** A public page or API answer, which must be a 200. */
    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(board + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        return JSON.readTree(get(path));
    }

    /** An admin API answer, which must be a 200. */
    JsonNode adminJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(admin(path).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The service's status slug, from the public API. */
    String status(String slug) throws IOException, InterruptedException {
        return getJson("/api/v1/services/" + slug).get("status").get("id").asText();
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(board + path))
                .header("Authorization", "Bearer " + VigieProcesses.ADMIN_TOKEN);
    }
}
