package dev.drover.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorded-results file of AnsibleCompatibilityTest reads back exactly what was written. */
class CompatExpectationTest {
    @TempDir
    Path dir;

    @Test
    void aRecordingReadsBackAsWritten() throws Exception {
        byte[] odd = "a \"quoted\" \\ line\n\ttab é \u0001".getBytes(StandardCharsets.UTF_8);
        FileTree tree = new FileTree(Map.of("node1", new FileTree.Entry('d', "rwxr-xr-x", "{login}", new byte[0]),
                "node1/a b.txt", new FileTree.Entry('f', "rw-r--r--", "root", odd),
                "node1/link", new FileTree.Entry('l', "rwxrwxrwx", "{login}", "a b.txt".getBytes(StandardCharsets.UTF_8))));
        CompatExpectation written = new CompatExpectation("ansible-playbook [core 2.14.18]", List.of(
                new CompatExpectation.Result(2, new Recap(Map.of("node1", "ok=1 changed=1 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0"))),
                new CompatExpectation.Result(0, new Recap(Map.of("node1", "ok=1 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0")))),
                tree);
        Path file = Files.writeString(dir.resolve("x.expected.txt"), written.format("# header\n"), StandardCharsets.US_ASCII);

        CompatExpectation read = CompatExpectation.read(file);

        assertEquals(written.ansibleVersion(), read.ansibleVersion());
        assertEquals(written.runs(), read.runs());
        assertEquals(List.of(), written.differences(read));
        assertTrue(Files.readString(file).contains("\"a \\x22quoted\\x22 \\x5c line\\n\\ttab \\xc3\\xa9 \\x01\""), Files.readString(file));
    }
}
