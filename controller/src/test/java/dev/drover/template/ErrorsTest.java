package dev.drover.template;

import static dev.drover.template.Fixtures.condition;
import static dev.drover.template.Fixtures.evaluate;
import static dev.drover.template.Fixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mistakes in templates become {@link TemplateException}s with a kind, the template and a reason. */
class ErrorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"{{ 1 + }}", "{{ x", "{% if t %}no end", "{{ (1 }}", "{% endif %}", "{{ l | join(',' }}"})
    void syntaxErrorsNameTheTemplateAndTheEngineReason(String template) {
        TemplateException e = assertThrows(TemplateException.class, () -> render(template));
        assertEquals(TemplateException.Kind.SYNTAX, e.kind(), e.getMessage());
        assertEquals(template, e.template());
        assertFalse(e.reason().isBlank());
        assertTrue(e.getMessage().endsWith("(in \"" + template + "\")"), e.getMessage());
    }

    @Test
    void syntaxErrorReasonSaysWhatWasExpected() {
        TemplateException e = assertThrows(TemplateException.class, () -> evaluate("1 +"));
        assertTrue(e.reason().startsWith("syntax error"), e.reason());
        assertTrue(e.reason().contains("expected"), e.reason());
        assertFalse(e.reason().contains("position"), "positions count Jinjava's rewritten text: " + e.reason());
    }

    @Test
    void unknownFilterIsReportedWithASuggestion() {
        // ansible: Could not load "to_jsn": 'to_jsn'
        TemplateException e = assertThrows(TemplateException.class, () -> render("{{ r | to_jsn }}"));
        assertEquals(TemplateException.Kind.UNKNOWN_FILTER, e.kind());
        assertEquals("no filter named 'to_jsn'; did you mean 'to_json'?", e.reason());
        TemplateException far = assertThrows(TemplateException.class, () -> render("{{ r | frobnicate_all }}"));
        assertEquals("no filter named 'frobnicate_all'", far.reason());
    }

    @Test
    void unknownFilterWinsOverUndefinedInput() {
        // Ansible fails at compile time before looking at variables.
        TemplateException e = assertThrows(TemplateException.class, () -> render("{{ missing | no_such_filter }}"));
        assertEquals(TemplateException.Kind.UNKNOWN_FILTER, e.kind());
    }

    @Test
    void unknownTestIsReported() {
        TemplateException e = assertThrows(TemplateException.class, () -> condition("r is sucess"));
        assertEquals(TemplateException.Kind.UNKNOWN_TEST, e.kind());
        assertEquals("no test named 'sucess'; did you mean 'success'?", e.reason());
    }

    @Test
    void filterFailuresCarryAnsiblesReason() {
        // ansible: The 'failed' test expects a dictionary
        TemplateException e = assertThrows(TemplateException.class, () -> condition("'x' is failed"));
        assertEquals(TemplateException.Kind.FAILED, e.kind());
        assertEquals("The 'failed' test expects a dictionary", e.reason());
        // ansible: object of type 'NoneType' has no len()
        assertEquals("object of type 'NoneType' has no len()",
                assertThrows(TemplateException.class, () -> render("{{ n | length }}")).reason());
        assertEquals("dict2items requires a dictionary, got list instead.",
                assertThrows(TemplateException.class, () -> render("{{ l | dict2items }}")).reason());
    }

    @Test
    void keywordArgumentsAreRefusedWhereTheEngineWouldMisbindThem() {
        // Jinjava would append the value to the positional arguments and truncate at a different place.
        TemplateException e = assertThrows(TemplateException.class, () -> render("{{ 'hello world' | truncate(length=5) }}"));
        assertEquals("filter 'truncate' takes its arguments by position only here; got length by name", e.reason());
        assertTrue(render("{{ 'hello world' | truncate(5) }}").toString().endsWith("..."));
    }

    @Test
    void runtimeErrorsOfTheEngineAreFailures() {
        TemplateException e = assertThrows(TemplateException.class, () -> render("{{ 'a' * 'b' }}"));
        assertEquals(TemplateException.Kind.FAILED, e.kind());
    }

    @Test
    void includeIsRefused() {
        TemplateException e = assertThrows(TemplateException.class, () -> render("{% include 'other.j2' %}"));
        assertTrue(e.getMessage().contains("other.j2"), e.getMessage());
    }

    @Test
    void emptyExpressionIsASyntaxError() {
        assertEquals(TemplateException.Kind.SYNTAX, assertThrows(TemplateException.class, () -> evaluate("  ")).kind());
    }

    @Test
    void longTemplatesAreShortenedInMessages() {
        String template = "{{ missing }}" + "x".repeat(500);
        TemplateException e = assertThrows(TemplateException.class, () -> render(template));
        assertEquals(template, e.template());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }
}
