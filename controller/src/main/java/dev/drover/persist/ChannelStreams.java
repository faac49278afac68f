package dev.drover.persist;

import dev.drover.protocol.FrameCodec;
import dev.drover.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Map;

/**
 * Streams over a blocking socket channel. {@code Channels.newInputStream} would do, except that on
 * JDK 17 its read and write share the channel's blocking lock, so a thread blocked reading a
 * socket stops another from writing to it: a relay needs both at once.
 */
final class ChannelStreams {
    private ChannelStreams() {
    }

    static InputStream in(SocketChannel ch) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                return ch.read(ByteBuffer.wrap(b, off, len));
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    static OutputStream out(SocketChannel ch) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }

            @Override
            public void close() throws IOException {
                ch.shutdownOutput();
            }
        };
    }

    static void send(OutputStream out, Map<String, ?> message) throws IOException {
        FrameCodec.write(out, Json.write(message));
    }

    /** One message, or null at end of stream. */
    static Map<String, Object> receive(InputStream in) throws IOException {
        byte[] frame = FrameCodec.read(in);
        return frame == null ? null : Json.read(frame);
    }
}
