package dev.drover.template;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Python's naive {@code datetime.datetime}, as Ansible's {@code to_datetime} filter returns it: ordered
 * ({@code a|to_datetime < b|to_datetime}), printed as Python's {@code str()} ({@code 1993-03-26 01:23:45}),
 * {@code type_debug} {@code datetime}.
 */
record PyDateTime(LocalDateTime value) implements Comparable<PyDateTime> {
    private static final DateTimeFormatter STR = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

    /** Python's {@code datetime.strptime(text, format)} for the directives templates use. */
    static PyDateTime strptime(String text, String format) {
        try {
            return new PyDateTime(LocalDateTime.parse(text, formatter(format)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new TemplateFailure("time data " + PyValues.quote(text) + " does not match format " + PyValues.quote(format));
        }
    }

    private static DateTimeFormatter formatter(String format) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                literal.append(c);
                continue;
            }
            char d = format.charAt(++i);
            if (d == '%') {
                literal.append('%');
                continue;
            }
            if (!literal.isEmpty()) {
                b.appendLiteral(literal.toString());
                literal.setLength(0);
            }
            switch (d) {
                case 'Y' -> b.appendValue(ChronoField.YEAR, 4);
                case 'y' -> b.appendValueReduced(ChronoField.YEAR, 2, 2, 1969);
                case 'm' -> b.appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE);
                case 'd' -> b.appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE);
                case 'H' -> b.appendValue(ChronoField.HOUR_OF_DAY, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE);
                case 'I' -> b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE);
                case 'p' -> b.appendText(ChronoField.AMPM_OF_DAY);
                case 'M' -> b.appendValue(ChronoField.MINUTE_OF_HOUR, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE);
                case 'S' -> b.appendValue(ChronoField.SECOND_OF_MINUTE, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE);
                case 'f' -> b.appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, false);
                case 'j' -> b.appendValue(ChronoField.DAY_OF_YEAR, 1, 3, java.time.format.SignStyle.NOT_NEGATIVE);
                case 'b', 'h' -> b.appendPattern("MMM");
                case 'B' -> b.appendPattern("MMMM");
                case 'a' -> b.appendPattern("EEE");
                case 'A' -> b.appendPattern("EEEE");
                default -> throw new IllegalArgumentException("'" + d + "' is a bad directive in format '%" + d + "'");
            }
        }
        if (!literal.isEmpty()) {
            b.appendLiteral(literal.toString());
        }
        // Python's strptime: fields the format leaves out are 1900-01-01 00:00:00.
        return b.parseDefaulting(ChronoField.YEAR, 1900).parseDefaulting(ChronoField.MONTH_OF_YEAR, 1)
                .parseDefaulting(ChronoField.DAY_OF_MONTH, 1).parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0).parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
                .toFormatter(Locale.ROOT);
    }

    @Override
    public int compareTo(PyDateTime other) {
        return value.compareTo(other.value);
    }

    /** Python's {@code str(datetime)}: microseconds only when there are some. */
    @Override
    public String toString() {
        String s = value.format(STR);
        int micros = value.getNano() / 1000;
        return micros == 0 ? s : s + String.format(Locale.ROOT, ".%06d", micros);
    }
}
