package dev.drover.acssim.solr;

import dev.drover.acssim.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Solr 4's ReplicationHandler backup commands for the cores of an ACS 5.x node. {@code command=backup}
 * answers at once and copies the core's index into {@code location/snapshot.<timestamp>} on a background
 * thread (the directory exists, partly written, while the copy runs, as with Solr's SnapShooter), then
 * deletes the oldest snapshots beyond {@code numberToKeep}. {@code command=details} reports the last
 * backup: {@code startTime}, {@code fileCount}, {@code status=success}, {@code snapshotCompletedAt},
 * {@code snapshotName}, or {@code snapShootException} when it failed. Responses are JSON as with
 * {@code wt=json}; a NamedList renders flat ({@code ["k",v,...]}) unless {@code json.nl=map}, as in Solr.
 *
 * <p>Threading: requests come from netty's threads; backups of one node run one at a time on a single
 * daemon thread; the last backup's details are published through a volatile field per core.
 */
public final class SolrReplication {
    /** Core name to its index directory, relative to dir.root, by default (Alfresco 5.x's Solr 4 layout). */
    private static final Map<String, String> CORES = new LinkedHashMap<>();

    static {
        CORES.put("alfresco", "solr4/index/workspace/SpacesStore");
        CORES.put("archive", "solr4/index/archive/SpacesStore");
    }

    /** Core name to its index directory, absolute (solrcore.properties' data.dir.root). */
    private final Map<String, Path> indexes;

    /** An HTTP answer: status code and JSON body. */
    public static final class Reply {
        public final int status;
        public final String body;

        Reply(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }

    private final Path dirRoot;
    private final long delayMs;
    private final Map<String, List<Object>> lastBackup = Collections.synchronizedMap(new LinkedHashMap<>());
    private final ExecutorService snapshooter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "snapshooter");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param dirRoot the node's dir.root
     * @param delayMs how long a snapshot takes at least (spread over its files), so a caller must wait for it
     */
    public SolrReplication(Path dirRoot, long delayMs) {
        this(dirRoot, defaultIndexes(dirRoot), delayMs);
    }

    /**
     * @param indexes each core's index directory ({@code Installation.solrIndexes()}: what its
     *     solrcore.properties says)
     */
    public SolrReplication(Path dirRoot, Map<String, Path> indexes, long delayMs) {
        this.dirRoot = dirRoot;
        this.indexes = new LinkedHashMap<>(indexes);
        this.delayMs = delayMs;
    }

    private static Map<String, Path> defaultIndexes(Path dirRoot) {
        Map<String, Path> out = new LinkedHashMap<>();
        CORES.forEach((core, dir) -> out.put(core, dirRoot.resolve(dir)));
        return out;
    }

    /** Handles {@code /solr4/<core>/replication} with the request's query parameters. */
    public Reply handle(String core, Map<String, String> params) {
        if (!indexes.containsKey(core)) {
            return new Reply(404, "{\"error\":{\"msg\":" + Json.str("No such core: " + core + " (cores: "
                    + String.join(", ", indexes.keySet()) + ")") + ",\"code\":404}}");
        }
        String command = params.getOrDefault("command", "");
        boolean map = "map".equals(params.get("json.nl"));
        if (command.equals("backup")) {
            Path location = params.containsKey("location") ? dirRoot.resolve(params.get("location"))
                    : dirRoot.resolve("solr4Backup").resolve(core);
            int keep = Integer.parseInt(params.getOrDefault("numberToKeep", String.valueOf(Integer.MAX_VALUE)));
            snapshooter.submit(() -> snapshot(core, indexes.get(core), location, keep));
            return new Reply(200, header() + ",\"status\":\"OK\"}");
        }
        if (command.equals("details")) {
            List<Object> backup = lastBackup.get(core);
            String details = "\"indexPath\":" + Json.str(indexes.get(core).toString())
                    + ",\"isMaster\":\"true\",\"isSlave\":\"false\""
                    + (backup == null ? "" : ",\"backup\":" + namedList(backup, map));
            return new Reply(200, header() + ",\"details\":{" + details + "}}");
        }
        return new Reply(400, "{\"error\":{\"msg\":" + Json.str("Missing or unknown command '" + command
                + "': use command=backup or command=details") + ",\"code\":400}}");
    }

    private void snapshot(String core, Path index, Path location, int keep) {
        List<Object> details = new ArrayList<>();
        details.add("startTime");
        details.add(new Date().toString());
        String name = "snapshot." + new SimpleDateFormat("yyyyMMddHHmmssSSS", Locale.ROOT).format(new Date());
        try {
            if (!Files.isDirectory(index)) {
                throw new IOException("Index directory does not exist: " + index);
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(index)) {
                files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
            }
            Path snap = Files.createDirectories(location).resolve(name);
            Files.createDirectory(snap);
            for (Path f : files) {
                Thread.sleep(delayMs / Math.max(1, files.size()));
                Files.copy(f, snap.resolve(f.getFileName()));
            }
            details.add("fileCount");
            details.add(files.size());
            details.add("status");
            details.add("success");
            details.add("snapshotCompletedAt");
            details.add(new Date().toString());
            details.add("snapshotName");
            details.add(name);
            deleteOldSnapshots(location, keep);
        } catch (IOException | RuntimeException e) {
            details.add("snapShootException");
            details.add(String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        lastBackup.put(core, details);
    }

    private static void deleteOldSnapshots(Path location, int keep) throws IOException {
        List<Path> snapshots;
        try (Stream<Path> s = Files.list(location)) {
            snapshots = s.filter(p -> p.getFileName().toString().startsWith("snapshot.") && Files.isDirectory(p))
                    .sorted(Collections.reverseOrder()).collect(Collectors.toList());
        }
        for (Path old : snapshots.subList(Math.min(keep, snapshots.size()), snapshots.size())) {
            try (Stream<Path> s = Files.walk(old)) {
                for (Path p : s.sorted(Collections.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String header() {
        return "{\"responseHeader\":{\"status\":0,\"QTime\":0}";
    }

    private static String namedList(List<Object> entries, boolean map) {
        StringBuilder sb = new StringBuilder(map ? "{" : "[");
        for (int i = 0; i < entries.size(); i += 2) {
            Object v = entries.get(i + 1);
            String value = v instanceof Number ? v.toString() : Json.str(String.valueOf(v));
            sb.append(i == 0 ? "" : ",").append(Json.str((String) entries.get(i))).append(map ? ":" : ",").append(value);
        }
        return sb.append(map ? "}" : "]").toString();
    }
}
