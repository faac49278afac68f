package dev.drover.agent.modules.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Field encoding of the 512-byte ustar header (POSIX.1-1988 plus the GNU base-256 extension for
 * large numbers). Layout: name 0/100, mode 100/8, uid 108/8, gid 116/8, size 124/12, mtime 136/12,
 * chksum 148/8, typeflag 156, linkname 157/100, magic 257/6, version 263/2, uname 265/32,
 * gname 297/32, devmajor 329/8, devminor 337/8, prefix 345/155.
 */
final class TarHeaders {
    static final int BLOCK = 512;

    private TarHeaders() {
    }

    static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    /** Octal ASCII (NUL/space padded) or GNU base-256 when the high bit of the first byte is set. */
    static long number(byte[] h, int off, int len, String field) throws IOException {
        if ((h[off] & 0x80) != 0) {
            long v = h[off] & 0x3F;
            boolean negative = (h[off] & 0x40) != 0;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return negative ? -v : v;
        }
        long v = 0;
        int i = off;
        while (i < off + len && (h[i] == ' ' || h[i] == 0)) {
            i++;
        }
        for (; i < off + len && h[i] != 0 && h[i] != ' '; i++) {
            if (h[i] < '0' || h[i] > '7') {
                throw new IOException("corrupt tar header: field " + field + " is not an octal number");
            }
            v = (v << 3) + (h[i] - '0');
        }
        return v;
    }

    static boolean checksumValid(byte[] h) throws IOException {
        long stored = number(h, 148, 8, "chksum");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = (i >= 148 && i < 156) ? (byte) ' ' : h[i];
            unsigned += b & 0xFF;
            signed += b;
        }
        return stored == unsigned || stored == signed;
    }

    static boolean isZeroBlock(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    static void putString(byte[] h, int off, int len, byte[] value) {
        System.arraycopy(value, 0, h, off, Math.min(len, value.length));
    }

    /**
     * Octal with a NUL terminator when it fits in {@code len - 1} digits; otherwise GNU base-256.
     */
    static void putNumber(byte[] h, int off, int len, long value) {
        String octal = Long.toOctalString(value);
        if (value >= 0 && octal.length() <= len - 1) {
            for (int i = 0; i < len - 1; i++) {
                int from = i - (len - 1 - octal.length());
                h[off + i] = (byte) (from < 0 ? '0' : octal.charAt(from));
            }
            h[off + len - 1] = 0;
            return;
        }
        long v = value;
        for (int i = off + len - 1; i > off; i--) {
            h[i] = (byte) v;
            v >>>= 8;
        }
        h[off] = (byte) 0x80;
    }

    static void putChecksum(byte[] h) {
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        String octal = String.format("%06o", sum);
        for (int i = 0; i < 6; i++) {
            h[148 + i] = (byte) octal.charAt(i);
        }
        h[154] = 0;
        h[155] = ' ';
    }

    static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }
}
