package dev.drover.agent.modules.system;

import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ProcessRunner;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ansible_python}: the host's Python 3 as Ansible reports the interpreter that ran its setup
 * module (executable, version, version_info, type). The agent is Java, so it asks the first
 * {@code python3} (else {@code python}) on the PATH for its version; a host without Python has no
 * such fact. One short process through the module's process runner, bounded by a timeout.
 */
final class PythonFacts {
    private static final String PROBE = "import sys,platform;v=sys.version_info;"
            + "print('%s|%d|%d|%d|%s|%d|%s' % (sys.executable,v[0],v[1],v[2],v[3],v[4],platform.python_implementation().lower()))";

    private PythonFacts() {
    }

    static void collect(Map<String, Object> facts, ProcessRunner processes) {
        String exe = find();
        if (exe == null) {
            return;
        }
        ProcessRunner.Completed done;
        try {
            done = processes.run(Arrays.asList(exe, "-c", PROBE), null, Collections.<String, String>emptyMap(), null, 15000);
        } catch (ModuleException e) {
            return; // no usable Python: no fact, as on a host Ansible could not run Python on
        }
        String[] f = done.stdout.trim().split("\\|");
        if (done.rc != 0 || f.length != 7) {
            return;
        }
        try {
            Map<String, Object> version = new LinkedHashMap<>();
            version.put("major", Integer.parseInt(f[1]));
            version.put("minor", Integer.parseInt(f[2]));
            version.put("micro", Integer.parseInt(f[3]));
            version.put("releaselevel", f[4]);
            version.put("serial", Integer.parseInt(f[5]));
            List<Object> info = new ArrayList<>(Arrays.asList(version.get("major"), version.get("minor"),
                    version.get("micro"), f[4], version.get("serial")));
            Map<String, Object> python = new LinkedHashMap<>();
            python.put("executable", f[0].isEmpty() ? exe : f[0]);
            python.put("has_sslcontext", true);
            python.put("type", f[6]);
            python.put("version", version);
            python.put("version_info", info);
            facts.put("ansible_python", python);
            facts.put("ansible_python_version", f[1] + "." + f[2] + "." + f[3]);
        } catch (NumberFormatException e) {
            // an answer we cannot read: no fact
        }
    }

    private static String find() {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(Arrays.asList((path == null ? "" : path).split(File.pathSeparator)));
        dirs.addAll(Arrays.asList("/usr/bin", "/usr/local/bin", "/bin"));
        for (String name : new String[] {"python3", "python"}) {
            for (String d : dirs) {
                File f = new File(d, name);
                if (!d.isEmpty() && f.canExecute() && f.isFile()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }
}
