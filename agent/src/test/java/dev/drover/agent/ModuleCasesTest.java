package dev.drover.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.drover.agent.modules.BuiltinModules;
import dev.drover.agent.process.SystemProcessRunner;
import dev.drover.agent.protocol.Json;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every src/test/resources/module-cases/MODULE/CASE.json; the README there explains the format. */
class ModuleCasesTest {
    private static final Set<String> KEYS = Set.of("about", "args", "check", "files", "expect", "absent", "files_after");

    private final Dispatcher dispatcher = new Dispatcher(BuiltinModules.registry(), new SystemProcessRunner(), ZoneId.systemDefault());

    @TestFactory
    Stream<DynamicTest> moduleCases() throws IOException, URISyntaxException {
        Path root = Path.of(ModuleCasesTest.class.getResource("/module-cases").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no cases under " + root);
        return files.stream().map(f -> dynamicTest(root.relativize(f).toString(), () -> runCase(f)));
    }

    @SuppressWarnings("unchecked")
    private void runCase(Path file) throws IOException {
        Path tmp = Files.createTempDirectory("drover-case").toRealPath();
        try {
            String text = Files.readString(file).replace("${tmp}", tmp.toString());
            Map<String, Object> c = Json.read(text.getBytes(StandardCharsets.UTF_8));
            assertTrue(KEYS.containsAll(c.keySet()), () -> file + ": unknown keys in " + c.keySet() + "; known: " + KEYS);
            assertTrue(c.get("about") instanceof String, file + ": say what the case shows in 'about'");
            String module = file.getParent().getFileName().toString();

            for (Map.Entry<String, Object> f : map(c, "files").entrySet()) {
                Path p = tmp.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, String.valueOf(f.getValue()));
            }
            Map<String, Object> result = Json.read(Json.write(dispatcher.run(
                    module, map(c, "args"), Boolean.TRUE.equals(c.get("check")), false)));

            String where = file.getFileName() + " (" + c.get("about") + ")\nresult: " + result;
            for (Map.Entry<String, Object> e : map(c, "expect").entrySet()) {
                assertTrue(result.containsKey(e.getKey()), () -> "missing '" + e.getKey() + "' in " + where);
                assertEquals(e.getValue(), result.get(e.getKey()), () -> "field '" + e.getKey() + "' in " + where);
            }
            for (Object key : (List<Object>) c.getOrDefault("absent", List.of())) {
                assertFalse(result.containsKey((String) key), () -> "unexpected '" + key + "' in " + where);
            }
            for (Map.Entry<String, Object> e : map(c, "files_after").entrySet()) {
                assertEquals(e.getValue(), Files.exists(tmp.resolve(e.getKey()), LinkOption.NOFOLLOW_LINKS),
                        () -> "existence of " + e.getKey() + " after " + where);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(tmp)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> c, String key) {
        return (Map<String, Object>) c.getOrDefault(key, Map.of());
    }
}
