package dev.drover.acssim.http;

import java.util.List;

/**
 * The repository's documents as the public REST API sees them: user nodes under the company home
 * ({@code -root-}), each with at most one content. Implementations read and write the repository's database
 * and content store; they are called from netty's threads.
 */
public interface Documents {
    /** One node. {@code contentUrl} is null for a node without content; {@code size} is then 0. */
    final class Doc {
        public final String id;
        public final String name;
        public final String contentUrl;
        public final long size;

        public Doc(String id, String name, String contentUrl, long size) {
            this.id = id;
            this.name = name;
            this.contentUrl = contentUrl;
            this.size = size;
        }
    }

    /** A request the repository refuses, with the HTTP status ACS answers. */
    final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        public final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** Creates a node under {@code -root-}; {@code content} may be null. 409 when the name is taken. */
    Doc create(String name, byte[] content) throws Refused;

    /** 404 when there is no such node. */
    Doc get(String id) throws Refused;

    /** The user nodes in id order, from {@code skip}, at most {@code max}. */
    List<Doc> list(int skip, int max) throws Refused;

    /** The total number of user nodes. */
    int count() throws Refused;

    /** Replaces the node's content (a new content URL, as ACS writes a new file and never overwrites one). */
    Doc write(String id, byte[] content) throws Refused;

    /** The node's content; 404 without node or content, 500 when its file is missing from the content store. */
    byte[] read(String id) throws Refused;

    /** Deletes the node; its content file stays in the store (an orphan, as ACS leaves it for its cleaner). */
    void delete(String id) throws Refused;
}
