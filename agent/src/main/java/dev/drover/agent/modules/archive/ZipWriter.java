package dev.drover.agent.modules.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a zip file with Unix modes and file types in the external attributes (as Info-ZIP and
 * Python do, which {@code java.util.zip} cannot) and the extended timestamp field. Files are
 * deflated and followed by a data descriptor, so each is read once; directories and symlinks
 * (target as content) are stored. No zip64: past 4 GiB or 65535 members it fails and says to use
 * tar.gz instead. Deterministic for the same members.
 */
public final class ZipWriter implements ArchiveWriter {
    private static final long LIMIT = 0xFFFFFFFFL;

    private final OutputStream out;
    private final List<byte[]> centralRecords = new ArrayList<>();
    private long offset;

    public ZipWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void add(ArchiveEntry e, InputStream content) throws IOException {
        if (centralRecords.size() >= 0xFFFF) {
            throw new IOException("more than 65535 members; zip64 is not supported, use format: gz (tar.gz)");
        }
        String name = e.type == ArchiveEntry.Type.DIRECTORY ? e.name + "/" : e.name;
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        boolean utf8 = nameBytes.length != name.length();
        boolean file = e.type == ArchiveEntry.Type.FILE;
        int flags = (file ? 0x08 : 0) | (utf8 ? 0x800 : 0);
        int method = file ? 8 : 0;
        long dos = dosTime(e.mtime);
        byte[] extra = timestampExtra(e.mtime);
        long localOffset = offset;

        byte[] stored = e.type == ArchiveEntry.Type.SYMLINK ? e.linkTarget.getBytes(StandardCharsets.UTF_8) : new byte[0];
        CRC32 crc = new CRC32();
        crc.update(stored);
        ByteBuffer local = le(30 + nameBytes.length + extra.length);
        local.putInt(0x04034b50).putShort((short) 20).putShort((short) flags).putShort((short) method)
                .putInt((int) dos).putInt(file ? 0 : (int) crc.getValue())
                .putInt(file ? 0 : stored.length).putInt(file ? 0 : stored.length)
                .putShort((short) nameBytes.length).putShort((short) extra.length).put(nameBytes).put(extra);
        write(local.array());

        long compressed = stored.length;
        long size = stored.length;
        if (file) {
            crc.reset();
            long start = offset;
            size = deflate(content, e.size, crc, e.name);
            compressed = offset - start;
            ByteBuffer descriptor = le(16);
            descriptor.putInt(0x08074b50).putInt((int) crc.getValue()).putInt((int) compressed).putInt((int) size);
            write(descriptor.array());
        } else {
            write(stored);
        }
        if (offset > LIMIT || size > LIMIT) {
            throw new IOException("archive passes 4 GiB at " + e.name + "; zip64 is not supported, use format: gz (tar.gz)");
        }
        int typeBits = e.type == ArchiveEntry.Type.DIRECTORY ? 0040000 : e.type == ArchiveEntry.Type.SYMLINK ? 0120000 : 0100000;
        int mode = e.mode >= 0 ? e.mode : e.type == ArchiveEntry.Type.DIRECTORY ? 0755 : 0644;
        long external = ((long) (typeBits | mode) << 16) | (e.type == ArchiveEntry.Type.DIRECTORY ? 0x10 : 0);
        ByteBuffer c = le(46 + nameBytes.length + extra.length);
        c.putInt(0x02014b50).putShort((short) ((3 << 8) | 20)).putShort((short) 20).putShort((short) flags)
                .putShort((short) method).putInt((int) dos).putInt((int) crc.getValue()).putInt((int) compressed)
                .putInt((int) size).putShort((short) nameBytes.length).putShort((short) extra.length)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt((int) external)
                .putInt((int) localOffset).put(nameBytes).put(extra);
        centralRecords.add(c.array());
    }

    @Override
    public void close() throws IOException {
        long cdStart = offset;
        for (byte[] r : centralRecords) {
            write(r);
        }
        long cdSize = offset - cdStart;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) centralRecords.size())
                .putShort((short) centralRecords.size()).putInt((int) cdSize).putInt((int) cdStart).putShort((short) 0);
        write(end.array());
        out.close();
    }

    private long deflate(InputStream content, long expected, CRC32 crc, String name) throws IOException {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            byte[] in = new byte[65536];
            byte[] buf = new byte[65536];
            long total = 0;
            while (total < expected) {
                int r = content.read(in, 0, (int) Math.min(in.length, expected - total));
                if (r < 0) {
                    throw new IOException(name + " shrank while being archived (expected " + expected + " bytes)");
                }
                crc.update(in, 0, r);
                total += r;
                deflater.setInput(in, 0, r);
                while (!deflater.needsInput()) {
                    int n = deflater.deflate(buf);
                    write(buf, n);
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                write(buf, n);
            }
            return total;
        } finally {
            deflater.end();
        }
    }

    private static byte[] timestampExtra(long mtime) {
        ByteBuffer b = le(9);
        b.putShort((short) 0x5455).putShort((short) 5).put((byte) 1).putInt((int) Math.max(0, mtime));
        return b.array();
    }

    private static long dosTime(long epochSeconds) {
        Calendar c = Calendar.getInstance();
        c.setTimeInMillis(Math.max(0, epochSeconds) * 1000);
        int year = c.get(Calendar.YEAR);
        if (year < 1980) {
            return (1 << 21) | (1 << 16);
        }
        return ((long) (year - 1980) << 25) | ((long) (c.get(Calendar.MONTH) + 1) << 21)
                | ((long) c.get(Calendar.DAY_OF_MONTH) << 16) | ((long) c.get(Calendar.HOUR_OF_DAY) << 11)
                | ((long) c.get(Calendar.MINUTE) << 5) | (c.get(Calendar.SECOND) >> 1);
    }

    private void write(byte[] b) throws IOException {
        write(b, b.length);
    }

    private void write(byte[] b, int len) throws IOException {
        out.write(b, 0, len);
        offset += len;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
