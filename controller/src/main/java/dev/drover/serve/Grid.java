package dev.drover.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plays of a run's page ({@link RunModel}), each cut into its batches, each batch's task rows
 * with a cell per host; and which of them changed since the last {@link #changes}, so a watched
 * page is sent the rows that changed rather than the whole grid again.
 *
 * <p>Every part knows its path in the page's data ({@code ["plays", 0, "batches", 1, "tasks", 3]}):
 * parts are only ever appended, so a path never changes. Not thread-safe, like its model.
 */
final class Grid {
    final List<Play> plays = new ArrayList<>();
    /** The parts changed since the last {@link #changes}, in the order they first changed. */
    private final List<Part> changed = new ArrayList<>();

    /** A play, batch or task row: where it is in the page's data, and whether it is new or changed. */
    abstract class Part {
        final List<Object> path;
        boolean fresh = true;
        boolean queued;

        Part(List<Object> path) {
            this.path = path;
            changed();
        }

        /** Something in this part changed: {@link #changes} sends it. */
        final void changed() {
            if (!queued) {
                queued = true;
                Grid.this.changed.add(this);
            }
        }

        abstract Map<String, Object> json();
    }

    final class Play extends Part {
        final int index;
        final String name;
        final List<?> hosts;
        final List<Batch> batches = new ArrayList<>();
        Map<String, Object> stop;
        List<?> failed;

        private Play(int index, String name, List<?> hosts) {
            super(List.of("plays", plays.size()));
            this.index = index;
            this.name = name;
            this.hosts = hosts;
        }

        /** The batch in flight. A journal written before batch_start lines: the play as one batch. */
        Batch batch() {
            if (batches.isEmpty()) {
                addBatch(0, 1, hosts);
            }
            return batches.get(batches.size() - 1);
        }

        void addBatch(int index, int count, List<?> hosts) {
            batches.add(new Batch(this, index, count, hosts));
        }

        @Override
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("play", index);
            m.put("name", name);
            m.put("hosts", hosts);
            List<Object> bs = new ArrayList<>();
            for (Batch b : batches) {
                bs.add(b.json());
            }
            m.put("batches", bs);
            m.put("stop", stop);
            m.put("failed", failed);
            m.put("ended", failed != null);
            return m;
        }
    }

    final class Batch extends Part {
        final Play play;
        final int index;
        final int count;
        final List<?> hosts;
        final List<Task> tasks = new ArrayList<>();

        private Batch(Play play, int index, int count, List<?> hosts) {
            super(append(play.path, "batches", play.batches.size()));
            this.play = play;
            this.index = index;
            this.count = count;
            this.hosts = hosts;
        }

        /** The row of the task at {@code where} of this kind, added the first time it is asked for. */
        Task task(String where, String kind, String name) {
            for (Task t : tasks) {
                if (t.where.equals(where) && t.kind.equals(kind)) {
                    return t;
                }
            }
            Task t = new Task(this, where, kind, name);
            tasks.add(t);
            return t;
        }

        @Override
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("batch", index);
            m.put("batches", count);
            m.put("hosts", hosts);
            List<Object> ts = new ArrayList<>();
            for (Task t : tasks) {
                ts.add(t.json());
            }
            m.put("tasks", ts);
            return m;
        }
    }

    final class Task extends Part {
        final Batch batch;
        final String where;
        final String kind;
        String name;
        String action;
        /** Host to cell; change through the model, then call {@link #changed}. */
        final Map<String, Map<String, Object>> cells = new LinkedHashMap<>();

        private Task(Batch batch, String where, String kind, String name) {
            super(append(batch.path, "tasks", batch.tasks.size()));
            this.batch = batch;
            this.where = where;
            this.kind = kind;
            this.name = name;
        }

        @Override
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", where);
            m.put("name", name);
            m.put("kind", kind);
            Map<String, Object> copy = new LinkedHashMap<>();
            cells.forEach((h, c) -> copy.put(h, new LinkedHashMap<>(c)));
            m.put("cells", copy);
            return m;
        }
    }

    Play addPlay(int index, String name, List<?> hosts) {
        Play p = new Play(index, name, hosts);
        plays.add(p);
        return p;
    }

    /** The newest play with this index; one named after it when its play_start line is missing. */
    Play play(int index) {
        for (int i = plays.size() - 1; i >= 0; i--) {
            if (plays.get(i).index == index) {
                return plays.get(i);
            }
        }
        return addPlay(index, "play " + (index + 1), List.of());
    }

    List<Object> json() {
        List<Object> out = new ArrayList<>();
        for (Play p : plays) {
            out.add(p.json());
        }
        return out;
    }

    /**
     * The parts changed since the last call, as {@code [path, value]} pairs: a new part whole (its
     * new children with it), a changed row whole, a changed play's {@code stop}, {@code failed} and
     * {@code ended} alone (not its rows again).
     */
    List<List<Object>> changes() {
        List<List<Object>> out = new ArrayList<>();
        for (Part part : changed) {
            if (part instanceof Play p && !p.fresh) {
                out.add(pair(append(p.path, "stop"), p.stop));
                out.add(pair(append(p.path, "failed"), p.failed));
                out.add(pair(append(p.path, "ended"), p.failed != null));
            } else if (!part.fresh || !partOfNew(part)) {
                out.add(pair(part.path, part.json()));
            }
        }
        for (Part part : changed) {
            part.fresh = false;
            part.queued = false;
        }
        changed.clear();
        return out;
    }

    /** Whether a part's play or batch is new too, and so sends it already. */
    private static boolean partOfNew(Part part) {
        if (part instanceof Batch b) {
            return b.play.fresh;
        }
        if (part instanceof Task t) {
            return t.batch.fresh || t.batch.play.fresh;
        }
        return false;
    }

    /** A pair whose value may be null (List.of takes none). */
    static List<Object> pair(List<Object> path, Object value) {
        List<Object> out = new ArrayList<>(2);
        out.add(path);
        out.add(value);
        return out;
    }

    private static List<Object> append(List<Object> path, Object... more) {
        List<Object> out = new ArrayList<>(path);
        out.addAll(List.of(more));
        return List.copyOf(out);
    }
}
