package org.vigie.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void httpWithDefaults() {
        Target t = Target.parse("http://example.org");
        assertThat(t.scheme()).isEqualTo(Scheme.HTTP);
        assertThat(t.host()).isEqualTo("example.org");
        assertThat(t.port()).isEqualTo(80);
        assertThat(t.path()).isEmpty();
        assertThat(t.requestUrl()).isEqualTo("http://example.org:80/");
        assertThat(t.timeout()).isEmpty();
    }

    @Test
    void httpsWithPortPathQueryAndOptions() {
        Target t = Target.parse("HTTPS://Example.ORG:8443/health?page=2&timeout=5s&x=y");
        assertThat(t.scheme()).isEqualTo(Scheme.HTTPS);
        assertThat(t.host()).isEqualTo("example.org");
        assertThat(t.port()).isEqualTo(8443);
        assertThat(t.path()).isEqualTo("/health");
        assertThat(t.query()).isEqualTo("page=2&x=y");
        assertThat(t.timeout()).contains(Duration.ofSeconds(5));
        assertThat(t.requestUrl()).isEqualTo("https://example.org:8443/health?page=2&x=y");
        assertThat(t).hasToString("https://example.org:8443/health?page=2&x=y&timeout=5s");
    }

    @Test
    void httpsDefaultPort() {
        assertThat(Target.parse("https://status.example.org/").port()).isEqualTo(443);
    }

    @Test
    void tcpWithPortAndTimeout() {
        Target t = Target.parse("tcp://db.internal:5432?timeout=250ms");
        assertThat(t.scheme()).isEqualTo(Scheme.TCP);
        assertThat(t.port()).isEqualTo(5432);
        assertThat(t.timeout()).contains(Duration.ofMillis(250));
        assertThat(Target.parse("tcp://db.internal:5432/").path()).isEmpty();
    }

    @Test
    void ipv4AndIpv6Hosts() {
        assertThat(Target.parse("tcp://127.0.0.1:22").host()).isEqualTo("127.0.0.1");
        Target v6 = Target.parse("http://[::1]:8080/x");
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(v6.hostForUrl()).isEqualTo("[::1]");
        assertThat(v6.requestUrl()).isEqualTo("http://[::1]:8080/x");
        assertThat(Target.parse("tcp://[2001:db8::5]:443").port()).isEqualTo(443);
    }

    @Test
    void durationUnits() {
        assertThat(Target.parse("tcp://h:1?timeout=2").timeout()).contains(Duration.ofSeconds(2));
        assertThat(Target.parse("tcp://h:1?timeout=1m").timeout()).contains(Duration.ofMinutes(1));
        assertThat(Target.parse("tcp://h:1?timeout=%35s").timeout()).contains(Duration.ofSeconds(5));
    }

    @Test
    void canonicalFormParsesToTheSameTarget() {
        Target t = Target.parse("https://EXAMPLE.org/a?b=c&timeout=3s");
        assertThat(Target.parse(t.toString())).isEqualTo(t);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                               | connection string is empty",
            "'   '                            | connection string is empty",
            "example.org                      | missing scheme",
            "://example.org                   | missing scheme",
            "ftp://example.org                | unknown scheme \"ftp\": expected one of http, https, tcp",
            "gopher://x:70                    | unknown scheme \"gopher\"",
            "http://                          | missing host",
            "http://:80                       | missing host",
            "http:///path                     | missing host",
            "http://exa mple.org              | space or control character at position 11",
            "http://exa_mple..org             | is not a valid host name",
            "http://-bad.org                  | is not a valid host name",
            "http://bad!.org                  | is not a valid host name",
            "http://example.org:              | missing port after ':'",
            "http://example.org:abc           | port \"abc\" is not a number",
            "http://example.org:0             | port 0 is out of range 1-65535",
            "http://example.org:65536         | port 65536 is out of range 1-65535",
            "http://example.org:99999999999   | is not a number",
            "tcp://example.org                | tcp needs a port",
            "tcp://example.org:22/path        | tcp takes no path",
            "tcp://example.org:22?verbose=1   | unknown option \"verbose\" for tcp: expected timeout",
            "tcp://example.org:22?timeout=abc | timeout \"abc\" is not a duration",
            "tcp://example.org:22?timeout=0s  | timeout must be more than 0",
            "tcp://example.org:22?timeout=10m | timeout must be more than 0 and at most 120s",
            "tcp://h:22?timeout=1s&timeout=2s | option timeout is given twice",
            "http://user:pw@example.org       | credentials (user@host) are not accepted",
            "http://example.org/#top          | fragment",
            "http://[::1                      | missing its closing ']'",
            "http://[nothex]:80               | is not an IPv6 address",
            "http://[]:80                     | is not an IPv6 address",
            "http://[::1]x                    | unexpected \"x\" after the IPv6 address",
            "http://example.org?timeout=%zz   | bad percent-encoding",
    })
    void refusesWithAClearReason(String text, String reason) {
        assertThatThrownBy(() -> Target.parse(text))
                .isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void refusesNullAndOverlongStrings() {
        assertThatThrownBy(() -> Target.parse(null)).hasMessage("connection string is empty");
        assertThatThrownBy(() -> Target.parse("http://example.org/" + "a".repeat(Target.MAX_LENGTH)))
                .hasMessageContaining("longer than 2048");
        assertThatThrownBy(() -> Target.parse("http://" + "a".repeat(64) + ".org"))
                .hasMessageContaining("is not a valid host name");
    }
}
