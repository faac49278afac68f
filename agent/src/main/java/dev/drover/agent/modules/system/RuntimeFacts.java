package dev.drover.agent.modules.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The {@code min} subset's facts about the agent's process: user, environment and Java. */
final class RuntimeFacts {
    private RuntimeFacts() {
    }

    static void user(Map<String, Object> facts) {
        String user = System.getProperty("user.name");
        facts.put("ansible_user_id", user);
        facts.put("ansible_user_dir", System.getProperty("user.home"));
        for (String line : FactFiles.lines("/proc/self/status")) {
            // "Uid:\treal\teffective\tsaved\tfs": Ansible reports the real ids.
            String[] w = line.split("\\s+");
            if (w.length > 1 && w[0].equals("Uid:")) {
                facts.put("ansible_user_uid", Long.parseLong(w[1]));
            } else if (w.length > 1 && w[0].equals("Gid:")) {
                facts.put("ansible_user_gid", Long.parseLong(w[1]));
            }
        }
        for (String line : FactFiles.lines("/etc/passwd")) {
            String[] f = line.split(":", -1);
            if (f.length >= 7 && f[0].equals(user)) {
                facts.put("ansible_user_gecos", f[4]);
                facts.put("ansible_user_shell", f[6]);
                break;
            }
        }
    }

    static void env(Map<String, Object> facts) {
        // All of it, as Ansible returns it; sorted so a diff between hosts reads well.
        facts.put("ansible_env", new TreeMap<>(System.getenv()));
    }

    static void java(Map<String, Object> facts) {
        Map<String, Object> java = new LinkedHashMap<>();
        java.put("version", System.getProperty("java.version"));
        java.put("vendor", System.getProperty("java.vendor"));
        java.put("home", System.getProperty("java.home"));
        java.put("vm_name", System.getProperty("java.vm.name"));
        java.put("runtime_version", System.getProperty("java.runtime.version"));
        facts.put("ansible_java", java);
        facts.put("drover_java_version_major", javaMajor(System.getProperty("java.specification.version")));
    }

    /** "1.8" is 8, "11" is 11, "17" is 17. */
    static int javaMajor(String specificationVersion) {
        String s = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int dot = s.indexOf('.');
        return Integer.parseInt(dot < 0 ? s : s.substring(0, dot));
    }
}
