package dev.drover.agent.modules.net;

import dev.drover.agent.modules.files.PythonRegex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Matches lines against {@code search_regex} and the {@code fail_regex} list, one line at a time
 * and in file order: the first line that matches either decides. On one line, a failure pattern
 * wins over the success pattern. A line that matched stays available with its groups and the byte
 * offset just after it.
 */
final class LineSearch implements LogFollower.LineSink {
    private final PythonRegex search;
    private final List<PythonRegex> failures;
    private final List<String> failureSources;

    private String line;
    private long lineEnd = -1;
    private boolean failed;
    private String failedPattern;
    private List<String> groups = Collections.emptyList();
    private Map<String, String> groupDict = Collections.emptyMap();

    LineSearch(PythonRegex search, List<PythonRegex> failures, List<String> failureSources) {
        this.search = search;
        this.failures = failures;
        this.failureSources = failureSources;
    }

    @Override
    public boolean line(String text, long end) {
        for (int i = 0; i < failures.size(); i++) {
            Matcher m = failures.get(i).matcher(text);
            if (m.find()) {
                failed = true;
                failedPattern = failureSources.get(i);
                return record(failures.get(i), m, text, end);
            }
        }
        Matcher m = search.matcher(text);
        return m.find() && record(search, m, text, end);
    }

    private boolean record(PythonRegex re, Matcher m, String text, long end) {
        line = text;
        lineEnd = end;
        List<String> g = new ArrayList<>(m.groupCount());
        for (int i = 1; i <= m.groupCount(); i++) {
            g.add(m.group(i));
        }
        groups = g;
        groupDict = re.groupDict(m);
        return true;
    }

    boolean matched() {
        return line != null;
    }

    /** True when the deciding line matched a {@code fail_regex}. */
    boolean failed() {
        return failed;
    }

    String failedPattern() {
        return failedPattern;
    }

    String line() {
        return line;
    }

    long lineEnd() {
        return lineEnd;
    }

    List<String> groups() {
        return groups;
    }

    Map<String, String> groupDict() {
        return groupDict;
    }
}
