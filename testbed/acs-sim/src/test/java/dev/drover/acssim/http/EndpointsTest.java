package dev.drover.acssim.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsTest {
    private static final String ADMIN = "Basic YWRtaW46YWRtaW4=";
    private static final String READY = Endpoints.PROBES + "-ready-";

    static final class Repo implements Repository {
        volatile Status status = Status.STARTING;
        final boolean probes;

        Repo(boolean probes) {
            this.probes = probes;
        }

        public Status status() {
            return status;
        }

        public String version() {
            return "6.2.2";
        }

        public String build() {
            return "rd0f4dcd9-b44";
        }

        public int schema() {
            return 13001;
        }

        public String edition() {
            return "Enterprise";
        }

        public boolean hasProbes() {
            return probes;
        }

        public List<String[]> modules() {
            return Collections.singletonList(new String[] {"alfresco-share-services", "6.2.2"});
        }
    }

    @Test
    void probesAre503UntilStartedAndRepositoryApisAre404() {
        Repo repo = new Repo(true);
        Endpoints e = new Endpoints(repo);
        assertEquals(503, e.handle("GET", READY, null).status);
        assertEquals(404, e.handle("GET", Endpoints.SERVER, null).status);
        repo.status = Repository.Status.STARTED;
        assertEquals("{\"entry\":{\"message\":\"readyProbe: Success - Tested\"}}", e.handle("GET", READY, null).body);
        assertEquals(200, e.handle("GET", Endpoints.PROBES + "-live-", null).status);
        repo.status = Repository.Status.FAILED;
        assertEquals(503, e.handle("GET", READY, null).status);
    }

    @Test
    void serverAndDiscoveryDescribeTheVersionAndModules() {
        Repo repo = new Repo(true);
        repo.status = Repository.Status.STARTED;
        Endpoints e = new Endpoints(repo);
        assertEquals("{\"data\":{\"edition\":\"Enterprise\",\"version\":\"6.2.2 (rd0f4dcd9-b44)\",\"schema\":\"13001\"}}",
                e.handle("GET", Endpoints.SERVER, null).body);
        assertEquals(401, e.handle("GET", Endpoints.DISCOVERY, null).status);
        String body = e.handle("GET", Endpoints.DISCOVERY, ADMIN).body;
        assertTrue(body.contains("\"display\":\"6.2.2 (rd0f4dcd9-b44) schema 13001\",\"schema\":13001"), body);
        assertTrue(body.contains("{\"id\":\"alfresco-share-services\",\"version\":\"6.2.2\",\"installState\":\"INSTALLED\"}"), body);
    }

    @Test
    void fiveXHasNoProbes() {
        Repo repo = new Repo(false);
        repo.status = Repository.Status.STARTED;
        assertEquals(404, new Endpoints(repo).handle("GET", READY, null).status);
    }

    @Test
    void servesOverARealSocket() throws Exception {
        Repo repo = new Repo(true);
        repo.status = Repository.Status.STARTED;
        try (HttpServer server = HttpServer.start("127.0.0.1", 0, repo)) {
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + server.port() + READY).openConnection();
            assertEquals(200, c.getResponseCode());
            try (InputStream in = c.getInputStream()) {
                assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("readyProbe: Success"));
            }
        }
    }

    @Test
    void solr4ReplicationIsServedOnceTheConnectorIsOpenEvenIfTheRepositoryFailed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dirRoot) {
        Repo repo = new Repo(false);
        Endpoints e = new Endpoints(repo, new dev.drover.acssim.solr.SolrReplication(dirRoot, 0));
        String details = "/solr4/alfresco/replication?command=details&wt=json";
        assertEquals(404, e.handle("GET", details, null).status);
        repo.status = Repository.Status.FAILED;
        assertEquals(200, e.handle("GET", details, null).status);
        assertTrue(e.handle("GET", "/solr4/alfresco/replication?command=details&json.nl=map", null).body.contains("\"isMaster\":\"true\""));
        assertEquals(404, new Endpoints(repo).handle("GET", details, null).status, "6.x+: no Solr 4 webapp in the node");
    }
}
