package dev.drover.agent.modules.packages;

import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ProcessRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What apt and dpkg know about one package, read through dpkg-query and apt-cache (Ansible's module
 * reads the same through python-apt): installed or not, its version, whether config files remain,
 * and the versions apt could install.
 */
final class AptQueries {
    /** A package's state: {@code installed} is dpkg's "ii"; {@code hasFiles} also covers "rc" (removed, config left). */
    static final class Status {
        final boolean installed;
        final String version;
        final boolean hasFiles;

        Status(boolean installed, String version, boolean hasFiles) {
            this.installed = installed;
            this.version = version;
            this.hasFiles = hasFiles;
        }
    }

    private final ModuleContext ctx;
    private final Map<String, String> env;

    AptQueries(ModuleContext ctx, Map<String, String> env) {
        this.ctx = ctx;
        this.env = env;
    }

    Status status(String name) throws ModuleException {
        ProcessRunner.Completed c = run(Arrays.asList("dpkg-query", "-W", "-f=${db:Status-Abbrev}|${Version}\\n", name));
        if (c.rc != 0) {
            return new Status(false, null, false);
        }
        for (String line : c.stdout.split("\n")) {
            int bar = line.indexOf('|');
            if (bar < 0) {
                continue;
            }
            String abbrev = line.substring(0, bar).trim();
            boolean installed = abbrev.startsWith("ii") || abbrev.startsWith("hi");
            boolean files = installed || abbrev.length() >= 2 && abbrev.charAt(1) != 'n';
            return new Status(installed, installed ? line.substring(bar + 1).trim() : null, files);
        }
        return new Status(false, null, false);
    }

    /** True when apt knows the name at all (a real or a virtual package). */
    boolean known(String name) throws ModuleException {
        ProcessRunner.Completed c = run(Arrays.asList("apt-cache", "showpkg", name));
        return c.rc == 0 && c.stdout.startsWith("Package: ");
    }

    /** True when the name is only provided by other packages (a virtual package). */
    boolean virtual(String name) throws ModuleException {
        return candidate(name) == null && !providers(name).isEmpty();
    }

    /** The version {@code apt-get install} would pick, or null. */
    String candidate(String name) throws ModuleException {
        ProcessRunner.Completed c = run(Arrays.asList("apt-cache", "policy", name));
        for (String line : c.stdout.split("\n")) {
            String t = line.trim();
            if (t.startsWith("Candidate:")) {
                String v = t.substring("Candidate:".length()).trim();
                return v.isEmpty() || v.equals("(none)") ? null : v;
            }
        }
        return null;
    }

    /** Every version apt could install, best first ({@code apt-cache madison}). */
    List<String> versions(String name) throws ModuleException {
        List<String> out = new ArrayList<>();
        ProcessRunner.Completed c = run(Arrays.asList("apt-cache", "madison", name));
        for (String line : c.stdout.split("\n")) {
            String[] cols = line.split("\\|");
            if (cols.length >= 2 && cols[0].trim().equals(name) && !out.contains(cols[1].trim())) {
                out.add(cols[1].trim());
            }
        }
        return out;
    }

    private List<String> providers(String name) throws ModuleException {
        List<String> out = new ArrayList<>();
        ProcessRunner.Completed c = run(Arrays.asList("apt-cache", "showpkg", name));
        boolean in = false;
        for (String line : c.stdout.split("\n")) {
            if (line.startsWith("Reverse Provides:")) {
                in = true;
            } else if (in && !line.trim().isEmpty()) {
                out.add(line.trim().split(" ")[0]);
            }
        }
        return out;
    }

    /** dpkg's version order ({@code dpkg --compare-versions}): negative, zero or positive. */
    int compare(String a, String b) throws ModuleException {
        if (a.equals(b)) {
            return 0;
        }
        return run(Arrays.asList("dpkg", "--compare-versions", a, "lt", b)).rc == 0 ? -1 : 1;
    }

    /** Python's fnmatch, as Ansible matches {@code name=1.2*} against versions. */
    static boolean fnmatch(String text, String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            if (ch == '*') {
                re.append(".*");
            } else if (ch == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(text).matches();
    }

    ProcessRunner.Completed run(List<String> argv) throws ModuleException {
        return ctx.processes().run(argv, null, env, null, 0);
    }
}
