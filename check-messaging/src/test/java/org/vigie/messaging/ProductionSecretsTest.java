package org.vigie.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** In production an app names the first setting that holds no secret; dev and test run on the defaults. */
class ProductionSecretsTest {

    static final List<String> BOARD = List.of(
            ProductionSecrets.DATABASE_PASSWORD, ProductionSecrets.BROKER_PASSWORD, ProductionSecrets.SESSION_KEY);

    static SmallRyeConfig config(String profile, Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .addDefaultSources() // this jar's shared defaults
                .addDefaultInterceptors()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, "production secrets test", 500))
                .build();
    }

    @Test
    void productionWithNothingSetNamesTheFirstSetting() {
        assertThat(ProductionSecrets.problem(config("prod", Map.of()), BOARD))
                .contains("vigie: not starting: quarkus.datasource.password (env QUARKUS_DATASOURCE_PASSWORD) is not"
                        + " set; production needs a secret of your own there (docs/security.md)");
    }

    @Test
    void theBrokerPasswordHasNoDefaultInProduction() {
        assertThat(ProductionSecrets.problem(config("prod", Map.of()), List.of(ProductionSecrets.BROKER_PASSWORD)))
                .hasValueSatisfying(
                        line -> assertThat(line).contains("rabbitmq-password (env RABBITMQ_PASSWORD) is not set"));
    }

    @Test
    void wellKnownValuesAreRefusedInProduction() {
        for (String known : List.of(
                "vigie",
                "guest",
                " Guest ",
                "dev-only-encryption-key-not-for-production",
                "test-only-encryption-key-not-for-production")) {
            Map<String, String> set = Map.of(
                    "quarkus.datasource.password",
                    "s3cret-db-9f2c",
                    "rabbitmq-password",
                    known,
                    "quarkus.http.auth.session.encryption-key",
                    "k".repeat(40));
            assertThat(ProductionSecrets.problem(config("prod", set), BOARD))
                    .as(known)
                    .hasValueSatisfying(line -> assertThat(line)
                            .contains("rabbitmq-password (env RABBITMQ_PASSWORD) is a well-known default"));
        }
        assertThat(ProductionSecrets.problem(
                        config("prod", Map.of("rabbitmq-password", "  ")), List.of("rabbitmq-password")))
                .hasValueSatisfying(line -> assertThat(line).contains("is not set"));
    }

    @Test
    void realSecretsPass() {
        Map<String, String> set = Map.of(
                "quarkus.datasource.password", "s3cret-db-9f2c",
                "rabbitmq-password", "s3cret-mq-77ab",
                "quarkus.http.auth.session.encryption-key", "k".repeat(40));
        assertThat(ProductionSecrets.problem(config("prod", set), BOARD)).isEmpty();
    }

    @Test
    void devAndTestNeedNothing() {
        assertThat(ProductionSecrets.problem(config("dev", Map.of()), BOARD)).isEmpty();
        assertThat(ProductionSecrets.problem(config("test", Map.of()), BOARD)).isEmpty();
        // and they still reach the local broker as RabbitMQ's guest
        assertThat(config("test", Map.of()).getValue("rabbitmq-password", String.class))
                .isEqualTo("guest");
    }
}
