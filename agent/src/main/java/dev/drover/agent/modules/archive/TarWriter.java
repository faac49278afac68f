package dev.drover.agent.modules.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes POSIX ustar members; a name or link target that does not fit (longer than the
 * 100/155-byte fields, or not ASCII), a size from 8 GiB and ids beyond the octal fields get a pax
 * extended header ({@code x}), which GNU tar, bsdtar and Python read. Output is deterministic for
 * the same members: no timestamps of its own, trailer padded to a 10 KiB record like GNU tar.
 */
public final class TarWriter implements ArchiveWriter {
    private static final int RECORD = 20 * TarHeaders.BLOCK;
    private static final long MAX_OCTAL_SIZE = 077777777777L;
    private static final int MAX_OCTAL_ID = 07777777;

    private final OutputStream out;
    private long written;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void add(ArchiveEntry e, InputStream content) throws IOException {
        String name = e.type == ArchiveEntry.Type.DIRECTORY ? e.name + "/" : e.name;
        String link = e.linkTarget == null ? "" : e.linkTarget;
        long size = e.type == ArchiveEntry.Type.FILE ? e.size : 0;
        Map<String, String> pax = new LinkedHashMap<>();
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = new byte[0];
        if (nameBytes.length > 100 || !isAscii(name)) {
            int split = splitPoint(name);
            if (split > 0 && isAscii(name)) {
                prefix = name.substring(0, split).getBytes(StandardCharsets.US_ASCII);
                nameBytes = name.substring(split + 1).getBytes(StandardCharsets.US_ASCII);
            } else {
                pax.put("path", name);
                nameBytes = asciiFallback(name);
            }
        }
        byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
        if (linkBytes.length > 100 || !isAscii(link)) {
            pax.put("linkpath", link);
            linkBytes = asciiFallback(link);
        }
        if (size > MAX_OCTAL_SIZE) {
            pax.put("size", Long.toString(size));
        }
        if (e.uid > MAX_OCTAL_ID || e.uid < 0) {
            pax.put("uid", Integer.toString(e.uid));
        }
        if (e.gid > MAX_OCTAL_ID || e.gid < 0) {
            pax.put("gid", Integer.toString(e.gid));
        }
        if (!pax.isEmpty()) {
            writePax(pax);
        }
        byte[] h = new byte[TarHeaders.BLOCK];
        TarHeaders.putString(h, 0, 100, nameBytes);
        TarHeaders.putNumber(h, 100, 8, e.mode < 0 ? defaultMode(e.type) : e.mode);
        TarHeaders.putNumber(h, 108, 8, e.uid > MAX_OCTAL_ID || e.uid < 0 ? 0 : e.uid);
        TarHeaders.putNumber(h, 116, 8, e.gid > MAX_OCTAL_ID || e.gid < 0 ? 0 : e.gid);
        TarHeaders.putNumber(h, 124, 12, size);
        TarHeaders.putNumber(h, 136, 12, Math.max(0, e.mtime));
        h[156] = (byte) typeFlag(e.type);
        TarHeaders.putString(h, 157, 100, linkBytes);
        TarHeaders.putString(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        h[263] = '0';
        h[264] = '0';
        TarHeaders.putString(h, 265, 32, bytes(e.uname));
        TarHeaders.putString(h, 297, 32, bytes(e.gname));
        TarHeaders.putNumber(h, 329, 8, 0);
        TarHeaders.putNumber(h, 337, 8, 0);
        TarHeaders.putString(h, 345, 155, prefix);
        TarHeaders.putChecksum(h);
        write(h, h.length);
        if (size > 0) {
            copy(content, size, e.name);
            write(new byte[TarHeaders.padding(size)], TarHeaders.padding(size));
        }
    }

    @Override
    public void close() throws IOException {
        write(new byte[2 * TarHeaders.BLOCK], 2 * TarHeaders.BLOCK);
        int tail = (int) ((RECORD - written % RECORD) % RECORD);
        write(new byte[tail], tail);
        out.close();
    }

    private void writePax(Map<String, String> records) throws IOException {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> r : records.entrySet()) {
            String kv = " " + r.getKey() + "=" + r.getValue() + "\n";
            int kvLen = kv.getBytes(StandardCharsets.UTF_8).length;
            // The length field counts itself: find the fixed point.
            int len = kvLen + String.valueOf(kvLen).length();
            if (String.valueOf(len).length() != String.valueOf(kvLen).length()) {
                len = kvLen + String.valueOf(len).length();
            }
            body.append(len).append(kv);
        }
        byte[] data = body.toString().getBytes(StandardCharsets.UTF_8);
        byte[] h = new byte[TarHeaders.BLOCK];
        String name = "PaxHeaders/" + new String(asciiFallback(records.containsKey("path") ? records.get("path") : "x"),
                StandardCharsets.US_ASCII);
        TarHeaders.putString(h, 0, 100, name.getBytes(StandardCharsets.US_ASCII));
        TarHeaders.putNumber(h, 100, 8, 0644);
        TarHeaders.putNumber(h, 108, 8, 0);
        TarHeaders.putNumber(h, 116, 8, 0);
        TarHeaders.putNumber(h, 124, 12, data.length);
        TarHeaders.putNumber(h, 136, 12, 0);
        h[156] = 'x';
        TarHeaders.putString(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        h[263] = '0';
        h[264] = '0';
        TarHeaders.putChecksum(h);
        write(h, h.length);
        write(data, data.length);
        write(new byte[TarHeaders.padding(data.length)], TarHeaders.padding(data.length));
    }

    private void copy(InputStream content, long size, String name) throws IOException {
        byte[] buf = new byte[65536];
        long left = size;
        while (left > 0) {
            int r = content.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new IOException(name + " shrank while being archived (expected " + size + " bytes)");
            }
            write(buf, r);
            left -= r;
        }
    }

    private void write(byte[] b, int len) throws IOException {
        out.write(b, 0, len);
        written += len;
    }

    /** Where to split a long ASCII name into prefix (at most 155) and name (at most 100); -1 if nowhere. */
    private static int splitPoint(String name) {
        for (int i = Math.min(155, name.length() - 1); i > 0; i--) {
            if (name.charAt(i) == '/' && name.length() - i - 1 <= 100 && name.length() - i - 1 > 0) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] asciiFallback(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x80 ? c : '_');
        }
        String ascii = out.toString();
        return (ascii.length() > 100 ? ascii.substring(ascii.length() - 100) : ascii).getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    private static int defaultMode(ArchiveEntry.Type type) {
        return type == ArchiveEntry.Type.DIRECTORY ? 0755 : type == ArchiveEntry.Type.SYMLINK ? 0777 : 0644;
    }

    private static char typeFlag(ArchiveEntry.Type type) {
        switch (type) {
            case DIRECTORY: return '5';
            case SYMLINK: return '2';
            case HARDLINK: return '1';
            case FILE: return '0';
            default: throw new IllegalArgumentException("cannot archive a member of type " + type);
        }
    }
}
