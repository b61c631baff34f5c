package io.alicemultiverse.understand;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The money a run may spend: a hard per-run limit ({@code --budget}) and daily and monthly limits counted with what
 * the ledger already holds. A request is sent only when its estimate fits under every limit alongside what is
 * spent and what other requests in flight have reserved, so the limits hold even with concurrent requests.
 * Crossing 80% of the daily or monthly limit gives a warning. Null limits are absent. Thread-safe.
 */
final class Budget {
    private static final double WARN_AT = 0.8;

    private final Double run;
    private final Double daily;
    private final Double monthly;
    private final double spentToday;
    private final double spentMonth;
    private double spent;
    private double reserved;
    private final List<String> warnings = new ArrayList<>();
    private boolean warnedDaily;
    private boolean warnedMonthly;

    Budget(Double run, Double daily, Double monthly, double spentToday, double spentMonth) {
        this.run = run;
        this.daily = daily;
        this.monthly = monthly;
        this.spentToday = spentToday;
        this.spentMonth = spentMonth;
        checkWarnings();
    }

    /** Reserves {@code usd} for a request; false when it would pass a limit (nothing is reserved then). */
    synchronized boolean reserve(double usd) {
        double committed = spent + reserved + usd;
        if (run != null && committed > run + 1e-12
                || daily != null && spentToday + committed > daily + 1e-12
                || monthly != null && spentMonth + committed > monthly + 1e-12) {
            return false;
        }
        reserved += usd;
        return true;
    }

    /** A request reserved {@code reservedUsd} and cost {@code actualUsd}. */
    synchronized void settle(double reservedUsd, double actualUsd) {
        reserved = Math.max(0, reserved - reservedUsd);
        spent += actualUsd;
        checkWarnings();
    }

    synchronized double spent() {
        return spent;
    }

    /** Why the next request of {@code usd} cannot go, for the summary. */
    synchronized String refusal(double usd) {
        double committed = spent + reserved + usd;
        if (run != null && committed > run) {
            return String.format(Locale.ROOT, "run budget of $%.4f reached ($%.4f spent)", run, spent);
        }
        if (daily != null && spentToday + committed > daily) {
            return String.format(Locale.ROOT, "daily budget of $%.2f reached", daily);
        }
        return String.format(Locale.ROOT, "monthly budget of $%.2f reached", monthly);
    }

    synchronized List<String> drainWarnings() {
        List<String> out = List.copyOf(warnings);
        warnings.clear();
        return out;
    }

    private void checkWarnings() {
        if (daily != null && !warnedDaily && spentToday + spent >= WARN_AT * daily) {
            warnedDaily = true;
            warnings.add(String.format(Locale.ROOT, "80%% of the daily budget of $%.2f is spent", daily));
        }
        if (monthly != null && !warnedMonthly && spentMonth + spent >= WARN_AT * monthly) {
            warnedMonthly = true;
            warnings.add(String.format(Locale.ROOT, "80%% of the monthly budget of $%.2f is spent", monthly));
        }
    }
}
