package org.vigie.board.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vigie.board.subscribe.service.PublicHosts;

/** The webhook's SSRF guard: addresses inside the board's network are refused, public ones pass. */
class PublicHostsTest {

    @Test
    void privateAndLocalAddressesAreRefused() {
        for (String url : new String[] {
            "http://127.0.0.1/hook",
            "http://localhost:8080/",
            "http://10.1.2.3/",
            "http://172.16.0.9/",
            "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://100.64.0.1/",
            "http://0.0.0.0/",
            "http://[::1]/",
            "http://[fd00::1]/",
            "http://[fe80::1]/"
        }) {
            assertThat(PublicHosts.problem(url)).as(url).isPresent();
        }
    }

    @Test
    void publicAddressesPass() {
        assertThat(PublicHosts.problem("https://93.184.216.34/hook")).isEmpty();
        assertThat(PublicHosts.problem("https://[2001:4860:4860::8888]/hook")).isEmpty();
    }
}
