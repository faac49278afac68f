package dev.drover.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the simulator's {@code fingerprint} command says about a repository (database and
 * contentstore): equal {@link #dataSha256} and {@link #contentSha256} mean the same user data, whatever
 * the schema (docs/testbed-acs-sim.md, "fingerprint").
 */
public record Fingerprint(int schema, String clusterName, Map<String, Long> rows, String dataSha256, long contentFiles,
        String contentSha256, boolean marker) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Fingerprint {
        rows = Collections.unmodifiableMap(new TreeMap<>(rows));
    }

    /** Parses the command's one JSON object. */
    static Fingerprint parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            Map<String, Long> rows = new TreeMap<>();
            n.path("rows").fields().forEachRemaining(e -> rows.put(e.getKey(), e.getValue().asLong()));
            return new Fingerprint(n.path("schema").asInt(), n.path("cluster_name").asText(""), rows,
                    n.path("data_sha256").asText(""), n.path("content_files").asLong(), n.path("content_sha256").asText(""),
                    n.path("marker").asBoolean());
        } catch (IOException | RuntimeException e) {
            throw new DemoException("the simulator's fingerprint is not the JSON object docs/testbed-acs-sim.md describes: "
                    + e.getMessage() + "\n" + json);
        }
    }

    /** True when both hold the same user data: rows, content files and their checksums. */
    public boolean sameDataAs(Fingerprint other) {
        return rows.equals(other.rows) && dataSha256.equals(other.dataSha256) && contentFiles == other.contentFiles
                && contentSha256.equals(other.contentSha256);
    }
}
