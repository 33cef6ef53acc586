package org.vigie.board.pool.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.vigie.board.event.CheckState;
import org.vigie.board.event.Staleness;
import org.vigie.board.event.StalenessConfig;
import org.vigie.board.event.Transitions;
import org.vigie.board.pool.PoolState;
import org.vigie.board.pool.Quorum;
import org.vigie.board.pool.Quorum.PoolWord;
import org.vigie.board.pool.Quorum.Say;
import org.vigie.board.pool.Quorum.Verdict;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

import io.quarkus.runtime.StartupEvent;

/**
 * Moves a service checked from several pools: a result moves its pool's {@link PoolState} (debounced as a service's
 * state is), then the service's {@link CheckState} shows the {@link Quorum}'s verdict over its pools. A pool is silent,
 * and says Unknown, after as long without a result as a service would need to turn Unknown ({@link StalenessConfig}),
 * or at once when the fleet knows no live worker serves it ({@link PoolLiveness}).
 */
@ApplicationScoped
public class PoolVerdicts {

    /** What the verdict needs of a service. */
    public record ServiceFacts(long id, List<String> pools, Integer quorum, int intervalSeconds, Instant watchedSince) {

        public boolean checkedFromSeveralPools() {
            return pools.size() > 1;
        }
    }

    private final Transitions transitions;
    private final StalenessConfig staleness;
    private final PoolLiveness liveness;
    private final Clock clock;
    private volatile Instant startedAt;

    public PoolVerdicts(Transitions transitions, StalenessConfig staleness, PoolLiveness liveness, Clock clock) {
        this.transitions = transitions;
        this.staleness = staleness;
        this.liveness = liveness;
        this.clock = clock;
    }

    void started(@Observes StartupEvent event) {
        startedAt = clock.instant();
    }

    /**
     * Applies {@code result} to its pool's state (created in {@code pools} when missing; the caller persists new ones)
     * and the service's, and says the verdict when what the board shows changes.
     */
    public Optional<Verdict> apply(
            ServiceFacts service, CheckState state, Map<String, PoolState> pools, CheckResult result, Instant now) {
        PoolState pool = pools.computeIfAbsent(result.pool(), p -> PoolState.initial(service.id(), p));
        if (state.unknownSince != null && pool.unknownSince == null) {
            // the whole service went silent: its next result decides afresh, as for a service checked from one pool
            pool.unknownSince = state.unknownSince;
        }
        if (!Transitions.isOlder(state, result)) {
            state.recordLast(result);
        }
        transitions.apply(pool, result);
        return reevaluate(service, state, pools, now);
    }

    /** Decides again from the pools' states as they are; says the verdict when what the board shows changes. */
    public Optional<Verdict> reevaluate(
            ServiceFacts service, CheckState state, Map<String, PoolState> pools, Instant now) {
        Verdict verdict = Quorum.decide(words(service, pools, now), service.quorum());
        Say shown = state.unknownSince != null ? Say.UNKNOWN : say(state.outcome);
        if (verdict.say() == shown) {
            return Optional.empty();
        }
        if (verdict.say() == Say.UNKNOWN) {
            state.unknownSince = now;
        } else {
            state.unknownSince = null;
            state.outcome = outcome(verdict.say());
            state.consecutiveFailures = 0;
            state.consecutiveSuccesses = 0;
        }
        return Optional.of(verdict);
    }

    private List<PoolWord> words(ServiceFacts service, Map<String, PoolState> pools, Instant now) {
        // board-web's start counts as a result, as for Staleness: it first drains what queued while it was away
        Instant upSince = startedAt == null ? now : startedAt;
        Duration threshold = threshold(service);
        List<PoolWord> words = new ArrayList<>();
        for (String pool : service.pools()) {
            PoolState state = pools.get(pool);
            Instant heard = latest(state == null ? null : state.lastCheckedAt, service.watchedSince(), upSince);
            String silence = null;
            if (liveness.hasNoLiveWorker(pool)) {
                silence = "no worker in pool " + pool;
            } else if (heard.isBefore(now.minus(threshold))) {
                silence = state == null || state.lastCheckedAt == null
                        ? "no check result yet"
                        : Staleness.reason(state.lastCheckedAt, now);
            }
            if (silence != null) {
                if (state != null && state.unknownSince == null) {
                    state.unknownSince = now; // the pool's next result decides afresh, and its page says Unknown
                }
                words.add(new PoolWord(pool, Say.UNKNOWN, silence, "no result"));
            } else if (state != null && state.lastCheckedAt != null) {
                Say say = state.unknownSince != null ? say(state.lastOutcome) : say(state.outcome);
                words.add(new PoolWord(pool, say, state.lastReason, state.lastPublicReason));
            }
            // a pool yet to report, and not silent for long: left out until it reports
        }
        return words;
    }

    /** As long as a service may go without a result before it turns Unknown. */
    private Duration threshold(ServiceFacts service) {
        Duration intervals = Duration.ofSeconds((long) service.intervalSeconds() * staleness.afterIntervals());
        return intervals.compareTo(staleness.atLeast()) > 0 ? intervals : staleness.atLeast();
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant latest = b == null ? c : b.isAfter(c) ? b : c;
        return a != null && a.isAfter(latest) ? a : latest;
    }

    private static Say say(Outcome outcome) {
        if (outcome == null) {
            return Say.UP;
        }
        return switch (outcome) {
            case UP -> Say.UP;
            case WARNING -> Say.WARNING;
            case DOWN -> Say.DOWN;
        };
    }

    private static Outcome outcome(Say say) {
        return switch (say) {
            case DOWN -> Outcome.DOWN;
            case WARNING -> Outcome.WARNING;
            default -> Outcome.UP;
        };
    }
}
