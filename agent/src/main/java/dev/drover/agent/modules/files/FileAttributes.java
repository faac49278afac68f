package dev.drover.agent.modules.files;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ProcessRunner;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;

/**
 * The common file arguments {@code mode}, {@code owner} and {@code group}, applied to one path the
 * way Ansible's {@code set_fs_attributes_if_different} does: owner, then group, then mode (chown
 * clears set-id bits, so mode goes last), each only when different. Owners and groups are names or
 * numeric ids, looked up through the JDK (so NSS/LDAP users work). Symbolic links get their own
 * owner changed (lchown); Linux has no mode on a link, so mode is skipped for links.
 *
 * <p>One instance per request; not thread-safe (it collects warnings).
 */
public final class FileAttributes {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final FileModes mode;
    private final String owner;
    private final String group;
    private final List<String> warnings;

    public FileAttributes(FileModes mode, String owner, String group) {
        this(mode, owner, group, new ArrayList<String>());
    }

    private FileAttributes(FileModes mode, String owner, String group, List<String> warnings) {
        this.mode = mode;
        this.owner = emptyToNull(owner);
        this.group = emptyToNull(group);
        this.warnings = warnings;
    }

    /** Reads {@code mode}, {@code owner} and {@code group} from the arguments. */
    public static FileAttributes from(Args args) throws ModuleException {
        return new FileAttributes(FileModes.parse(args.asMap().get("mode"), "mode"),
                args.string("owner"), args.string("group"));
    }

    /** The same owner and group with another mode; warnings are shared with this instance. */
    public FileAttributes withMode(FileModes newMode) {
        return new FileAttributes(newMode, owner, group, warnings);
    }

    public boolean isEmpty() {
        return mode == null && owner == null && group == null;
    }

    public FileModes mode() {
        return mode;
    }

