package dev.drover.acssim.http;

import dev.drover.acssim.Json;
import dev.drover.acssim.http.Repository.Status;
import dev.drover.acssim.solr.SolrReplication;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The routes, as pure functions from (method, path, authorization) to a response, so they can be tested
 * without sockets. Paths as ACS serves them under the {@code alfresco} context.
 */
final class Endpoints {
    static final String SERVER = "/alfresco/service/api/server";
    static final String SERVER_SHORT = "/alfresco/s/api/server";
    static final String DISCOVERY = "/alfresco/api/discovery";
    static final String PROBES = "/alfresco/api/-default-/public/alfresco/versions/1/probes/";
    /** Solr 4's webapp (5.x): {@code /solr4/<core>/replication}. */
    static final String SOLR4 = "/solr4/";
    static final String SHARE_PAGE = "/share/page";
    private static final String SHARE_LOGIN = "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Alfresco &raquo; Login</title>"
            + "</head><body id=\"Share\"><form id=\"loginform\" accept-charset=\"UTF-8\" method=\"post\""
            + " action=\"/share/page/dologin\"><input type=\"text\" name=\"username\"/><input type=\"password\""
            + " name=\"password\"/><input type=\"hidden\" name=\"success\" value=\"/share/page/\"/>"
            + "<button type=\"submit\">Sign in</button></form></body></html>\n";

    /** A request: method, path and query, the headers the routes read, and the body. */
    static final class Request {
        final String method;
        final String uri;
        final String path;
        final Map<String, String> query;
        final String authorization;
        final String contentType;
        final byte[] body;

        Request(String method, String uri, String authorization, String contentType, byte[] body) {
            this.method = method;
            this.uri = uri;
            this.path = uri.indexOf('?') < 0 ? uri : uri.substring(0, uri.indexOf('?'));
            this.query = query(uri);
            this.authorization = authorization;
            this.contentType = contentType;
            this.body = body == null ? new byte[0] : body;
        }
    }

    /** A response: status code, content type and body (JSON unless said). */
    static final class Response {
        final int status;
        final String body;
        final String contentType;
        final byte[] bytes;

        Response(int status, String body) {
            this(status, "application/json;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8));
        }

        Response(int status, String contentType, byte[] bytes) {
            this.status = status;
            this.contentType = contentType;
            this.bytes = bytes;
            this.body = new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final Repository repo;
    /** The Solr 4 webapp, or null when the node has none (6.x+ use a separate Search Services). */
    private final SolrReplication solr;
    private final PublicApi api;
    /** Whether share.war is deployed: then {@code /share/page} answers with Share's login page. */
    private final boolean share;

    Endpoints(Repository repo) {
        this(repo, null);
    }

    Endpoints(Repository repo, SolrReplication solr) {
        this(repo, solr, null, "admin", false);
    }

    Endpoints(Repository repo, SolrReplication solr, Documents docs, String adminPassword, boolean share) {
        this.repo = repo;
        this.solr = solr;
        this.api = new PublicApi(repo, docs, adminPassword);
        this.share = share;
    }

    Response handle(String method, String uri, String authorization) {
        return handle(new Request(method, uri, authorization, null, null));
    }

    Response handle(Request req) {
        String path = req.path;
        String method = req.method;
        String uri = req.uri;
        if (share && (path.equals(SHARE_PAGE) || path.equals(SHARE_PAGE + "/")) && repo.status() != Status.STARTING) {
            return new Response(200, "text/html;charset=UTF-8", SHARE_LOGIN.getBytes(StandardCharsets.UTF_8));
        }
        if (path.startsWith(PROBES) && repo.hasProbes() && isRead(method)) {
            return probe(path.substring(PROBES.length()));
        }
        if (solr != null && path.startsWith(SOLR4) && path.endsWith("/replication") && repo.status() != Status.STARTING) {
            // Solr is its own webapp: it serves once Tomcat's connector is open, whatever became of /alfresco.
            String core = path.substring(SOLR4.length(), path.length() - "/replication".length());
            SolrReplication.Reply r = solr.handle(core, query(uri));
            return new Response(r.status, r.body);
        }
        if (repo.status() != Status.STARTED) {
            return error(404, "The requested resource is not available.");
        }
        if (path.startsWith(PublicApi.TICKETS) || (path.startsWith(PublicApi.CORE) && !path.startsWith(PROBES))) {
            return api.handle(req);
        }
        if (!isRead(method)) {
            return error(405, "Method not allowed: " + method);
        }
        if (path.equals(SERVER) || path.equals(SERVER_SHORT)) {
            return new Response(200, "{\"data\":{\"edition\":" + Json.str(repo.edition()) + ",\"version\":"
                    + Json.str(display()) + ",\"schema\":" + Json.str(String.valueOf(repo.schema())) + "}}");
        }
        if (path.equals(DISCOVERY)) {
            if (!api.authenticated(req)) {
                return error(401, "Authentication required (basic auth admin:admin)");
            }
            return new Response(200, discovery());
        }
        return error(404, "No endpoint " + path);
    }

    private static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    static Map<String, String> query(String uri) {
        Map<String, String> params = new LinkedHashMap<>();
        int q = uri.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String pair : uri.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            try {
                params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), "UTF-8"),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), "UTF-8"));
            } catch (UnsupportedEncodingException e) {
                throw new AssertionError("UTF-8 is always supported", e);
            }
        }
        return params;
    }

    private Response probe(String which) {
        boolean ready = repo.status() == Status.STARTED;
        if (which.equals("-ready-") || which.equals("-ready-/")) {
            return ready ? new Response(200, "{\"entry\":{\"message\":\"readyProbe: Success - Tested\"}}")
                    : error(503, "readyProbe: Failure - not ready");
        }
        if (which.equals("-live-") || which.equals("-live-/")) {
            return ready ? new Response(200, "{\"entry\":{\"message\":\"liveProbe: Success - Tested\"}}")
                    : error(503, "liveProbe: Failure - not live");
        }
        return error(404, "Unknown probe " + which + "; use -ready- or -live-");
    }

    private String display() {
        return repo.version() + " (" + repo.build() + ")";
    }

    private String discovery() {
        String[] v = repo.version().split("\\.");
        StringBuilder modules = new StringBuilder();
        for (String[] m : repo.modules()) {
            modules.append(modules.length() == 0 ? "" : ",").append("{\"id\":").append(Json.str(m[0]))
                    .append(",\"version\":").append(Json.str(m[1])).append(",\"installState\":\"INSTALLED\"}");
        }
        return "{\"entry\":{\"repository\":{\"edition\":" + Json.str(repo.edition()) + ",\"version\":{\"major\":"
                + Json.str(v[0]) + ",\"minor\":" + Json.str(v[1]) + ",\"patch\":" + Json.str(v[2])
                + ",\"display\":" + Json.str(display() + " schema " + repo.schema()) + ",\"schema\":" + repo.schema()
                + "},\"modules\":[" + modules + "]}}}";
    }

    /** ACS's error body ({@code errorKey}, {@code statusCode}, {@code briefSummary}, ...). */
    static Response error(int status, String message) {
        return new Response(status, "{\"error\":{\"errorKey\":" + Json.str(message) + ",\"statusCode\":" + status
                + ",\"briefSummary\":" + Json.str(message) + ",\"stackTrace\":\"For security reasons the stack trace is no"
                + " longer displayed, but the property is kept for previous versions\",\"descriptionURL\":"
                + "\"https://api-explorer.alfresco.com\"}}");
    }
}
