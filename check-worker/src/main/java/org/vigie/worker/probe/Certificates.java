package org.vigie.worker.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.check.Outcome;
import org.vigie.check.Target;
import org.vigie.worker.config.WorkerConfig;

/**
 * Judges a server's certificate chain for https and tls checks. The TLS clients trust every certificate during the
 * handshake and this class decides afterwards, before a byte of the request is sent: the reasons can then say what is
 * wrong ({@code TLS: self-signed certificate}, {@code TLS: certificate is for other.example, not 127.0.0.1},
 * {@code certificate expired 3 days ago}) where the JDK would only say "PKIX path building failed", and the
 * certificate is evidence even when it is refused.
 */
@ApplicationScoped
public class Certificates {

    private static final Duration DAY = Duration.ofDays(1);

    private final X509TrustManager trust;
    private final int defaultCertDays;

    Certificates(WorkerConfig config) {
        this.trust = trustManager(config.tls().trustStore().map(Path::of).orElse(null));
        this.defaultCertDays = config.certDays();
    }

    /**
     * The verdict on {@code chain} (leaf first) presented for {@code host}: DOWN when expired, untrusted or for
     * another host (the last two unless {@code insecure}), WARNING when it expires within {@code cert-days}, else
     * null. Records the certificate's subject, issuer and expiry in {@code evidence}.
     */
    public Verdict judge(
            List<? extends Certificate> chain, String host, Target target, Evidence evidence, Instant now) {
        List<X509Certificate> x509 = new ArrayList<>();
        for (Certificate c : chain) {
            if (c instanceof X509Certificate x) {
                x509.add(x);
            }
        }
        if (x509.isEmpty()) {
            return Verdict.down("TLS: no certificate", Reasons.CERTIFICATE_INVALID);
        }
        X509Certificate leaf = x509.get(0);
        evidence.put("certificate-subject", leaf.getSubjectX500Principal().getName())
                .put("certificate-issuer", leaf.getIssuerX500Principal().getName())
                .put("certificate-expiry", leaf.getNotAfter().toInstant().toString());
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            String reason = "certificate expired " + days(Duration.between(notAfter, now)) + " ago";
            return Verdict.down(reason, reason);
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            return Verdict.down(
                    "TLS: certificate not valid before " + leaf.getNotBefore().toInstant(),
                    Reasons.CERTIFICATE_NOT_YET_VALID);
        }
        boolean insecure = target.flag("insecure");
        if (!insecure) {
            try {
                // TLS 1.3 reports no key-exchange type: "UNKNOWN" is what the JDK's own TLS 1.3 client passes here
                trust.checkServerTrusted(x509.toArray(X509Certificate[]::new), "UNKNOWN");
            } catch (CertificateException e) {
                return Verdict.down("TLS: " + untrusted(x509, e), Reasons.CERTIFICATE_INVALID);
            }
            if (!matchesHost(leaf, host)) {
                return Verdict.down(
                        "TLS: certificate is for " + names(leaf) + ", not " + host, Reasons.CERTIFICATE_INVALID);
            }
        }
        long certDays = target.count("cert-days").orElse((long) defaultCertDays);
        Duration left = Duration.between(now, notAfter);
        if (certDays > 0 && left.compareTo(Duration.ofDays(certDays)) < 0) {
            String reason = "certificate expires in " + days(left);
            return new Verdict(Outcome.WARNING, reason, reason, null);
        }
        return null;
    }

    /** Days left, for the UP reason of a tls check. */
    static String daysLeft(X509Certificate leaf, Instant now) {
        return days(Duration.between(now, leaf.getNotAfter().toInstant()));
    }

    /** {@code 3 days}, {@code 1 day}, {@code less than a day}: whole days, rounded down. */
    static String days(Duration d) {
        long days = d.dividedBy(DAY);
        if (days == 0) {
            return "less than a day";
        }
        return days + (days == 1 ? " day" : " days");
    }

    private static String untrusted(List<X509Certificate> chain, CertificateException e) {
        String shortReason = Reasons.tls(e);
        if (shortReason.equals("certificate expired")) {
            return "a certificate of the chain expired";
        }
        X509Certificate leaf = chain.get(0);
        if (chain.size() == 1 && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return "self-signed certificate";
        }
        if (shortReason.equals("untrusted certificate")) {
            return "untrusted certificate (issuer "
                    + leaf.getIssuerX500Principal().getName() + ")";
        }
        return shortReason;
    }

    /** RFC 6125: subject alternative names (DNS names, IP addresses); the common name only when there are none. */
    static boolean matchesHost(X509Certificate leaf, String host) {
        boolean ip = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        InetAddress address = null;
        if (ip) {
            try {
                // a literal: no name lookup happens
                address = InetAddress.getByName(host);
            } catch (IOException e) {
                return false;
            }
        }
        Collection<List<?>> sans = subjectAltNames(leaf);
        if (sans.isEmpty()) {
            String cn = commonName(leaf);
            return !ip && cn != null && dnsMatches(cn, host);
        }
        for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            String value = String.valueOf(san.get(1));
            if (ip && type == 7) {
                try {
                    if (InetAddress.getByName(value).equals(address)) {
                        return true;
                    }
                } catch (IOException e) {
                    // not an address
                }
            } else if (!ip && type == 2 && dnsMatches(value, host)) {
                return true;
            }
        }
        return false;
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = trimDot(pattern.toLowerCase(Locale.ROOT));
        String h = trimDot(host.toLowerCase(Locale.ROOT));
        if (p.startsWith("*.")) {
            // a wildcard stands for exactly one left-most label
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot + 1).equals(p.substring(2));
        }
        return p.equals(h);
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** The names a certificate is for, for the wrong-host reason: {@code a.example, b.example and 3 more}. */
    static String names(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        for (List<?> san : subjectAltNames(leaf)) {
            int type = (Integer) san.get(0);
            if (type == 2 || type == 7) {
                names.add(String.valueOf(san.get(1)));
            }
        }
        if (names.isEmpty()) {
            String cn = commonName(leaf);
            names.add(cn == null ? leaf.getSubjectX500Principal().getName() : cn);
        }
        if (names.size() <= 3) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }

    private static Collection<List<?>> subjectAltNames(X509Certificate leaf) {
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            return sans == null ? List.of() : sans;
        } catch (CertificateException e) {
            return List.of();
        }
    }

    private static String commonName(X509Certificate leaf) {
        try {
            LdapName dn = new LdapName(leaf.getSubjectX500Principal().getName());
            for (Rdn rdn : dn.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            // no common name
        }
        return null;
    }

    /** The JDK's authorities, plus those of {@code extra} (PEM or DER) when given. */
    static X509TrustManager trustManager(Path extra) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (extra == null) {
                factory.init((KeyStore) null);
            } else {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (X509Certificate ca : jdkAuthorities()) {
                    store.setCertificateEntry("jdk-" + i++, ca);
                }
                try (InputStream in = Files.newInputStream(extra)) {
                    Collection<? extends Certificate> certificates =
                            CertificateFactory.getInstance("X.509").generateCertificates(in);
                    if (certificates.isEmpty()) {
                        throw new IllegalStateException(
                                "vigie.worker.tls.trust-store " + extra + " holds no certificate");
                    }
                    for (Certificate c : certificates) {
                        store.setCertificateEntry("extra-" + i++, c);
                    }
                }
                factory.init(store);
            }
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X.509 trust manager in the JDK");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vigie.worker.tls.trust-store " + extra, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot read vigie.worker.tls.trust-store " + extra + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate[] jdkAuthorities() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
