package org.vigie.board.subscribe.service;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Whether a visitor's webhook points at the public internet: a host that is, or resolves to, a loopback, private,
 * link-local, unspecified, multicast, shared (100.64/10) or unique-local (fc00::/7) address is refused, so that
 * visitors cannot make board-web post into the network it runs in. Checked when subscribing and again before each
 * delivery (a name may resolve elsewhere later).
 */
public final class PublicHosts {

    private PublicHosts() {}

    /** Empty when every address of the URL's host is public; else what is wrong, to tell the visitor. */
    public static Optional<String> problem(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a URL");
        }
        if (host == null) {
            return Optional.of("has no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            for (InetAddress a : InetAddress.getAllByName(bare)) {
                if (!isPublic(a)) {
                    return Optional.of("points at " + a.getHostAddress() + ", not a public address");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("has a host that does not resolve: " + bare);
        }
    }

    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isAnyLocalAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // unique local fc00::/7
        }
        boolean shared = (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // carrier-grade NAT 100.64/10
        boolean reserved = (b[0] & 0xff) >= 240 || (b[0] & 0xff) == 0;
        return !shared && !reserved;
    }
}
