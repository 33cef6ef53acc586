package org.vigie.worker.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.vigie.check.CheckTask;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Reading a task from whatever the connector hands over. */
class TaskReaderTest {

    private static final String TASK = """
            {"taskId":"t-1","serviceId":3,"target":"http://example.com/","timeoutMillis":5000,
             "issuedAt":"2026-01-01T00:00:00Z","expiresAt":"2026-01-01T00:01:00Z","addedLater":true}""";

    private final TaskReader reader = new TaskReader(new ObjectMapper().registerModule(new JavaTimeModule()));

    @Test
    void readsEveryPayloadForm() {
        CheckTask expected = new CheckTask(
                "t-1",
                3,
                "http://example.com/",
                5000,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:01:00Z"));
        assertThat(reader.read(new JsonObject(TASK))).isEqualTo(expected);
        assertThat(reader.read(TASK.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
        assertThat(reader.read(TASK)).isEqualTo(expected);
        assertThat(reader.read(Buffer.buffer(TASK))).isEqualTo(expected);
        assertThat(reader.read(io.vertx.mutiny.core.buffer.Buffer.buffer(TASK))).isEqualTo(expected);
    }

    @Test
    void refusesWhatIsNotATask() {
        assertThatThrownBy(() -> reader.read("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedTaskException.class);
        assertThatThrownBy(
                        () -> reader.read(new JsonObject().put("taskId", "t-2").put("serviceId", 3)))
                .isInstanceOf(MalformedTaskException.class)
                .hasMessageContaining("target is missing");
        assertThatThrownBy(() -> reader.read(new JsonArray().add(1)))
                .isInstanceOf(MalformedTaskException.class)
                .hasMessageContaining("JSON array");
        assertThatThrownBy(() -> reader.read(null)).isInstanceOf(MalformedTaskException.class);
        assertThatThrownBy(() -> reader.read("null")).isInstanceOf(MalformedTaskException.class);
        assertThatThrownBy(() -> reader.read(TASK.replace("\"timeoutMillis\":5000", "\"timeoutMillis\":0")))
                .isInstanceOf(MalformedTaskException.class)
                .hasMessageContaining("timeoutMillis must be positive");
        String longId = TASK.replace("\"taskId\":\"t-1\"", "\"taskId\":\"" + "t".repeat(65) + "\"");
        assertThatThrownBy(() -> reader.read(longId))
                .isInstanceOf(MalformedTaskException.class)
                .hasMessageContaining("taskId is longer than 64");
    }
}
