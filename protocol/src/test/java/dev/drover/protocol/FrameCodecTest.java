package dev.drover.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    /** Golden files were written by an independent (Python) encoder; see the comments inside them. */
    static byte[] golden(String name) {
        try (InputStream in = FrameCodecTest.class.getResourceAsStream(name)) {
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.startsWith("#")) {
                    hex.append(line.replace(" ", ""));
                }
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(Map<String, ?> message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameCodec.write(out, Json.write(message));
        return out.toByteArray();
    }

    @Test
    void runRequestEncodesToTheGoldenBytes() throws IOException {
        byte[] actual = encode(Messages.run(7, "ping", Map.of(), false, false));
        assertArrayEquals(golden("golden/run-ping.hex"), actual, () -> HexFormat.ofDelimiter(" ").formatHex(actual));
    }

    @Test
    void resultEncodesToTheGoldenBytes() throws IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("failed", false);
        result.put("ping", "pong");
        assertArrayEquals(golden("golden/result-pong.hex"), encode(Messages.result(7, result)));
    }

    @Test
    void goldenFrameDecodesToTheMessage() throws IOException {
        Map<String, Object> run = Json.read(FrameCodec.read(new ByteArrayInputStream(golden("golden/run-ping.hex"))));
        assertEquals(Messages.RUN, Messages.type(run));
        assertEquals(7, Messages.id(run));
        assertEquals("ping", run.get("module"));
        assertEquals(Map.of(), run.get("args"));
        assertEquals(false, run.get("check"));
    }

    @Test
    void messagesSurviveARoundTripInOrderAndUntouched() throws IOException {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("text", "grüße \u2603 \"quoted\" \\ back\nslash \u0000 nul");
        args.put("list", List.of("a", 1, 2.5, true));
        args.put("nested", Map.of("k", List.of(Map.of("deep", "x"))));
        args.put("nothing", null);
        args.put("big", 1L << 40);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameCodec.write(out, Json.write(Messages.run(1, "command", args, true, false)));
        FrameCodec.write(out, Json.write(Messages.shutdown()));
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());

        Map<String, Object> run = Json.read(FrameCodec.read(in));
        assertEquals(args, run.get("args"));
        assertEquals(List.of("type", "id", "module", "args", "check", "diff"), List.copyOf(run.keySet()));
        assertEquals(Messages.SHUTDOWN, Messages.type(Json.read(FrameCodec.read(in))));
        assertNull(FrameCodec.read(in), "a clean end between frames reads as null");
    }

    @Test
    void truncatedHeaderIsRejected() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> FrameCodec.read(new ByteArrayInputStream(new byte[] {0, 0})));
        assertTrue(e.getMessage().contains("truncated frame header"), e.getMessage());
    }

    @Test
    void truncatedPayloadIsRejected() {
        byte[] frame = {0, 0, 0, 10, '{', '}', ' '};
        ProtocolException e = assertThrows(ProtocolException.class, () -> FrameCodec.read(new ByteArrayInputStream(frame)));
        assertTrue(e.getMessage().contains("expected 10 bytes"), e.getMessage());
    }

    @Test
    void zeroLengthIsRejected() {
        assertThrows(ProtocolException.class, () -> FrameCodec.read(new ByteArrayInputStream(new byte[] {0, 0, 0, 0})));
        assertThrows(ProtocolException.class, () -> FrameCodec.write(new ByteArrayOutputStream(), new byte[0]));
    }

    @Test
    void oversizedLengthIsRejectedBeforeReadingOrAllocatingThePayload() {
        for (int length : new int[] {FrameCodec.MAX_FRAME_BYTES + 1, Integer.MAX_VALUE, -1}) {
            byte[] header = {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
            CountingStream in = new CountingStream(header);
            // A 2 GiB allocation would fail with OutOfMemoryError, not with this exception.
            ProtocolException e = assertThrows(ProtocolException.class, () -> FrameCodec.read(in));
            assertTrue(e.getMessage().contains("outside 1.."), e.getMessage());
            assertEquals(4, in.consumed, "only the header may be read");
        }
    }

    @Test
    void writerRefusesAnOversizedPayloadWithoutWritingAnything() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(ProtocolException.class, () -> FrameCodec.write(out, new byte[FrameCodec.MAX_FRAME_BYTES + 1]));
        assertEquals(0, out.size());
    }

    @Test
    void jsonNullsAreKeptAndNonObjectsRejected() throws IOException {
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("start", null);
        assertEquals("{\"start\":null}", new String(Json.write(withNull), StandardCharsets.UTF_8));
        assertTrue(Json.read("{\"start\":null}".getBytes(StandardCharsets.UTF_8)).containsKey("start"));
        for (String bad : List.of("null", "[1]", "\"x\"", "{\"a\":", "{\"a\":1,\"a\":2}")) {
            assertThrows(ProtocolException.class, () -> Json.read(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }

    /**
     * On an unbuffered socket each call is a system call and a wake-up of the peer: a frame is one
     * write, and it is read in two calls (header, payload), never past its end.
     */
    @Test
    void aFrameIsOneWriteAndTwoReadsOfItsOwnBytes() throws IOException {
        int[] writes = {0};
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        java.io.OutputStream counting = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                writes[0]++;
                sink.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes[0]++;
                sink.write(b, off, len);
            }
        };
        byte[] payload = Json.write(Map.of("type", "run", "id", 7));
        FrameCodec.write(counting, payload);
        assertEquals(1, writes[0], "header and payload in one write");

        byte[] two = Arrays.copyOf(sink.toByteArray(), sink.size() * 2);
        System.arraycopy(sink.toByteArray(), 0, two, sink.size(), sink.size());
        int[] reads = {0};
        ByteArrayInputStream source = new ByteArrayInputStream(two);
        InputStream socketLike = new InputStream() {
            @Override
            public int read() {
                reads[0]++;
                return source.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                reads[0]++;
                return source.read(b, off, len);
            }
        };
        assertArrayEquals(payload, FrameCodec.read(socketLike));
        assertEquals(2, reads[0], "the header in one read, the payload in one");
        assertEquals(sink.size(), source.available(), "the next frame is left unread");
        assertArrayEquals(payload, FrameCodec.read(socketLike));
        assertNull(FrameCodec.read(socketLike));
    }

    /** Serves the given bytes, then ends; counts how many were read. */
    private static final class CountingStream extends InputStream {
        private final byte[] bytes;
        int consumed;

        CountingStream(byte[] bytes) {
            this.bytes = Arrays.copyOf(bytes, bytes.length);
        }

        @Override
        public int read() {
            return consumed < bytes.length ? bytes[consumed++] & 0xff : -1;
        }
    }
}
