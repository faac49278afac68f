package dev.drover.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a journal that may still be growing: each {@link #poll} returns the complete lines
 * written since the last one. A line is complete once its newline is on disk, so a line the run is
 * in the middle of writing is returned by a later poll, whole. Opens the file read-only for each
 * poll (never writes, never locks): the run that writes it does not notice.
 *
 * <p>Not thread-safe: one tail per follower.
 */
final class JournalTail {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One journal line: its 1-based number (the SSE event id), its text and its fields. */
    record Line(long number, String text, Map<String, Object> event) {
        String type() {
            return String.valueOf(event.get("event"));
        }
    }

    private final Path file;
    private long offset;
    private long lines;

    JournalTail(Path file) {
        this.file = file;
    }

    /** How far the journal was read: the end of the last complete line returned. */
    long offset() {
        return offset;
    }

    /** The lines completed since the last poll; empty when the journal did not grow. */
    @SuppressWarnings("unchecked")
    List<Line> poll() throws IOException {
        List<Line> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size <= offset) {
                return out;
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size - offset, 64L << 20));
            ch.read(buf, offset);
            byte[] bytes = buf.array();
            int n = buf.position();
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                String text = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                lines++;
                start = i + 1;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    out.add(new Line(lines, text, JSON.readValue(text, LinkedHashMap.class)));
                } catch (JsonProcessingException e) {
                    // Not a journal line (only a cut last line is expected, and it has no newline): skipped.
                }
            }
            offset += start;
        }
        return out;
    }
}
