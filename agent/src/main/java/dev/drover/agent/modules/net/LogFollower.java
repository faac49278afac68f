package dev.drover.agent.modules.net;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Follows a growing log file like {@code tail -F}, handing each complete new line to a
 * {@link LineSink}. Each {@link #poll} costs one stat and reads only the bytes appended since the
 * previous poll; nothing is re-read or mapped.
 *
 * <ul>
 * <li>An absent file is waited for; once it appears it is read from its first byte.</li>
 * <li>Truncation (the file is shorter than what was read, as after {@code copytruncate}) restarts
 *     at byte 0 of the same file.</li>
 * <li>Rotation (the path now names another file, by its {@code fileKey}: device and inode, or the
 *     file was removed) first drains the old file through the still open handle, because a writer
 *     may append to it until it reopens, then continues at byte 0 of the new file.</li>
 * <li>A line is handed over only once its {@code \n} has been written; the bytes of an unfinished
 *     line are kept until the rest arrives. A final unterminated line of a rotated-away file counts
 *     as complete. A "line" longer than {@link #MAX_LINE} bytes is handed over in pieces of that
 *     size, so a file without newlines cannot grow memory without bound.</li>
 * </ul>
 *
 * <p>The path is stat'ed before it is opened: if it is replaced in between, the next poll sees a
 * different key and reads the new file again from its start, so a race can repeat lines, never
 * skip them. Not thread-safe: one follower per wait, used by the thread that runs the module.
 */
final class LogFollower implements Closeable {
    static final int MAX_LINE = 1 << 20;
    /** Bytes read per poll before giving the caller a chance to check its deadline. */
    static final long READ_BUDGET = 64L << 20;

    /** Receives complete lines; returns true to stop reading (the match was found). */
    interface LineSink {
        boolean line(String line, long lineEnd) throws IOException;
    }

    /** What a poll did. */
    enum Poll { STOPPED, MORE, IDLE }

    private final Path path;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private FileChannel channel;
    private Object fileKey;
    /** Where reading starts in the first file opened, if it is {@link #startKey} (or any file when that is null). */
    private long startOffset;
    private Object startKey;
    private boolean started;
    /** Bytes of the current file read so far, complete lines and the pending tail. */
    private long position;
    private byte[] tail = new byte[256];
    private int tailLength;
    private int rotations;
    private int truncations;
    /** The last bytes read before {@link #markAt}, to notice a file rewritten in place. */
    private static final int MARK = 32;
    private byte[] mark = new byte[0];
    private long markAt = -1;

    /**
     * @param startOffset byte to start at in the first file read; 0 reads it whole
     * @param startKey    the {@code fileKey} that offset belongs to, or null for whichever file is
     *                    found first; another file found there is read from byte 0
     */
    LogFollower(Path path, long startOffset, Object startKey) {
        this.path = path;
        this.startOffset = startOffset;
        this.startKey = startKey;
    }

    /**
     * Reads what was appended since the last poll and hands complete lines to {@code sink}.
     *
     * @return STOPPED when the sink stopped (the position is then just after that line), MORE when
     *     the read budget ran out with data left, IDLE when everything available was read
     * @throws NoSuchFileException never: an absent file is an IDLE poll
     * @throws IOException when the path cannot be stat'ed or read
     */
    Poll poll(LineSink sink) throws IOException {
        BasicFileAttributes attrs = stat(path);
        if (channel != null && (attrs == null || !sameFile(attrs.fileKey()))) {
            if (drain(sink, channel.size(), Long.MAX_VALUE, true) == Poll.STOPPED) {
                return Poll.STOPPED;
            }
            closeChannel();
            rotations++;
        }
        if (attrs == null) {
            return Poll.IDLE;
        }
        if (channel == null && !open(attrs)) {
            return Poll.IDLE;
        }
        long size = channel.size();
        if (size < position || !markStillThere()) {
            truncations++;
            position = 0;
            tailLength = 0;
        }
        Poll p = drain(sink, size, READ_BUDGET, false);
        remember();
        return p;
    }

    /**
     * Whether the bytes just before the position are still those read: a file truncated and written
     * again past the old size between two polls is not shorter, but its bytes differ.
     */
    private boolean markStillThere() throws IOException {
        if (mark.length == 0 || markAt != position) {
            return true;
        }
        ByteBuffer now = ByteBuffer.allocate(mark.length);
        long at = position - mark.length;
        while (now.hasRemaining()) {
            int n = channel.read(now, at + now.position());
            if (n <= 0) {
                return false;
            }
        }
        return Arrays.equals(now.array(), mark);
    }

    /** Keeps the last bytes before the position, for {@link #markStillThere}. */
    private void remember() throws IOException {
        if (markAt == position) {
            return;
        }
        int k = (int) Math.min(MARK, position);
        ByteBuffer b = ByteBuffer.allocate(k);
        long at = position - k;
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) <= 0) {
                mark = new byte[0];
                markAt = -1;
                return;
            }
        }
        mark = b.array();
        markAt = position;
    }

    private boolean open(BasicFileAttributes attrs) throws IOException {
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException gone) {
            return false;
        }
        fileKey = attrs.fileKey();
        position = 0;
        tailLength = 0;
        mark = new byte[0];
        markAt = -1;
        if (!started) {
            started = true;
            boolean sameAsStart = startKey == null || startKey.equals(fileKey);
            if (sameAsStart && startOffset <= channel.size()) {
                position = startOffset;
            }
        }
        return true;
    }

    private boolean sameFile(Object key) {
        // Without file keys (some filesystems) rotation shows only as truncation or removal.
        return key == null || fileKey == null || key.equals(fileKey);
    }

    private Poll drain(LineSink sink, long size, long budget, boolean flushTail) throws IOException {
        long readThisPoll = 0;
        while (position < size) {
            if (readThisPoll >= budget) {
                return Poll.MORE;
            }
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), size - position));
            int n = channel.read(buffer, position);
            if (n <= 0) {
                break;
            }
            readThisPoll += n;
            byte[] bytes = buffer.array();
            int lineStart = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    long lineEnd = position + i + 1;
                    if (emit(sink, bytes, lineStart, i, lineEnd)) {
                        return Poll.STOPPED;
                    }
                    lineStart = i + 1;
                } else if (tailLength + (i - lineStart) >= MAX_LINE) {
                    if (emit(sink, bytes, lineStart, i, position + i)) {
                        return Poll.STOPPED;
                    }
                    lineStart = i;
                }
            }
            appendTail(bytes, lineStart, n);
            position += n;
        }
        if (flushTail && tailLength > 0) {
            long end = position;
            if (emit(sink, new byte[0], 0, 0, end)) {
                return Poll.STOPPED;
            }
        }
        return Poll.IDLE;
    }

    /** Hands over tail + bytes[from, to) as one line; on stop, the position moves to {@code lineEnd}. */
    private boolean emit(LineSink sink, byte[] bytes, int from, int to, long lineEnd) throws IOException {
        String line;
        if (tailLength == 0) {
            line = decode(bytes, from, to);
        } else {
            appendTail(bytes, from, to);
            line = decode(tail, 0, tailLength);
        }
        tailLength = 0;
        if (sink.line(line, lineEnd)) {
            position = lineEnd;
            return true;
        }
        return false;
    }

    private static String decode(byte[] bytes, int from, int to) {
        int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }

    private void appendTail(byte[] bytes, int from, int to) {
        int add = to - from;
        if (tailLength + add > tail.length) {
            tail = Arrays.copyOf(tail, Math.max(tail.length * 2, tailLength + add));
        }
        System.arraycopy(bytes, from, tail, tailLength, add);
        tailLength += add;
    }

    /** The end of the last complete line read in the current file: where a later wait may resume. */
    long offset() {
        return position - tailLength;
    }

    int rotations() {
        return rotations;
    }

    int truncations() {
        return truncations;
    }

    /** The file's attributes, or null when it does not exist. */
    static BasicFileAttributes stat(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Where "only what is appended from now on" begins in {@code path}: the start of its last,
     * unfinished line (so a line being written right now is still matched whole), or 0 when the
     * file does not exist.
     */
    static long endOfLastLine(Path path, long size) throws IOException {
        if (size <= 0) {
            return 0;
        }
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(8192);
            long end = Math.min(size, in.size());
            long lowest = Math.max(0, end - MAX_LINE);
            long pos = end;
            while (pos > lowest) {
                long from = Math.max(lowest, pos - buf.capacity());
                buf.clear();
                buf.limit((int) (pos - from));
                int n = in.read(buf, from);
                if (n <= 0) {
                    break;
                }
                for (int i = n - 1; i >= 0; i--) {
                    if (buf.get(i) == '\n') {
                        return from + i + 1;
                    }
                }
                pos = from;
            }
            return pos == 0 ? 0 : end;
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private void closeChannel() throws IOException {
        FileChannel c = channel;
        channel = null;
        fileKey = null;
        position = 0;
        tailLength = 0;
        c.close();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            closeChannel();
        }
    }
}
