package dev.drover.acssim.mmt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Builds WARs and AMPs for MMT tests and reads zips back; runs MMT capturing its output. */
final class TestWars {
    private TestWars() {
    }

    /** A WAR like the distribution's: version.properties for {@code version} and a web.xml. */
    static Path war(Path dir, String version) throws IOException {
        String[] parts = version.split("\\.");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("WEB-INF/web.xml", "<web-app/>\n");
        files.put("WEB-INF/classes/alfresco/version.properties", "version.major=" + parts[0] + "\nversion.minor=" + parts[1]
                + "\nversion.revision=" + parts[2] + "\nversion.label=\nversion.schema=10205\nversion.edition=Enterprise\n");
        files.put("WEB-INF/lib/alfresco-repository-" + version + ".jar", "not really a jar");
        return zip(dir.resolve("alfresco.war"), files);
    }

    static Path zip(Path file, Map<String, String> files) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    static Path amp(Path dir, String id, String version) {
        return AmpBuilder.write(ModuleDetails.of(id, version, "Title of " + id, "Description of " + id),
                dir.resolve(id + "-" + version + ".amp"));
    }

    /** Entry name to content (UTF-8) for files; directories map to "<dir>". Sorted by name. */
    static Map<String, String> entries(Path zipFile) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (InputStream in = Files.newInputStream(zipFile); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), entry.isDirectory() ? "<dir>" : new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    /** What one MMT run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    static Run mmt(Object... args) {
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = args[i].toString();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Mmt.run(strings, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
