package dev.drover.agent.modules.system;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code network} subset: interface names, all non-loopback addresses and the IPv4 default
 * route's interface, address and gateway (from /proc/net/route), as Ansible names them.
 */
final class NetworkFacts {
    private NetworkFacts() {
    }

    static void collect(Map<String, Object> facts) {
        List<String> names = new ArrayList<>();
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                names.add(nic.getName());
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a.isLoopbackAddress()) {
                        continue;
                    }
                    if (a instanceof Inet4Address) {
                        v4.add(a.getHostAddress());
                    } else if (a instanceof Inet6Address) {
                        String text = a.getHostAddress();
                        int scope = text.indexOf('%');
                        v6.add(compress(scope < 0 ? text : text.substring(0, scope)));
                    }
                }
            }
        } catch (SocketException e) {
            // No interfaces readable: the lists stay empty.
        }
        Collections.sort(names);
        facts.put("ansible_interfaces", names);
        facts.put("ansible_all_ipv4_addresses", v4);
        facts.put("ansible_all_ipv6_addresses", v6);
        facts.put("ansible_default_ipv4", defaultIpv4(FactFiles.lines("/proc/net/route")));
    }

    static Map<String, Object> defaultIpv4(List<String> routes) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (String line : routes) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !f[1].equals("00000000") || !f[7].equals("00000000")) {
                continue;
            }
            d.put("interface", f[0]);
            d.put("gateway", hexIpv4(f[2]));
            try {
                NetworkInterface nic = NetworkInterface.getByName(f[0]);
                if (nic != null) {
                    for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                        if (a.getAddress() instanceof Inet4Address) {
                            d.put("address", a.getAddress().getHostAddress());
                            d.put("prefix", String.valueOf(a.getNetworkPrefixLength()));
                            break;
                        }
                    }
                }
            } catch (SocketException e) {
                // The interface vanished between the two reads: report what is known.
            }
            break;
        }
        return d;
    }

    /** /proc/net/route's little-endian hex IPv4 address. */
    static String hexIpv4(String hex) {
        long v = Long.parseLong(hex, 16);
        return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
    }

    /** RFC 5952 text ("fe80::1" rather than Java's "fe80:0:0:0:0:0:0:1"), as Ansible shows addresses. */
    static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return full;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bestStart; i++) {
            out.append(i > 0 ? ":" : "").append(groups[i]);
        }
        out.append("::");
        for (int i = bestStart + bestLength; i < groups.length; i++) {
            out.append(i > bestStart + bestLength ? ":" : "").append(groups[i]);
        }
        return out.toString();
    }
}
