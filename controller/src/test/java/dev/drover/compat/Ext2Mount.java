package dev.drover.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small ext2 file system in an image file, loop-mounted for one test and always unmounted (and
 * its loop device released) on close. Ansible's file target asserts that {@code attributes: +A} is
 * unchanged the second time, which holds on ext2 only: ext4 shows its extents flag {@code e} beside
 * {@code A}, and ansible-playbook fails there too. Needs root, {@code mkfs.ext2} (e2fsprogs) and
 * loop devices; {@link #mount} says in one line why it cannot, instead of throwing.
 */
final class Ext2Mount implements AutoCloseable {
    private final Path image;
    private final Path dir;

    private Ext2Mount(Path image, Path dir) {
        this.image = image;
        this.dir = dir;
    }

    /** The mounted directory (root-owned, mode 0755, with lost+found). */
    Path dir() {
        return dir;
    }

    /**
     * Mounts a fresh 64 MiB ext2 image under {@code parent}; the image is sparse, so it costs only
     * what the test writes.
     *
     * @param why receives the one-line reason when this returns null
     */
    static Ext2Mount mount(Path parent, StringBuilder why) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            why.append("loop mounts need root");
            return null;
        }
        Path image = parent.resolve("ext2.img");
        Path dir = Files.createDirectories(parent.resolve("ext2"));
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        String failed = run("mkfs.ext2", "-q", "-F", image.toString());
        if (failed == null) {
            failed = run("mount", "-o", "loop", image.toString(), dir.toString());
        }
        if (failed != null) {
            Files.deleteIfExists(image);
            why.append(failed);
            return null;
        }
        return new Ext2Mount(image, dir);
    }

    /** Unmounts (lazily if something still holds it: the loop device goes with the last user) and deletes the image. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (run("umount", dir.toString()) != null) {
            run("umount", "-l", dir.toString());
        }
        Files.deleteIfExists(image);
    }

    /** Runs a command; null when it succeeded, else what it said (one line). */
    private static String run(String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(command));
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            return command[0] + " cannot run: " + e.getMessage();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor() == 0 ? null
                : String.join(" ", command) + " failed: " + out.replaceAll("\\s*\\R\\s*", " ");
    }
}
