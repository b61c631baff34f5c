package io.alicemultiverse.search;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time expressions at a position of a tokenised query, resolved against "today" (from the caller's clock).
 * Each match is a half-open range {@code [from, to)} of local date-times (either end may be null) and the number
 * of tokens it used. Stateless.
 *
 * <p>Meanings: {@code today}, {@code yesterday}; {@code last week|month|year} = the 7 days / month / year up to and
 * including today; {@code this week|month|year} = since the week's Monday / the 1st / 1 January; {@code last|past
 * N days|weeks|months}; {@code N days|weeks|months ago} = that day / that 7-day span / that calendar month;
 * a month name (optionally with a year) = the most recent such month not in the future; {@code 2024},
 * {@code 2024-05}, {@code 2024-05-01}; {@code since X} / {@code after X} = from the start of X;
 * {@code before X} / {@code until X} = up to the start (before) or end (until) of X; a weekday name = its most
 * recent occurrence.
 */
final class TimeWords {
    record Range(LocalDateTime from, LocalDateTime to, int tokens) {
    }

    private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");
    private static final Pattern YEAR_MONTH = Pattern.compile("((19|20)\\d\\d)-(\\d\\d)");
    private static final Pattern DATE = Pattern.compile("((19|20)\\d\\d)-(\\d\\d)-(\\d\\d)");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");

    private TimeWords() {
    }

    static Optional<Range> at(List<String> tokens, int i, LocalDate today) {
        String t = tokens.get(i);
        if (t.equals("since") || t.equals("after")) {
            if (i + 1 < tokens.size()) {
                Optional<Range> r = plain(tokens, i + 1, today);
                if (r.isPresent() && r.get().from() != null) {
                    return Optional.of(new Range(r.get().from(), null, r.get().tokens() + 1));
                }
            }
            return Optional.empty();
        }
        if (t.equals("before") || t.equals("until")) {
            if (i + 1 < tokens.size()) {
                Optional<Range> r = plain(tokens, i + 1, today);
                if (r.isPresent()) {
                    LocalDateTime end = t.equals("before") ? r.get().from() : r.get().to();
                    return end == null ? Optional.empty() : Optional.of(new Range(null, end, r.get().tokens() + 1));
                }
            }
            return Optional.empty();
        }
        if ((t.equals("in") || t.equals("during") || t.equals("on") || t.equals("from")) && i + 1 < tokens.size()) {
            return plain(tokens, i + 1, today).map(r -> new Range(r.from(), r.to(), r.tokens() + 1));
        }
        return plain(tokens, i, today);
    }

    private static Optional<Range> plain(List<String> tokens, int i, LocalDate today) {
        String t = tokens.get(i);
        String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
        String third = i + 2 < tokens.size() ? tokens.get(i + 2) : "";
        switch (t) {
            case "today":
                return days(today, today.plusDays(1), 1);
            case "yesterday":
                return days(today.minusDays(1), today, 1);
            case "last", "past", "this":
                return relative(t, next, third, today);
            default:
                break;
        }
        Matcher m;
        if ((m = DATE.matcher(t)).matches()) {
            try {
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
                return days(d, d.plusDays(1), 1);
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("not a date: " + t);
            }
        }
        if ((m = YEAR_MONTH.matcher(t)).matches()) {
            int month = Integer.parseInt(m.group(3));
            if (month < 1 || month > 12) {
                throw new IllegalArgumentException("not a month: " + t);
            }
            YearMonth ym = YearMonth.of(Integer.parseInt(m.group(1)), month);
            return days(ym.atDay(1), ym.plusMonths(1).atDay(1), 1);
        }
        if (YEAR.matcher(t).matches()) {
            int y = Integer.parseInt(t);
            return days(LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1), 1);
        }
        Optional<Month> month = month(t);
        if (month.isPresent()) {
            if (YEAR.matcher(next).matches()) {
                YearMonth ym = YearMonth.of(Integer.parseInt(next), month.get());
                return days(ym.atDay(1), ym.plusMonths(1).atDay(1), 2);
            }
            YearMonth ym = YearMonth.of(today.getYear(), month.get());
            if (ym.isAfter(YearMonth.from(today))) {
                ym = ym.minusYears(1);
            }
            return days(ym.atDay(1), ym.plusMonths(1).atDay(1), 1);
        }
        Optional<DayOfWeek> weekday = weekday(t);
        if (weekday.isPresent()) {
            LocalDate d = today.with(TemporalAdjusters.previousOrSame(weekday.get()));
            return days(d, d.plusDays(1), 1);
        }
        if (NUMBER.matcher(t).matches() && third.equals("ago")) {
            int n = Integer.parseInt(t);
            return switch (unit(next)) {
                case "day" -> days(today.minusDays(n), today.minusDays(n - 1L), 3);
                case "week" -> days(today.minusWeeks(n), today.minusWeeks(n).plusDays(7), 3);
                case "month" -> {
                    YearMonth ym = YearMonth.from(today).minusMonths(n);
                    yield days(ym.atDay(1), ym.plusMonths(1).atDay(1), 3);
                }
                case "year" -> days(LocalDate.of(today.getYear() - n, 1, 1), LocalDate.of(today.getYear() - n + 1, 1, 1), 3);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    private static Optional<Range> relative(String which, String next, String third, LocalDate today) {
        LocalDate tomorrow = today.plusDays(1);
        if (which.equals("this")) {
            return switch (unit(next)) {
                case "day" -> days(today, tomorrow, 2);
                case "week" -> days(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), tomorrow, 2);
                case "month" -> days(today.withDayOfMonth(1), tomorrow, 2);
                case "year" -> days(today.withDayOfYear(1), tomorrow, 2);
                default -> Optional.empty();
            };
        }
        if (NUMBER.matcher(next).matches()) {
            int n = Integer.parseInt(next);
            return switch (unit(third)) {
                case "day" -> days(today.minusDays(n), tomorrow, 3);
                case "week" -> days(today.minusWeeks(n), tomorrow, 3);
                case "month" -> days(today.minusMonths(n), tomorrow, 3);
                case "year" -> days(today.minusYears(n), tomorrow, 3);
                default -> Optional.empty();
            };
        }
        return switch (unit(next)) {
            case "day" -> days(today.minusDays(1), tomorrow, 2);
            case "week" -> days(today.minusDays(7), tomorrow, 2);
            case "month" -> days(today.minusMonths(1), tomorrow, 2);
            case "year" -> days(today.minusYears(1), tomorrow, 2);
            default -> Optional.empty();
        };
    }

    private static String unit(String word) {
        return switch (word) {
            case "day", "days" -> "day";
            case "week", "weeks" -> "week";
            case "month", "months" -> "month";
            case "year", "years" -> "year";
            default -> "";
        };
    }

    private static Optional<Month> month(String word) {
        if (word.length() < 3) {
            return Optional.empty();
        }
        for (Month m : Month.values()) {
            String full = m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (full.equals(word) || (word.length() == 3 && full.startsWith(word) && !word.equals("mar") && !word.equals("may"))
                    || word.equals("sept") && m == Month.SEPTEMBER) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static Optional<DayOfWeek> weekday(String word) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT).equals(word)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static Optional<Range> days(LocalDate from, LocalDate to, int tokens) {
        return Optional.of(new Range(from.atStartOfDay(), to.atStartOfDay(), tokens));
    }
}
