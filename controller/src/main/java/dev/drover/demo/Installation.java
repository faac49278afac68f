package dev.drover.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Installs the old version on a sandbox node the way an operator did long ago: unzip the distribution
 * (keeping the Unix permissions it carries, so {@code alfresco.sh} stays executable, with no
 * {@code unzip} needed) and set the node's own {@code alfresco-global.properties}.
 */
final class Installation {
    private Installation() {
    }

    /** Unpacks {@code zip} into {@code dest}. */
    static void unzip(Path zip, Path dest) throws IOException {
        Files.createDirectories(dest);
        // The JDK's zip file system reads the Unix mode of each entry (JDK 14+).
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("enablePosixFileAttributes", "true"))) {
            Path top = fs.getPath("/");
            try (Stream<Path> entries = Files.walk(top)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    Path target = dest.resolve(top.relativize(entry).toString()).normalize();
                    if (!target.startsWith(dest)) {
                        throw new IOException(zip + ": entry " + entry + " would unpack outside " + dest);
                    }
                    if (Files.isDirectory(entry)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(entry, target, StandardCopyOption.REPLACE_EXISTING);
                        Set<PosixFilePermission> mode = mode(entry);
                        if (!mode.isEmpty()) {
                            Files.setPosixFilePermissions(target, mode);
                        }
                    }
                }
            }
        }
    }

    private static Set<PosixFilePermission> mode(Path entry) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(entry, PosixFileAttributeView.class);
        return view == null ? Set.of() : view.readAttributes().permissions();
    }

    /**
     * Sets {@code values} in a properties file: an existing {@code key=} line is replaced in place (its
     * comments and order stay), a new key is appended.
     */
    static void setProperties(Path file, Map<String, String> values) throws IOException {
        Map<String, String> pending = new LinkedHashMap<>(values);
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String key = keyOf(line);
            if (key != null && pending.containsKey(key)) {
                out.add(key + "=" + pending.remove(key));
            } else {
                out.add(line);
            }
        }
        if (!pending.isEmpty()) {
            out.add("");
            out.add("# drover demo sandbox");
            pending.forEach((k, v) -> out.add(k + "=" + v));
        }
        Files.write(file, out, StandardCharsets.UTF_8);
    }

    /**
     * Moves the HTTP connector of the installation's Tomcat ({@code tomcat/conf/server.xml}, as the
     * distribution ships it on 8080) to {@code port}: ACS answers where Tomcat's connector says.
     */
    static void setHttpPort(Path home, int port) throws IOException {
        Path xml = home.resolve("tomcat/conf/server.xml");
        String text = Files.readString(xml, StandardCharsets.UTF_8);
        String shipped = "<Connector port=\"8080\" protocol=\"HTTP/1.1\"";
        if (!text.contains(shipped)) {
            throw new IOException(xml + " has no " + shipped + " (not the distribution's server.xml)");
        }
        Files.writeString(xml, text.replace(shipped, "<Connector port=\"" + port + "\" protocol=\"HTTP/1.1\""),
                StandardCharsets.UTF_8);
    }

    private static String keyOf(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#") || t.startsWith("!")) {
            return null;
        }
        int eq = t.indexOf('=');
        return eq < 0 ? null : t.substring(0, eq).strip();
    }
}
