package dev.drover.agent.modules.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads ustar, GNU and pax tar streams: GNU long names ({@code L}) and long link names
 * ({@code K}), pax extended headers ({@code x}: path, linkpath, size, mtime, uid, gid, uname,
 * gname), GNU base-256 numbers. Global pax headers ({@code g}) are skipped. Sparse files
 * ({@code S}) are refused rather than extracted wrong; devices and FIFOs come back as
 * {@link ArchiveEntry.Type#OTHER}.
 */
public final class TarReader implements ArchiveReader {
    private final InputStream in;
    private final byte[] header = new byte[TarHeaders.BLOCK];
    private long remaining;
    private int padding;
    private EntryStream current;

    public TarReader(InputStream in) {
        this.in = in;
    }

    @Override
    public ArchiveEntry next() throws IOException {
        skipRest();
        String longName = null;
        String longLink = null;
        Map<String, String> pax = new HashMap<>();
        while (true) {
            if (!readBlock(header, true)) {
                return null;
            }
            if (TarHeaders.isZeroBlock(header)) {
                return null;
            }
            if (!TarHeaders.checksumValid(header)) {
                throw new IOException("corrupt tar archive: header checksum mismatch (not a tar file, or damaged)");
            }
            char type = (char) header[156];
            long size = TarHeaders.number(header, 124, 12, "size");
            if (type == 'L' || type == 'K' || type == 'x' || type == 'g') {
                byte[] data = readData(size);
                if (type == 'L') {
                    longName = cString(data);
                } else if (type == 'K') {
                    longLink = cString(data);
                } else if (type == 'x') {
                    parsePax(data, pax);
                }
                continue;
            }
            if (type == 'S') {
                throw new IOException("GNU sparse file " + TarHeaders.string(header, 0, 100)
                        + " is not supported; create the archive without --sparse");
            }
            String name = longName != null ? longName : ustarName();
            name = pax.containsKey("path") ? pax.get("path") : name;
            String link = longLink != null ? longLink : TarHeaders.string(header, 157, 100);
            link = pax.containsKey("linkpath") ? pax.get("linkpath") : link;
            if (pax.containsKey("size")) {
                size = Long.parseLong(pax.get("size"));
            }
            long mtime = TarHeaders.number(header, 136, 12, "mtime");
            if (pax.containsKey("mtime")) {
                mtime = (long) Double.parseDouble(pax.get("mtime"));
            }
            int mode = (int) TarHeaders.number(header, 100, 8, "mode") & 07777;
            int uid = pax.containsKey("uid") ? Integer.parseInt(pax.get("uid")) : (int) TarHeaders.number(header, 108, 8, "uid");
            int gid = pax.containsKey("gid") ? Integer.parseInt(pax.get("gid")) : (int) TarHeaders.number(header, 116, 8, "gid");
            String uname = pax.containsKey("uname") ? pax.get("uname") : TarHeaders.string(header, 265, 32);
            String gname = pax.containsKey("gname") ? pax.get("gname") : TarHeaders.string(header, 297, 32);
            ArchiveEntry.Type kind = kind(type, name);
            // Link headers never carry data whatever their size field says; others are skipped.
            if (kind == ArchiveEntry.Type.HARDLINK || kind == ArchiveEntry.Type.SYMLINK) {
                size = 0;
            }
            remaining = kind == ArchiveEntry.Type.FILE ? size : 0;
            long skip = kind == ArchiveEntry.Type.FILE ? 0 : size;
            padding = TarHeaders.padding(size);
            if (skip > 0) {
                skipFully(skip);
            }
            current = new EntryStream();
            String clean = trimSlashes(name);
            return new ArchiveEntry(clean, kind, mode, mtime, kind == ArchiveEntry.Type.FILE ? size : 0,
                    kind == ArchiveEntry.Type.SYMLINK || kind == ArchiveEntry.Type.HARDLINK ? link : null,
                    uid, gid, uname, gname);
        }
    }

    @Override
    public InputStream content() {
        return current;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private String ustarName() {
        String name = TarHeaders.string(header, 0, 100);
        String magic = TarHeaders.string(header, 257, 6);
        String version = new String(header, 263, 2, StandardCharsets.US_ASCII);
        // POSIX ustar keeps a path prefix at 345; the old GNU format ("ustar  ") stores times there.
        if ("ustar".equals(magic) && "00".equals(version)) {
            String prefix = TarHeaders.string(header, 345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static ArchiveEntry.Type kind(char type, String name) {
        switch (type) {
            case '0': case '\0': case '7':
                return name.endsWith("/") ? ArchiveEntry.Type.DIRECTORY : ArchiveEntry.Type.FILE;
            case '1': return ArchiveEntry.Type.HARDLINK;
            case '2': return ArchiveEntry.Type.SYMLINK;
            case '5': return ArchiveEntry.Type.DIRECTORY;
            default: return ArchiveEntry.Type.OTHER;
        }
    }

    private static void parsePax(byte[] data, Map<String, String> into) throws IOException {
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("corrupt pax header: bad record length");
            }
            if (len <= 0 || pos + len > data.length) {
                throw new IOException("corrupt pax header: record overruns the header");
            }
            String record = new String(data, space + 1, pos + len - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq > 0) {
                into.put(record.substring(0, eq), record.substring(eq + 1));
            }
            pos += len;
        }
    }

    private static String cString(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }

    private static String trimSlashes(String name) {
        int end = name.length();
        while (end > 1 && name.charAt(end - 1) == '/') {
            end--;
        }
        return name.substring(0, end);
    }

    private byte[] readData(long size) throws IOException {
        if (size > 16 * 1024 * 1024) {
            throw new IOException("corrupt tar archive: extended header of " + size + " bytes");
        }
        byte[] data = new byte[(int) size];
        readFully(data, 0, data.length);
        skipFully(TarHeaders.padding(size));
        return data;
    }

    private void skipRest() throws IOException {
        if (current != null) {
            skipFully(remaining);
            remaining = 0;
            skipFully(padding);
            padding = 0;
            current = null;
        }
    }

    private boolean readBlock(byte[] b, boolean eofOk) throws IOException {
        int n = 0;
        while (n < b.length) {
            int r = in.read(b, n, b.length - n);
            if (r < 0) {
                if (n == 0 && eofOk) {
                    return false;
                }
                throw new EOFException("truncated tar archive");
            }
            n += r;
        }
        return true;
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(b, off + n, len - n);
            if (r < 0) {
                throw new EOFException("truncated tar archive");
            }
            n += r;
        }
    }

    private void skipFully(long n) throws IOException {
        byte[] buf = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new EOFException("truncated tar archive");
            }
            left -= r;
        }
    }

    /** The current member's data, bounded by its size. */
    private final class EntryStream extends BulkInputStream {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (current != this || remaining <= 0) {
                return -1;
            }
            int r = in.read(b, off, (int) Math.min(len, remaining));
            if (r < 0) {
                throw new EOFException("truncated tar archive");
            }
            remaining -= r;
            return r;
        }
    }
}
