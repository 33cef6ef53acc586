package org.vigie.worker.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vigie.worker.probe.ProtocolChecks.check;
import static org.vigie.worker.probe.ProtocolChecks.closedPort;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigie.check.Outcome;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * mysql, postgres, redis, amqp, mqtt: up against the real servers of this machine (MariaDB, PostgreSQL, Redis,
 * RabbitMQ, Mosquitto on their default loopback ports), down against servers the tests start.
 */
class HandshakeProbeTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private static Vertx vertx;
    private static HandshakeProbe probe;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        probe = new HandshakeProbe(vertx, Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() {
        probe.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    // ------------------------------------------------------------------------------------------------------------
    // The real servers
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void mariadbIsUpWithItsVersion() {
        Verdict verdict = check(probe, "mysql://127.0.0.1:3306", FIVE_SECONDS);

        assertThat(verdict.outcome()).as(verdict.toString()).isEqualTo(Outcome.UP);
        assertThat(verdict.reason()).startsWith("MySQL 10.").contains("MariaDB").doesNotContain("5.5.5-");
        assertThat(verdict.evidence()).containsEntry("address", "127.0.0.1");
        assertThat(verdict.evidence().get("banner")).contains("MariaDB");
    }

    @Test
    void postgresqlIsUp() {
        Verdict verdict = check(probe, "postgres://127.0.0.1:5432", FIVE_SECONDS);

        assertThat(verdict.outcome()).as(verdict.toString()).isEqualTo(Outcome.UP);
        // this machine's server trusts loopback and has no role vigie: AuthenticationOk, then the refusal
        assertThat(verdict.reason()).matches("PostgreSQL answered \\(login refused\\)|PostgreSQL \\d+.* answered");
        assertThat(verdict.evidence()).containsKey("banner");
    }

    @Test
    void postgresTrustingTheProbeThenRefusingTheRoleIsUp() {
        Buffer trustThenRefuse = Buffer.buffer()
                .appendByte((byte) 'R')
                .appendInt(8)
                .appendInt(0)
                .appendBuffer(pgMessage('E', "SFATAL\0VFATAL\0C28000\0Mrole \"vigie\" does not exist\0\0"));
        try (ScriptedServer server = ScriptedServer.answering(vertx, trustThenRefuse)) {
            Verdict verdict = check(probe, "postgres://127.0.0.1:" + server.port(), FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.UP);
            assertThat(verdict.reason()).isEqualTo("PostgreSQL answered (login refused)");
        }
    }

    @Test
    void redisIsUpOnBothLoopbacks() {
        Verdict v4 = check(probe, "redis://127.0.0.1:6379", FIVE_SECONDS);
        Verdict v6 = check(probe, "redis://[::1]:6379", FIVE_SECONDS);

        assertThat(v4.outcome()).as(v4.toString()).isEqualTo(Outcome.UP);
        assertThat(v4.reason()).isEqualTo("Redis PONG");
        assertThat(v6.outcome()).as(v6.toString()).isEqualTo(Outcome.UP);
        assertThat(v6.evidence()).containsEntry("address", "0:0:0:0:0:0:0:1");
    }

    @Test
    void rabbitmqIsUpWithProductAndVersion() {
        Verdict verdict = check(probe, "amqp://127.0.0.1:5672", FIVE_SECONDS);

        assertThat(verdict.outcome()).as(verdict.toString()).isEqualTo(Outcome.UP);
        assertThat(verdict.reason()).matches("RabbitMQ \\d+\\.\\d+.*");
    }

    @Test
    void mosquittoAcceptsTheConnection() {
        Verdict verdict = check(probe, "mqtt://127.0.0.1:1883", FIVE_SECONDS);

        assertThat(verdict.outcome()).as(verdict.toString()).isEqualTo(Outcome.UP);
        assertThat(verdict.reason()).isEqualTo("MQTT CONNACK accepted");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Absent, silent and foreign servers, every scheme
    // ------------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres", "redis", "amqp", "mqtt"})
    void closedPortIsConnectionRefused(String scheme) throws Exception {
        Verdict verdict = check(probe, scheme + "://127.0.0.1:" + closedPort(), FIVE_SECONDS);

        assertThat(verdict.outcome()).isEqualTo(Outcome.DOWN);
        assertThat(verdict.reason()).isEqualTo("connection refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres", "redis", "amqp", "mqtt"})
    void aServerThatNeverAnswersTimesOutAndTheConnectionIsClosed(String scheme) {
        try (ScriptedServer server = ScriptedServer.silent(vertx)) {
            Verdict verdict = check(probe, scheme + "://127.0.0.1:" + server.port(), ONE_SECOND);

            assertThat(verdict.outcome()).isEqualTo(Outcome.DOWN);
            assertThat(verdict.reason()).isEqualTo("timed out after 1 s");
            assertThat(verdict.evidence()).containsEntry("address", "127.0.0.1");
            await().atMost(FIVE_SECONDS).until(() -> server.openConnections() == 0);
        }
    }

    @Test
    void anHttpServerIsNoneOfThem() {
        try (ScriptedServer http = ScriptedServer.http(vertx)) {
            assertDown("postgres", http, "not a PostgreSQL server");
            assertDown("redis", http, "not a Redis server: \"HTTP/1.1 400 Bad Request\"");
            assertDown("amqp", http, "not an AMQP server");
            assertDown("mqtt", http, "not an MQTT server");
        }
    }

    @Test
    void aBannerOfAnotherProtocolIsNotMysql() {
        try (ScriptedServer smtp = ScriptedServer.greeting(vertx, "220 mail.example.org ESMTP\r\n");
                ScriptedServer ssh = ScriptedServer.greeting(vertx, "SSH-2.0-OpenSSH_9.2\r\n")) {
            assertDown("mysql", smtp, "not a MySQL server");
            assertDown("mysql", ssh, "not a MySQL server");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "mysql, not a MySQL server",
        "postgres, not a PostgreSQL server",
        "redis, no complete PING reply in the first 4096 bytes",
        "amqp, not an AMQP server",
        "mqtt, not an MQTT server"
    })
    void endlessGarbageEndsAtTheCapOrAtTheFirstWrongByte(String scheme, String reason) {
        Buffer chunk = Buffer.buffer(new byte[8192]);
        try (ScriptedServer server = ScriptedServer.start(vertx, socket -> {
            for (int i = 0; i < 1024; i++) {
                socket.write(chunk);
            }
        })) {
            Verdict verdict = check(probe, scheme + "://127.0.0.1:" + server.port(), FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.DOWN);
            assertThat(verdict.reason()).isEqualTo(reason);
            await().atMost(FIVE_SECONDS).until(() -> server.openConnections() == 0);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // What each protocol's server may say
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void mysqlErrPacketIsDownWithTheServersMessage() {
        Buffer err = Buffer.buffer()
                .appendByte((byte) 0xFF)
                .appendUnsignedShortLE(1040)
                .appendString("Too many connections");
        try (ScriptedServer server = ScriptedServer.start(vertx, socket -> socket.write(mysqlPacket(0, err)))) {
            assertDown("mysql", server, "MySQL error 1040: Too many connections");
        }
    }

    @Test
    void mysqlProbeLogsInWithoutAPasswordThenQuitsSoTheHostIsNeverBlocked() {
        List<Buffer> heard = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = ScriptedServer.start(vertx, socket -> {
            socket.handler(data -> {
                heard.add(data);
                // the login packet: answer OK, then expect COM_QUIT
                if (heard.size() == 1) {
                    socket.write(mysqlPacket(2, Buffer.buffer(new byte[] {0, 0, 0, 2, 0, 0, 0})));
                }
            });
            socket.write(mysqlPacket(0, mysqlHandshake("8.0.36")));
        })) {
            Verdict verdict = check(probe, "mysql://127.0.0.1:" + server.port(), FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.UP);
            assertThat(verdict.reason()).isEqualTo("MySQL 8.0.36");
            await().atMost(FIVE_SECONDS).until(() -> heard.size() == 2 && server.openConnections() == 0);
            Buffer login = heard.get(0);
            assertThat(login.getByte(3)).as("sequence").isEqualTo((byte) 1);
            assertThat(login.toString(StandardCharsets.ISO_8859_1)).contains("vigie\0\0mysql_native_password\0");
            assertThat(heard.get(1)).isEqualTo(Buffer.buffer(new byte[] {1, 0, 0, 0, 1}));
        }
    }

    @Test
    void mysqlStaysUpWhenTheServerNeverAnswersTheLogin() {
        try (ScriptedServer server = ScriptedServer.start(
                vertx, socket -> socket.write(mysqlPacket(0, mysqlHandshake("5.5.5-10.11.6-MariaDB"))))) {
            Verdict verdict = check(probe, "mysql://127.0.0.1:" + server.port(), ONE_SECOND);

            assertThat(verdict.outcome()).isEqualTo(Outcome.UP);
            assertThat(verdict.reason()).isEqualTo("MySQL 10.11.6-MariaDB");
            await().atMost(FIVE_SECONDS).until(() -> server.openConnections() == 0);
        }
    }

    @Test
    void postgresErrorsSayWhetherTheServerServes() {
        try (ScriptedServer full = pgError("FATAL", "53300", "sorry, too many clients already");
                ScriptedServer starting = pgError("FATAL", "57P03", "the database system is starting up");
                ScriptedServer noRole = pgError("FATAL", "28000", "role \"vigie\" does not exist")) {
            assertDown("postgres", full, "PostgreSQL: sorry, too many clients already");
            assertDown("postgres", starting, "PostgreSQL: the database system is starting up");
            Verdict refused = check(probe, "postgres://127.0.0.1:" + noRole.port(), FIVE_SECONDS);
            assertThat(refused.outcome()).isEqualTo(Outcome.UP);
            assertThat(refused.reason()).isEqualTo("PostgreSQL answered (login refused)");
            assertThat(refused.evidence()).containsEntry("banner", "FATAL 28000 role \"vigie\" does not exist");
        }
    }

    @Test
    void postgresAskingForAPasswordIsUp() {
        Buffer md5 = Buffer.buffer()
                .appendByte((byte) 'R')
                .appendInt(12)
                .appendInt(5)
                .appendBytes(new byte[] {1, 2, 3, 4});
        try (ScriptedServer server = ScriptedServer.answering(vertx, md5)) {
            Verdict verdict = check(probe, "postgres://127.0.0.1:" + server.port(), FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.UP);
            assertThat(verdict.reason()).isEqualTo("PostgreSQL answered (auth required)");
            assertThat(verdict.evidence()).containsEntry("auth", "md5");
        }
    }

    @Test
    void postgresLettingTheProbeInGivesItsVersionAndIsToldGoodbye() {
        List<Buffer> heard = new CopyOnWriteArrayList<>();
        Buffer welcome = Buffer.buffer()
                .appendByte((byte) 'R')
                .appendInt(8)
                .appendInt(0)
                .appendBuffer(pgMessage('S', "server_version\u000016.2\u0000"))
                .appendBuffer(pgMessage('S', "TimeZone\u0000UTC\u0000"))
                .appendBuffer(pgMessage('Z', "I"));
        try (ScriptedServer server = ScriptedServer.start(
                vertx,
                socket -> socket.handler(data -> {
                    heard.add(data);
                    if (heard.size() == 1) {
                        socket.write(welcome);
                    }
                }))) {
            Verdict verdict = check(probe, "postgres://127.0.0.1:" + server.port(), FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.UP);
            assertThat(verdict.reason()).isEqualTo("PostgreSQL 16.2 answered");
            await().atMost(FIVE_SECONDS).until(() -> heard.size() == 2);
            assertThat(heard.get(1))
                    .isEqualTo(Buffer.buffer().appendByte((byte) 'X').appendInt(4));
        }
    }

    @Test
    void redisRepliesOtherThanPong() {
        try (ScriptedServer noAuth =
                        ScriptedServer.answering(vertx, Buffer.buffer("-NOAUTH Authentication required.\r\n"));
                ScriptedServer loading = ScriptedServer.answering(
                        vertx, Buffer.buffer("-LOADING Redis is loading the dataset in memory\r\n"))) {
            Verdict auth = check(probe, "redis://127.0.0.1:" + noAuth.port(), FIVE_SECONDS);
            assertThat(auth.outcome()).isEqualTo(Outcome.UP);
            assertThat(auth.reason()).isEqualTo("Redis answered (auth required)");
            assertDown("redis", loading, "Redis: LOADING Redis is loading the dataset in memory");
        }
    }

    @Test
    void amqpBrokerWantingAnotherVersionIsStillAmqp() {
        try (ScriptedServer server =
                ScriptedServer.answering(vertx, Buffer.buffer(new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0}))) {
            Verdict verdict = check(probe, "amqp://127.0.0.1:" + server.port(), FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.UP);
            assertThat(verdict.reason()).isEqualTo("AMQP answered (wants protocol 1-0-0)");
        }
    }

    @Test
    void mqttConnackCodes() {
        try (ScriptedServer notAuthorized = mqttBroker(5);
                ScriptedServer badPassword = mqttBroker(4);
                ScriptedServer unavailable = mqttBroker(3);
                ScriptedServer oldProtocol = mqttBroker(1)) {
            Verdict auth = check(probe, "mqtt://127.0.0.1:" + notAuthorized.port(), FIVE_SECONDS);
            assertThat(auth.outcome()).isEqualTo(Outcome.UP);
            assertThat(auth.reason()).isEqualTo("MQTT answered (auth required: not authorized)");
            Verdict password = check(probe, "mqtt://127.0.0.1:" + badPassword.port(), FIVE_SECONDS);
            assertThat(password.outcome()).isEqualTo(Outcome.UP);
            assertThat(password.reason()).isEqualTo("MQTT answered (auth required: bad user name or password)");
            assertDown("mqtt", unavailable, "MQTT: server unavailable");
            assertDown("mqtt", oldProtocol, "MQTT: unacceptable protocol version");
        }
    }

    @Test
    void mqttConnectIsAValid311ConnectAndAnAcceptedOneEndsWithDisconnect() {
        List<Buffer> heard = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = ScriptedServer.start(
                vertx,
                socket -> socket.handler(data -> {
                    heard.add(data);
                    if (heard.size() == 1) {
                        socket.write(Buffer.buffer(new byte[] {0x20, 2, 0, 0}));
                    }
                }))) {
            Verdict verdict = check(probe, "mqtt://127.0.0.1:" + server.port(), FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.UP);
            await().atMost(FIVE_SECONDS).until(() -> heard.size() == 2);
            Buffer connect = heard.get(0);
            assertThat(connect.getByte(0)).isEqualTo((byte) 0x10);
            assertThat((int) connect.getUnsignedByte(1)).as("remaining length").isEqualTo(connect.length() - 2);
            assertThat(connect.getString(2, 10, "ISO-8859-1")).isEqualTo("\0\u0004MQTT\u0004\u0002");
            assertThat(connect.getUnsignedShort(10)).as("keep alive").isEqualTo(10);
            assertThat(connect.getString(14, connect.length(), "UTF-8")).startsWith("vigie-");
            assertThat(heard.get(1)).isEqualTo(Buffer.buffer(new byte[] {(byte) 0xE0, 0}));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private static void assertDown(String scheme, ScriptedServer server, String reason) {
        Verdict verdict = check(probe, scheme + "://127.0.0.1:" + server.port(), FIVE_SECONDS);
        assertThat(verdict.outcome()).as(scheme + ": " + verdict).isEqualTo(Outcome.DOWN);
        assertThat(verdict.reason()).as(scheme).isEqualTo(reason);
    }

    private static Buffer mysqlPacket(int sequence, Buffer payload) {
        return Buffer.buffer()
                .appendMediumLE(payload.length())
                .appendByte((byte) sequence)
                .appendBuffer(payload);
    }

    /** A protocol 10 handshake as MySQL 8 sends it: protocol 4.1, secure connection, plugin auth. */
    private static Buffer mysqlHandshake(String version) {
        int capabilities = 0x200 | 0x8000 | 0x80000 | 0x1 | 0x8;
        return Buffer.buffer()
                .appendByte((byte) 10)
                .appendString(version)
                .appendByte((byte) 0)
                .appendIntLE(42)
                .appendBytes("abcdefgh".getBytes(StandardCharsets.US_ASCII))
                .appendByte((byte) 0)
                .appendUnsignedShortLE(capabilities & 0xFFFF)
                .appendByte((byte) 33)
                .appendUnsignedShortLE(2)
                .appendUnsignedShortLE(capabilities >>> 16)
                .appendByte((byte) 21)
                .appendBytes(new byte[10])
                .appendBytes("ijklmnopqrst".getBytes(StandardCharsets.US_ASCII))
                .appendByte((byte) 0)
                .appendString("mysql_native_password")
                .appendByte((byte) 0);
    }

    private static ScriptedServer pgError(String severity, String sqlState, String message) {
        String fields = "S" + severity + "\0V" + severity + "\0C" + sqlState + "\0M" + message + "\0\0";
        return ScriptedServer.answering(vertx, pgMessage('E', fields));
    }

    private static Buffer pgMessage(char type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return Buffer.buffer()
                .appendByte((byte) type)
                .appendInt(4 + bytes.length)
                .appendBytes(bytes);
    }

    private static ScriptedServer mqttBroker(int returnCode) {
        return ScriptedServer.answering(vertx, Buffer.buffer(new byte[] {0x20, 2, 0, (byte) returnCode}));
    }
}
