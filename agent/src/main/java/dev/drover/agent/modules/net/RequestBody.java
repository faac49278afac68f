package dev.drover.agent.modules.net;

import dev.drover.agent.module.ModuleException;
import dev.drover.protocol.Json;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code uri}'s {@code body} and {@code body_format}, as Ansible encodes them: {@code json} writes a
 * structure as JSON (a string is taken as JSON already), {@code form-urlencoded} writes a mapping or
 * a list of pairs as {@code k=v&...} (list values repeat the key; a string is sent as it is),
 * {@code raw} sends a string. The matching Content-Type is added unless the headers have one.
 */
final class RequestBody {
    private RequestBody() {
    }

    static byte[] encode(Object body, String format, Map<String, String> headers) throws ModuleException {
        switch (format) {
            case "json":
                defaultContentType(headers, "application/json");
                if (body == null) {
                    return null;
                }
                if (body instanceof String) {
                    return utf8((String) body);
                }
                try {
                    return Json.writeValue(body);
                } catch (IOException e) {
                    throw new ModuleException("cannot write body as JSON: " + e.getMessage());
                }
            case "form-urlencoded":
                defaultContentType(headers, "application/x-www-form-urlencoded");
                if (body == null) {
                    return null;
                }
                return utf8(body instanceof String ? (String) body : formEncode(body));
            case "raw":
                if (body == null) {
                    return null;
                }
                if (body instanceof Map || body instanceof List) {
                    throw new ModuleException("body is a " + (body instanceof Map ? "mapping" : "list")
                            + " but body_format is raw; set body_format: json or form-urlencoded");
                }
                return utf8(String.valueOf(body));
            default:
                throw new ModuleException("body_format " + format + " is not supported by drover's uri;"
                        + " use raw, json or form-urlencoded");
        }
    }

    private static String formEncode(Object body) throws ModuleException {
        List<String[]> pairs = new ArrayList<>();
        if (body instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) body).entrySet()) {
                addValues(pairs, e.getKey(), e.getValue());
            }
        } else if (body instanceof List) {
            for (Object item : (List<?>) body) {
                if (!(item instanceof List) || ((List<?>) item).size() != 2) {
                    throw new ModuleException("cannot form-urlencode body: a list body must hold [key, value] pairs, got " + item);
                }
                addValues(pairs, ((List<?>) item).get(0), ((List<?>) item).get(1));
            }
        } else {
            throw new ModuleException("cannot form-urlencode body: expect a mapping, a list of pairs or a string");
        }
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(urlEncode(p[0])).append('=').append(urlEncode(p[1]));
        }
        return out.toString();
    }

    private static void addValues(List<String[]> pairs, Object key, Object value) {
        if (value instanceof List) {
            for (Object v : (List<?>) value) {
                if (v != null) {
                    pairs.add(new String[] {text(key), text(v)});
                }
            }
        } else if (value != null) {
            pairs.add(new String[] {text(key), text(value)});
        }
    }

    /** Python's str(): True/False for booleans, as Ansible would send them. */
    private static String text(Object o) {
        if (o instanceof Boolean) {
            return (Boolean) o ? "True" : "False";
        }
        return String.valueOf(o);
    }

    private static String urlEncode(String s) {
        try {
            return URLEncoder.encode(s, "UTF-8");
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static void defaultContentType(Map<String, String> headers, String type) {
        for (String name : headers.keySet()) {
            if (name.equalsIgnoreCase("Content-Type")) {
                return;
            }
        }
        headers.put("Content-Type", type);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
