package org.vigie.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class WorkerHeartbeatTest {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void roundTripsThroughJson() throws Exception {
        WorkerHeartbeat beat = new WorkerHeartbeat(
                "w1",
                "host-a",
                List.of("eu-west", "default"),
                "0.1.0",
                START,
                START.plusSeconds(5),
                3,
                256,
                40,
                2,
                120,
                900,
                false);
        String text = json.writeValueAsString(beat);
        assertThat(text).contains("\"pools\":[\"eu-west\",\"default\"]").contains("\"draining\":false");
        assertThat(json.readValue(text, WorkerHeartbeat.class)).isEqualTo(beat);
    }

    @Test
    void poolsAreNormalisedAndDefaultWhenAbsent() throws Exception {
        WorkerHeartbeat beat = json.readValue(
                "{\"workerId\":\"w\",\"startedAt\":\"2026-11-27T10:00:00Z\",\"sentAt\":\"2026-11-27T10:00:05Z\","
                        + "\"fromANewerWorker\":1}",
                WorkerHeartbeat.class);
        assertThat(beat.pools()).containsExactly(Pools.DEFAULT);
        assertThat(beat.host()).isEmpty();
        assertThat(new WorkerHeartbeat(
                                "w", "h", List.of("EU-West", "eu-west"), "", START, START, 0, 1, 0, 0, 0, 0, true)
                        .pools())
                .containsExactly("eu-west");
    }

    @Test
    void aHeartbeatThatCannotBeTrueIsRefused() {
        assertThatThrownBy(() -> json.readValue("{\"workerId\":\"w\"}", WorkerHeartbeat.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("startedAt is missing");
        assertThatThrownBy(() ->
                        new WorkerHeartbeat("w", "h", List.of("Bad Pool"), "", START, START, 0, 1, 0, 0, 0, 0, false))
                .hasMessageContaining("not a pool name");
        assertThatThrownBy(() -> new WorkerHeartbeat("w", "h", null, "", START, START, -1, 1, 0, 0, 0, 0, false))
                .hasMessageContaining("negative");
        assertThatThrownBy(() ->
                        new WorkerHeartbeat("x".repeat(101), "h", null, "", START, START, 0, 1, 0, 0, 0, 0, false))
                .hasMessageContaining("longer than 100");
    }
}
