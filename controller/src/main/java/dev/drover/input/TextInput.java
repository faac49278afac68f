package dev.drover.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A user's text file read under drover's input limits: at most {@link #MAX_FILE_BYTES} bytes, lines
 * of at most {@link #MAX_LINE_CHARS} characters, UTF-8 (a leading byte-order mark dropped). The YAML
 * parser's time grows with the square of a line's length (a 10 MB line took 100 s), and nothing a
 * person writes comes near these sizes; generated data belongs in a file read with {@code lookup}.
 */
public final class TextInput {
    /** Largest file read: far above any playbook or inventory, far below the controller's memory. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    /** Longest line read. */
    public static final int MAX_LINE_CHARS = 128 * 1024;

    /** What is wrong with a file, and where: line and column count from 1 (columns in characters). */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        Refused(int line, int column, String message) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    private TextInput() {
    }

    /**
     * The file's text.
     *
     * @throws Refused     too large, a line too long, or not UTF-8 (with the position of the first bad byte)
     * @throws IOException it cannot be read (missing, a directory, no permission)
     */
    public static String read(Path file) throws IOException, Refused {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new Refused(1, 1, "the file is " + size + " bytes; drover reads files of up to " + MAX_FILE_BYTES
                    + " bytes (16 MiB): keep large data out of playbooks and inventories");
        }
        return decode(Files.readAllBytes(file));
    }

    /** {@link #read}'s checks on bytes already in memory. */
    public static String decode(byte[] bytes) throws Refused {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            int[] at = position(out, out.limit());
            throw new Refused(at[0], at[1], String.format("not UTF-8 text: byte 0x%02x at byte offset %d cannot start or"
                    + " continue a UTF-8 character; convert the file, e.g. with iconv -f latin1 -t utf-8",
                    bytes[in.position()] & 0xff, in.position()));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        checkLines(text);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static void checkLines(String text) throws Refused {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE_CHARS) {
                    throw new Refused(line, MAX_LINE_CHARS + 1, "line " + line + " is " + (i - start) + " characters long;"
                            + " drover reads lines of up to " + MAX_LINE_CHARS + " characters: put long data in a file of its"
                            + " own and read it with lookup('file', ...)");
                }
                line++;
                start = i + 1;
            }
        }
    }

    /** Line and column of the character at {@code offset}. */
    private static int[] position(CharSequence text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
