package dev.drover.agent.modules;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The file side of a case: build the starting tree, snapshot it, check the expected files. */
final class CaseFiles {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private CaseFiles() {
    }

    /** Creates {@code files} under {@code root}; modes last and deepest first, so read-only dirs work. */
    static void create(Path root, Map<String, Object> files, Path moduleDir) throws IOException {
        List<Path> withMode = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        for (Map.Entry<String, Object> e : files.entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Map<String, Object> spec = spec(e.getValue());
            if (Boolean.TRUE.equals(spec.get("dir"))) {
                Files.createDirectories(p);
            } else if (spec.containsKey("link")) {
                Files.createSymbolicLink(p, Paths.get((String) spec.get("link")));
            } else {
                Files.write(p, bytes(spec, moduleDir));
            }
            if (spec.get("mtime") instanceof Number) {
                long seconds = ((Number) spec.get("mtime")).longValue();
                Files.setLastModifiedTime(p, FileTime.fromMillis(seconds * 1000));
            }
            if (spec.containsKey("mode")) {
                withMode.add(p);
                modes.add((String) spec.get("mode"));
            }
        }
        for (int i = withMode.size() - 1; i >= 0; i--) {
            Files.setAttribute(withMode.get(i), "unix:mode", Integer.parseInt(modes.get(i), 8));
        }
    }

    /** Path (relative) to type, mode, mtime and content hash or link target of everything under root. */
    static Map<String, String> snapshot(final Path root) throws IOException {
        final Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                out.put(root.relativize(dir).toString(), describe(dir, attrs));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                out.put(root.relativize(file).toString(), describe(file, attrs));
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    private static String describe(Path p, BasicFileAttributes attrs) throws IOException {
        Map<String, Object> unix = Files.readAttributes(p, "unix:mode,uid,gid", NOFOLLOW);
        String what = "mode=" + Integer.toOctalString((Integer) unix.get("mode")) + " uid=" + unix.get("uid")
                + " gid=" + unix.get("gid") + " mtime=" + attrs.lastModifiedTime();
        if (attrs.isSymbolicLink()) {
            return what + " link=" + Files.readSymbolicLink(p);
        }
        if (attrs.isRegularFile()) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                return what + " sha256=" + Base64.getEncoder().encodeToString(digest);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return what;
    }

    /** Fails the test with every expectation in {@code expected} that the tree does not meet. */
    static void check(Path root, Map<String, Object> expected, String when) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            Path p = root.resolve(e.getKey());
            String name = e.getKey();
            if (e.getValue() == null) {
                if (Files.exists(p, NOFOLLOW)) {
                    problems.add(name + ": should be absent but exists");
                }
                continue;
            }
            Map<String, Object> spec = spec(e.getValue());
            boolean exists = Files.exists(p, NOFOLLOW);
            if (Boolean.FALSE.equals(spec.get("exists"))) {
                if (exists) {
                    problems.add(name + ": should be absent but exists");
                }
                continue;
            }
            if (!exists) {
                problems.add(name + ": should exist but is absent");
                continue;
            }
            if (Boolean.TRUE.equals(spec.get("dir")) && !Files.isDirectory(p, NOFOLLOW)) {
                problems.add(name + ": should be a directory");
            }
            if (spec.containsKey("link")) {
                if (!Files.isSymbolicLink(p)) {
                    problems.add(name + ": should be a symlink to " + spec.get("link"));
                } else if (!Files.readSymbolicLink(p).toString().equals(spec.get("link"))) {
                    problems.add(name + ": should link to " + spec.get("link") + " but links to " + Files.readSymbolicLink(p));
                }
            }
            if (spec.containsKey("content") || spec.containsKey("base64") || spec.containsKey("contains")) {
                if (!Files.isRegularFile(p, NOFOLLOW)) {
                    problems.add(name + ": should be a regular file");
                    continue;
                }
                byte[] actual = Files.readAllBytes(p);
                String text = new String(actual, StandardCharsets.UTF_8);
                if (spec.containsKey("content") && !text.equals(spec.get("content"))) {
                    problems.add(name + ": content differs\n  expected: " + ResultMatcher.describe(spec.get("content"))
                            + "\n  actual:   " + ResultMatcher.describe(text));
                }
                if (spec.containsKey("base64")
                        && !Base64.getEncoder().encodeToString(actual).equals(spec.get("base64"))) {
                    problems.add(name + ": bytes differ; actual base64 " + Base64.getEncoder().encodeToString(actual));
                }
                if (spec.containsKey("contains") && !text.contains((String) spec.get("contains"))) {
                    problems.add(name + ": should contain " + ResultMatcher.describe(spec.get("contains"))
                            + " but is " + ResultMatcher.describe(text));
                }
            }
            if (spec.containsKey("mode")) {
                int mode = (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW) & 07777;
                if (mode != Integer.parseInt((String) spec.get("mode"), 8)) {
                    problems.add(name + ": mode should be " + spec.get("mode") + " but is 0" + Integer.toOctalString(mode));
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("files " + when + ":\n" + String.join("\n", problems));
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, NOFOLLOW)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.setAttribute(dir, "unix:mode", 0700);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Object value) {
        if (value instanceof String) {
            Map<String, Object> m = new TreeMap<>();
            m.put("content", value);
            return m;
        }
        if (value instanceof Map) {
            return (Map<String, Object>) value;
        }
        return Collections.emptyMap();
    }

    private static byte[] bytes(Map<String, Object> spec, Path moduleDir) throws IOException {
        if (spec.containsKey("base64")) {
            return Base64.getDecoder().decode((String) spec.get("base64"));
        }
        if (spec.containsKey("fixture")) {
            return Files.readAllBytes(moduleDir.resolve((String) spec.get("fixture")));
        }
        Object content = spec.get("content");
        return content == null ? new byte[0] : ((String) content).getBytes(StandardCharsets.UTF_8);
    }
}
