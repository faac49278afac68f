package dev.drover.agent.modules.archive;

/**
 * One member of a tar or zip archive, format-neutral. {@code name} is the stored path with
 * {@code /} separators and no trailing slash (not yet checked for safety: see {@link EntryPaths}).
 */
public final class ArchiveEntry {
    public enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }

    public final String name;
    public final Type type;
    /** Permission bits (07777), or -1 when the archive does not record them. */
    public final int mode;
    /** Modification time in epoch seconds, or -1 when unknown. */
    public final long mtime;
    public final long size;
    /** Target of a symlink or hard link, else null. */
    public final String linkTarget;
    public final int uid;
    public final int gid;
    public final String uname;
    public final String gname;

    public ArchiveEntry(String name, Type type, int mode, long mtime, long size, String linkTarget,
                        int uid, int gid, String uname, String gname) {
        this.name = name;
        this.type = type;
        this.mode = mode;
        this.mtime = mtime;
        this.size = size;
        this.linkTarget = linkTarget;
        this.uid = uid;
        this.gid = gid;
        this.uname = uname;
        this.gname = gname;
    }

    /** The name as listed by {@code tar -t}: directories end with a slash. */
    public String listedName() {
        return type == Type.DIRECTORY ? name + "/" : name;
    }

    @Override
    public String toString() {
        return type + " " + name + (linkTarget != null ? " -> " + linkTarget : "");
    }
}
