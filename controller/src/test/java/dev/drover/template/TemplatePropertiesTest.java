package dev.drover.template;

import static dev.drover.template.Fixtures.TEMPLATER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties that hold for any input, not just the examples in the tables. */
class TemplatePropertiesTest {

    @Property
    void textWithoutMarkersRendersToItself(@ForAll("plainText") String text) {
        assertSame(text, TEMPLATER.render(text, Map.of()));
    }

    @Provide
    Arbitrary<String> plainText() {
        return Arbitraries.strings().all().ofMaxLength(60)
                .filter(s -> !s.contains("{{") && !s.contains("{%") && !s.contains("{#"));
    }

    @Property
    void aVariableRendersToItsValue(@ForAll("values") Object value) {
        assertEquals(value, TEMPLATER.render("{{ v }}", Map.of("v", value)));
    }

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of(true, false).map(b -> (Object) b));
        return Arbitraries.oneOf(scalars,
                scalars.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5), scalars).ofMaxSize(3).map(m -> (Object) m));
    }

    @Property
    void textAroundAnExpressionIsKept(@ForAll("plainText") String before, @ForAll("plainText") String after,
            @ForAll @IntRange(min = -1000, max = 1000) int n) {
        // A lone '{' next to the expression would make a new marker; keep the property about plain text.
        // The leading "x" keeps the template from being a lone expression, which would yield a number.
        String b = "x" + (before.endsWith("{") ? before + " " : before);
        String a = after.startsWith("}") || after.startsWith("#") || after.startsWith("%") ? " " + after : after;
        assertEquals(b + n + a, TEMPLATER.render(b + "{{ n }}" + a, Map.of("n", n)));
    }

    @Property
    void stringLiteralsSurviveRoundTripsThroughTemplates(@ForAll("literalSafe") String text) {
        assertEquals(text, TEMPLATER.evaluate("'" + text + "'", Map.of()));
        assertEquals(text, TEMPLATER.render("{{ '" + text + "' }}", Map.of()));
    }

    @Provide
    Arbitrary<String> literalSafe() {
        // Anything but the quote itself: backslashes included, they reach the value as typed (Ansible's rule).
        return Arbitraries.strings().withCharRange(' ', '~').withChars('é', '\n', '\t').ofMaxLength(30)
                .filter(s -> s.indexOf('\'') < 0);
    }

    @Property
    void toJsonAndFromJsonRoundTrip(@ForAll("values") Object value) {
        Object back = TEMPLATER.render("{{ v | to_json | from_json }}", Map.of("v", value));
        assertEquals(value, back);
    }

    @Property
    void versionOrderIsConsistent(@ForAll @IntRange(max = 30) int a1, @ForAll @IntRange(max = 30) int a2,
            @ForAll @IntRange(max = 30) int b1, @ForAll @IntRange(max = 30) int b2) {
        Map<String, Object> vars = Map.of("a", a1 + "." + a2, "b", b1 + "." + b2);
        boolean less = TEMPLATER.condition("a is version(b, '<')", vars);
        boolean expected = a1 < b1 || a1 == b1 && a2 < b2;
        assertEquals(expected, less);
        assertEquals(!less, TEMPLATER.condition("a is version(b, '>=')", vars));
    }

    @Property
    void listsRenderLikePythonRepr(@ForAll("ints") List<Integer> items) {
        String expected = items.toString(); // [1, 2, 3] is Python's repr too
        assertEquals("x" + expected, TEMPLATER.render("x{{ items }}", Map.of("items", items)));
    }

    @Provide
    Arbitrary<List<Integer>> ints() {
        return Arbitraries.integers().list().ofMaxSize(6);
    }
}
