package dev.drover.agent.modules.packages;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.module.ProcessRunner;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code apt}: packages present, latest or absent, and the package lists refreshed, as Ansible
 * 2.14's module does it with apt-get (its arguments, command lines, messages and result fields:
 * {@code cache_updated}, {@code cache_update_time}, {@code stdout}, {@code stderr}, {@code diff}).
 * Check mode runs apt-get with {@code --simulate} and never refreshes the lists (reporting
 * {@code cache_updated: true} when a refresh was due, as Ansible). What a package's state is comes
 * from dpkg-query and apt-cache (see {@link AptQueries}). Refused: {@code deb}, {@code upgrade},
 * {@code clean}, {@code autoclean}, {@code policy_rc_d}, {@code allow_change_held_packages}, the
 * states {@code build-dep} and {@code fixed}, and {@code name: "*"}.
 */
public final class AptModule implements Module {
    static final String DPKG_OPTIONS = "force-confdef,force-confold";
    static final String LISTS = "/var/lib/apt/lists";
    static final String UPDATE_STAMP = "/var/lib/apt/periodic/update-success-stamp";
    private static final List<String> STATES = Arrays.asList("absent", "build-dep", "fixed", "latest", "present");
    private static final List<String> REFUSED = Arrays.asList("deb", "upgrade", "clean", "autoclean", "policy_rc_d",
            "allow_change_held_packages");

    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("name", "pkg", "package", "state", "update_cache", "update-cache", "cache_valid_time", "purge",
                "install_recommends", "install-recommends", "force", "autoremove", "only_upgrade", "default_release",
                "default-release", "allow_unauthenticated", "allow-unauthenticated", "allow_downgrade", "allow-downgrade",
                "allow_downgrades", "allow-downgrades", "dpkg_options", "lock_timeout", "update_cache_retries",
                "update_cache_retry_max_delay", "force_apt_get", "fail_on_autoremove", "deb", "upgrade", "clean",
                "autoclean", "policy_rc_d", "allow_change_held_packages");
        for (String refused : REFUSED) {
            Object v = args.asMap().get(refused);
            boolean off = v == null || Boolean.FALSE.equals(v) || "no".equals(v) && refused.equals("upgrade")
                    || "false".equalsIgnoreCase(String.valueOf(v));
            if (!off) {
                throw new ModuleException("'" + refused + "' is not supported by drover's apt module");
            }
        }
        String state = args.string("state", "present");
        if (!STATES.contains(state)) {
            throw new ModuleException("value of state must be one of: " + String.join(", ", STATES) + ", got: " + state);
        }
        if (state.equals("build-dep") || state.equals("fixed")) {
            throw new ModuleException("state=" + state + " is not supported by drover's apt module");
        }
        List<String> packages = packages(args);
        Boolean updateCache = args.has("update_cache") || args.has("update-cache")
                ? args.bool(args.has("update_cache") ? "update_cache" : "update-cache", false) : null;
        long validTime = args.number("cache_valid_time", 0);
        String aptGet = which("apt-get", ctx);
        Map<String, String> env = new LinkedHashMap<>(ctx.environment());
        env.put("DEBIAN_FRONTEND", "noninteractive");
        env.put("DEBIAN_PRIORITY", "critical");
        for (String lc : Arrays.asList("LANG", "LC_ALL", "LC_MESSAGES", "LC_CTYPE")) {
            env.put(lc, "C");
        }
        AptQueries apt = new AptQueries(ctx, env);

        long cacheTime = cacheMtime();
        boolean updated = false;
        if (Boolean.TRUE.equals(updateCache) || validTime > 0) {
            long now = System.currentTimeMillis() / 1000;
            if (cacheTime + validTime < now) {
                if (!ctx.checkMode()) {
                    updateLists(aptGet, args, apt);
                }
                long after = cacheMtime();
                updated = ctx.checkMode() || after != cacheTime;
                cacheTime = after;
            }
            if (packages.isEmpty()) {
                return ModuleResult.changed(updated).with("cache_updated", updated).with("cache_update_time", cacheTime);
            }
        }
        if (packages.contains("*")) {
            throw new ModuleException("name: '*' (upgrading every installed package) is not supported by drover's apt module");
        }
        for (String p : packages) {
            if (p.length() - p.replace("=", "").length() > 1) {
                throw new ModuleException("invalid package spec: " + p);
            }
        }
        AptCommands commands = new AptCommands(aptGet, args, ctx, apt);
        if (state.equals("absent")) {
            return commands.remove(packages);
        }
        ModuleResult result = commands.install(packages, state.equals("latest"));
        return result.with("cache_updated", updated).with("cache_update_time", cacheTime);
    }

    /** {@code name}/{@code pkg}/{@code package}: a list, or a string of comma-separated names (Ansible's type list). */
    private static List<String> packages(Args args) {
        String key = args.has("name") ? "name" : args.has("pkg") ? "pkg" : "package";
        List<String> out = new ArrayList<>();
        for (String item : args.strings(key)) {
            for (String p : args.asMap().get(key) instanceof List ? Collections.singletonList(item) : Arrays.asList(item.split(","))) {
                if (!p.trim().isEmpty()) {
                    out.add(p.trim());
                }
            }
        }
        return out;
    }

    /** When apt last refreshed its lists: the update-success stamp, else the lists folder, else 0 (Ansible's get_cache_mtime). */
    static long cacheMtime() {
        File stamp = new File(UPDATE_STAMP);
        File lists = new File(LISTS);
        return stamp.exists() ? stamp.lastModified() / 1000 : lists.exists() ? lists.lastModified() / 1000 : 0;
    }

    /** {@code apt-get update}, retried with Ansible's backoff (1, 2, 4 ... s up to the maximum delay). */
    private static void updateLists(String aptGet, Args args, AptQueries apt) throws ModuleException {
        long retries = args.number("update_cache_retries", 5);
        long maxDelay = args.number("update_cache_retry_max_delay", 12);
        String err = "";
        double randomize = Math.random();
        for (int retry = 0; retry < retries; retry++) {
            ProcessRunner.Completed c = apt.run(Arrays.asList(aptGet, "update", "-q"));
            if (c.rc == 0 && !c.stdout.contains("\nW: Failed to fetch") && !c.stderr.contains("W: Failed to fetch")) {
                return;
            }
            err = (c.stderr.trim().isEmpty() ? c.stdout : c.stderr).trim();
            double delay = Math.min(Math.pow(2, retry), maxDelay) + randomize;
            try {
                Thread.sleep((long) (delay * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new ModuleException("Failed to update apt cache: " + (err.isEmpty() ? "unknown reason" : err));
    }

    /** The program's path on the agent's PATH (Ansible's get_bin_path, which also looks in the sbin folders). */
    static String which(String program, ModuleContext ctx) throws ModuleException {
        String path = ctx.environment().containsKey("PATH") ? ctx.environment().get("PATH") : System.getenv("PATH");
        List<String> dirs = new ArrayList<>(Arrays.asList((path == null ? "" : path).split(":")));
        dirs.addAll(Arrays.asList("/sbin", "/usr/sbin", "/usr/local/sbin"));
        for (String dir : dirs) {
            File f = new File(dir.isEmpty() ? "." : dir, program);
            if (f.isFile() && f.canExecute()) {
                return f.getPath();
            }
        }
        throw new ModuleException("Failed to find required executable \"" + program + "\" in paths: " + String.join(":", dirs));
    }
}
