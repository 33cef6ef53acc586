package org.vigie.worker.probe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.vigie.check.Target;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

/**
 * One TCP conversation with a target, for the probes that speak a protocol ({@link GreetingProbe},
 * {@link HandshakeProbe}): connects, lets a {@link Script} write requests and read bounded replies, ends at the
 * deadline, and always closes the connection, whatever the target does.
 * <p>
 * Everything (connect, reads, timer, close) runs on one Vert.x context, so nothing here is shared between threads.
 * At most {@link #MAX_BYTES} bytes are read from a target; a reply that does not fit is a failure, not a wait.
 * A failure after the connection is made becomes a DOWN verdict carrying the evidence gathered so far (address,
 * banner, what was awaited); a failure to connect fails the Uni, and {@link Probes} turns it into its reason.
 */
final class Conversation {

    /** Most bytes read from one target: room for any greeting or handshake, bounded whatever the target sends. */
    static final int MAX_BYTES = 4096;

    /** Longest text kept from a greeting for a reason. */
    static final int MAX_TEXT = 80;

    /** Longest text kept from a greeting or a server message for the evidence. */
    static final int MAX_EVIDENCE_TEXT = 512;

    /** Evidence keys (the first two are {@link org.vigie.check.CheckResult}'s). */
    static final String ADDRESS = "address";

    static final String BANNER = "banner";
    static final String WAITING_FOR = "waiting-for";

    /** What a probe says and reads over one connection; returns the verdict, or fails (see {@link Unexpected}). */
    @FunctionalInterface
    interface Script {
        Future<Verdict> talk(Conversation conversation);
    }

    /**
     * What a target said that the probe did not expect; the message is the reason the board shows, to everyone: Vigie's
     * own words, never what the target sent.
     */
    static final class Unexpected extends RuntimeException {
        Unexpected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The result of a parser that found what it wanted: the value and how many bytes it used. */
    record Parsed<T>(T value, int consumed) {}

    /** Looks for something in the bytes not read yet; null while more bytes are needed. May throw {@link Unexpected}. */
    @FunctionalInterface
    interface Parser<T> {
        Parsed<T> parse(Buffer unread);
    }

    private final Context context;
    private final Duration timeout;
    private final UniEmitter<? super Verdict> emitter;
    private final Map<String, String> evidence = new LinkedHashMap<>();
    /** What Probes attaches when it ends the check itself (its deadline): the lasting entries only. */
    private final Evidence shared;

    private long startNanos;
    private boolean firstByte;

    private NetSocket socket;
    private Buffer unread = Buffer.buffer();
    private int received;
    private boolean peerClosed;
    private Throwable socketFailure;
    private Runnable pending;
    private boolean finished;
    private long deadlineTimer = -1;
    private Future<Void> lastWrite;
    private Verdict settled;

    private Conversation(Context context, Duration timeout, UniEmitter<? super Verdict> emitter, Evidence shared) {
        this.context = context;
        this.timeout = timeout;
        this.emitter = emitter;
        this.shared = shared;
    }

