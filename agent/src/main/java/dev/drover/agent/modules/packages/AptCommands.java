package dev.drover.agent.modules.packages;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.module.ProcessRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The apt-get command lines of Ansible's apt module ({@code install()} and {@code remove()}): which
 * packages need work, the command (its text, with Ansible's spacing, is what a failure message
 * quotes), its result, and {@code apt-mark manual} after a real install.
 */
final class AptCommands {
    private static final Pattern SPEC = Pattern.compile("(>?=)");

    private final String aptGet;
    private final Args args;
    private final ModuleContext ctx;
    private final AptQueries apt;

    AptCommands(String aptGet, Args args, ModuleContext ctx, AptQueries apt) {
        this.aptGet = aptGet;
        this.args = args;
        this.ctx = ctx;
        this.apt = apt;
    }

    /** A package spec split as Ansible's package_split: name, and the comparison and version if given. */
    static String[] split(String spec) {
        Matcher m = SPEC.matcher(spec);
        if (m.find()) {
            return new String[] {spec.substring(0, m.start()), m.group(1), spec.substring(m.end())};
        }
        return new String[] {spec, null, null};
    }

    ModuleResult install(List<String> packages, boolean upgrade) throws ModuleException {
        boolean onlyUpgrade = args.bool("only_upgrade", false);
        List<String> specs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String p : packages) {
            String[] s = split(p);
            String name = s[0];
            String cmp = s[1];
            String version = s[2];
            names.add(name);
            AptQueries.Status st = apt.status(name);
            if (!st.installed && !apt.known(name)) {
                throw new ModuleException("No package matching '" + name + "' is available");
            }
            boolean installedVersion = false;
            Object installable; // null, a version, or TRUE for a virtual package apt resolves itself
            String best = best(name, cmp, version);
            if (st.installed) {
                if ("=".equals(cmp)) {
                    installedVersion = AptQueries.fnmatch(st.version, version);
                    installable = best != null && !best.equals(st.version) && AptQueries.fnmatch(best, version) ? best : null;
                } else if (">=".equals(cmp)) {
                    installedVersion = apt.compare(st.version, version) >= 0;
                    installable = best != null && !best.equals(st.version) && apt.compare(best, version) >= 0 ? best : null;
                } else {
                    installedVersion = true;
                    installable = best != null && !best.equals(st.version) ? best : null;
                }
            } else {
                installable = best != null ? best : apt.virtual(name) ? Boolean.TRUE : null;
            }
            if (!st.installed && onlyUpgrade) {
                continue;
            }
            if (!installedVersion && installable == null) {
                throw new ModuleException("no available installation candidate for " + p);
            }
            if (installable != null && (!st.installed && !onlyUpgrade || upgrade || !installedVersion)) {
                specs.add(installable instanceof String ? name + "=" + installable : version != null ? name + "=" + version : name);
            } else if (installedVersion && installable != null && "=".equals(cmp)) {
                specs.add(name + "=" + version);
            }
        }
        ModuleResult result;
        if (specs.isEmpty()) {
            result = ModuleResult.changed(false);
        } else {
            Command c = new Command();
            c.word(aptGet).word("-y").options(dpkgOptions()).flag(onlyUpgrade, "--only-upgrade").flag(false, "--fix-broken")
                    .flag(args.bool("force", false), "--force-yes").flag(args.bool("autoremove", false), "--auto-remove")
                    .flag(args.bool("fail_on_autoremove", false), "--no-remove").flag(ctx.checkMode(), "--simulate")
                    .word("install").packages(specs);
            String release = args.has("default_release") ? args.string("default_release") : args.string("default-release");
            if (release != null) {
                c.text(" -t '" + release + "'").argv.addAll(Arrays.asList("-t", release));
            }
            Boolean recommends = args.has("install_recommends") ? (Boolean) args.bool("install_recommends", false)
                    : args.has("install-recommends") ? (Boolean) args.bool("install-recommends", false) : null;
            if (recommends != null) {
                String o = "APT::Install-Recommends=" + (recommends ? "yes" : "no");
                c.text(" -o " + o).argv.addAll(Arrays.asList("-o", o));
            }
            if (anyBool("allow_unauthenticated", "allow-unauthenticated")) {
                c.text(" --allow-unauthenticated").argv.add("--allow-unauthenticated");
            }
            if (anyBool("allow_downgrade", "allow-downgrade", "allow_downgrades", "allow-downgrades")) {
                c.text(" --allow-downgrades").argv.add("--allow-downgrades");
            }
            ProcessRunner.Completed done = apt.run(c.argv);
            if (done.rc != 0) {
                throw new ModuleException("'" + c.text + "' failed: " + done.stderr).with("stdout", done.stdout)
                        .with("stderr", done.stderr).with("rc", done.rc);
            }
            result = ModuleResult.changed(true).with("stdout", done.stdout).with("stderr", done.stderr)
                    .with("diff", diff(done.stdout));
        }
        if (!ctx.checkMode()) {
            markManual(names);
        }
        return result;
    }

    ModuleResult remove(List<String> packages) throws ModuleException {
        boolean purge = args.bool("purge", false);
        List<String> specs = new ArrayList<>();
        for (String p : packages) {
            String[] s = split(p);
            AptQueries.Status st = apt.status(s[0]);
            boolean installedVersion = st.installed && (s[1] == null
                    || "=".equals(s[1]) ? s[1] == null || AptQueries.fnmatch(st.version, s[2]) : apt.compare(st.version, s[2]) >= 0);
            if (installedVersion || st.hasFiles && purge) {
                specs.add(p);
            }
        }
        if (specs.isEmpty()) {
            return ModuleResult.changed(false);
        }
        Command c = new Command();
        c.word(aptGet).word("-q").word("-y").options(dpkgOptions()).flag(purge, "--purge").flag(args.bool("force", false), "--force-yes")
                .flag(args.bool("autoremove", false), "--auto-remove").flag(ctx.checkMode(), "--simulate").word("remove").packages(specs);
        ProcessRunner.Completed done = apt.run(c.argv);
        if (done.rc != 0) {
            throw new ModuleException("'apt-get remove " + quoted(specs) + "' failed: " + done.stderr).with("stdout", done.stdout)
                    .with("stderr", done.stderr).with("rc", done.rc);
        }
        return ModuleResult.changed(true).with("stdout", done.stdout).with("stderr", done.stderr).with("diff", diff(done.stdout));
    }

    /** The version to install: apt's candidate, or for {@code name=glob} the best available version matching it. */
    private String best(String name, String cmp, String version) throws ModuleException {
        String candidate = apt.candidate(name);
        if (!"=".equals(cmp) || candidate != null && AptQueries.fnmatch(candidate, version)) {
            return candidate;
        }
        for (String v : apt.versions(name)) {
            if (AptQueries.fnmatch(v, version)) {
                return v;
            }
        }
        return null;
    }

    private boolean anyBool(String... keys) throws ModuleException {
        for (String k : keys) {
            if (args.has(k) && args.bool(k, false)) {
                return true;
            }
        }
        return false;
    }

    private List<String> dpkgOptions() {
        List<String> out = new ArrayList<>();
        for (String o : args.string("dpkg_options", AptModule.DPKG_OPTIONS).split(",")) {
            out.add("Dpkg::Options::=--" + o);
        }
        return out;
    }

    private void markManual(List<String> names) throws ModuleException {
        String aptMark;
        try {
            aptMark = AptModule.which("apt-mark", ctx);
        } catch (ModuleException missing) {
            return; // Ansible warns and goes on
        }
        List<String> argv = new ArrayList<>(Arrays.asList(aptMark, "manual"));
        argv.addAll(names);
        ProcessRunner.Completed c = apt.run(argv);
        if (c.rc != 0) {
            throw new ModuleException("'" + String.join(" ", argv) + "' failed: " + c.stderr).with("stdout", c.stdout)
                    .with("stderr", c.stderr).with("rc", c.rc);
        }
    }

    /** Ansible's parse_diff: apt-get's lines after "Reading state information..." up to the "N upgraded" line, if diff mode. */
    private Map<String, Object> diff(String out) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (!ctx.diffMode()) {
            return d;
        }
        List<String> lines = Arrays.asList(out.split("\n", -1));
        if (out.endsWith("\n")) {
            lines = lines.subList(0, lines.size() - 1);
        }
        int start = lines.indexOf("Resolving dependencies...");
        if (start < 0) {
            start = lines.indexOf("Reading state information...");
        }
        int end = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("[0-9]+ (packages )?upgraded.*")) {
                end = i;
                break;
            }
        }
        d.put("prepared", String.join("\n", lines.subList(Math.min(start + 1, lines.size()), Math.min(end + 1, lines.size()))));
        return d;
    }

    private static String quoted(List<String> specs) {
        List<String> q = new ArrayList<>();
        for (String s : specs) {
            q.add("'" + s + "'");
        }
        return String.join(" ", q);
    }

    /** The argv to run and the text Ansible's message quotes (its "%s %s ..." format: empty options leave their spaces). */
    private static final class Command {
        final List<String> argv = new ArrayList<>();
        String text = "";

        Command word(String w) {
            argv.add(w);
            return text((text.isEmpty() ? "" : " ") + w);
        }

        Command flag(boolean on, String f) {
            if (on) {
                argv.add(f);
            }
            return text(" " + (on ? f : ""));
        }

        Command options(List<String> options) {
            List<String> shown = new ArrayList<>();
            for (String o : options) {
                argv.add("-o");
                argv.add(o);
                shown.add("-o \"" + o + "\"");
            }
            return text(" " + String.join(" ", shown));
        }

        Command packages(List<String> specs) {
            argv.addAll(specs);
            return text(" " + quoted(specs));
        }

        Command text(String t) {
            text += t;
            return this;
        }
    }
}
