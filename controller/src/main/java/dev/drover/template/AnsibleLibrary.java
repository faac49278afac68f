package dev.drover.template;

import com.hubspot.jinjava.interpret.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters and tests drover adds to Jinjava's, registered once into the shared library context
 * before any call runs (registration replaces Jinjava's built-ins of the same name). Jinjava's other
 * built-ins stay available: {@code lower}, {@code upper}, {@code trim}, {@code replace}, {@code map},
 * {@code select}, {@code selectattr}, {@code rejectattr}, {@code list}, {@code sort}, {@code reverse},
 * {@code sum}, {@code round}, {@code abs}, {@code dictsort}, {@code groupby}, {@code batch},
 * {@code difference}, {@code intersect}, {@code union}, {@code symmetric_difference}, {@code from_yaml},
 * {@code to_yaml}, {@code indent}, {@code urlencode} and the Jinja2 tests.
 */
final class AnsibleLibrary {
    private AnsibleLibrary() {
    }

    static List<FilterDef> filters() {
        List<FilterDef> all = new ArrayList<>();
        all.addAll(CoreFilters.all());
        all.addAll(DataFilters.all());
        all.addAll(TextFilters.all());
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

    /** Registers everything into Jinjava's global context; call before the context is shared. */
    static void install(Context library) {
        filters().forEach(library::registerFilter);
        tests().forEach(library::registerExpTest);
    }
}