    /**
     * Connects to {@code target} with {@code client}, then runs {@code script}; the Uni ends with the script's verdict,
     * a DOWN verdict when the target misbehaves or {@code timeout} passes, or a failure when the connection fails.
     */
    static Uni<Verdict> run(
            Vertx vertx, NetClient client, Target target, Duration timeout, Evidence shared, Script script) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = vertx.getOrCreateContext();
            Conversation conversation = new Conversation(context, timeout, emitter, shared);
            // the caller gave up (Probes' deadline): close the connection, on our context
            emitter.onTermination(() -> context.runOnContext(v -> conversation.abandon()));
            context.runOnContext(v -> conversation.start(client, target, script));
        });
    }

    private void start(NetClient client, Target target, Script script) {
        if (finished) {
            return;
        }
        // A little before Probes' own deadline, so that the verdict keeps the evidence gathered so far.
        long margin = Math.min(50, timeout.toMillis() / 20);
        deadlineTimer = context.owner().setTimer(Math.max(1, timeout.toMillis() - margin), id -> {
            deadlineTimer = -1;
            if (settled != null) {
                finish(settled);
            } else {
                finish(down(Reasons.timedOut(timeout), Reasons.TIMED_OUT));
            }
        });
        evidence.put(WAITING_FOR, "the connection");
        startNanos = System.nanoTime();
        client.connect(target.port(), target.host()).onComplete(connected -> {
            if (connected.failed()) {
                if (!finished) {
                    finished = true;
                    cancelDeadline();
                    emitter.fail(connected.cause());
                }
                return;
            }
            NetSocket s = connected.result();
            if (finished) {
                // connected after the deadline: never leave it open
                s.close();
                return;
            }
            socket = s;
            SocketAddress remote = s.remoteAddress();
            if (remote != null) {
                lasting(ADDRESS, remote.hostAddress() != null ? remote.hostAddress() : remote.host());
            }
            timing("connect");
            s.handler(this::received);
            s.endHandler(v -> closedByPeer());
            s.closeHandler(v -> closedByPeer());
            s.exceptionHandler(this::failed);
            evidence.remove(WAITING_FOR);
            Future<Verdict> verdict;
            try {
                verdict = script.talk(this);
            } catch (RuntimeException e) {
                verdict = Future.failedFuture(e);
            }
            verdict.onComplete(done -> finish(done.succeeded() ? done.result() : downFor(done.cause())));
        });
    }

    // ------------------------------------------------------------------------------------------------------------
    // What scripts use
    // ------------------------------------------------------------------------------------------------------------

    /** Waits until {@code parser} finds what it wants in the bytes received and not read yet. */
    <T> Future<T> read(String what, Parser<T> parser) {
        Promise<T> promise = Promise.promise();
        evidence.put(WAITING_FOR, what);
        pending = () -> {
            Parsed<T> parsed;
            try {
                parsed = parser.parse(unread);
            } catch (RuntimeException e) {
                pending = null;
                promise.fail(e);
                return;
            }
            if (parsed != null) {
                pending = null;
                unread = unread.getBuffer(parsed.consumed(), unread.length());
                evidence.remove(WAITING_FOR);
                promise.complete(parsed.value());
            } else if (socketFailure != null) {
                pending = null;
                promise.fail(socketFailure);
            } else if (peerClosed) {
                pending = null;
                promise.fail(new Unexpected("connection closed before " + what));
            } else if (received >= MAX_BYTES) {
                pending = null;
                promise.fail(
                        new Unexpected("no complete " + stripArticle(what) + " in the first " + MAX_BYTES + " bytes"));
            }
        };
        pending.run();
        return promise.future();
    }

    /** The next line, without its line end, as text (invalid UTF-8 replaced). */
    Future<String> line(String what) {
        return read(what, buffer -> {
            for (int i = 0; i < buffer.length(); i++) {
                if (buffer.getByte(i) == '\n') {
                    int end = i > 0 && buffer.getByte(i - 1) == '\r' ? i - 1 : i;
                    return new Parsed<>(buffer.getString(0, end, StandardCharsets.UTF_8.name()), i + 1);
                }
            }
            return null;
        });
    }

    /** The next {@code length} bytes. */
    Future<Buffer> bytes(String what, int length) {
        return read(
                what, buffer -> buffer.length() >= length ? new Parsed<>(buffer.getBuffer(0, length), length) : null);
    }

    /** Sends {@code data}; a failure to send shows in the next read. */
    void write(Buffer data) {
        if (socket != null && !finished) {
            lastWrite = socket.write(data);
        }
    }

    /** Sends {@code text} as ASCII. */
    void write(String text) {
        write(Buffer.buffer(text.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Turns the connection into a TLS connection (STARTTLS), verifying what the client was configured to verify;
     * {@code serverName} is sent as SNI (null for an IP address). Bytes the server sent before the upgrade are refused:
     * they would be read as if they came over TLS.
     */
    Future<Void> startTls(String serverName) {
        if (unread.length() > 0) {
            return Future.failedFuture(new Unexpected("server sent data before the TLS handshake"));
        }
        Promise<Void> promise = Promise.promise();
        evidence.put(WAITING_FOR, "the TLS handshake");
        pending = () -> {
            if (socketFailure != null) {
                pending = null;
                promise.tryFail(socketFailure);
            } else if (peerClosed) {
                pending = null;
                promise.tryFail(new Unexpected("TLS: connection closed during the handshake"));
            }
        };
        (serverName == null ? socket.upgradeToSsl() : socket.upgradeToSsl(serverName)).onComplete(upgraded -> {
            pending = null;
            if (upgraded.succeeded()) {
                evidence.remove(WAITING_FOR);
                timing("tls");
                promise.tryComplete();
            } else {
                promise.tryFail(upgraded.cause());
            }
        });
        return promise.future();
    }

    /** Keeps {@code text} (cleaned) as the evidence's banner. */
    void banner(String text) {
        lasting(BANNER, printable(text, MAX_EVIDENCE_TEXT));
    }

    /** Keeps an evidence entry. */
    void evidence(String key, String value) {
        lasting(key, printable(value, MAX_EVIDENCE_TEXT));
    }

    private void lasting(String key, String value) {
        evidence.put(key, value);
        shared.put(key, value);
    }

    private void timing(String phase) {
        String ms = Evidence.millis(System.nanoTime() - startNanos);
        lasting("timing." + phase, ms);
    }

    /**
     * The verdict is known, whatever happens next: what remains of the script is a courtesy (a clean goodbye), and
     * neither its failure nor the deadline changes the verdict.
     */
    void settle(Verdict verdict) {
        settled = verdict;
    }

    /** An UP verdict with the evidence gathered so far; see {@link Verdict} for the two reasons. */
    Verdict up(String reason, String publicReason) {
        return withEvidence(Verdict.up(reason, publicReason));
    }

    /** A DOWN verdict with the evidence gathered so far; see {@link Verdict} for the two reasons. */
    Verdict down(String reason, String publicReason) {
        return withEvidence(Verdict.down(reason, publicReason));
    }

    /** The probe's timeout, for reasons. */
    Duration timeout() {
        return timeout;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Text
    // ------------------------------------------------------------------------------------------------------------

    /** {@code text} without control characters, whitespace runs made one space, cut to {@code max} characters. */
    static String printable(String text, int max) {
        StringBuilder s = new StringBuilder(Math.min(text.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < text.length() && s.length() <= max; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = !s.isEmpty();
            } else if (!Character.isISOControl(c) && c != '\uFFFD' && Character.getType(c) != Character.FORMAT) {
                if (space) {
                    s.append(' ');
                    space = false;
                }
                s.append(c);
            }
        }
        return s.length() <= max ? s.toString() : s.substring(0, max - 1) + "…";
    }

    /** {@code text}, cleaned and cut, in double quotes: for {@code unexpected greeting: "421 too busy"}. */
    static String quoted(String text) {
        return "\"" + printable(text, MAX_TEXT) + "\"";
    }

    /** Bytes as evidence: their text when they are text, else the first of them in hex ({@code 20 02 00 05}). */
    static String describe(Buffer bytes) {
        boolean text = true;
        for (int i = 0; i < bytes.length() && text; i++) {
            int b = bytes.getUnsignedByte(i);
            text = (b >= 0x20 && b < 0x7f) || b == '\r' || b == '\n' || b == '\t';
        }
        if (text) {
            return printable(bytes.toString(StandardCharsets.US_ASCII), MAX_EVIDENCE_TEXT);
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length(), 64); i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02x", bytes.getUnsignedByte(i)));
        }
        return bytes.length() > 64 ? hex + " …" : hex.toString();
    }

    private static String stripArticle(String what) {
        return what.startsWith("the ") ? what.substring(4) : what;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The connection
    // ------------------------------------------------------------------------------------------------------------

    private void received(Buffer data) {
        if (finished) {
            return;
        }
        if (!firstByte) {
            firstByte = true;
            timing("first-byte");
        }
        int room = MAX_BYTES - received;
        if (room > 0) {
            Buffer kept = data.length() > room ? data.getBuffer(0, room) : data;
            unread.appendBuffer(kept);
            received += kept.length();
        }
        if (received >= MAX_BYTES) {
            // read no more: what a target sends past the cap stays in the kernel until the connection is closed
            socket.pause();
        }
        wake();
    }

    private void closedByPeer() {
        peerClosed = true;
        wake();
    }

    private void failed(Throwable failure) {
        if (socketFailure == null) {
            socketFailure = failure;
        }
        wake();
    }

    private void wake() {
        if (pending != null) {
            pending.run();
        }
    }

    private Verdict downFor(Throwable failure) {
        if (settled != null) {
            return settled;
        }
        return withEvidence(Reasons.down(failure, timeout, Map.of()));
    }

    private void finish(Verdict verdict) {
        if (finished) {
            return;
        }
        finished = true;
        cancelDeadline();
        close();
        emitter.complete(verdict);
    }

    /** The caller stopped waiting, or the Uni ended: the connection is closed now. */
    private void abandon() {
        finished = true;
        cancelDeadline();
        close();
    }

    private void close() {
        pending = null;
        NetSocket s = socket;
        if (s == null) {
            return;
        }
        socket = null;
        if (lastWrite != null && !lastWrite.isComplete()) {
            // let a goodbye (QUIT, Terminate, DISCONNECT) reach the server, but not for long
            long fallback = context.owner().setTimer(1000, id -> s.close());
            lastWrite.onComplete(done -> {
                context.owner().cancelTimer(fallback);
                s.close();
            });
        } else {
            s.close();
        }
    }

    private void cancelDeadline() {
        if (deadlineTimer >= 0) {
            context.owner().cancelTimer(deadlineTimer);
            deadlineTimer = -1;
        }
    }

    private Verdict withEvidence(Verdict verdict) {
        return verdict.withEvidence(evidence);
    }
}
