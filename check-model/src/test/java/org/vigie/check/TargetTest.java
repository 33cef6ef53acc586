package org.vigie.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    @CsvSource(
            delimiter = '|',
            value = {
                "''                               | connection string is empty",
                "'   '                            | connection string is empty",
                "example.org                      | missing scheme",
                "://example.org                   | missing scheme",
                "gopher://example.org             | unknown scheme \"gopher\": expected one of http, https, tcp, tls, dns, ping, smtp, imap, pop3, ssh, ftp, mysql, postgres, redis, amqp, mqtt",
                "HTTPX://x:70                     | unknown scheme \"HTTPX\"",
                "dns://example.org:53             | dns takes no port: give the resolver as server=host:port",
                "ping://example.org:7             | ping takes no port",
                "dns://example.org?type=MX        | type \"MX\" is not one of A, AAAA",
                "dns://example.org?expect=1.2.3   | expect \"1.2.3\" is not an IP address",
                "dns://example.org?server=:53     | server is missing its host",
                "dns://example.org?server=h:0     | server port must be 1-65535",
                "ping://example.org?loss=120      | loss \"120\" is not a percentage from 0 to 100",
                "ping://example.org?count=-1      | count \"-1\" is not a whole number",
                "https://h/?expect=700            | expect \"700\" is not a range of HTTP statuses within 100-599",
                "https://h/?expect=ok             | expect \"ok\" is not a list of HTTP statuses",
                "https://h/?regex=%28unclosed     | regex is not a valid regular expression",
                "https://h/?json=status           | json \"status\" is not a condition like $.status == ok",
                "https://h/?method=FETCH          | method \"FETCH\" is not one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
                "https://h/?insecure=maybe        | insecure \"maybe\" is not true or false",
                "https://h/?contains=             | contains must have a value of 1 to 512 characters",
                "https://h/?header.Bad%20Name=x   | \"Bad Name\" is not a valid HTTP header name",
                "https://h/?slow=fast             | slow \"fast\" is not a duration",
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
                "tcp://example.org:22?verbose=1   | unknown option \"verbose\" for tcp: expected slow, timeout",
                "smtp://mail.example.org?contains=x | unknown option \"contains\" for smtp: expected insecure, slow, starttls, timeout",
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "tls://example.org?cert-days=30&sni=www.example.org | tls  | 443",
                "dns://example.org?type=AAAA&server=[::1]:5353&expect=::1 | dns | 0",
                "ping://example.org?count=3&loss=34%25             | ping | 0",
                "smtp://mail.example.org?starttls                   | smtp | 25",
                "imap://mail.example.org?starttls=true              | imap | 143",
                "pop3://mail.example.org                            | pop3 | 110",
                "ssh://git.example.org:2222                         | ssh  | 2222",
                "ftp://files.example.org                            | ftp  | 21",
                "mysql://db.example.org                             | mysql | 3306",
                "postgresql://db.example.org                        | postgres | 5432",
                "redis://cache.example.org                          | redis | 6379",
                "amqp://mq.example.org                              | amqp | 5672",
                "mqtt://mq.example.org                              | mqtt | 1883",
            })
    void everySchemeParsesWithItsDefaultPort(String text, String scheme, int port) {
        Target t = Target.parse(text);
        assertThat(t.scheme().id()).isEqualTo(scheme);
        assertThat(t.port()).isEqualTo(port);
        assertThat(Target.parse(t.toString())).isEqualTo(t);
    }

    @Test
    void httpOptionsAreTyped() {
        Target t = Target.parse(
                "https://h/health?method=post&expect=200,3xx&contains=ok&regex=v%5Cd&json=$.checks[0].status%20==%20%22up%22"
                        + "&redirects=3&insecure&cert-days=30&slow=2s&header.X-Api-Key=secret&header.Accept=application/json");
        assertThat(t.text("method")).contains("POST");
        assertThat(t.expectedStatuses().matches(200)).isTrue();
        assertThat(t.expectedStatuses().matches(301)).isTrue();
        assertThat(t.expectedStatuses().matches(204)).isFalse();
        assertThat(t.text("contains")).contains("ok");
        assertThat(t.regex().orElseThrow().matcher("v2").find()).isTrue();
        JsonCondition json = t.jsonCondition().orElseThrow();
        assertThat(json.path()).containsExactly("checks", 0, "status");
        assertThat(json.operator()).isEqualTo("==");
        assertThat(json.expected()).isEqualTo("up");
        assertThat(t.count("redirects")).contains(3L);
        assertThat(t.flag("insecure")).isTrue();
        assertThat(t.count("cert-days")).contains(30L);
        assertThat(t.duration("slow")).contains(Duration.ofSeconds(2));
        assertThat(t.headers())
                .containsExactly(Map.entry("X-Api-Key", "secret"), Map.entry("Accept", "application/json"));
        assertThat(t.query()).isEmpty();
    }

    @Test
    void defaultsWhenOptionsAreAbsent() {
        Target t = Target.parse("http://h/");
        assertThat(t.expectedStatuses().matches(302)).isTrue();
        assertThat(t.expectedStatuses().matches(404)).isFalse();
        assertThat(t.flag("insecure")).isFalse();
        assertThat(t.jsonCondition()).isEmpty();
        assertThat(JsonCondition.parse("$.ready").operator()).isNull();
        assertThat(JsonCondition.parse("$.state != down").expected()).isEqualTo("down");
    }

    @Test
    void refusesNullAndOverlongStrings() {
        assertThatThrownBy(() -> Target.parse(null)).hasMessage("connection string is empty");
        assertThatThrownBy(() -> Target.parse("http://example.org/" + "a".repeat(Target.MAX_LENGTH)))
                .hasMessageContaining("longer than 2048");
        assertThatThrownBy(() -> Target.parse("http://" + "a".repeat(64) + ".org"))
                .hasMessageContaining("is not a valid host name");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // a decoded CR or LF would end the header line: the classic header injection
                "http://h/?header.X-Api=a%0D%0AX-Admin:%20yes | header.X-Api must not contain control characters: CR at position 2",
                "http://h/?header.X-Api=ok%0A                 | header.X-Api must not contain control characters: LF at position 3",
                "http://h/?header.X-Api=%00                   | header.X-Api must not contain control characters: U+0000 at position 1",
                "http://h/?header.X-Api=a%7Fb                 | header.X-Api must not contain control characters: U+007F at position 2",
                "http://h/?header.X-Api=a%C2%85b              | header.X-Api must not contain control characters: U+0085 at position 2",
                "http://h/?header.X-Api=                      | header.X-Api must have a value of 1 to 512 characters",
                "https://h/?header.X%0D%0AHost=x              | header.XCRLFHost: \"XCRLFHost\" is not a valid HTTP header name",
                "https://h/?header.X-A%3Ab=x                  | header.X-A:b: \"X-A:b\" is not a valid HTTP header name",
                "https://h/?header.%C3%A9t%C3%A9=x            | header.été: \"été\" is not a valid HTTP header name",
                "https://h/?header.X(y)=x                     | header.X(y): \"X(y)\" is not a valid HTTP header name",
                "tcp://h:1?a%0D=1                             | unknown option \"aCR\" for tcp",
            })
    void refusesHeadersThatCouldNotBeSentAsWritten(String text, String reason) {
        assertThatThrownBy(() -> Target.parse(text))
                .isInstanceOf(InvalidTargetException.class)
                .hasMessageStartingWith(reason);
    }

    @Test
    void headerValuesKeepSpacesTabsAndTextBeyondAscii() {
        Target t = Target.parse(
                "https://h/?header.Authorization=Bearer%20abc.def~_-%2B%2F%3D&header.X-Note=a%09b&header.X-Name=Ren%C3%A9");
        assertThat(t.headers())
                .containsExactly(
                        Map.entry("Authorization", "Bearer abc.def~_-+/="),
                        Map.entry("X-Note", "a\tb"),
                        Map.entry("X-Name", "René"));
        assertThat(Target.parse(t.toString())).isEqualTo(t);
    }
}
