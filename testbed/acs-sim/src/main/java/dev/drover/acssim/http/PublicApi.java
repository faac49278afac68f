package dev.drover.acssim.http;

import dev.drover.acssim.Json;
import dev.drover.acssim.http.Documents.Doc;
import dev.drover.acssim.http.Documents.Refused;
import dev.drover.acssim.http.Endpoints.Request;
import dev.drover.acssim.http.Endpoints.Response;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.SimpleDateFormat;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slice of ACS's public REST API v1 the playbooks' functional checks use, with its status codes and JSON
 * shapes: tickets ({@code POST .../authentication/versions/1/tickets}), nodes under {@code -root-} (create, with
 * JSON or multipart {@code filedata}; get; list; read and write content; delete) and installed modules
 * ({@code modulepackages}, ModulePackagesEntityResource).
 * Authentication as ACS takes it: basic auth with the admin's user and password, or with a ticket as the user
 * name (or {@code alf_ticket=} in the query). Tickets live as long as the JVM.
 */
final class PublicApi {
    static final String TICKETS = "/alfresco/api/-default-/public/authentication/versions/1/tickets";
    static final String CORE = "/alfresco/api/-default-/public/alfresco/versions/1/";
    private static final Pattern NODE_PATH = Pattern.compile("nodes/([^/]+)(/children|/content)?/?");

    private final Repository repo;
    private final Documents docs;
    private final String adminPassword;
    private final Set<String> tickets = ConcurrentHashMap.newKeySet();

    PublicApi(Repository repo, Documents docs, String adminPassword) {
        this.repo = repo;
        this.docs = docs;
        this.adminPassword = adminPassword;
    }

    Response handle(Request req) {
        if (req.path.equals(TICKETS) || req.path.equals(TICKETS + "/")) {
            return "POST".equals(req.method) ? login(req) : Endpoints.error(405, "Use POST to create a ticket");
        }
        if (req.path.equals(TICKETS + "/-me-")) {
            return authenticated(req) ? new Response(200, "{\"entry\":{\"id\":" + Json.str(ticketOf(req)) + ",\"userId\":\"admin\"}}")
                    : Endpoints.error(401, "Authentication failed");
        }
        if (!authenticated(req)) {
            return Endpoints.error(401, "Authentication failed");
        }
        String rest = req.path.substring(CORE.length());
        if (rest.equals("modulepackages") || rest.equals("modulepackages/")) {
            return modules();
        }
        Matcher m = NODE_PATH.matcher(rest);
        if (!m.matches() || docs == null) {
            return Endpoints.error(404, "Unable to locate resource resource for :" + rest);
        }
        try {
            return node(req, m.group(1), m.group(2) == null ? "" : m.group(2));
        } catch (Refused r) {
            return Endpoints.error(r.status, r.getMessage());
        }
    }

    private Response node(Request req, String id, String sub) throws Refused {
        switch (req.method + " " + sub) {
            case "POST /children":
                requireRoot(id);
                return create(req);
            case "GET /children":
                requireRoot(id);
                return children(req);
            case "GET ":
                return new Response(200, "{\"entry\":" + entry(docs.get(id)) + "}");
            case "DELETE ":
                docs.delete(id);
                return new Response(204, "");
            case "GET /content":
                return new Response(200, "application/octet-stream", docs.read(id));
            case "PUT /content":
                return new Response(200, "{\"entry\":" + entry(docs.write(id, req.body)) + "}");
            default:
                return Endpoints.error(405, "The operation " + req.method + " is not supported on nodes/" + id + sub);
        }
    }

    private static void requireRoot(String id) throws Refused {
        if (!id.equals("-root-")) {
            throw new Refused(404, "The entity with id: " + id + " was not found (the simulator has -root- only)");
        }
    }

    private Response create(Request req) throws Refused {
        String type = req.contentType == null ? "" : req.contentType;
        if (type.startsWith("multipart/form-data")) {
            Multipart form = Multipart.parse(type, req.body);
            byte[] data = form.file("filedata");
            if (data == null) {
                return Endpoints.error(400, "Required parameter filedata is missing");
            }
            String name = form.field("name") != null ? form.field("name") : form.fileName("filedata");
            return new Response(201, "{\"entry\":" + entry(docs.create(name, data)) + "}");
        }
        String body = new String(req.body, StandardCharsets.UTF_8);
        String name = field(body, "name");
        String nodeType = field(body, "nodeType");
        if (name == null || name.isEmpty() || nodeType == null) {
            return Endpoints.error(400, "Invalid argument: name and nodeType are required");
        }
        return new Response(201, "{\"entry\":" + entry(docs.create(name, null)) + "}");
    }

