package dev.drover.agent.modules.files;

import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ProcessRunner;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Ansible's stat asks other programs for: the MIME type and charset ({@code file --mime-type
 * --mime-encoding}, {@code get_mime}) and the ext2 attributes ({@code lsattr -vd},
 * {@code get_attributes}). A missing program or a failure leaves Ansible's defaults ("unknown", no
 * attributes), never an error, as in Ansible.
 */
final class FileMeta {
    /** Ansible's FILE_ATTRIBUTES: lsattr's flag letters and their names. */
    private static final Map<Character, String> NAMES = new HashMap<>();

    static {
        String[] pairs = {"A:noatime", "a:append", "c:compressed", "C:nocow", "d:nodump", "D:dirsync", "e:extents",
            "E:encrypted", "h:blocksize", "i:immutable", "I:indexed", "j:journalled", "N:inline", "s:zero",
            "S:synchronous", "t:notail", "T:blockroot", "u:undelete", "X:compressedraw", "Z:compresseddirty"};
        for (String p : pairs) {
            NAMES.put(p.charAt(0), p.substring(2));
        }
    }

    private FileMeta() {
    }

    static void mime(Map<String, Object> stat, Path path, ProcessRunner processes) {
        stat.put("mimetype", "unknown");
        stat.put("charset", "unknown");
        String out = run(processes, "file", "--mime-type", "--mime-encoding", path.toString());
        if (out == null) {
            return;
        }
        String[] parts = out.substring(out.lastIndexOf(':') + 1).split(";");
        if (parts.length == 2 && parts[1].contains("=")) {
            stat.put("mimetype", parts[0].trim());
            stat.put("charset", parts[1].split("=")[1].trim());
        }
    }

    static void attributes(Map<String, Object> stat, Path path, ProcessRunner processes) {
        stat.put("version", null);
        stat.put("attributes", new ArrayList<String>());
        stat.put("attr_flags", "");
        String out = run(processes, "lsattr", "-vd", path.toString());
        if (out == null) {
            return;
        }
        String[] words = out.trim().split("\\s+");
        if (words.length < 2) {
            return;
        }
        String flags = words[1].replace("-", "").trim();
        List<String> names = new ArrayList<>();
        for (char c : flags.toCharArray()) {
            if (NAMES.containsKey(c)) {
                names.add(NAMES.get(c));
            }
        }
        stat.put("version", words[0].trim());
        stat.put("attr_flags", flags);
        stat.put("attributes", names);
    }

    /** lsattr's flags of {@code path} without the dashes (Ansible's attr_flags), or null without lsattr. */
    static String flags(Path path, ProcessRunner processes) {
        String out = run(processes, "lsattr", "-d", path.toString());
        if (out == null || out.trim().isEmpty()) {
            return null;
        }
        return out.trim().split("\\s+")[0].replace("-", "").trim();
    }

    /** The program's path on the PATH (or the sbin directories), or null. */
    static String program(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && new File(dir, program).canExecute()) {
                return new File(dir, program).getPath();
            }
        }
        return null;
    }

    /** The program's output, or null when it is not installed or fails. */
    private static String run(ProcessRunner processes, String program, String... args) {
        String bin = program(program);
        if (bin == null) {
            return null;
        }
        List<String> argv = new ArrayList<>();
        argv.add(bin);
        argv.addAll(Arrays.asList(args));
        try {
            ProcessRunner.Completed done = processes.run(argv, null, null, null, 30_000);
            return done.rc == 0 && !done.timedOut ? done.stdout : null;
        } catch (ModuleException e) {
            return null;
        }
    }
}
