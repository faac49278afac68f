package dev.drover.agent.text;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 with Python's {@code surrogateescape}: bytes that are not valid UTF-8 decode to the lone
 * surrogates U+DC80..U+DCFF and encode back to the same bytes. Files edited by line-oriented modules
 * are often ISO-8859-1 (Java {@code .properties}) or mixed; with this codec every byte a module does
 * not touch round-trips exactly, while new text is written as UTF-8 (as Ansible does).
 */
public final class TextCodec {
    private static final char ESCAPE_BASE = 0xDC00;

    private TextCodec() {
    }

    public static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isUnderflow()) {
                decoder.flush(out);
                break;
            }
            if (r.isOverflow()) {
                out = grow(out);
                continue;
            }
            for (int i = 0; i < r.length(); i++) {
                if (!out.hasRemaining()) {
                    out = grow(out);
                }
                out.put((char) (ESCAPE_BASE + (in.get() & 0xFF)));
            }
        }
        out.flip();
        return out.toString();
    }

    public static byte[] encode(CharSequence text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isEscapedByte(text, i)) {
                writeUtf8(text.subSequence(start, i), out);
                out.write(c - ESCAPE_BASE);
                start = i + 1;
            }
        }
        writeUtf8(text.subSequence(start, text.length()), out);
        return out.toByteArray();
    }

    /** True when the char at {@code i} stands for one raw byte (a lone low surrogate U+DC80..U+DCFF). */
    public static boolean isEscapedByte(CharSequence text, int i) {
        char c = text.charAt(i);
        if (c < 0xDC80 || c > 0xDCFF) {
            return false;
        }
        return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static void writeUtf8(CharSequence part, ByteArrayOutputStream out) {
        if (part.length() == 0) {
            return;
        }
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .encode(CharBuffer.wrap(part));
            out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("UTF-8 encoder with REPLACE cannot fail", e);
        }
    }

    private static CharBuffer grow(CharBuffer out) {
        CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2 + 16);
        out.flip();
        bigger.put(out);
        return bigger;
    }
}
