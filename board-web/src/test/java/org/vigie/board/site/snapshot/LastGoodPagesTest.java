package org.vigie.board.site.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.MemorySize;

/** The kept answers' bounds and keys, which failures mean the database is away, where the note goes. */
class LastGoodPagesTest {

    static LastGoodPages pages(int entries, long bytes) {
        return new LastGoodPages(new SnapshotConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int maxEntries() {
                return entries;
            }

            @Override
            public MemorySize maxBytes() {
                return new MemorySize(BigInteger.valueOf(bytes));
            }
        });
    }

    static LastGoodPages.Snapshot body(int size) {
        return new LastGoodPages.Snapshot(
                new byte[size], Map.of("Content-Type", "image/png"), Instant.EPOCH); // not gzipped
    }

    @Test
    void theLeastRecentlyUsedGoFirstByCount() {
        LastGoodPages pages = pages(2, 1_000_000);
        pages.keep("a", body(10));
        pages.keep("b", body(10));
        pages.find("a"); // used: b is now the eldest
        pages.keep("c", body(10));
        assertThat(pages.find("a")).isPresent();
        assertThat(pages.find("b")).isEmpty();
        assertThat(pages.find("c")).isPresent();
        assertThat(pages.count()).isEqualTo(2);
    }

    @Test
    void andByBytesAndAnAnswerTooLargeIsNotKept() {
        LastGoodPages pages = pages(100, 40_000);
        pages.keep("a", body(9_000));
        pages.keep("b", body(9_000));
        pages.keep("c", body(9_000));
        pages.keep("d", body(9_000));
        pages.keep("e", body(9_000)); // five of 9,512 bytes: over 40,000, so a goes
        assertThat(pages.find("a")).isEmpty();
        assertThat(pages.count()).isEqualTo(4);
        assertThat(pages.bytes()).isLessThanOrEqualTo(40_000);
        pages.keep("b", body(10)); // replaced: its old size no longer counts
        assertThat(pages.bytes()).isEqualTo(3 * 9_512 + 522);
        pages.keep("huge", body(20_000)); // over a quarter of the budget
        assertThat(pages.find("huge")).isEmpty();
    }

    @Test
    void keysFollowTheAddressTheLanguageAndTheRememberedZone() {
        String en = LastGoodPages.key("/", null, null, null, "en-GB,en;q=0.9");
        assertThat(LastGoodPages.key("/", "", null, null, null)).isEqualTo(en);
        assertThat(LastGoodPages.key("/", null, null, null, "fr-CA,fr;q=0.9,en;q=0.5"))
                .isNotEqualTo(en);
        assertThat(LastGoodPages.key("/", null, "fr", null, "en"))
                .isEqualTo(LastGoodPages.key("/", null, null, null, "fr"));
        assertThat(LastGoodPages.key("/", null, null, "Europe/Paris", null)).isNotEqualTo(en);
        assertThat(LastGoodPages.key("/", null, null, "Not/AZone", null)).isEqualTo(en); // ignored, as the board does
        assertThat(LastGoodPages.key("/", "tz=UTC", null, null, null)).isNotEqualTo(en);
        assertThat(LastGoodPages.key("/", null, null, null, "de;q=1,;;bad")).isEqualTo(en);
    }

    @Test
    void onlyThePublicSide() {
        for (String path : List.of(
                "/",
                "/summary",
                "/services/web",
                "/services/web/2026/11",
                "/service-lists/core",
                "/incidents",
                "/incidents/3",
                "/rss",
                "/feed",
                "/api/v1/services",
                "/api/v1/incidents",
                "/badge/web.svg",
                "/status.json")) {
            assertThat(LastGoodPages.isPublic(path)).as(path).isTrue();
        }
        for (String path : List.of(
                "/admin",
                "/admin/services",
                "/admin/api/v1/services",
                "/q/health",
                "/board.css",
                "/servicesx",
                "/login")) {
            assertThat(LastGoodPages.isPublic(path)).as(path).isFalse();
        }
    }

    @Test
    void theDatabaseIsAwayWhateverWrapsIt() {
        assertThat(DatabaseFailures.unreachable(new IllegalStateException(
                        "reading the board failed", new SQLNonTransientConnectionException("refused", "08000"))))
                .isTrue();
        assertThat(DatabaseFailures.unreachable(new GenericJDBCException(
                        "Unable to acquire JDBC Connection",
                        new SQLException(
                                "Acquisition timeout while waiting for new connection", new TimeoutException()))))
                .isTrue();
        assertThat(DatabaseFailures.unreachable(new RuntimeException(new SQLRecoverableException("link failure"))))
                .isTrue();
        assertThat(DatabaseFailures.unreachable(new JDBCConnectionException("gone", new SQLException("gone"))))
                .isTrue();
        assertThat(DatabaseFailures.unreachable(new SQLException("Communications link failure", "08S01")))
                .isTrue();
        assertThat(DatabaseFailures.unreachable(
                        new IllegalStateException(new SQLException("Duplicate entry", "23000"))))
                .isFalse();
        assertThat(DatabaseFailures.unreachable(new NullPointerException())).isFalse();
        RuntimeException loop = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", loop);
        loop.initCause(other);
        assertThat(DatabaseFailures.unreachable(loop)).isFalse();
    }

    @Test
    void aSetCookieOtherThanTheVisitorsPreferencesIsNeverReplayed() {
        assertThat(SnapshotCapture.replayable(null)).isTrue();
        assertThat(SnapshotCapture.replayable(List.of("vigie_tz=Europe/Paris; Path=/", "vigie_lang=fr; Path=/")))
                .isTrue();
        assertThat(SnapshotCapture.replayable(List.of("vigie_lang=fr", "vigie_session=abc; HttpOnly")))
                .isFalse();
    }

    @Test
    void theNoteTakesTheMarkersPlace() {
        String page = "<main>\n  " + StaleAnswers.MARKER + "\n  <h1>Board</h1></main>";
        assertThat(StaleAnswers.withNote(page, "<p>note</p>"))
                .isEqualTo("<main>\n  <p>note</p>\n  <h1>Board</h1></main>");
        assertThat(StaleAnswers.withNote("<main><h1>x</h1></main>", "<p>n</p>"))
                .isEqualTo("<main><p>n</p><h1>x</h1></main>");
    }
}
