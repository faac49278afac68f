package dev.drover.agent.modules.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;

/**
 * Ansible's {@code date_time} facts, every value a string as Python's strftime makes them.
 *
 * <p>Computed with plain calendar arithmetic on {@link TimeZone} offsets rather than java.time:
 * initialising java.time and its locale data costs about 100 ms in a fresh JVM, twice the budget
 * of the whole setup module. The zone abbreviation ({@code CET}, {@code CEST}) is the one the C
 * library would print, read from the POSIX TZ string at the end of the zone's TZif file.
 */
final class DateTimeFacts {
    private static final String[] WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

    private DateTimeFacts() {
    }

    static Map<String, Object> at(long epochMillis, long micros, TimeZone zone, String[] abbreviations) {
        int offsetMillis = zone.getOffset(epochMillis);
        boolean dst = zone.inDaylightTime(new java.util.Date(epochMillis));
        Civil local = new Civil(epochMillis + offsetMillis);
        Civil utc = new Civil(epochMillis);
        String micro6 = pad(micros % 1_000_000, 6);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("year", pad(local.year, 4));
        d.put("month", pad(local.month, 2));
        d.put("weekday", WEEKDAYS[local.weekday]);
        d.put("weekday_number", String.valueOf((local.weekday + 1) % 7));
        d.put("weeknumber", pad((local.yearDay + 7 - local.weekday) / 7, 2));
        d.put("day", pad(local.day, 2));
        d.put("hour", pad(local.hour, 2));
        d.put("minute", pad(local.minute, 2));
        d.put("second", pad(local.second, 2));
        String epoch = String.valueOf(Math.floorDiv(epochMillis, 1000L));
        d.put("epoch", epoch);
        d.put("epoch_int", epoch);
        d.put("date", local.date("-"));
        d.put("time", local.time(":"));
        d.put("iso8601_micro", utc.date("-") + "T" + utc.time(":") + "." + micro6 + "Z");
        d.put("iso8601", utc.date("-") + "T" + utc.time(":") + "Z");
        d.put("iso8601_basic", local.date("") + "T" + local.time("") + micro6);
        d.put("iso8601_basic_short", local.date("") + "T" + local.time(""));
        d.put("tz", dst ? abbreviations[1] : abbreviations[0]);
        d.put("tz_dst", abbreviations[1]);
        int minutes = Math.abs(offsetMillis) / 60_000;
        d.put("tz_offset", (offsetMillis < 0 ? "-" : "+") + pad(minutes / 60, 2) + pad(minutes % 60, 2));
        return d;
    }

    /** {standard, daylight} abbreviations of the zone, as the C library's tzname. */
    static String[] abbreviations(TimeZone zone) {
        String id = zone.getID();
        Path file = Paths.get("/usr/share/zoneinfo", id);
        String[] names = posixNames(tzifFooter(Files.isRegularFile(file) ? file : Paths.get("/etc/localtime")));
        if (names == null) {
            // No TZif file (not Linux, or a custom zone): Java's names, slower to load.
            names = new String[] {zone.getDisplayName(false, TimeZone.SHORT), zone.getDisplayName(true, TimeZone.SHORT)};
        }
        return names;
    }

    private static String tzifFooter(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = new byte[5];
            if (in.read(head) != 5 || head[0] != 'T' || head[1] != 'Z' || head[2] != 'i' || head[3] != 'f' || head[4] == 0) {
                return null; // version 1 files have no footer
            }
            String all = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            int end = all.lastIndexOf('\n');
            int start = end > 0 ? all.lastIndexOf('\n', end - 1) : -1;
            return start < 0 ? null : all.substring(start + 1, end);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** "CET-1CEST,M3.5.0,M10.5.0/3" gives {CET, CEST}; "<+03>-3" gives {+03, +03}; "UTC0" gives {UTC, UTC}. */
    static String[] posixNames(String tz) {
        if (tz == null || tz.isEmpty()) {
            return null;
        }
        int[] at = {0};
        String std = name(tz, at);
        if (std == null) {
            return null;
        }
        while (at[0] < tz.length() && "+-0123456789:".indexOf(tz.charAt(at[0])) >= 0) {
            at[0]++;
        }
        String daylight = name(tz, at);
        return new String[] {std, daylight == null ? std : daylight};
    }

    private static String name(String tz, int[] at) {
        int i = at[0];
        if (i >= tz.length()) {
            return null;
        }
        if (tz.charAt(i) == '<') {
            int close = tz.indexOf('>', i);
            if (close < 0) {
                return null;
            }
            at[0] = close + 1;
            return tz.substring(i + 1, close);
        }
        int j = i;
        while (j < tz.length() && Character.isLetter(tz.charAt(j))) {
            j++;
        }
        at[0] = j;
        return j - i >= 3 ? tz.substring(i, j) : null;
    }

    private static String pad(long value, int width) {
        StringBuilder s = new StringBuilder(Long.toString(value));
        while (s.length() < width) {
            s.insert(0, '0');
        }
        return s.toString();
    }

    /** A moment's civil fields (proleptic Gregorian) from milliseconds since 1970 in some offset. */
    private static final class Civil {
        final long year;
        final int month;
        final int day;
        final int hour;
        final int minute;
        final int second;
        /** 0 = Monday. */
        final int weekday;
        /** 0 = January 1st. */
        final int yearDay;

        Civil(long millis) {
            long days = Math.floorDiv(millis, 86_400_000L);
            long secondOfDay = Math.floorMod(millis, 86_400_000L) / 1000;
            hour = (int) (secondOfDay / 3600);
            minute = (int) (secondOfDay / 60 % 60);
            second = (int) (secondOfDay % 60);
            weekday = (int) Math.floorMod(days + 3, 7L); // 1970-01-01 was a Thursday
            // Howard Hinnant's civil_from_days.
            long z = days + 719_468;
            long era = Math.floorDiv(z, 146_097L);
            long doe = z - era * 146_097;
            long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            day = (int) (doy - (153 * mp + 2) / 5 + 1);
            month = (int) (mp < 10 ? mp + 3 : mp - 9);
            year = yoe + era * 400 + (month <= 2 ? 1 : 0);
            boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            int[] before = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
            yearDay = before[month - 1] + day - 1 + (leap && month > 2 ? 1 : 0);
        }

        String date(String sep) {
            return pad(year, 4) + sep + pad(month, 2) + sep + pad(day, 2);
        }

        String time(String sep) {
            return pad(hour, 2) + sep + pad(minute, 2) + sep + pad(second, 2);
        }
    }
}
