package dev.drover.execute.play;

import dev.drover.playbook.Play;
import dev.drover.playbook.Role;
import dev.drover.playbook.Setting;
import dev.drover.playbook.TaskOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a task sits: its play and the blocks (and dynamic includes) around it, outermost first. It
 * computes a task's effective keywords as Ansible inherits them: a keyword the task does not set
 * comes from the innermost enclosing block that sets it, then the play; {@code when} and
 * {@code tags} accumulate. An {@code include_tasks} (or {@code include_role}) is a boundary, as
 * Ansible's dynamic includes are: the included tasks inherit none of the include's own keywords (they
 * apply to the include itself), but they do inherit those of the blocks around the include, and of its
 * {@code apply:}, as Ansible's Task._get_parent_attribute skips a parent that is not statically loaded
 * and goes on with the grandparent. Variables cross the boundary. Immutable.
 */
record Chain(Play play, List<Frame> frames) {

    /**
     * One enclosing node.
     *
     * @param rescuable the task is in the {@code block:} part of a block that has a {@code rescue:}
     * @param boundary  a dynamic include: its own keywords are not inherited (its variables are)
     * @param role      the role whose tasks start here, if this is a role's block
     */
    record Frame(TaskOptions options, boolean rescuable, boolean boundary, Optional<Role> role) {
    }

    Chain {
        frames = List.copyOf(frames);
    }

    static Chain of(Play play) {
        return new Chain(play, List.of());
    }

    Chain enter(TaskOptions block, boolean rescuable) {
        return enter(block, rescuable, Optional.empty());
    }

    Chain enter(TaskOptions block, boolean rescuable, Optional<Role> role) {
        List<Frame> next = new ArrayList<>(frames);
        next.add(new Frame(block, rescuable, false, role));
        return new Chain(play, next);
    }

    Chain include(TaskOptions include) {
        List<Frame> next = new ArrayList<>(frames);
        next.add(new Frame(include, false, true, Optional.empty()));
        return new Chain(play, next);
    }

    /** The innermost role around the task, if it is a role's task. */
    Optional<Role> role() {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i).role().isPresent()) {
                return frames.get(i).role();
            }
        }
        return Optional.empty();
    }

    /**
     * The directories of the roles around the task, innermost first: Ansible's reversed dependency
     * chain, where a task's relative files are looked for first (a dependency's block sits inside the
     * block of the role that depends on it, an include_role's inside its includer's).
     */
    List<java.nio.file.Path> roleDirs() {
        List<java.nio.file.Path> dirs = new ArrayList<>();
        for (int i = frames.size() - 1; i >= 0; i--) {
            frames.get(i).role().ifPresent(r -> {
                java.nio.file.Path p = r.path().toAbsolutePath().normalize();
                if (!dirs.contains(p)) {
                    dirs.add(p);
                }
            });
        }
        return dirs;
    }

    /** Where the play-level item around this chain starts (its outermost frame), if any. */
    java.util.Optional<dev.drover.playbook.SourcePos> outermost() {
        return frames.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(frames.get(0).options().pos());
    }

    /** A failure here is caught by an enclosing {@code rescue}. */
    boolean rescuable() {
        return frames.stream().anyMatch(Frame::rescuable);
    }

    /** Frames whose keywords the task inherits, outermost first: all but dynamic includes. */
    private List<TaskOptions> inherited() {
        return frames.stream().filter(f -> !f.boundary()).map(Frame::options).toList();
    }

    List<String> when(TaskOptions own) {
        List<String> all = new ArrayList<>();
        inherited().forEach(o -> all.addAll(o.when()));
        all.addAll(own.when());
        return all;
    }

    Set<String> tags(TaskOptions own) {
        Set<String> all = new LinkedHashSet<>(play.tags());
        inherited().forEach(o -> all.addAll(o.tags()));
        all.addAll(own.tags());
        return all;
    }

    /** Block and include variables, outermost first (all frames: variables cross include boundaries). */
    List<Map<String, Object>> vars() {
        return frames.stream().map(f -> f.options().vars()).toList();
    }

    /** The handlers a change notifies: the task's own {@code notify}, else the innermost block's (not merged, as in Ansible). */
    List<String> notifies(TaskOptions own) {
        List<String> n = own.notifies();
        List<TaskOptions> up = inherited();
        for (int i = up.size() - 1; i >= 0 && n.isEmpty(); i--) {
            n = up.get(i).notifies();
        }
        return n;
    }

    List<Object> environment(TaskOptions own) {
        List<Object> all = new ArrayList<>(play.environment());
        inherited().forEach(o -> all.addAll(o.environment()));
        all.addAll(own.environment());
        return all;
    }

    /** The task's setting, else the innermost inherited block's, else {@code fromPlay}. */
    <T> Setting<T> setting(TaskOptions own, Function<TaskOptions, Setting<T>> key, Setting<T> fromPlay) {
        Setting<T> s = key.apply(own);
        List<TaskOptions> up = inherited();
        for (int i = up.size() - 1; i >= 0 && !s.isSet(); i--) {
            s = key.apply(up.get(i));
        }
        return s.or(fromPlay);
    }

    <T> Optional<T> optional(TaskOptions own, Function<TaskOptions, Optional<T>> key, Optional<T> fromPlay) {
        Optional<T> s = key.apply(own);
        List<TaskOptions> up = inherited();
        for (int i = up.size() - 1; i >= 0 && s.isEmpty(); i--) {
            s = key.apply(up.get(i));
        }
        return s.or(() -> fromPlay);
    }
}
