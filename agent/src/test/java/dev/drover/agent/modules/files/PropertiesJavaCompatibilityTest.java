package dev.drover.agent.modules.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleResult;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the properties module writes, {@link Properties#load} reads back as the value that was
 * set, whether the file is loaded as ISO-8859-1 (the specification) or UTF-8 (Alfresco); and a
 * second run with the same values changes nothing.
 */
class PropertiesJavaCompatibilityTest {
    private static final String ALPHABET = " \t\\=:#!\n\rabcXYZ019.-_/éü€\u0001😀";

    @TempDir
    Path tmp;

    @Test
    void randomKeysAndValuesReadBackWithJavaProperties() throws Exception {
        Random random = new Random(1234);
        String original = "# header\nexisting = old\nlist = a,\\\n   b\n! bang comment\nplain value\n";
        for (int round = 0; round < 200; round++) {
            Path file = tmp.resolve("r" + round + ".properties");
            Files.write(file, original.getBytes(StandardCharsets.UTF_8));
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("existing", random(random));
            set.put("list", random(random));
            set.put("plain", random(random));
            String newKey = "k" + random(random);
            set.put(newKey, random(random));
            Map<String, Object> args = new HashMap<>();
            args.put("path", file.toString());
            args.put("set", set);
            ModuleResult first = new PropertiesModule().run(new Args(args), new ModuleContext(false, false, null));
            assertFalse(first.isFailed());

            for (boolean utf8 : new boolean[] {false, true}) {
                Properties loaded = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    if (utf8) {
                        try (Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
                            loaded.load(r);
                        }
                    } else {
                        loaded.load(in);
                    }
                }
                for (Map.Entry<String, Object> e : set.entrySet()) {
                    assertEquals(e.getValue(), loaded.getProperty(e.getKey()),
                            "round " + round + " key " + e.getKey() + (utf8 ? " (UTF-8)" : " (ISO-8859-1)") + "\n"
                                    + new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                }
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("# header\n"), text);
            assertTrue(text.contains("\n! bang comment\n"), text);
            ModuleResult second = new PropertiesModule().run(new Args(args), new ModuleContext(false, false, null));
            assertFalse(second.isChanged(), "round " + round + ": second run changed\n" + text);
        }
    }

    private static String random(Random r) {
        int len = r.nextInt(8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int at = r.nextInt(ALPHABET.length() - 1);
            if (Character.isHighSurrogate(ALPHABET.charAt(at))) {
                out.append(ALPHABET, at, at + 2);
            } else if (!Character.isLowSurrogate(ALPHABET.charAt(at))) {
                out.append(ALPHABET.charAt(at));
            }
        }
        return out.toString();
    }
}
