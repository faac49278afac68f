package dev.drover.agent.modules.files;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.ModuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * {@code modification_time} / {@code access_time} of the {@code file} module: {@code now},
 * {@code preserve} or a local time in {@code *_time_format} (Python {@code strptime} directives
 * {@code %Y %y %m %d %H %M %S %b %%}; default {@code %Y%m%d%H%M.%S}). Touch defaults to now, every
 * other state to preserve, as in Ansible.
 */
final class FileTimes {
    private static final String DEFAULT_FORMAT = "%Y%m%d%H%M.%S";

    /** null means preserve; NOW means the current time. */
    private final FileTime mtime;
    private final FileTime atime;
    private final boolean mtimeNow;
    private final boolean atimeNow;

    private FileTimes(FileTime mtime, boolean mtimeNow, FileTime atime, boolean atimeNow) {
        this.mtime = mtime;
        this.mtimeNow = mtimeNow;
        this.atime = atime;
        this.atimeNow = atimeNow;
    }

    static FileTimes from(Args args, String state) throws ModuleException {
        String fallback = "touch".equals(state) ? "now" : "preserve";
        String m = args.string("modification_time", fallback);
        String a = args.string("access_time", fallback);
        return new FileTimes(parse(m, args.string("modification_time_format", DEFAULT_FORMAT), "modification_time"),
                "now".equals(m),
                parse(a, args.string("access_time_format", DEFAULT_FORMAT), "access_time"), "now".equals(a));
    }

    /** Sets the times if they differ; "now" always counts as a change. */
    boolean apply(Path path, boolean checkMode) throws ModuleException {
        return apply(path, checkMode, null);
    }

    /** As {@link #apply(Path, boolean)}, recording the times that differ in {@code diff} (may be null). */
    boolean apply(Path path, boolean checkMode, FileDiff diff) throws ModuleException {
        if (mtime == null && atime == null && !mtimeNow && !atimeNow) {
            return false;
        }
        try {
            BasicFileAttributes current = Files.readAttributes(path, BasicFileAttributes.class);
            FileTime now = FileTime.fromMillis(System.currentTimeMillis());
            FileTime wantM = mtimeNow ? now : mtime != null ? mtime : current.lastModifiedTime();
            FileTime wantA = atimeNow ? now : atime != null ? atime : current.lastAccessTime();
            if (!mtimeNow && !atimeNow && wantM.equals(current.lastModifiedTime())
                    && wantA.equals(current.lastAccessTime())) {
                return false;
            }
            if (!checkMode) {
                setTimes(path, wantM, wantA);
            }
            if (diff != null && !wantM.equals(current.lastModifiedTime())) {
                diff.put("mtime", FileDiff.seconds(current.lastModifiedTime()), FileDiff.seconds(wantM));
            }
            if (diff != null && !wantA.equals(current.lastAccessTime())) {
                diff.put("atime", FileDiff.seconds(current.lastAccessTime()), FileDiff.seconds(wantA));
            }
            return true;
        } catch (IOException e) {
            throw new ModuleException("cannot update times of " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets both times. Touching to now is allowed to anyone who may write the file, but setting given
     * times only to its owner (utimensat(2)); Java can only give times, so a writer who is not the owner
     * (Ansible issue 50943: a become user touching a shared file) touches it as Ansible's
     * {@code os.utime(path, None)} does, through touch(1).
     */
    private void setTimes(Path path, FileTime m, FileTime a) throws IOException {
        try {
            Files.getFileAttributeView(path, BasicFileAttributeView.class).setTimes(m, a, null);
        } catch (java.nio.file.FileSystemException denied) {
            // EPERM (not the owner) only: a path gone missing meanwhile must not pass as touched.
            boolean notOwner = denied instanceof java.nio.file.AccessDeniedException
                    || "Operation not permitted".equals(denied.getReason());
            if (!notOwner || !mtimeNow || !atimeNow || !touchToNow(path)) {
                throw denied;
            }
        }
    }

    private static boolean touchToNow(Path path) {
        try {
            Process p = new ProcessBuilder("touch", "-c", "--", path.toString()).redirectErrorStream(true)
                    .redirectOutput(new java.io.File("/dev/null")).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static FileTime parse(String value, String format, String arg) throws ModuleException {
        if ("now".equals(value) || "preserve".equals(value)) {
            return null;
        }
        try {
            LocalDateTime t = LocalDateTime.parse(value, DateTimeFormatter.ofPattern(javaPattern(format, arg)));
            return FileTime.from(t.atZone(ZoneId.systemDefault()).toInstant());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ModuleException("argument '" + arg + "': cannot read '" + value + "' with format '" + format
                    + "' (use now, preserve, or a time like 202401311530.00)");
        }
    }

    private static String javaPattern(String strptime, String arg) throws ModuleException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < strptime.length(); i++) {
            char c = strptime.charAt(i);
            if (c != '%') {
                out.append(Character.isLetter(c) || c == '\'' ? "'" + (c == '\'' ? "''" : c) + "'" : String.valueOf(c));
                continue;
            }
            char d = ++i < strptime.length() ? strptime.charAt(i) : ' ';
            // Python's strptime reads one or two digits; Java can only let a field vary in width
            // between literals (or the ends), not inside a run of fields such as 202001011200.
            boolean afterField = i >= 3 && strptime.charAt(i - 3) == '%';
            boolean free = !afterField && (i + 1 >= strptime.length() || strptime.charAt(i + 1) != '%');
            switch (d) {
                case 'Y': out.append("yyyy"); break;
                case 'y': out.append("yy"); break;
                case 'm': out.append(free ? "M" : "MM"); break;
                case 'd': out.append(free ? "d" : "dd"); break;
                case 'H': out.append(free ? "H" : "HH"); break;
                case 'M': out.append(free ? "m" : "mm"); break;
                case 'S': out.append(free ? "s" : "ss"); break;
                case 'b': out.append("MMM"); break;
                case '%': out.append('%'); break;
                default:
                    throw new ModuleException("argument '" + arg + "_format': directive %" + d
                            + " is not supported; use %Y %y %m %d %H %M %S %b");
            }
        }
        return out.toString();
    }
}
