package org.vigie.board.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.vigie.board.Hands;

/** Unit test of what the result consumer tells the health checks. */
class ResultIntakeTest {

    private final Hands clock = new Hands(Instant.parse("2026-11-25T10:00:00Z"));
    private final ResultIntake intake = new ResultIntake(clock, Duration.ofSeconds(60));

    private HealthCheckResponse.Status live() {
        return new ResultIntake.Alive(intake).call().getStatus();
    }

    private HealthCheckResponse.Status ready() {
        return new ResultIntake.Ready(intake).call().getStatus();
    }

    @Test
    void anIdleBoardWithAnEmptyQueueIsLiveAndReady() {
        intake.waiting(0);
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertThat(live()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(ready()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void resultsWaitingWithNoneReceivedMeanAStoppedConsumer() {
        intake.received();
        intake.waiting(120);
        clock.now = clock.now.plusSeconds(59);
        assertThat(live()).isEqualTo(HealthCheckResponse.Status.UP);
        clock.now = clock.now.plusSeconds(2);
        assertThat(live()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(ready()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(intake.deadReason()).startsWith("120 results wait in the queue but none was received since");
        intake.received();
        assertThat(live()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void resultsReceivedButNotStoredMakeItUnreadySoonNotDead() {
        ResultIntake quick = new ResultIntake(clock, Duration.ofSeconds(60), Duration.ofSeconds(10));
        quick.stored();
        quick.waiting(515);
        clock.now = clock.now.plusSeconds(9);
        quick.received();
        assertThat(new ResultIntake.Ready(quick).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        clock.now = clock.now.plusSeconds(2); // received a second ago, stored 11 s ago
        quick.received();
        assertThat(new ResultIntake.Ready(quick).call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(quick.notStoringReason()).startsWith("515 results wait in the queue but none was stored since");
        assertThat(new ResultIntake.Alive(quick).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        quick.stored();
        assertThat(new ResultIntake.Ready(quick).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        // an empty queue asks for nothing to be stored
        quick.waiting(0);
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertThat(new ResultIntake.Ready(quick).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void failingWritesMakeItUnreadyNotDead() {
        intake.received();
        intake.waiting(500);
        intake.failing(new IllegalStateException("Communications link failure"));
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertThat(live()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(ready()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(intake.notStoringReason()).contains("Communications link failure");
        intake.stored();
        intake.received();
        assertThat(ready()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void anEndedStreamIsDead() {
        intake.ended("BackPressureFailure: Queue is full");
        assertThat(live()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(ready()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(intake.deadReason()).isEqualTo("the result stream ended: BackPressureFailure: Queue is full");
    }
}
