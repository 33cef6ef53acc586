package org.vigie.worker;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * Certificates made by the tests at run time: a test CA (trusted by the worker through
 * {@code vigie.worker.tls.trust-store}) and server certificates, valid, expiring, expired, self-signed or for another
 * host. Nothing is committed, so nothing expires in the repository.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A server certificate and its key, for Vert.x servers ({@link #keyCert()}) and the JDK's ({@link #keyStore()}). */
    public record Issued(X509Certificate certificate, KeyPair keys, List<X509Certificate> chain) {

        public PemKeyCertOptions keyCert() {
            StringBuilder certs = new StringBuilder();
            for (X509Certificate c : chain) {
                certs.append(pem(c));
            }
            return new PemKeyCertOptions()
                    .setCertValue(Buffer.buffer(certs.toString()))
                    .setKeyValue(Buffer.buffer(pem(keys.getPrivate())));
        }

        public KeyStore keyStore(char[] password) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("server", keys.getPrivate(), password, chain.toArray(X509Certificate[]::new));
                return store;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final KeyPair caKeys;
    private final X509Certificate ca;

    public TestCertificates() {
        caKeys = keyPair();
        Instant now = Instant.now();
        ca = build(
                "CN=Vigie Test CA",
                caKeys,
                "CN=Vigie Test CA",
                caKeys,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3650)),
                List.of(),
                true);
    }

    /** The CA certificate as PEM, written to a file for {@code vigie.worker.tls.trust-store}. */
    public Path writeCa(Path dir) throws IOException {
        Path file = dir.resolve("vigie-test-ca.pem");
        Files.writeString(file, pem(ca), StandardCharsets.UTF_8);
        return file;
    }

    /** Signed by the test CA, for {@code names} (DNS names and IP addresses), valid until {@code notAfter}. */
    public Issued signed(Instant notBefore, Instant notAfter, String... names) {
        KeyPair keys = keyPair();
        X509Certificate cert =
                build("CN=" + names[0], keys, "CN=Vigie Test CA", caKeys, notBefore, notAfter, List.of(names), false);
        return new Issued(cert, keys, List.of(cert, ca));
    }

    /** Valid for localhost, 127.0.0.1 and ::1 for {@code days} more days. */
    public Issued valid(int days) {
        Instant now = Instant.now();
        return signed(
                now.minus(Duration.ofDays(30)),
                now.plus(Duration.ofDays(days)).plus(Duration.ofHours(1)),
                "localhost",
                "127.0.0.1",
                "::1");
    }

    /** Signed by the test CA for localhost and 127.0.0.1, expired {@code days} days ago. */
    public Issued expired(int days) {
        Instant now = Instant.now();
        return signed(
                now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(days)).minus(Duration.ofHours(1)),
                "localhost",
                "127.0.0.1");
    }

    /** Valid dates and names, signed by itself. */
    public Issued selfSigned() {
        KeyPair keys = keyPair();
        Instant now = Instant.now();
        X509Certificate cert = build(
                "CN=localhost",
                keys,
                "CN=localhost",
                keys,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)),
                List.of("localhost", "127.0.0.1"),
                false);
        return new Issued(cert, keys, List.of(cert));
    }

    private static X509Certificate build(
            String subject,
            KeyPair keys,
            String issuer,
            KeyPair issuerKeys,
            Instant notBefore,
            Instant notAfter,
            List<String> names,
            boolean isCa) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name(issuer),
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    new X500Name(subject),
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            }
            if (!names.isEmpty()) {
                List<GeneralName> general = new ArrayList<>();
                for (String name : names) {
                    boolean ip = name.indexOf(':') >= 0 || name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
                    general.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name));
                }
                builder.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(general.toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build test certificate " + subject, e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
