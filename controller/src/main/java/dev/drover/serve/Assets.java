package dev.drover.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The page's files, served from the jar: plain HTML, JavaScript and CSS written for the browser as
 * they are (no build step, nothing from a CDN). Only the files named here are served.
 */
final class Assets {
    record Asset(byte[] bytes, String contentType) {
    }

    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "run.html", "text/html; charset=utf-8",
            "style.css", "text/css; charset=utf-8",
            "common.js", "text/javascript; charset=utf-8",
            "runs.js", "text/javascript; charset=utf-8",
            "run.js", "text/javascript; charset=utf-8");

    private Assets() {
    }

    static Optional<Asset> get(String name) {
        String type = TYPES.get(name);
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = Assets.class.getResourceAsStream("assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("drover's jar lacks dev/drover/serve/assets/" + name);
            }
            return Optional.of(new Asset(in.readAllBytes(), type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
