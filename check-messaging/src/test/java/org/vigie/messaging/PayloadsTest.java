package org.vigie.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Every consumer tells a message of one task or result from a message of several the same way. */
class PayloadsTest {

    @Test
    void anArrayIsToldByItsFirstByteThatIsNotWhiteSpace() {
        assertThat(Payloads.isArray(utf8("[{\"id\":1}]"))).isTrue();
        assertThat(Payloads.isArray(utf8(" \r\n\t[]"))).isTrue();
        assertThat(Payloads.isArray(utf8("{\"list\":[1]}"))).isFalse();
        assertThat(Payloads.isArray(utf8("  "))).isFalse();
        assertThat(Payloads.isArray(new byte[0])).isFalse();
    }

    @Test
    void whatTheConnectorMadeOfAPayloadGivesBackItsBytes() {
        assertThat(Payloads.bytes(new JsonObject().put("a", 1))).hasValue(utf8("{\"a\":1}"));
        assertThat(Payloads.bytes(new JsonArray().add(1))).hasValue(utf8("[1]"));
        assertThat(Payloads.bytes("é")).hasValue(utf8("é"));
        assertThat(Payloads.bytes(null)).isEmpty();
        assertThat(Payloads.bytes(42)).isEmpty();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