    /** Warnings for the result (for example an owner that does not exist yet, in check mode). */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Ansible's file module in check mode (its {@code check_owner_exists} and
     * {@code check_group_exists}): a warning ahead of anything else for an owner or group, by name or
     * id, that does not exist yet, in Ansible's words, also when the task then fails. Looked up with
     * {@code getent} (NSS, as Python's pwd and grp); nothing is said when it cannot run.
     */
    void warnMissingAccounts(ProcessRunner processes) {
        if (owner != null && !exists(processes, "passwd", owner)) {
            warn("failed to look up user " + (isNumber(owner) ? "with uid " + Integer.parseInt(owner) : owner)
                    + ". Create user up to this point in real play");
        }
        if (group != null && !exists(processes, "group", group)) {
            warn("failed to look up group " + (isNumber(group) ? "with gid " + Integer.parseInt(group) : group)
                    + ". Create group up to this point in real play");
        }
    }

    private static boolean exists(ProcessRunner processes, String db, String key) {
        if (key.contains(":") || key.contains("\n")) {
            return false;
        }
        try {
            // getent's exit status 2: no such entry.
            return processes.run(java.util.Arrays.asList("getent", db, key), null, null, null, 30_000).rc != 2;
        } catch (ModuleException e) {
            return true;
        }
    }

    private void warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    /**
     * Brings {@code path} (not following a final symlink) to the requested attributes.
     *
     * @return true if anything changed, or in check mode would change; a path that does not exist
     *     (check mode, file not created yet) counts as a change when anything is requested
     */
    public boolean apply(Path path, boolean checkMode) throws ModuleException {
        return apply(path, checkMode, null);
    }

    /** As {@link #apply(Path, boolean)}, recording each attribute that differs in {@code diff} (may be null). */
    boolean apply(Path path, boolean checkMode, FileDiff diff) throws ModuleException {
        if (isEmpty()) {
            return false;
        }
        if (!Files.exists(path, NOFOLLOW)) {
            if (checkMode) {
                return true;
            }
            throw new ModuleException("cannot set attributes of " + path + ": it does not exist");
        }
        try {
            boolean changed = false;
            if (owner != null) {
                changed |= applyOwner(path, checkMode, diff);
            }
            if (group != null) {
                changed |= applyGroup(path, checkMode, diff);
            }
            if (mode != null && !Files.isSymbolicLink(path)) {
                int current = (Integer) Files.getAttribute(path, "unix:mode", NOFOLLOW);
                int wanted = mode.resolve(current & 07777, Files.isDirectory(path, NOFOLLOW));
                if ((current & 07777) != wanted) {
                    changed = true;
                    if (diff != null) {
                        diff.put("mode", String.format("0%03o", current & 07777), String.format("0%03o", wanted));
                    }
                    if (!checkMode) {
                        Files.setAttribute(path, "unix:mode", wanted, NOFOLLOW);
                    }
                }
            }
            return changed;
        } catch (FileSystemException e) {
            throw new ModuleException("cannot set " + (mode != null ? "mode " + mode + " on " : "attributes of ") + path
                    + ": " + reason(e), e);
        } catch (IOException e) {
            throw new ModuleException("cannot read attributes of " + path + ": " + e.getMessage(), e);
        }
    }

    private boolean applyOwner(Path path, boolean checkMode, FileDiff diff) throws IOException, ModuleException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, NOFOLLOW);
        int uid = (Integer) Files.getAttribute(path, "unix:uid", NOFOLLOW);
        if (isNumber(owner)) {
            if (uid == Integer.parseInt(owner)) {
                return false;
            }
        } else if (view.getOwner().getName().equals(owner)) {
            return false;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user;
        try {
            user = isNumber(owner) ? null : lookup.lookupPrincipalByName(owner);
        } catch (UserPrincipalNotFoundException e) {
            return missing("user", owner);
        }
        if (checkMode) {
            record(diff, "owner", uid, isNumber(owner) ? Integer.valueOf(owner) : localId("/etc/passwd", owner));
            return true;
        }
        try {
            if (user == null) {
                Files.setAttribute(path, "unix:uid", Integer.parseInt(owner), NOFOLLOW);
            } else {
                view.setOwner(user);
            }
            record(diff, "owner", uid, Files.getAttribute(path, "unix:uid", NOFOLLOW));
        } catch (FileSystemException e) {
            throw new ModuleException("cannot change owner of " + path + " to " + owner + ": " + reason(e)
                    + "; changing ownership needs root (the agent runs as " + System.getProperty("user.name")
                    + "): run the task with become: true, or drop owner", e);
        }
        return true;
    }

    private boolean applyGroup(Path path, boolean checkMode, FileDiff diff) throws IOException, ModuleException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, NOFOLLOW);
        int gid = (Integer) Files.getAttribute(path, "unix:gid", NOFOLLOW);
        if (isNumber(group)) {
            if (gid == Integer.parseInt(group)) {
                return false;
            }
        } else if (view.readAttributes().group().getName().equals(group)) {
            return false;
        }
        GroupPrincipal principal;
        try {
            principal = isNumber(group) ? null
                    : path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
        } catch (UserPrincipalNotFoundException e) {
            return missing("group", group);
        }
        if (checkMode) {
            record(diff, "group", gid, isNumber(group) ? Integer.valueOf(group) : localId("/etc/group", group));
            return true;
        }
        try {
            if (principal == null) {
                Files.setAttribute(path, "unix:gid", Integer.parseInt(group), NOFOLLOW);
            } else {
                view.setGroup(principal);
            }
            record(diff, "group", gid, Files.getAttribute(path, "unix:gid", NOFOLLOW));
        } catch (FileSystemException e) {
            throw new ModuleException("cannot change group of " + path + " to " + group + ": " + reason(e)
                    + "; a user can only give files to groups it belongs to, root to any:"
                    + " run the task with become: true, or drop group", e);
        }
        return true;
    }

    private static void record(FileDiff diff, String key, Object was, Object will) {
        if (diff != null) {
            diff.put(key, was, will);
        }
    }

    /**
     * The id of a name in a local account file, for the check-mode diff (Ansible's is the numeric
     * id); the name itself when the entry comes from another NSS source.
     */
    private static Object localId(String file, String name) {
        try {
            for (String line : Files.readAllLines(java.nio.file.Paths.get(file), java.nio.charset.StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[0].equals(name) && isNumber(f[2])) {
                    return Integer.valueOf(f[2]);
                }
            }
        } catch (IOException e) {
            // fall through to the name
        }
        return name;
    }

    /**
     * An owner or group that does not exist fails in Ansible's words, in check mode too (as Ansible's
     * set_owner_if_different: only a path that does not exist yet passes; the file module has warned).
     */
    private static boolean missing(String kind, String name) throws ModuleException {
        throw new ModuleException(("user".equals(kind) ? "chown" : "chgrp") + " failed: failed to look up " + kind + " " + name);
    }

    static String reason(FileSystemException e) {
        String r = e.getReason();
        if (r == null) {
            r = e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
        }
        return r;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
