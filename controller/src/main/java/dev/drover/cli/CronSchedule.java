package dev.drover.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A cron schedule checked before it reaches a crontab, where a typo fails silently at 2 a.m.: five
 * fields (minute hour day-of-month month day-of-week) of {@code *}, numbers, ranges {@code a-b},
 * lists {@code a,b} and steps {@code * /n} or {@code a-b/n}; month and weekday names ({@code jan},
 * {@code mon}) alone; or one of the {@code @daily}-style macros. The rules are the strict ones of
 * Debian's cron, so a schedule accepted here works with every common cron.
 */
record CronSchedule(String text) {
    private record Field(String name, int min, int max, List<String> names) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, List.of()),
            new Field("hour", 0, 23, List.of()),
            new Field("day of month", 1, 31, List.of()),
            new Field("month", 1, 12, List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")),
            new Field("day of week", 0, 7, List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat")));

    private static final Set<String> MACROS = Set.of("@reboot", "@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");

    private static final Map<String, String> EXAMPLES = Map.of(
            "minute", "0-59", "hour", "0-23", "day of month", "1-31", "month", "1-12 or jan-dec", "day of week", "0-7 or sun-sat");

    /**
     * @throws UserError naming the field and what is wrong, with the allowed values
     */
    static CronSchedule parse(String text) {
        String t = text.trim();
        if (t.startsWith("@")) {
            if (!MACROS.contains(t.toLowerCase(Locale.ROOT))) {
                throw bad(text, "unknown macro '" + t + "'; known: " + String.join(", ", MACROS.stream().sorted().toList()));
            }
            return new CronSchedule(t.toLowerCase(Locale.ROOT));
        }
        String[] parts = t.split("\\s+");
        if (parts.length != 5) {
            throw bad(text, "a schedule has 5 fields (minute hour day-of-month month day-of-week), this has " + parts.length
                    + (parts.length == 6 ? " (drover adds the command and, with --cron-d, the user itself)" : "")
                    + "; e.g. '30 2 * * *' is 02:30 every day");
        }
        for (int i = 0; i < 5; i++) {
            checkField(text, FIELDS.get(i), parts[i].toLowerCase(Locale.ROOT));
        }
        return new CronSchedule(String.join(" ", parts));
    }

    private static void checkField(String text, Field f, String value) {
        if (value.equals("*")) {
            return;
        }
        if (f.names().contains(value)) {
            return;
        }
        for (String item : value.split(",", -1)) {
            if (item.isEmpty()) {
                throw bad(text, f.name() + " '" + value + "' has an empty list element");
            }
            String range = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                int step = number(text, f, item.substring(slash + 1), "step");
                if (step < 1 || step > f.max()) {
                    throw bad(text, f.name() + " step " + step + " must be between 1 and " + f.max());
                }
                if (!range.equals("*") && !range.contains("-")) {
                    throw bad(text, f.name() + " '" + item + "': a step needs a range or *, e.g. */15 or 0-30/5");
                }
            }
            if (range.equals("*")) {
                continue;
            }
            int dash = range.indexOf('-');
            int low = number(text, f, dash < 0 ? range : range.substring(0, dash), "value");
            int high = dash < 0 ? low : number(text, f, range.substring(dash + 1), "value");
            if (low > high) {
                throw bad(text, f.name() + " range " + range + " runs backwards; write the smaller value first");
            }
        }
    }

    private static int number(String text, Field f, String s, String what) {
        if (!f.names().isEmpty() && f.names().contains(s)) {
            throw bad(text, f.name() + " name '" + s + "' in a range or list: cron accepts names only alone; use numbers ("
                    + EXAMPLES.get(f.name()) + ")");
        }
        int n;
        try {
            n = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw bad(text, f.name() + " " + what + " '" + s + "' is not a number (allowed: " + EXAMPLES.get(f.name()) + ")");
        }
        if (what.equals("value") && (n < f.min() || n > f.max())) {
            throw bad(text, f.name() + " " + n + " is out of range " + f.min() + "-" + f.max());
        }
        return n;
    }

    private static UserError bad(String text, String why) {
        return new UserError("--schedule '" + text + "': " + why);
    }

    @Override
    public String toString() {
        return text;
    }
}
