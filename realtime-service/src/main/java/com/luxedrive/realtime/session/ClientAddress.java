package com.luxedrive.realtime.session;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address of the client behind the proxies, for a session row: clients reach realtime-service through the
 * ingress and the gateway, so the connection's peer is the gateway. Each proxy appends the address it was reached
 * from to {@code X-Forwarded-For}; read from the right, the first address that is not a private, loopback,
 * link-local, unique-local or shared (RFC 6598) one (a proxy inside the cluster) is the client's — entries left of it
 * are whatever the client chose to send. When every hop is internal (a local run), the left-most address is taken, as
 * Tomcat's {@code RemoteIpValve} does.
 */
final class ClientAddress {

    /** Four octets of 0–255 (Java would look up "999.1.1.1" as a name). */
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");

    /** Hex digits and colons (a host name has no colon), with a dotted IPv4 tail allowed. */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F]*:[0-9a-fA-F:.]*");

    private ClientAddress() {
    }

    /** The client's address given the connection's {@code peer} and its {@code X-Forwarded-For} header, if any. */
    static String of(InetAddress peer, String forwardedFor) {
        List<InetAddress> hops = new ArrayList<>();
        if (forwardedFor != null) {
            for (String entry : forwardedFor.split(",")) {
                literal(entry.trim()).ifPresent(hops::add);
            }
        }
        if (peer != null) {
            hops.add(peer);
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!internal(hops.get(i))) {
                return hops.get(i).getHostAddress();
            }
        }
        return hops.isEmpty() ? null : hops.get(0).getHostAddress();
    }

    /** An IP address written as such (never a name: nothing here may cause a DNS lookup), without port or brackets. */
    private static Optional<InetAddress> literal(String entry) {
        String address = entry;
        if (address.startsWith("[") && address.contains("]")) {
            address = address.substring(1, address.indexOf(']'));
        } else if (address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            address = address.substring(0, address.indexOf(':'));
        }
        if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }

    private static boolean internal(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        // 100.64.0.0/10 (RFC 6598): never routed on the internet, so never a client's address as the ingress sees it,
        // but some clusters number their pods and nodes from it
        boolean sharedAddressSpace = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || uniqueLocalV6 || sharedAddressSpace;
    }
}
