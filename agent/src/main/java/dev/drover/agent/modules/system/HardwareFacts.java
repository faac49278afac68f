package dev.drover.agent.modules.system;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code hardware} subset: processors, memory, uptime and mounts, from /proc. Mount sizes come
 * from statfs (through {@link File#getTotalSpace()}), which can hang on a dead network mount, so
 * they are gathered on a separate daemon thread for at most {@link #MOUNT_SIZE_BUDGET_MILLIS};
 * a mount not measured by then is reported without sizes and named in a warning.
 */
final class HardwareFacts {
    static final long MOUNT_SIZE_BUDGET_MILLIS = 2000;

    private HardwareFacts() {
    }

    static void processors(Map<String, Object> facts) {
        int vcpus = 0;
        List<String> models = new ArrayList<>();
        for (String line : FactFiles.lines("/proc/cpuinfo")) {
            if (line.startsWith("processor")) {
                vcpus++;
            } else if (line.startsWith("model name")) {
                models.add(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        int nproc = Runtime.getRuntime().availableProcessors();
        facts.put("ansible_processor_vcpus", vcpus > 0 ? vcpus : nproc);
        facts.put("ansible_processor_nproc", nproc);
        facts.put("ansible_processor", models);
    }

    static void memory(Map<String, Object> facts) {
        Map<String, Long> kb = FactFiles.colonNumbers("/proc/meminfo");
        long total = mb(kb.get("MemTotal"));
        long free = mb(kb.get("MemFree"));
        long swapTotal = mb(kb.get("SwapTotal"));
        long swapFree = mb(kb.get("SwapFree"));
        facts.put("ansible_memtotal_mb", total);
        facts.put("ansible_memfree_mb", free);
        facts.put("ansible_swaptotal_mb", swapTotal);
        facts.put("ansible_swapfree_mb", swapFree);
        long noCacheFree = free + mb(kb.get("Buffers")) + mb(kb.get("Cached"));
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("real", usage(total, free));
        memory.put("nocache", usage(total, noCacheFree));
        memory.put("swap", usage(swapTotal, swapFree));
        facts.put("ansible_memory_mb", memory);
        String uptime = FactFiles.firstLine("/proc/uptime", null);
        if (uptime != null) {
            facts.put("ansible_uptime_seconds", (long) Double.parseDouble(uptime.split("\\s+")[0]));
        }
    }

    private static Map<String, Object> usage(long total, long free) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", total);
        m.put("free", free);
        m.put("used", total - free);
        return m;
    }

    private static long mb(Long kb) {
        return kb == null ? 0 : kb / 1024;
    }

    /** Mounts of real devices and network shares, as Ansible lists them (no proc, sysfs, tmpfs...). */
    static void mounts(Map<String, Object> facts, List<String> warnings) {
        final List<Map<String, Object>> mounts = new ArrayList<>();
        for (String line : FactFiles.lines("/proc/mounts")) {
            String[] f = line.split(" ");
            if (f.length < 4) {
                continue;
            }
            String device = unescape(f[0]);
            if ((!device.startsWith("/") && !device.contains(":/")) || f[2].equals("none")) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mount", unescape(f[1]));
            m.put("device", device);
            m.put("fstype", f[2]);
            m.put("options", f[3]);
            mounts.add(m);
        }
        final Map<Integer, long[]> sizes = new ConcurrentHashMap<>();
        Thread measure = new Thread(() -> {
            for (int i = 0; i < mounts.size(); i++) {
                File dir = new File((String) mounts.get(i).get("mount"));
                sizes.put(i, new long[] {dir.getTotalSpace(), dir.getUsableSpace()});
            }
        }, "drover-mount-sizes");
        measure.setDaemon(true);
        measure.start();
        try {
            measure.join(MOUNT_SIZE_BUDGET_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < mounts.size(); i++) {
            long[] size = sizes.get(i);
            if (size != null) {
                mounts.get(i).put("size_total", size[0]);
                mounts.get(i).put("size_available", size[1]);
            } else {
                warnings.add("no size for mount " + mounts.get(i).get("mount") + ": statfs did not answer within "
                        + MOUNT_SIZE_BUDGET_MILLIS + " ms (a hung network mount?)");
            }
        }
        facts.put("ansible_mounts", mounts);
    }

    /** /proc/mounts writes space, tab, newline and backslash as octal escapes (\040 ...). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
