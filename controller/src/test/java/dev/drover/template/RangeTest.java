package dev.drover.template;

import static dev.drover.template.Fixtures.evaluate;
import static dev.drover.template.Fixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code range()} as Python's: every item, or an error; never a list cut short without a word. */
class RangeTest {
    @Test
    void aLongRangeHasEveryItem() {
        // Jinjava's own range stopped at 1000 items and the task went on with the short list.
        assertEquals("100000", String.valueOf(render("{{ range(100000) | list | length }}")));
        assertEquals("4999950000", String.valueOf(render("{{ range(100000) | sum }}")));
    }

    @Test
    void startStopAndStepAsInPython() {
        assertEquals(List.of(2, 3, 4), evaluate("range(2, 5) | list"));
        assertEquals(List.of(10, 7, 4, 1), evaluate("range(10, 0, -3) | list"));
        assertEquals(List.of(), evaluate("range(5, 2) | list"));
        assertEquals("0,2,4", render("{{ range(0, 6, 2) | join(',') }}"));
    }

    @Test
    void anAbsurdRangeIsAnErrorNotAShortList() {
        TemplateException e = assertThrows(TemplateException.class, () -> render("{{ range(10000000000) | length }}"));
        assertTrue(e.reason().contains("range() of 10000000000 items"), e.reason());
        TemplateException zero = assertThrows(TemplateException.class, () -> render("{{ range(1, 5, 0) | list }}"));
        assertTrue(zero.reason().contains("must not be zero"), zero.reason());
    }
}
