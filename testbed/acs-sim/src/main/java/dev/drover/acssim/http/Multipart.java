package dev.drover.acssim.http;

import dev.drover.acssim.http.Documents.Refused;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code multipart/form-data} body split into its parts (name -> bytes, and file names). Immutable. */
final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("[; ]name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

    private final Map<String, byte[]> parts = new LinkedHashMap<>();
    private final Map<String, String> fileNames = new LinkedHashMap<>();

    private Multipart() {
    }

    static Multipart parse(String contentType, byte[] body) throws Refused {
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            throw new Refused(400, "multipart/form-data without a boundary");
        }
        byte[] delimiter = ("--" + b.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        Multipart form = new Multipart();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            int next = indexOf(body, delimiter, start);
            if (headersEnd < 0 || next < 0) {
                throw new Refused(400, "a truncated multipart/form-data body");
            }
            String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            int end = next - 2; // the CRLF before the delimiter
            byte[] data = Arrays.copyOfRange(body, headersEnd + 4, Math.max(headersEnd + 4, end));
            Matcher n = NAME.matcher(headers);
            if (n.find()) {
                form.parts.put(n.group(1), data);
                Matcher f = FILENAME.matcher(headers);
                if (f.find()) {
                    form.fileNames.put(n.group(1), f.group(1));
                }
            }
            at = next;
        }
        return form;
    }

    byte[] file(String name) {
        return parts.get(name);
    }

    String fileName(String name) {
        return fileNames.get(name);
    }

    String field(String name) {
        byte[] v = parts.get(name);
        return v == null || fileNames.containsKey(name) ? null : new String(v, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
