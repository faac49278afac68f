package dev.drover.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One crontab line. cron starts jobs from the home directory with {@code PATH=/usr/bin:/bin}, no
 * {@code JAVA_HOME} and no {@code LANG}, through {@code /bin/sh}, and treats an unescaped {@code %}
 * as a line break; the line therefore changes to the project directory, sets that environment, uses
 * only absolute paths, quotes every word for sh and escapes {@code %}.
 *
 * @param setHome  whether to set {@code HOME}: yes for the operator's own crontab; no for another
 *                 user's /etc/cron.d line, where cron sets that user's home itself
 */
record CronLine(CronSchedule schedule, String cronDUser, Path projectDir, List<String> launcher, List<String> args,
        Path logDir, Path stderrFile, Map<String, String> env, String javaHome, String home, boolean setHome) {

    String render() {
        List<String> words = new ArrayList<>();
        words.add("cd " + quote(projectDir.toString()));
        words.add("&& mkdir -p " + quote(logDir.toString()));
        words.add("&& PATH=" + quote(env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin")));
        words.add("JAVA_HOME=" + quote(javaHome));
        words.add("LANG=" + quote(lang()));
        if (setHome) {
            words.add("HOME=" + quote(home));
        }
        launcher.forEach(w -> words.add(quote(w)));
        args.forEach(w -> words.add(quote(w)));
        words.add(">/dev/null");
        words.add("2>>" + quote(stderrFile.toString()));
        String command = String.join(" ", words).replace("%", "\\%");
        return schedule + (cronDUser == null ? "" : " " + cronDUser) + " " + command;
    }

    /** drover needs UTF-8 to read playbooks and write file names; C.UTF-8 exists everywhere glibc does. */
    private String lang() {
        String lang = env.get("LANG");
        return lang == null || lang.isBlank() || lang.equals("C") || lang.equals("POSIX") ? "C.UTF-8" : lang;
    }

    /** A word for sh: as is when it has nothing special, else in single quotes. */
    static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_./=:@,+-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