    private Response children(Request req) throws Refused {
        Map<String, String> q = req.query;
        int skip = Integer.parseInt(q.getOrDefault("skipCount", "0"));
        int max = Integer.parseInt(q.getOrDefault("maxItems", "100"));
        List<Doc> page = docs.list(skip, max);
        int total = docs.count();
        StringBuilder entries = new StringBuilder();
        for (Doc d : page) {
            entries.append(entries.length() == 0 ? "" : ",").append("{\"entry\":").append(entry(d)).append('}');
        }
        return new Response(200, "{\"list\":{\"pagination\":{\"count\":" + page.size() + ",\"hasMoreItems\":"
                + (skip + page.size() < total) + ",\"totalItems\":" + total + ",\"skipCount\":" + skip + ",\"maxItems\":"
                + max + "},\"entries\":[" + entries + "]}}");
    }

    private Response modules() {
        StringBuilder entries = new StringBuilder();
        for (String[] m : repo.modules()) {
            entries.append(entries.length() == 0 ? "" : ",").append("{\"entry\":{\"id\":").append(Json.str(m[0]))
                    .append(",\"version\":").append(Json.str(m[1])).append(",\"installState\":\"INSTALLED\"}}");
        }
        int n = repo.modules().size();
        return new Response(200, "{\"list\":{\"pagination\":{\"count\":" + n + ",\"hasMoreItems\":false,\"totalItems\":"
                + n + ",\"skipCount\":0,\"maxItems\":100},\"entries\":[" + entries + "]}}");
    }

    private static String entry(Doc d) {
        String now = iso(new Date());
        String content = d.contentUrl == null ? "" : ",\"content\":{\"mimeType\":\"application/octet-stream\","
                + "\"mimeTypeName\":\"Binary File (Octet Stream)\",\"sizeInBytes\":" + d.size + ",\"encoding\":\"UTF-8\"}";
        return "{\"id\":" + Json.str(d.id) + ",\"name\":" + Json.str(d.name) + ",\"nodeType\":\"cm:content\","
                + "\"isFolder\":false,\"isFile\":true,\"modifiedAt\":" + Json.str(now) + ",\"createdAt\":" + Json.str(now)
                + ",\"createdByUser\":{\"id\":\"admin\",\"displayName\":\"Administrator\"},\"modifiedByUser\":"
                + "{\"id\":\"admin\",\"displayName\":\"Administrator\"},\"parentId\":\"-root-\"" + content + "}";
    }

    private Response login(Request req) {
        String body = new String(req.body, StandardCharsets.UTF_8);
        String user = field(body, "userId");
        String password = field(body, "password");
        if (user == null || password == null) {
            return Endpoints.error(400, "Invalid argument: userId and password are required");
        }
        if (!user.equals("admin") || !password.equals(adminPassword)) {
            return Endpoints.error(403, "Login failed");
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        StringBuilder t = new StringBuilder("TICKET_");
        for (byte b : random) {
            t.append(String.format("%02x", b & 0xff));
        }
        tickets.add(t.toString());
        return new Response(201, "{\"entry\":{\"id\":" + Json.str(t.toString()) + ",\"userId\":\"admin\"}}");
    }

    /** Basic auth as admin, or a ticket (basic auth user name, or {@code alf_ticket}). */
    boolean authenticated(Request req) {
        String ticket = ticketOf(req);
        if (ticket != null && tickets.contains(ticket)) {
            return true;
        }
        return ("admin:" + adminPassword).equals(basic(req.authorization));
    }

    private static String ticketOf(Request req) {
        String t = req.query.get("alf_ticket");
        if (t != null) {
            return t;
        }
        String user = basic(req.authorization);
        if (user == null) {
            return null;
        }
        return user.indexOf(':') < 0 ? user : user.substring(0, user.indexOf(':'));
    }

    private static String basic(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A top-level string field of a flat JSON object (enough for the bodies this API takes). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\/", "/").replace("\\\\", "\\") : null;
    }

    private static String iso(Date d) {
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        return f.format(d);
    }
}
