package dev.drover.agent.modules.system;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.module.ProcessRunner;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code timezone} (community.general's, as ansible-test ships it): the system timezone
 * ({@code name}) and whether the hardware clock keeps UTC or local time ({@code hwclock}), on Linux.
 * Where {@code timedatectl} runs (systemd is the service manager) it reads {@code timedatectl status}
 * and sets with {@code set-timezone} / {@code set-local-rtc}; elsewhere (its warning says why) it edits
 * {@code /etc/timezone} (Debian, where {@code dpkg-reconfigure} exists: then links /etc/localtime and
 * reconfigures tzdata) or {@code /etc/sysconfig/clock} (RHEL, SUSE: then copies the zone file), and
 * for hwclock {@code /etc/default/rcS} or that clock file plus {@code hwclock --systohc}. Each key is
 * read before ("n/a" where nothing says), set only when it differs, and read again: the result's
 * {@code diff} holds both, and a value that did not take fails in Ansible's words. Check mode reports
 * the planned values as after. Ansible's names for keys, files and messages throughout.
 */
public final class TimezoneModule implements Module {
    private static final Pattern SYSTEMD_NAME = Pattern.compile("^\\s*Time ?zone\\s*:\\s*(\\S+)", Pattern.MULTILINE);
    private static final Pattern SYSTEMD_RTC = Pattern.compile("^\\s*RTC in local TZ\\s*:\\s*(\\S+)", Pattern.MULTILINE);
    private static final Pattern RC_UTC = Pattern.compile("^UTC\\s*=\\s*(\\S+)", Pattern.MULTILINE);
    private static final Pattern ADJTIME = Pattern.compile("^(UTC|LOCAL)$", Pattern.MULTILINE);
    private static final String LOCALTIME = "/etc/localtime";
    private static final String ZONEINFO = "/usr/share/zoneinfo/";

    private ModuleContext ctx;
    private final List<String> msgs = new ArrayList<>();
    /** Set when timedatectl works. */
    private String timedatectl;
    private final Map<String, String> status = new LinkedHashMap<>();
    /** Without systemd: the files and the line format for the name. */
    private String nameFile;
    private String rtcFile;
    private Pattern nameLine;
    private String nameFormat;
    private List<List<String>> updateZone;

    @Override
    public ModuleResult run(Args args, ModuleContext context) throws ModuleException {
        args.allow("name", "hwclock", "rtc");
        ctx = context;
        Map<String, String> planned = new LinkedHashMap<>();
        String rtc = args.choice(args.has("hwclock") ? "hwclock" : "rtc", null, "local", "UTC");
        if (rtc != null) {
            planned.put("hwclock", rtc);
        }
        if (args.string("name") != null) {
            planned.put("name", args.string("name"));
        }
        if (planned.isEmpty()) {
            throw new ModuleException("one of the following is required: hwclock, name");
        }
        ModuleResult warned = ModuleResult.ok();
        String ctl = which("timedatectl");
        if (ctl != null) {
            ProcessRunner.Completed probe = ctx.processes().run(Collections.singletonList(ctl), null,
                    Collections.<String, String>emptyMap(), null, 0);
            if (probe.rc == 0) {
                timedatectl = ctl;
            } else {
                warned.with("warnings", Collections.singletonList("timedatectl command was found but not usable: "
                        + probe.stderr + ". using other method."));
            }
        }
        String zone = planned.get("name");
        String zoneFile = ZONEINFO + zone;
        if (zone != null && !new File(zoneFile).isFile()) {
            abort("given timezone \"" + zone + "\" is not available");
        }
        if (timedatectl == null) {
            configureFiles(zone, zoneFile);
        }
        Map<String, String> before = read(planned, "before");
        Map<String, String> after;
        if (ctx.checkMode()) {
            after = planned;
        } else {
            for (Map.Entry<String, String> e : planned.entrySet()) {
                if (!e.getValue().equals(before.get(e.getKey()))) {
                    set(e.getKey(), e.getValue());
                }
            }
            after = read(planned, "after");
            if (!after.equals(planned)) {
                abort("still not desired state, though changes have made - planned: " + python(planned)
                        + ", after: " + python(after));
            }
        }
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("before", before);
        diff.put("after", after);
        ModuleResult result = warned.with("changed", !before.equals(after)).with("diff", diff);
        return msgs.isEmpty() ? result : result.msg(String.join("\n", msgs));
    }

    /** Ansible's NosystemdTimezone.__init__: Debian where dpkg-reconfigure exists, else /etc/sysconfig/clock. */
    private void configureFiles(String zone, String zoneFile) throws ModuleException {
        require("hwclock");
        if (which("dpkg-reconfigure") != null) {
            if (zone != null) {
                updateZone = Arrays.asList(Arrays.asList(require("ln"), "-sf", zoneFile, LOCALTIME),
                        Arrays.asList(require("dpkg-reconfigure"), "--frontend", "noninteractive", "tzdata"));
            }
            nameFile = "/etc/timezone";
            rtcFile = "/etc/default/rcS";
            nameLine = Pattern.compile("^(\\S+)", Pattern.MULTILINE);
            nameFormat = "%s\n";
            return;
        }
        if (zone != null) {
            updateZone = Collections.singletonList(Arrays.asList(require("cp"), "--remove-destination", zoneFile, LOCALTIME));
            if (which("tzdata-update") != null && !Files.isSymbolicLink(Paths.get(LOCALTIME))) {
                updateZone = Collections.singletonList(Collections.singletonList(which("tzdata-update")));
            }
        }
        nameFile = rtcFile = "/etc/sysconfig/clock";
        String clock = readOrNull(nameFile);
        boolean suse = clock != null ? Pattern.compile("^TIMEZONE\\s*=", Pattern.MULTILINE).matcher(clock).find()
                : readOrNull("/etc/SuSE-release") != null || String.valueOf(readOrNull("/etc/os-release")).contains("suse");
        nameLine = Pattern.compile("^" + (suse ? "TIMEZONE" : "ZONE") + "\\s*=\\s*\"?([^\"\\s]+)\"?", Pattern.MULTILINE);
        nameFormat = (suse ? "TIMEZONE" : "ZONE") + "=\"%s\"\n";
    }

    private Map<String, String> read(Map<String, String> planned, String phase) throws ModuleException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : planned.entrySet()) {
            out.put(e.getKey(), get(e.getKey(), e.getValue(), phase));
        }
        return out;
    }

    private String get(String key, String planned, String phase) throws ModuleException {
        boolean name = key.equals("name");
        if (timedatectl != null) {
            String text = status.get(phase);
            if (text == null) {
                status.put(phase, text = execute(false, timedatectl, "status"));
            }
            Matcher m = (name ? SYSTEMD_NAME : SYSTEMD_RTC).matcher(text);
            if (!m.find()) {
                throw new ModuleException("cannot read the " + key + " from timedatectl status: " + text);
            }
            return name ? m.group(1) : yes(m.group(1)) ? "local" : "UTC";
        }
        String value = fromFile(name ? nameFile : rtcFile, name ? nameLine : RC_UTC, key, phase);
        if (!value.equals(planned)) {
            return value;
        }
        if (!name) {
            String adj = fromFile("/etc/adjtime", ADJTIME, "adjtime", phase);
            return adj.equals("UTC") ? adj : adj.toLowerCase();
        }
        Path localtime = Paths.get(LOCALTIME);
        try {
            if (Files.isSymbolicLink(localtime)) {
                if (!Files.exists(localtime)) {
                    return "n/a";
                }
                Matcher m = Pattern.compile(ZONEINFO + "(.*)").matcher(Files.readSymbolicLink(localtime).toString());
                return !m.find() ? "n/a" : m.group(1);
            }
            return Arrays.equals(Files.readAllBytes(localtime), Files.readAllBytes(Paths.get(ZONEINFO + planned))) ? value : "n/a";
        } catch (IOException e) {
            return "n/a";
        }
    }

    /** The first match's group in a configuration file; what Ansible assumes where there is none. */
    private String fromFile(String file, Pattern pattern, String key, String phase) throws ModuleException {
        String text = readOrNull(file);
        Matcher m = text == null ? null : pattern.matcher(text);
        if (m == null || !m.find()) {
            if (m != null && key.equals("name") && !phase.equals("before")) {
                abort("tried to configure name using a file \"" + file + "\", but could not find a valid value in it");
            }
            return key.equals("adjtime") ? "UTC" : "n/a";
        }
        return key.equals("hwclock") ? (yes(m.group(1)) ? "UTC" : "local") : m.group(1);
    }

    private void set(String key, String value) throws ModuleException {
        boolean name = key.equals("name");
        if (timedatectl != null) {
            execute(true, timedatectl, name ? "set-timezone" : "set-local-rtc", name ? value : value.equals("local") ? "yes" : "no");
        } else if (name) {
            editFile(nameFile, nameLine, String.format(nameFormat, value), key);
            for (List<String> command : updateZone) {
                execute(false, command.toArray(new String[0]));
            }
        } else {
            editFile(rtcFile, RC_UTC, "UTC=" + (value.equals("local") ? "no" : "yes") + "\n", key);
            execute(true, require("hwclock"), "--systohc", value.equals("local") ? "--localtime" : "--utc");
        }
    }

    /** Ansible's _edit_file: the first matching line becomes {@code line}, other matches go (a missing file is empty). */
    private void editFile(String file, Pattern pattern, String line, String key) throws ModuleException {
        String text = readOrNull(file);
        List<String> lines = new ArrayList<>();
        if (text != null) {
            for (Matcher m = Pattern.compile("[^\n]*\n|[^\n]+$").matcher(text); m.find();) {
                lines.add(m.group());
            }
        }
        int first = -1;
        int deleted = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (pattern.matcher(lines.get(i)).find()) {
                lines.remove(i);
                first = i;
                deleted++;
            }
        }
        lines.add(Math.max(first, 0), line);
        try {
            Files.write(Paths.get(file), String.join("", lines).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            abort("tried to configure " + key + " using a file \"" + file + "\", but could not write to it");
        }
        msgs.add("Added 1 line and deleted " + deleted + " line(s) on " + file);
    }

    private String readOrNull(String file) throws ModuleException {
        try {
            return new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ModuleException("could not read configuration file \"" + file + "\"");
        }
    }

    /** Ansible's run_command with check_rc: a failing command fails the task with its output. */
    private String execute(boolean log, String... argv) throws ModuleException {
        ProcessRunner.Completed done = ctx.processes().run(Arrays.asList(argv), null,
                Collections.<String, String>emptyMap(), null, 0);
        String command = String.join(" ", argv);
        if (done.rc != 0) {
            throw new ModuleException(done.stderr.trim()).with("cmd", command).with("rc", done.rc)
                    .with("stdout", done.stdout).with("stderr", done.stderr);
        }
        if (log) {
            msgs.add("executed `" + command + "`");
        }
        return done.stdout;
    }

    private void abort(String msg) throws ModuleException {
        throw new ModuleException("Error message:\n" + msg + (msgs.isEmpty() ? "" : "\nOther message(s):\n" + String.join("\n", msgs)));
    }

    private static boolean yes(String value) {
        return Arrays.asList("yes", "on", "1", "true", "y", "t").contains(value.toLowerCase());
    }

    /** A map as Python's str() prints a dict of strings. */
    private static String python(Map<String, String> map) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, String> e : map.entrySet()) {
            b.append(b.length() > 1 ? ", " : "").append('\'').append(e.getKey()).append("': '").append(e.getValue()).append('\'');
        }
        return b.append('}').toString();
    }

    private String require(String program) throws ModuleException {
        String path = which(program);
        if (path == null) {
            throw new ModuleException("Failed to find required executable \"" + program + "\"");
        }
        return path;
    }

    /** Ansible's get_bin_path: the PATH, then the sbin folders. */
    private String which(String program) {
        String path = ctx.environment().containsKey("PATH") ? ctx.environment().get("PATH") : System.getenv("PATH");
        for (String dir : ((path == null ? "" : path) + ":/sbin:/usr/sbin:/usr/local/sbin").split(":")) {
            File f = new File(dir, program);
            if (!dir.isEmpty() && f.isFile() && f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }
}
