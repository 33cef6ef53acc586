package org.vigie.board.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.vigie.board.Hands;

/** Unit test of the login throttle's counting, back-off and memory bound. */
class LoginThrottleTest {

    record Policy(
            int maxFailures,
            Duration failureWindow,
            Duration lockout,
            Duration maxLockout,
            int maxTracked,
            int checkThreads,
            int checkQueue)
            implements AdminConfig.Login {}

    final Hands clock = new Hands(Instant.parse("2026-11-25T10:00:00Z"));
    final LoginThrottle throttle = new LoginThrottle(
            new Policy(5, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(15), 100, 2, 16), clock);

    private void fail(String address, String name) {
        LoginThrottle.Admission a = throttle.admit(address, name);
        assertThat(a).isInstanceOf(LoginThrottle.Attempt.class);
        ((LoginThrottle.Attempt) a).failed();
    }

    private Duration refused(String address, String name) {
        LoginThrottle.Admission a = throttle.admit(address, name);
        assertThat(a).isInstanceOf(LoginThrottle.Refused.class);
        return ((LoginThrottle.Refused) a).retryAfter();
    }

    private void locksFor(String address, Duration lockout) {
        for (int i = 0; i < 5; i++) {
            fail(address, "name-" + i + "-" + clock.now.getEpochSecond());
        }
        assertThat(refused(address, "another")).isEqualTo(lockout);
        clock.now = clock.now.plus(lockout);
    }

    @Test
    void lockoutsInARowDoubleUpToTheMaximumThenAreForgottenAfterAQuietSpell() {
        locksFor("192.0.2.1", Duration.ofMinutes(1));
        locksFor("192.0.2.1", Duration.ofMinutes(2));
        locksFor("192.0.2.1", Duration.ofMinutes(4));
        locksFor("192.0.2.1", Duration.ofMinutes(8));
        locksFor("192.0.2.1", Duration.ofMinutes(15));
        locksFor("192.0.2.1", Duration.ofMinutes(15));
        clock.now = clock.now.plus(Duration.ofMinutes(15));
        locksFor("192.0.2.1", Duration.ofMinutes(1));
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        for (int i = 0; i < 20; i++) {
            fail("192.0.2.1", "admin");
            clock.now = clock.now.plusSeconds(15); // four a minute
        }
        assertThat(throttle.admit("192.0.2.1", "admin")).isInstanceOf(LoginThrottle.Attempt.class);
    }

    @Test
    void triesStillRunningCountSoThatABurstCannotOvertakeTheCount() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.admit("192.0.2.1", "n" + i)).isInstanceOf(LoginThrottle.Attempt.class);
        }
        assertThat(refused("192.0.2.1", "n5")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aSuccessForgetsTheNameNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            fail("192.0.2.1", "admin");
        }
        ((LoginThrottle.Attempt) throttle.admit("192.0.2.1", "admin")).succeeded();
        fail("192.0.2.2", "admin"); // the name starts again from 0
        fail("192.0.2.1", "other"); // the address's fifth failure
        refused("192.0.2.1", "admin");
        assertThat(throttle.admit("192.0.2.3", "admin")).isInstanceOf(LoginThrottle.Attempt.class);
    }

    @Test
    void memoryIsBounded() {
        for (int i = 0; i < 1000; i++) {
            fail("10.0." + i / 250 + "." + i % 250, "spray-" + i);
            assertThat(throttle.tracked()).isLessThanOrEqualTo(100);
        }
        assertThat(throttle.tracked()).isEqualTo(100);
    }

    @Test
    void whenFullQuietEntriesGoBeforeOnesThatStillCount() {
        locksFor("192.0.2.1", Duration.ofMinutes(1));
        for (int i = 0; i < 98; i++) {
            fail("198.51.100." + i, "spray-" + i);
        }
        clock.now =
                clock.now.plus(Duration.ofMinutes(2)); // the sprayed ones are quiet; 192.0.2.1 remembers its lockout
        for (int i = 0; i < 98; i++) {
            fail("203.0.113." + i, "spray-again-" + i);
            assertThat(throttle.tracked()).isLessThanOrEqualTo(100);
        }
        locksFor("192.0.2.1", Duration.ofMinutes(2));
    }

    @Test
    void addressesAreCountedByIpv6Slash64AndMappedIpv4AsIpv4() {
        assertThat(LoginThrottle.addressKey("2001:db8:1:2:aaaa::1"))
                .isEqualTo(LoginThrottle.addressKey("2001:db8:1:2::ffff"));
        assertThat(LoginThrottle.addressKey("[2001:db8:1:2::1]"))
                .isEqualTo(LoginThrottle.addressKey("2001:db8:1:2::2"));
        assertThat(LoginThrottle.addressKey("2001:db8:1:3::1"))
                .isNotEqualTo(LoginThrottle.addressKey("2001:db8:1:2::1"));
        assertThat(LoginThrottle.addressKey("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(LoginThrottle.addressKey(" 192.0.2.7 ")).isEqualTo("192.0.2.7");
        assertThat(LoginThrottle.addressKey("x".repeat(500))).hasSize(64);
        assertThat(LoginThrottle.nameKey(" Admin ")).isEqualTo("admin");
    }
}
