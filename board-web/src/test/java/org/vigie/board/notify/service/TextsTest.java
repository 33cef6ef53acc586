package org.vigie.board.notify.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vigie.board.notify.NoticeKind;

/** The messages' words in English (the default) and French, and outages said in their two largest units. */
class TextsTest {

    @Test
    void englishAndFrench() {
        Texts en = new Texts("en");
        Texts fr = new Texts("fr");
        assertThat(en.title(NoticeKind.DOWN, Map.of("service", "shop"))).isEqualTo("shop is down");
        assertThat(fr.title(NoticeKind.DOWN, Map.of("service", "shop"))).isEqualTo("shop est en panne");
        assertThat(fr.say("UP_AFTER", Map.of("service", "shop", "duration", fr.duration(Duration.ofHours(50)))))
                .isEqualTo("shop fonctionne de nouveau après 2 j 2 h");
        assertThat(en.duration(Duration.ofSeconds(200))).isEqualTo("3 min 20 s");
        assertThat(en.duration(Duration.ofMinutes(65))).isEqualTo("1 h 5 min");
        assertThat(en.duration(Duration.ofDays(2))).isEqualTo("2 d");
        assertThat(en.duration(Duration.ofSeconds(7))).isEqualTo("7 s");
    }
}
