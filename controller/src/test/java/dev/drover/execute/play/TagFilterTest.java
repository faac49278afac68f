package dev.drover.execute.play;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** --tags / --skip-tags with Ansible's evaluate_tags rules. */
class TagFilterTest {
    private static TagFilter only(String... tags) {
        return new TagFilter(Set.of(tags), Set.of());
    }

    private static TagFilter skip(String... tags) {
        return new TagFilter(Set.of(), Set.of(tags));
    }

    @Test
    void byDefaultEverythingRunsExceptNever() {
        assertTrue(TagFilter.ALL.runs(List.of()));
        assertTrue(TagFilter.ALL.runs(List.of("web")));
        assertTrue(TagFilter.ALL.runs(List.of("always")));
        assertFalse(TagFilter.ALL.runs(List.of("never")));
        assertFalse(TagFilter.ALL.runs(List.of("never", "debug")));
    }

    @Test
    void tagsSelectMatchingAndAlways() {
        assertTrue(only("web").runs(List.of("web", "x")));
        assertTrue(only("web").runs(List.of("always")));
        assertFalse(only("web").runs(List.of("db")));
        assertFalse(only("web").runs(List.of()));
        assertTrue(only("debug").runs(List.of("never", "debug")), "never runs when asked for by another of its tags");
    }

    @Test
    void taggedAndUntagged() {
        assertTrue(only("untagged").runs(List.of()));
        assertFalse(only("untagged").runs(List.of("web")));
        assertTrue(only("tagged").runs(List.of("web")));
        assertFalse(only("tagged").runs(List.of()));
        assertFalse(skip("tagged").runs(List.of("web")));
        assertTrue(skip("tagged").runs(List.of()));
    }

    @Test
    void skipTagsWinAndAlwaysNeedsToBeSkippedByName() {
        assertFalse(skip("web").runs(List.of("web")));
        assertTrue(skip("web").runs(List.of("db")));
        assertTrue(skip("web").runs(List.of("always")));
        assertFalse(skip("always").runs(List.of("always")));
        assertFalse(skip("all").runs(List.of("web")));
        assertTrue(skip("all").runs(List.of("always")));
        assertFalse(new TagFilter(Set.of("web"), Set.of("web")).runs(List.of("web")));
    }

    @Test
    void commaSeparatedOptionValuesAreSplit() {
        assertTrue(TagFilter.split(List.of("a,b", " c ")).containsAll(Set.of("a", "b", "c")));
    }
}
