package dev.drover.agent.modules.files;

import dev.drover.agent.module.ModuleException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .properties} text parsed the way {@link java.util.Properties#load(java.io.Reader)}
 * reads it (comment lines start with {@code #} or {@code !}; a line ending in an odd number of
 * backslashes continues on the next, whose leading blanks are skipped; the key ends at the first
 * unescaped {@code =}, {@code :} or blank), but remembering where each entry sits in the raw text.
 * Edits are splices of that raw text, so comments, blank lines, order, separators, escapes and the
 * bytes of every untouched line stay exactly as they were.
 */
final class PropertiesFile {

    /** One key/value entry: its raw text is {@code [lineStart, lineEnd)}, the value {@code [valueStart, end)}. */
    static final class Entry {
        final String key;
        final String value;
        final int line;
        final int lineStart;
        final int valueStart;
        final int end;
        final int lineEnd;
        final boolean explicitSeparator;
        /** The raw text between key and value, e.g. {@code " = "}; null if it spans lines. */
        final String separator;

        Entry(String key, String value, int line, int lineStart, int valueStart, int end, int lineEnd,
              boolean explicitSeparator, String separator) {
            this.key = key;
            this.value = value;
            this.line = line;
            this.lineStart = lineStart;
            this.valueStart = valueStart;
            this.end = end;
            this.lineEnd = lineEnd;
            this.explicitSeparator = explicitSeparator;
            this.separator = separator;
        }
    }

    private final String text;
    private final List<Entry> entries;

    private PropertiesFile(String text, List<Entry> entries) {
        this.text = text;
        this.entries = entries;
    }

    String text() {
        return text;
    }

    List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** All entries for {@code key}, in file order; Java keeps the value of the last one. */
    List<Entry> all(String key) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.key.equals(key)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The file's line terminator (that of its first line), {@code \n} for a file without one. */
    String lineTerminator() {
        int nl = text.indexOf('\n');
        int cr = text.indexOf('\r');
        if (cr >= 0 && (nl < 0 || cr < nl)) {
            return cr + 1 < text.length() && text.charAt(cr + 1) == '\n' ? "\r\n" : "\r";
        }
        return "\n";
    }

    /** The separator most entries use ({@code =} for a file without entries); ties go to the first seen. */
    String usualSeparator() {
        Map<String, Integer> counts = new HashMap<>();
        String best = "=";
        int bestCount = 0;
        for (Entry e : entries) {
            if (e.separator == null || !e.explicitSeparator) {
                continue;
            }
            int c = counts.containsKey(e.separator) ? counts.get(e.separator) + 1 : 1;
            counts.put(e.separator, c);
            if (c > bestCount) {
                best = e.separator;
                bestCount = c;
            }
        }
        return best;
    }

    static PropertiesFile parse(String text, String fileName) throws ModuleException {
        List<Entry> entries = new ArrayList<>();
        int n = text.length();
        int pos = 0;
        int line = 1;
        while (pos < n) {
            int lineStart = pos;
            int p = pos;
            while (p < n && PropertiesSyntax.isBlank(text.charAt(p))) {
                p++;
            }
            if (p >= n) {
                break;
            }
            char first = text.charAt(p);
            if (first == '\n' || first == '\r' || first == '#' || first == '!') {
                // Blank or comment line; comments never continue.
                pos = afterTerminator(text, endOfLine(text, p));
                line++;
                continue;
            }
            int entryLine = line;
            StringBuilder logical = new StringBuilder();
            List<Integer> raw = new ArrayList<>();
            int q = p;
            int end;
            while (true) {
                int eol = endOfLine(text, q);
                int backslashes = 0;
                for (int k = eol - 1; k >= q && text.charAt(k) == '\\'; k--) {
                    backslashes++;
                }
                boolean continues = backslashes % 2 == 1;
                int contentEnd = continues ? eol - 1 : eol;
                for (int k = q; k < contentEnd; k++) {
                    logical.append(text.charAt(k));
                    raw.add(k);
                }
                pos = afterTerminator(text, eol);
                end = eol;
                if (!continues || eol >= n) {
                    line++;
                    break;
                }
                line++;
                q = pos;
                while (q < n && PropertiesSyntax.isBlank(text.charAt(q))) {
                    q++;
                }
            }
            entries.add(entry(text, logical, raw, entryLine, lineStart, end, pos, fileName));
        }
        return new PropertiesFile(text, entries);
    }

    /** Splits a logical line into key and value exactly like {@code Properties.load0}. */
    private static Entry entry(String text, StringBuilder logical, List<Integer> raw, int line, int lineStart,
                               int end, int lineEnd, String fileName) throws ModuleException {
        int limit = logical.length();
        int keyLen = 0;
        int valueStart = limit;
        boolean hasSeparator = false;
        boolean precedingBackslash = false;
        while (keyLen < limit) {
            char c = logical.charAt(keyLen);
            if ((c == '=' || c == ':') && !precedingBackslash) {
                valueStart = keyLen + 1;
                hasSeparator = true;
                break;
            } else if (PropertiesSyntax.isBlank(c) && !precedingBackslash) {
                valueStart = keyLen + 1;
                break;
            }
            precedingBackslash = c == '\\' && !precedingBackslash;
            keyLen++;
        }
        while (valueStart < limit) {
            char c = logical.charAt(valueStart);
            if (!PropertiesSyntax.isBlank(c)) {
                if (!hasSeparator && (c == '=' || c == ':')) {
                    hasSeparator = true;
                } else {
                    break;
                }
            }
            valueStart++;
        }
        String key = PropertiesSyntax.unescape(logical.subSequence(0, keyLen));
        String value = PropertiesSyntax.unescape(logical.subSequence(valueStart, limit));
        if (key == null || value == null) {
            throw new ModuleException(fileName + ":" + line + ": malformed \\uXXXX escape"
                    + " (Java would refuse to load this file); fix that line first");
        }
        int keyEndRaw = keyLen > 0 ? raw.get(keyLen - 1) + 1 : lineStart;
        int valueStartRaw = valueStart < limit ? raw.get(valueStart) : end;
        String separator = text.substring(keyEndRaw, valueStartRaw);
        if (separator.indexOf('\n') >= 0 || separator.indexOf('\r') >= 0) {
            separator = null;
        }
        return new Entry(key, value, line, lineStart, valueStartRaw, end, lineEnd, hasSeparator, separator);
    }

    private static int endOfLine(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private static int afterTerminator(String text, int eol) {
        if (eol >= text.length()) {
            return eol;
        }
        if (text.charAt(eol) == '\r' && eol + 1 < text.length() && text.charAt(eol + 1) == '\n') {
            return eol + 2;
        }
        return eol + 1;
    }
}
