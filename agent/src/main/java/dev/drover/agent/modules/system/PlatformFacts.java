package dev.drover.agent.modules.system;

import java.io.File;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code min} subset's host identity: names, kernel, architecture, distribution (from
 * /etc/os-release, with Ansible's names and families), service and package manager. No program
 * runs and no DNS query is made: the FQDN comes from /etc/hosts, as the resolver's files source
 * would answer first.
 */
final class PlatformFacts {
    private static final Map<String, String> NAMES = new HashMap<>();
    private static final Map<String, String> FAMILIES = new HashMap<>();

    static {
        String[][] names = {
            {"debian", "Debian"}, {"ubuntu", "Ubuntu"}, {"linuxmint", "Linux Mint"}, {"rhel", "RedHat"},
            {"centos", "CentOS"}, {"rocky", "Rocky"}, {"almalinux", "AlmaLinux"}, {"ol", "OracleLinux"},
            {"amzn", "Amazon"}, {"fedora", "Fedora"}, {"sles", "SLES"}, {"sles_sap", "SLES_SAP"},
            {"opensuse-leap", "openSUSE Leap"}, {"opensuse-tumbleweed", "openSUSE Tumbleweed"},
            {"alpine", "Alpine"}, {"arch", "Archlinux"},
        };
        for (String[] n : names) {
            NAMES.put(n[0], n[1]);
        }
        for (String id : Arrays.asList("debian", "ubuntu", "linuxmint", "raspbian", "pop", "kali", "devuan")) {
            FAMILIES.put(id, "Debian");
        }
        for (String id : Arrays.asList("rhel", "centos", "rocky", "almalinux", "ol", "amzn", "fedora", "scientific", "cloudlinux")) {
            FAMILIES.put(id, "RedHat");
        }
        for (String id : Arrays.asList("sles", "sles_sap", "opensuse", "opensuse-leap", "opensuse-tumbleweed", "suse")) {
            FAMILIES.put(id, "Suse");
        }
        FAMILIES.put("alpine", "Alpine");
        FAMILIES.put("arch", "Archlinux");
    }

    private PlatformFacts() {
    }

    static void platform(Map<String, Object> facts) {
        String nodename = FactFiles.firstLine("/proc/sys/kernel/hostname", null);
        if (nodename == null) {
            String env = System.getenv("HOSTNAME");
            nodename = env != null ? env : "localhost";
        }
        facts.put("ansible_nodename", nodename);
        facts.put("ansible_hostname", nodename.split("\\.")[0]);
        facts.put("ansible_fqdn", fqdn(nodename, FactFiles.lines("/etc/hosts")));
        facts.put("ansible_domain", domain((String) facts.get("ansible_fqdn")));
        facts.put("ansible_system", System.getProperty("os.name"));
        facts.put("ansible_kernel", FactFiles.firstLine("/proc/sys/kernel/osrelease", System.getProperty("os.version")));
        facts.put("ansible_kernel_version", FactFiles.firstLine("/proc/sys/kernel/version", ""));
        // Ansible's fips collector: true only when the kernel says FIPS mode is on.
        facts.put("ansible_fips", "1".equals(FactFiles.firstLine("/proc/sys/crypto/fips_enabled", "0").trim()));
        String machine = FactFiles.firstLine("/proc/sys/kernel/arch", machine(System.getProperty("os.arch")));
        facts.put("ansible_architecture", machine);
        facts.put("ansible_machine", machine);
    }

    /** Python's socket.getfqdn() answered from /etc/hosts: the first name with a dot on the line naming this host. */
    static String fqdn(String nodename, List<String> hosts) {
        if (nodename.contains(".")) {
            return nodename;
        }
        for (String line : hosts) {
            int hash = line.indexOf('#');
            String[] words = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (words.length < 2 || !Arrays.asList(words).subList(1, words.length).contains(nodename)) {
                continue;
            }
            for (int i = 1; i < words.length; i++) {
                if (words[i].contains(".") && words[i].startsWith(nodename + ".")) {
                    return words[i];
                }
            }
            for (int i = 1; i < words.length; i++) {
                if (words[i].contains(".")) {
                    return words[i];
                }
            }
        }
        return nodename;
    }

    private static String domain(String fqdn) {
        int dot = fqdn.indexOf('.');
        return dot < 0 ? "" : fqdn.substring(dot + 1);
    }

    /** Java's os.arch in uname -m's words (on kernels without /proc/sys/kernel/arch). */
    static String machine(String javaArch) {
        switch (javaArch) {
            case "amd64": case "x86_64":
                return "x86_64";
            case "x86": case "i386": case "i686":
                return "i386";
            case "arm64": case "aarch64":
                return "aarch64";
            default:
                return javaArch;
        }
    }

    static void distribution(Map<String, Object> facts, Map<String, String> osRelease, String debianVersion) {
        String id = osRelease.getOrDefault("ID", "").toLowerCase(Locale.ROOT);
        String name = NAMES.get(id);
        if (name == null) {
            name = osRelease.getOrDefault("NAME", id.isEmpty() ? "NA" : id);
        }
        String version = osRelease.getOrDefault("VERSION_ID", "NA");
        if (id.equals("debian") && debianVersion != null && !debianVersion.isEmpty() && Character.isDigit(debianVersion.charAt(0))) {
            version = debianVersion; // 12.5 rather than 12, as Ansible reports it
        }
        String family = FAMILIES.get(id);
        if (family == null) {
            for (String like : osRelease.getOrDefault("ID_LIKE", "").toLowerCase(Locale.ROOT).split("\\s+")) {
                if (FAMILIES.containsKey(like)) {
                    family = FAMILIES.get(like);
                    break;
                }
            }
        }
        facts.put("ansible_distribution", name);
        facts.put("ansible_distribution_version", version);
        facts.put("ansible_distribution_major_version", version.split("\\.")[0]);
        facts.put("ansible_distribution_release", osRelease.getOrDefault("VERSION_CODENAME", "NA"));
        facts.put("ansible_os_family", family != null ? family : name);
    }

    static void managers(Map<String, Object> facts) {
        String service;
        if (new File("/run/systemd/system").isDirectory()) {
            service = "systemd";
        } else {
            String init = FactFiles.firstLine("/proc/1/comm", "");
            service = init.equals("init") ? "sysvinit" : init.isEmpty() ? "service" : init;
        }
        facts.put("ansible_service_mgr", service);
        String pkg = "unknown";
        String[][] managers = {{"dnf", "dnf"}, {"yum", "yum"}, {"apt-get", "apt"}, {"zypper", "zypper"}, {"apk", "apk"}, {"pacman", "pacman"}};
        outer:
        for (String[] m : managers) {
            for (String dir : Arrays.asList("/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/")) {
                if (new File(dir + m[0]).canExecute()) {
                    pkg = m[1];
                    break outer;
                }
            }
        }
        facts.put("ansible_pkg_mgr", pkg);
    }
}
