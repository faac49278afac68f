package dev.drover.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.filter.AbstractFilter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters and tests drover adds to Jinjava's, registered once into the shared library context
 * before any call runs (registration replaces Jinjava's built-ins of the same name). Jinjava's other
 * built-ins stay available: {@code lower}, {@code upper}, {@code trim}, {@code replace}, {@code map},
 * {@code select}, {@code reject}, {@code selectattr}, {@code rejectattr}, {@code reverse},
 * {@code sum}, {@code round}, {@code abs}, {@code dictsort}, {@code groupby}, {@code batch},
 * {@code difference}, {@code intersect}, {@code union}, {@code symmetric_difference}, {@code indent},
 * {@code urlencode}, {@code truncate}, {@code title}, {@code capitalize} and the Jinja2 tests; Jinjava's
 * YAML reader is also available as {@code from_yaml}.
 */
final class AnsibleLibrary {
    private AnsibleLibrary() {
    }

    static List<FilterDef> filters() {
        List<FilterDef> all = new ArrayList<>();
        all.addAll(CoreFilters.all());
        all.addAll(DataFilters.all());
        all.addAll(TextFilters.all());
        all.addAll(SequenceFilters.all());
        all.addAll(RandomFilters.all());
        all.add(CommentFilter.definition());
        all.addAll(RegexFilters.filters());
        all.addAll(Versions.filters());
        return all;
    }

    static List<TestDef> tests() {
        List<TestDef> all = new ArrayList<>();
        all.addAll(AnsibleTests.all());
        all.addAll(RegexFilters.tests());
        all.addAll(Versions.tests());
        return all;
    }

    /**
     * Registers everything into Jinjava's global context; call before the context is shared. Jinjava's
     * remaining filters that cannot take keyword arguments are guarded ({@link PositionalOnly}).
     */
    static void install(Context library) {
        for (Filter builtIn : List.copyOf(library.getAllFilters())) {
            if (!(builtIn instanceof AdvancedFilter) && !(builtIn instanceof AbstractFilter)) {
                library.registerFilter(new PositionalOnly(builtIn));
            }
        }
        filters().forEach(library::registerFilter);
        tests().forEach(library::registerExpTest);
        library.registerFunction(Ranges.definition());
        library.registerFunction(Undefined.definition());
    }
}
