package org.vigie.board.notify.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigurationException;

/** Channels' secrets: sealed and opened with the key; production refuses to start without a key of its own. */
class SecretBoxTest {

    static SecretBox box(String key) {
        return new SecretBox(Optional.ofNullable(key));
    }

    @Test
    void sealsAndOpensWithAFreshNonceEachTime() {
        SecretBox box = box("dGVzdC1vbmx5IG5vdGlmeSBrZXksIG5vdCBwcm9kISE=");
        String a = box.encrypt("{\"token\":\"abc\"}");
        String b = box.encrypt("{\"token\":\"abc\"}");
        assertThat(a).isNotEqualTo(b).doesNotContain("abc");
        assertThat(box.decrypt(a)).isEqualTo("{\"token\":\"abc\"}");
        // another key cannot open it, nor can a changed byte
        SecretBox other = box("ZGV2LW9ubHkgbm90aWZ5IGtleSwgbm90IHByb2QhISE=");
        assertThatThrownBy(() -> other.decrypt(a)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> box("c2hvcnQ="))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> box("not base64 at all!")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void productionNeedsAKeyOfItsOwn() {
        assertThat(SecretBox.problem(true, ""))
                .get()
                .asString()
                .contains("vigie.notify.secret-key")
                .contains("not set");
        assertThat(SecretBox.problem(true, "dGVzdC1vbmx5IG5vdGlmeSBrZXksIG5vdCBwcm9kISE="))
                .get()
                .asString()
                .contains("dev or test key");
        assertThat(SecretBox.problem(true, "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80="))
                .isEmpty();
        assertThat(SecretBox.problem(false, "")).isEmpty();
    }
}
