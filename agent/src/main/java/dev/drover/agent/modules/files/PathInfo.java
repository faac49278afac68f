package dev.drover.agent.modules.files;

import dev.drover.agent.module.ModuleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;

/**
 * The path fields Ansible adds to a file module's result ({@code add_path_info}): state, mode,
 * uid, gid, owner, group and size of the path after the module ran.
 */
public final class PathInfo {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private PathInfo() {
    }

    /** Ansible's notion of a path's state: absent, link, directory, hard (nlink > 1) or file. */
    public static String state(Path path) {
        if (!Files.exists(path, NOFOLLOW)) {
            return "absent";
        }
        if (Files.isSymbolicLink(path)) {
            return "link";
        }
        if (Files.isDirectory(path, NOFOLLOW)) {
            return "directory";
        }
        try {
            Object nlink = Files.getAttribute(path, "unix:nlink", NOFOLLOW);
            if (nlink instanceof Integer && (Integer) nlink > 1) {
                return "hard";
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Without link counts a file is a file.
        }
        return "file";
    }

    /**
     * Adds the fields for {@code path}. Like Ansible, a symlink reports state {@code link} with the
     * attributes of its target (of the link itself when the target is missing).
     */
    public static void addTo(ModuleResult result, Path path) {
        String state = state(path);
        result.with("state", state);
        if ("absent".equals(state)) {
            return;
        }
        LinkOption[] options = Files.exists(path) ? new LinkOption[0] : NOFOLLOW;
        try {
            Map<String, Object> unix = Files.readAttributes(path, "unix:mode,uid,gid,size", options);
            PosixFileAttributes posix = Files.readAttributes(path, PosixFileAttributes.class, options);
            result.with("mode", FileModes.format((Integer) unix.get("mode")))
                    .with("uid", unix.get("uid"))
                    .with("gid", unix.get("gid"))
                    .with("owner", posix.owner().getName())
                    .with("group", posix.group().getName())
                    .with("size", unix.get("size"));
        } catch (IOException | UnsupportedOperationException e) {
            // A dangling followed link or a race with a deleting process: the state is all we know.
        }
    }
}
