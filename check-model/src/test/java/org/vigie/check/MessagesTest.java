package org.vigie.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class MessagesTest {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void taskRoundTripsThroughJson() throws Exception {
        Instant now = Instant.parse("2026-11-25T10:00:00.123Z");
        CheckTask task = CheckTask.issue(7, "tcp://localhost:22", Duration.ofSeconds(5), now, Duration.ofSeconds(60));
        String text = json.writeValueAsString(task);
        assertThat(text).contains("\"issuedAt\":\"2026-11-25T10:00:00.123Z\"");
        CheckTask back = json.readValue(text, CheckTask.class);
        assertThat(back).isEqualTo(task);
        assertThat(back.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(back.isExpired(now.plusSeconds(59))).isFalse();
        assertThat(back.isExpired(now.plusSeconds(60))).isTrue();
    }

    @Test
    void resultRoundTripsThroughJson() throws Exception {
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        CheckTask task = CheckTask.issue(7, "tcp://localhost:22", Duration.ofSeconds(5), start, Duration.ofSeconds(60));
        CheckResult result = CheckResult.of(
                task,
                Outcome.DOWN,
                "resolved 10.0.3.7, expected 10.0.3.9",
                "DNS answer did not match",
                "w1",
                start,
                start.plusMillis(42),
                Map.of("address", "10.0.3.7"));
        assertThat(result.latencyMillis()).isEqualTo(42);
        String text = json.writeValueAsString(result);
        assertThat(text).contains("\"publicReason\":\"DNS answer did not match\"");
        assertThat(json.readValue(text, CheckResult.class)).isEqualTo(result);
    }

    @Test
    void aResultWithoutPublicReasonShowsTheOutcomesWordNeverTheFullReason() throws Exception {
        // as a worker that predates public reasons sends it
        CheckResult old = json.readValue(
                "{\"taskId\":\"t\",\"serviceId\":1,\"outcome\":\"DOWN\",\"latencyMillis\":1,"
                        + "\"reason\":\"bad redirect to https://internal.example/login\",\"workerId\":\"w\","
                        + "\"startedAt\":\"2026-11-25T10:00:00Z\",\"finishedAt\":\"2026-11-25T10:00:00Z\"}",
                CheckResult.class);
        assertThat(old.reason()).isEqualTo("bad redirect to https://internal.example/login");
        assertThat(old.publicReason()).isEqualTo("Down");
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        assertThat(new CheckResult("t", 1, Outcome.UP, 1, "resolved 10.0.3.7", "w", now, now).publicReason())
                .isEqualTo("Up");
        assertThat(new CheckResult("t", 1, Outcome.WARNING, 1, "x", " ", "w", now, now, null, Map.of()).publicReason())
                .isEqualTo("Warning");
        CheckTask task = new CheckTask("t", 1, "tcp://h:1", 1000, now, now.plusSeconds(60));
        CheckResult moved = CheckResult.of(task, Outcome.DOWN, "x", "timed out", "w", now, now, Map.of())
                .finishedAt(now.plusSeconds(1));
        assertThat(moved.publicReason()).isEqualTo("timed out");
    }

    @Test
    void incompleteMessagesAreRefused() {
        assertThatThrownBy(() -> json.readValue("{\"taskId\":\"t\",\"serviceId\":1}", CheckTask.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("target is missing");
        assertThatThrownBy(() -> json.readValue(
                        "{\"taskId\":\"t\",\"serviceId\":1,\"outcome\":\"UP\",\"workerId\":\"w\"}", CheckResult.class))
                .hasMessageContaining("startedAt is missing");
        Instant now = Instant.now();
        assertThatThrownBy(() -> new CheckTask("t", 1, "tcp://h:1", 1000, now, now))
                .hasMessageContaining("expiresAt must be after issuedAt");
        assertThatThrownBy(() -> new CheckResult("t", 0, Outcome.UP, 1, "", "w", now, now))
                .hasMessageContaining("serviceId must be positive");
    }

    @Test
    void evidenceTravelsAndIsBounded() throws Exception {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("status-line", "HTTP/1.1 503 Service Unavailable");
        seen.put("body", "x".repeat(5000));
        for (int i = 0; i < 30; i++) {
            seen.put("extra" + i, "v");
        }
        CheckResult r = new CheckResult("t", 1, Outcome.DOWN, 5, "HTTP 503", "w", now, now, seen);
        assertThat(r.evidence())
                .hasSize(CheckResult.MAX_EVIDENCE_ENTRIES)
                .containsEntry("status-line", "HTTP/1.1 503 Service Unavailable");
        assertThat(r.evidence().get("body")).hasSize(CheckResult.MAX_EVIDENCE_LENGTH);
        assertThat(json.readValue(json.writeValueAsString(r), CheckResult.class))
                .isEqualTo(r);
        // A result from a worker that sends no evidence still reads.
        CheckResult old = json.readValue(
                "{\"taskId\":\"t\",\"serviceId\":1,\"outcome\":\"UP\",\"latencyMillis\":1,\"reason\":\"ok\","
                        + "\"workerId\":\"w\",\"startedAt\":\"2026-11-25T10:00:00Z\",\"finishedAt\":\"2026-11-25T10:00:00Z\"}",
                CheckResult.class);
        assertThat(old.evidence()).isEmpty();
    }

    @Test
    void whatTheBoardCannotStoreIsRefusedWhenRead() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        assertThatThrownBy(() -> new CheckResult("t".repeat(65), 1, Outcome.UP, 1, "", "w", now, now))
                .hasMessage("taskId is longer than 64 characters");
        assertThatThrownBy(() -> new CheckResult("t", 1, Outcome.UP, 1, "", "w".repeat(101), now, now))
                .hasMessage("workerId is longer than 100 characters");
        assertThatThrownBy(() -> new CheckResult("t", 1, Outcome.UP, 1, "", "w", Instant.EPOCH, now))
                .hasMessageStartingWith("startedAt 1970-01-01T00:00:00Z is outside");
        assertThatThrownBy(() -> json.readValue(
                        "{\"taskId\":\"t\",\"serviceId\":1,\"outcome\":\"UP\",\"workerId\":\"w\","
                                + "\"startedAt\":\"2026-11-25T10:00:00Z\",\"finishedAt\":\"+99999-01-01T00:00:00Z\"}",
                        CheckResult.class))
                .hasMessageContaining("finishedAt +99999-01-01T00:00:00Z is outside");
    }

    @Test
    void aTaskNobodyCouldCheckOrReportIsRefused() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        Instant later = now.plusSeconds(60);
        assertThat(new CheckTask("t".repeat(64), 1, "h".repeat(2048), 120_000, now, later).timeout())
                .isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> new CheckTask("t".repeat(65), 1, "tcp://h:1", 1000, now, later))
                .hasMessage("taskId is longer than 64 characters");
        assertThatThrownBy(() -> new CheckTask("t", 1, "h".repeat(2049), 1000, now, later))
                .hasMessage("target is longer than 2048 characters");
        assertThatThrownBy(() -> new CheckTask("t", 1, "tcp://h:1", 120_001, now, later))
                .hasMessage("timeoutMillis must be at most 120000, got 120001");
        assertThatThrownBy(() -> new CheckTask("t", 1, "tcp://h:1", -5, now, later))
                .hasMessage("timeoutMillis must be positive, got -5");
        assertThatThrownBy(() -> json.readValue(
                        "{\"taskId\":\"t\",\"serviceId\":1,\"target\":\"tcp://h:1\","
                                + "\"timeoutMillis\":86400000,\"issuedAt\":\"2026-11-25T10:00:00Z\","
                                + "\"expiresAt\":\"2026-11-25T10:01:00Z\"}",
                        CheckTask.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("timeoutMillis must be at most");
    }

    @Test
    void aResultCarriesItsTasksIssueTimeAndCanBeMovedKeepingItsLatency() throws Exception {
        Instant issued = Instant.parse("2026-11-25T10:00:00Z");
        CheckTask task = new CheckTask("t", 1, "tcp://h:1", 1000, issued, issued.plusSeconds(60));
        CheckResult r = CheckResult.of(task, Outcome.UP, "ok", "w", issued.plusMillis(100), issued.plusMillis(350));
        assertThat(r.issuedAt()).isEqualTo(issued);
        assertThat(json.readValue(json.writeValueAsString(r), CheckResult.class))
                .isEqualTo(r);
        CheckResult moved = r.finishedAt(issued.plusSeconds(1));
        assertThat(moved.finishedAt()).isEqualTo(issued.plusSeconds(1));
        assertThat(moved.startedAt()).isEqualTo(issued.plusMillis(750));
        assertThat(moved.latencyMillis()).isEqualTo(250);
        assertThat(moved.issuedAt()).isEqualTo(issued);
    }

    @Test
    void longReasonsAreCut() {
        Instant now = Instant.now();
        CheckResult r = new CheckResult(
                "t", 1, Outcome.DOWN, 1, "x".repeat(500), "y".repeat(500), "w", now, now, null, Map.of());
        assertThat(r.reason()).hasSize(CheckResult.MAX_REASON_LENGTH);
        assertThat(r.publicReason()).hasSize(CheckResult.MAX_REASON_LENGTH);
        assertThat(new CheckResult("t", 1, Outcome.DOWN, 1, null, "w", now, now).reason())
                .isEqualTo("down");
    }
}
