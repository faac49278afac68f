package dev.drover.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One input policy for every file drover reads: size, line length, UTF-8, each refused with where. */
class TextInputTest {
    @TempDir
    Path dir;

    @Test
    void invalidUtf8IsLocatedAtTheByteNotAt1To1() {
        byte[] text = "- hosts: all\n  tasks:\n    - debug: msg=caf\u00e9 ok\n    - debug: msg=caf".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[text.length + 2];
        System.arraycopy(text, 0, bad, 0, text.length);
        bad[text.length] = (byte) 0xe9; // latin-1 é
        bad[text.length + 1] = '\n';
        TextInput.Refused e = assertThrows(TextInput.Refused.class, () -> TextInput.decode(bad));
        assertEquals(4, e.line());
        assertEquals(21, e.column());
        assertTrue(e.getMessage().startsWith("not UTF-8 text: byte 0xe9"), e.getMessage());
    }

    @Test
    void anOverlongLineIsRefusedWithItsNumber() throws Exception {
        Path f = dir.resolve("long.yml");
        Files.writeString(f, "a: 1\nb: " + "x".repeat(TextInput.MAX_LINE_CHARS) + "\n");
        TextInput.Refused e = assertThrows(TextInput.Refused.class, () -> TextInput.read(f));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("line 2 is " + (TextInput.MAX_LINE_CHARS + 3) + " characters long"), e.getMessage());
    }

    @Test
    void anOversizedFileIsRefusedBeforeItIsRead() throws Exception {
        Path f = dir.resolve("big.yml");
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}), TextInput.MAX_FILE_BYTES); // sparse: no 16 MiB written
        }
        TextInput.Refused e = assertThrows(TextInput.Refused.class, () -> TextInput.read(f));
        assertTrue(e.getMessage().contains("drover reads files of up to"), e.getMessage());
    }

    @Test
    void ordinaryTextPassesWithoutItsByteOrderMark() throws Exception {
        assertEquals("a: caf\u00e9\n", TextInput.decode("\uFEFFa: caf\u00e9\n".getBytes(StandardCharsets.UTF_8)));
    }
}
