package dev.drover.agent.modules.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Reads a zip file from its central directory, which (unlike {@code java.util.zip}) exposes the
 * Unix mode and file type that Info-ZIP, Python and Maven store in the external attributes, so
 * permissions and symlinks survive. Handles zip64, the extended timestamp field, UTF-8 and CP437
 * names; stored and deflated members only; every member's CRC-32 is checked.
 */
public final class ZipReader implements ArchiveReader {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;

    private final RandomAccessFile file;
    private final List<Member> members = new ArrayList<>();
    private int index = -1;

    private static final class Member {
        ArchiveEntry entry;
        int method;
        long compressedSize;
        long crc;
        long localOffset;
        boolean encrypted;
    }

    public ZipReader(Path path) throws IOException {
        this.file = new RandomAccessFile(path.toFile(), "r");
        try {
            readCentralDirectory();
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e instanceof IOException ? (IOException) e : new IOException("corrupt zip file: " + e, e);
        }
    }

    @Override
    public ArchiveEntry next() {
        index++;
        return index < members.size() ? members.get(index).entry : null;
    }

    @Override
    public InputStream content() throws IOException {
        Member m = members.get(index);
        if (m.entry.type != ArchiveEntry.Type.FILE && m.entry.type != ArchiveEntry.Type.SYMLINK) {
            return new java.io.ByteArrayInputStream(new byte[0]);
        }
        return data(m);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    private InputStream data(Member m) throws IOException {
        if (m.encrypted) {
            throw new IOException("zip member " + m.entry.name + " is encrypted; encrypted zips are not supported");
        }
        ByteBuffer local = read(m.localOffset, 30);
        if (local.getInt(0) != LOCAL) {
            throw new IOException("corrupt zip file: no local header for " + m.entry.name);
        }
        long start = m.localOffset + 30 + (local.getShort(26) & 0xFFFF) + (local.getShort(28) & 0xFFFF);
        InputStream raw = new RegionStream(start, m.compressedSize);
        InputStream body;
        if (m.method == 0) {
            body = raw;
        } else if (m.method == 8) {
            final Inflater inflater = new Inflater(true);
            body = new InflaterInputStream(raw, inflater, 65536) {
                @Override
                public void close() throws IOException {
                    // Our own Inflater: InflaterInputStream only ends the ones it creates.
                    super.close();
                    inflater.end();
                }
            };
        } else {
            throw new IOException("zip member " + m.entry.name + " uses compression method " + m.method
                    + "; only stored (0) and deflated (8) are supported");
        }
        return new CrcCheckingStream(body, m.crc, m.entry.name);
    }

    private void readCentralDirectory() throws IOException {
        long length = file.length();
        int tailLen = (int) Math.min(length, 65535 + 22);
        ByteBuffer tail = read(length - tailLen, tailLen);
        int eocd = -1;
        for (int i = tailLen - 22; i >= 0; i--) {
            if (tail.getInt(i) == EOCD) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new IOException("not a zip file (no end of central directory record)");
        }
        long count = tail.getShort(eocd + 10) & 0xFFFF;
        long cdOffset = tail.getInt(eocd + 16) & 0xFFFFFFFFL;
        long eocdPos = length - tailLen + eocd;
        if ((count == 0xFFFF || cdOffset == 0xFFFFFFFFL) && eocdPos >= 20) {
            ByteBuffer locator = read(eocdPos - 20, 20);
            if (locator.getInt(0) == ZIP64_LOCATOR) {
                ByteBuffer z = read(locator.getLong(8), 56);
                if (z.getInt(0) != ZIP64_EOCD) {
                    throw new IOException("corrupt zip64 file: bad end of central directory record");
                }
                count = z.getLong(32);
                cdOffset = z.getLong(48);
            }
        }
        long pos = cdOffset;
        for (long i = 0; i < count; i++) {
            ByteBuffer h = read(pos, 46);
            if (h.getInt(0) != CENTRAL) {
                throw new IOException("corrupt zip file: bad central directory entry " + i);
            }
            int nameLen = h.getShort(28) & 0xFFFF;
            int extraLen = h.getShort(30) & 0xFFFF;
            int commentLen = h.getShort(32) & 0xFFFF;
            ByteBuffer rest = read(pos + 46, nameLen + extraLen);
            byte[] nameBytes = new byte[nameLen];
            rest.get(nameBytes);
            members.add(member(h, nameBytes, rest, extraLen));
            pos += 46 + nameLen + extraLen + commentLen;
        }
    }

    private Member member(ByteBuffer h, byte[] nameBytes, ByteBuffer rest, int extraLen) throws IOException {
        int madeBy = h.getShort(4) & 0xFFFF;
        int flags = h.getShort(8) & 0xFFFF;
        Member m = new Member();
        m.method = h.getShort(10) & 0xFFFF;
        long dosTime = h.getInt(12) & 0xFFFFFFFFL;
        m.crc = h.getInt(16) & 0xFFFFFFFFL;
        m.compressedSize = h.getInt(20) & 0xFFFFFFFFL;
        long size = h.getInt(24) & 0xFFFFFFFFL;
        long external = h.getInt(38) & 0xFFFFFFFFL;
        m.localOffset = h.getInt(42) & 0xFFFFFFFFL;
        m.encrypted = (flags & 1) != 0;
        long mtime = dosToEpoch(dosTime);
        int extraStart = rest.position();
        for (int p = extraStart; p + 4 <= extraStart + extraLen; ) {
            int id = rest.getShort(p) & 0xFFFF;
            int len = rest.getShort(p + 2) & 0xFFFF;
            int d = p + 4;
            if (id == 0x0001) {
                if (size == 0xFFFFFFFFL && d + 8 <= p + 4 + len) {
                    size = rest.getLong(d);
                    d += 8;
                }
                if (m.compressedSize == 0xFFFFFFFFL && d + 8 <= p + 4 + len) {
                    m.compressedSize = rest.getLong(d);
                    d += 8;
                }
                if (m.localOffset == 0xFFFFFFFFL && d + 8 <= p + 4 + len) {
                    m.localOffset = rest.getLong(d);
                }
            } else if (id == 0x5455 && len >= 5 && (rest.get(d) & 1) != 0) {
                mtime = rest.getInt(d + 1) & 0xFFFFFFFFL;
            }
            p += 4 + len;
        }
        String name = name(nameBytes, (flags & 0x800) != 0);
        int unixMode = (madeBy >> 8) == 3 ? (int) (external >>> 16) : 0;
        ArchiveEntry.Type type;
        if (name.endsWith("/") || (unixMode & 0170000) == 0040000 || (external & 0x10) != 0) {
            type = ArchiveEntry.Type.DIRECTORY;
        } else if ((unixMode & 0170000) == 0120000) {
            type = ArchiveEntry.Type.SYMLINK;
        } else {
            type = ArchiveEntry.Type.FILE;
        }
        String target = null;
        if (type == ArchiveEntry.Type.SYMLINK) {
            m.entry = new ArchiveEntry(name, type, 0777, mtime, size, null, 0, 0, null, null);
            target = readAll(data(m), size);
        }
        while (name.length() > 1 && name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        int mode = unixMode != 0 ? unixMode & 07777 : -1;
        m.entry = new ArchiveEntry(name, type, mode, mtime, type == ArchiveEntry.Type.FILE ? size : 0, target,
                0, 0, null, null);
        return m;
    }

    private static String readAll(InputStream in, long size) throws IOException {
        if (size > 65536) {
            throw new IOException("corrupt zip file: symlink target of " + size + " bytes");
        }
        byte[] buf = new byte[(int) size];
        int n = 0;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        in.close();
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** UTF-8 when flagged or valid; otherwise the original PC code page. */
    private static String name(byte[] bytes, boolean utf8) {
        if (utf8) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            Charset cp437 = Charset.isSupported("IBM437") ? Charset.forName("IBM437") : StandardCharsets.ISO_8859_1;
            return new String(bytes, cp437);
        }
    }

    private static long dosToEpoch(long dos) {
        Calendar c = Calendar.getInstance();
        c.clear();
        c.set((int) ((dos >> 25) & 0x7F) + 1980, (int) ((dos >> 21) & 0x0F) - 1, (int) ((dos >> 16) & 0x1F),
                (int) ((dos >> 11) & 0x1F), (int) ((dos >> 5) & 0x3F), (int) ((dos << 1) & 0x3E));
        return c.getTimeInMillis() / 1000;
    }

    private ByteBuffer read(long pos, int len) throws IOException {
        if (pos < 0 || pos + len > file.length()) {
            throw new EOFException("corrupt zip file: a record points outside the file");
        }
        byte[] b = new byte[len];
        file.seek(pos);
        file.readFully(b);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A window of the file; reads seek each time, since members are read one after another. */
    private final class RegionStream extends BulkInputStream {
        private long pos;
        private long left;

        RegionStream(long start, long length) {
            this.pos = start;
            this.left = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            file.seek(pos);
            int r = file.read(b, off, (int) Math.min(len, left));
            if (r < 0) {
                throw new EOFException("truncated zip file");
            }
            pos += r;
            left -= r;
            return r;
        }
    }

    /** Fails at the end of a member whose bytes do not match the recorded CRC-32. */
    private static final class CrcCheckingStream extends BulkInputStream {
        private final InputStream in;
        private final long expected;
        private final String name;
        private final CRC32 crc = new CRC32();

        CrcCheckingStream(InputStream in, long expected, String name) {
            this.in = in;
            this.expected = expected;
            this.name = name;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = in.read(b, off, len);
            if (r > 0) {
                crc.update(b, off, r);
            } else if (r < 0 && crc.getValue() != expected) {
                throw new IOException("zip member " + name + " is corrupt (CRC mismatch)");
            }
            return r;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
