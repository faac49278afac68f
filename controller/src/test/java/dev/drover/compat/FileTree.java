package dev.drover.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a run left under its target directory: per relative path the type, permissions, owner and
 * content (a file's bytes, a link's target). Timestamps are ignored: two runs never share them.
 */
record FileTree(Map<String, Entry> entries) {

    /** One path; {@code content} is a file's bytes, a link's target as bytes, empty for a directory. */
    record Entry(char type, String mode, String owner, byte[] content) {
        boolean sameAs(Entry o) {
            return type == o.type && mode.equals(o.mode) && owner.equals(o.owner) && Arrays.equals(content, o.content);
        }

        String describe() {
            return type + " " + mode + " " + owner + (type == 'd' ? "" : " " + quoted(content));
        }
    }

    static FileTree of(Path root) {
        Map<String, Entry> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (!p.equals(root)) {
                    entries.put(root.relativize(p).toString(), entry(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
        return new FileTree(entries);
    }

    private static Entry entry(Path p) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String mode = PosixFilePermissions.toString(a.permissions());
        String owner = a.owner().getName();
        if (a.isSymbolicLink()) {
            return new Entry('l', mode, owner, Files.readSymbolicLink(p).toString().getBytes());
        }
        if (a.isDirectory()) {
            return new Entry('d', mode, owner, new byte[0]);
        }
        return new Entry('f', mode, owner, Files.readAllBytes(p));
    }

    /** Every difference, one line each, reference ({@code ansible}) first; empty when the trees agree. */
    List<String> differences(FileTree other) {
        List<String> out = new ArrayList<>();
        for (String path : new TreeSet<>(union(entries.keySet(), other.entries.keySet()))) {
            Entry a = entries.get(path);
            Entry b = other.entries.get(path);
            if (a == null) {
                out.add("only drover wrote " + path + " (" + b.describe() + ")");
            } else if (b == null) {
                out.add("only ansible wrote " + path + " (" + a.describe() + ")");
            } else if (!a.sameAs(b)) {
                out.add(path + ": ansible " + a.describe() + " | drover " + b.describe());
            }
        }
        return out;
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String quoted(byte[] content) {
        String s = new String(content, java.nio.charset.StandardCharsets.UTF_8);
        String shown = s.length() > 300 ? s.substring(0, 300) + "..." : s;
        return '"' + shown.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t") + '"';
    }
}
