package io.alicemultiverse.cli;

import io.alicemultiverse.video.JobState;
import io.alicemultiverse.video.VideoJob;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One progress bar per video job for {@code alice video wait} on a terminal: the job's steps (submitted, queued,
 * running, downloading, filed) as the bar, its state and outcome as the message, the time since it was recorded as
 * the elapsed time. Providers report no percentage that all of them share, so the bar counts steps, not frames.
 * Not thread-safe: the waiting thread calls it.
 */
final class JobBars implements AutoCloseable {
    static final int STEPS = 4;

    private final PrintStream out;
    private final int width;
    private final Map<String, ProgressBar> bars = new LinkedHashMap<>();

    JobBars(PrintStream out) {
        this(out, -1);
    }

    /** @param width the longest line, -1 for the terminal's width */
    JobBars(PrintStream out, int width) {
        this.out = out;
        this.width = width;
    }

    /** How far along the steps a state is (a job that ended keeps the step it reached; its message says why). */
    static int step(JobState s) {
        return switch (s) {
            case PENDING -> 0;
            case SUBMITTING, QUEUED -> 1;
            case RUNNING -> 2;
            case DOWNLOADING -> 3;
            case SUCCEEDED -> STEPS;
            default -> -1;
        };
    }

    void show(VideoJob j) {
        ProgressBar bar = bars.get(j.id());
        if (bar == null) {
            Duration age = j.createdAt() == null ? Duration.ZERO : Duration.between(j.createdAt(), Instant.now());
            bar = new ProgressBarBuilder().setTaskName(j.id() + " " + TerminalText.line(shortModel(j.model()))).setInitialMax(STEPS)
                    .setStyle(ProgressBarStyle.ASCII).hideEta().setUpdateIntervalMillis(500)
                    .startsFrom(0, age.isNegative() ? Duration.ZERO : age)
                    .setConsumer(new InteractiveConsoleProgressBarConsumer(out, width)).build();
            bars.put(j.id(), bar);
        }
        int step = step(j.state());
        if (step >= 0) {
            bar.stepTo(step);
        }
        bar.setExtraMessage(message(j));
    }

    static String message(VideoJob j) {
        String m = j.state().id();
        if (j.state() == JobState.SUCCEEDED && j.path() != null) {
            m += " → " + j.path();
        } else if (!j.state().active() && j.error() != null) {
            m += ": " + (j.error().length() > 60 ? j.error().substring(0, 59) + "…" : j.error());
        }
        Double usd = j.costUsd() != null ? j.costUsd() : j.estimateUsd();
        m = TerminalText.line(m); // a path and the provider's own error text
        return usd == null ? m : m + String.format(Locale.ROOT, " (%s$%.2f)", j.costUsd() != null ? "" : "~", usd);
    }

    private static String shortModel(String model) {
        return model.length() <= 28 ? model : "…" + model.substring(model.length() - 27);
    }

    @Override
    public void close() {
        bars.values().forEach(ProgressBar::close);
        bars.clear();
    }
}
