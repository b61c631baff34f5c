package io.alicemultiverse.cli;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.app.UnderstandConfig;
import io.alicemultiverse.app.VideoImage;
import io.alicemultiverse.video.JobState;
import io.alicemultiverse.video.VideoJob;
import io.alicemultiverse.video.VideoRequest;
import io.alicemultiverse.video.VideoService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code alice video}: generate clips with remote video models as durable jobs, and follow them. */
@Command(name = "video", mixinStandardHelpOptions = true,
        description = "Generate videos with fal, Runway, Replicate, Luma or MiniMax as durable jobs; finished clips "
                + "are filed into the library with their prompt, model, seed and cost.",
        subcommands = {VideoCommand.Generate.class, VideoCommand.Compare.class, VideoCommand.ListJobs.class,
                VideoCommand.Status.class, VideoCommand.Wait.class, VideoCommand.Cancel.class,
                VideoCommand.Retry.class})
final class VideoCommand {
    private VideoCommand() {
    }

    /** Options shared by generate and compare. */
    static final class RequestOptions {
        @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "What the clip shows.")
        String prompt;

        @Option(names = "--image", paramLabel = "FILE|ASSET|URL", description = "Start image: a file, a library asset "
                + "(content hash, unique prefix of 8+ hex digits, or library path) or an https URL.")
        String image;

        @Option(names = "--duration", paramLabel = "S", description = "Clip length in seconds (the model's allowed values).")
        Integer duration;

        @Option(names = "--ratio", paramLabel = "R", description = "Aspect ratio, e.g. 16:9.")
        String ratio;

        @Option(names = "--resolution", paramLabel = "R", description = "e.g. 720p, 1080p.")
        String resolution;

        @Option(names = "--seed", paramLabel = "N")
        Long seed;

        @Option(names = "--negative", paramLabel = "TEXT", description = "Negative prompt.")
        String negative;

        @Option(names = "--param", paramLabel = "K=V", description = "Any other model input, passed through (a JSON value, else a string).")
        Map<String, String> params = new LinkedHashMap<>();

        @Option(names = "--project", paramLabel = "P", description = "The library project the clip is filed under.")
        String project;

        @Option(names = "--base-url", paramLabel = "URL", description = "Another server for the provider (kept with the job).")
        String baseUrl;

        @Option(names = "--budget", paramLabel = "USD", description = "Refuse when the estimate is above this (or unknown).")
        Double budget;

        @Option(names = "--timeout", paramLabel = "MIN", defaultValue = "60", description = "Give up (and cancel at the provider) after this many minutes (default 60).")
        int timeout;

        @Option(names = "--wait", description = "Wait until the clips are filed.")
        boolean waitForIt;

        @Option(names = "--dry-run", description = "Print the estimate; send and record nothing.")
        boolean dryRun;

        @Option(names = "--yes", description = "Go ahead above confirm_above_usd or with an unknown price.")
        boolean yes;

        @Option(names = "--json", description = "Print the job objects as JSON (one per line).")
        boolean json;

        VideoRequest request(String provider, String model, VideoImage img) {
            return new VideoRequest(provider, model, prompt, negative, img == null ? null : img.url(),
                    img == null ? null : img.hash(), duration, ratio, resolution, seed, params, project, timeout);
        }
    }

    /** Plans, submits and optionally waits: shared by generate and compare. */
    static int run(LibraryOptions lib, RequestOptions o, List<String[]> targets) throws Exception {
        try (LibraryService library = lib.open()) {
            VideoImage img = library.videoImage(CallerEnv.fileOrAsIs(o.image)); // a file where the command was typed
            List<VideoRequest> requests = new ArrayList<>();
            for (String[] t : targets) {
                requests.add(o.request(t[0], t[1], img));
            }
            VideoService video = service(library, lib);
            VideoService.Plan plan = video.plan(requests, !o.dryRun); // an estimate needs no account yet
            PrintStream out = Output.out();
            if (o.dryRun) {
                // what the real run would refuse: the budgets (which --yes does not lift); needing --yes is the
                // question a dry run is there to answer, so it is a note, not a refusal
                String refused = video.refusal(plan, o.budget, true);
                String unconfirmed = refused == null ? video.refusal(plan, o.budget, o.yes) : null;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dry_run", true);
                m.put("estimate_usd", plan.unknownPrice() ? null : plan.total());
                m.put("estimates", plan.estimates());
                m.put("prices_as_of", io.alicemultiverse.video.VideoPrices.AS_OF);
                m.put("missing_keys", plan.missingKeys());
                m.put("refused", refused);
                out.println(o.json ? Output.json(m) : "dry run: " + requests.size() + " job(s), estimate "
                        + (plan.unknownPrice() ? "unknown (a model's price is not in the table)"
                        : String.format(Locale.ROOT, "$%.2f", plan.total())));
                if (!o.json) {
                    plan.missingKeys().forEach(k -> out.println("note: a real run needs what is missing: " + k));
                    if (unconfirmed != null) {
                        out.println("note: " + unconfirmed);
                    }
                }
                if (refused != null) {
                    Output.error("a real run would be refused: " + refused); // and exits as it would
                    return 1;
                }
                return 0;
            }
            List<VideoJob> jobs;
            try {
                jobs = video.submit(plan, o.baseUrl, o.budget, o.yes);
            } catch (IllegalStateException e) {
                Output.error(e.getMessage()); // "alice: " and the message, once
                return 1;
            }
            if (!o.waitForIt) {
                video.tickUnlessAdvanced(); // submit now, unless the owner's loop does; it (or alice video wait) goes on
                for (VideoJob j : jobs) {
                    print(out, video.status(j.id()), o.json);
                }
                return 0;
            }
            List<VideoJob> done = waitFor(video, jobs.stream().map(VideoJob::id).toList(), o.json);
            return done.stream().allMatch(j -> j.state() == JobState.SUCCEEDED) ? 0 : 1;
        }
    }

    static VideoService service(LibraryService library, LibraryOptions lib) {
        return library.video(settings(lib.config, CallerEnv.get()), CallerEnv.get());
    }

    /** The video settings of the configuration: {@code video:} prices and caps, understanding's money limits. */
    static io.alicemultiverse.video.VideoSettings settings(java.nio.file.Path config, java.util.Map<String, String> env) {
        return io.alicemultiverse.app.VideoConfig.load(config, env, UnderstandConfig.load(config, env));
    }

    static List<VideoJob> waitFor(VideoService video, List<String> ids, boolean json) throws InterruptedException {
        PrintStream err = Output.err();
        List<VideoJob> done;
        // on a terminal one progress bar per job; else one line per state change (a log, a pipe)
        try (JobBars bars = !json && Output.isConsole() ? new JobBars(err) : null) {
            done = video.waitFor(ids, j -> {
                if (bars != null) {
                    bars.show(j);
                } else if (!json) {
                    err.printf(Locale.ROOT, "%s %-11s %s%s%n", j.id(), j.state().id(),
                            TerminalText.line(j.provider() + "/" + j.model()), j.error() == null ? j.path() == null
                                    ? "" : "  → " + TerminalText.line(j.path()) : "  (" + TerminalText.line(j.error()) + ")");
                }
            }, next -> {
                long ms = Duration.between(Instant.now(), next).toMillis();
                Thread.sleep(Math.max(200, Math.min(ms, 10_000)));
            });
        }
        for (VideoJob j : done) {
            print(Output.out(), j, json);
        }
        return done;
    }

    /**
     * One job as a line; the model, path and error (whose text may come from the provider's answer) are escaped for
     * the terminal.
     */
    static void print(PrintStream out, VideoJob j, boolean json) {
        if (json) {
            out.println(Output.json(j.toJson()));
        } else {
            out.printf(Locale.ROOT, "%s  %-11s %s/%s%s%s%n", j.id(), j.state().id(), j.provider(),
                    TerminalText.line(j.model()),
                    j.costUsd() != null ? String.format(Locale.ROOT, "  $%.2f", j.costUsd())
                            : j.estimateUsd() != null ? String.format(Locale.ROOT, "  ~$%.2f", j.estimateUsd()) : "",
                    TerminalText.line(j.path() != null ? "  " + j.path() : j.error() != null ? "  " + j.error() : ""));
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true, description = "Submit one generation as a durable job.")
    static final class Generate implements Callable<Integer> {
        @Mixin
        LibraryOptions lib;

        @Mixin
        RequestOptions o;

        @Option(names = "--provider", required = true, paramLabel = "P", description = "fal, runway, replicate, luma, minimax or google (Veo).")
        String provider;

        @Option(names = "--model", required = true, paramLabel = "M", description = "The provider's model id.")
        String model;

        @Override
        public Integer call() throws Exception {
            return run(lib, o, List.<String[]>of(new String[]{provider, model}));
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true, description = "Submit the same request to several models (one job each).")
    static final class Compare implements Callable<Integer> {
        @Mixin
        LibraryOptions lib;

        @Mixin
        RequestOptions o;

        @Option(names = "--models", required = true, split = ",", paramLabel = "P:M", description = "provider:model pairs, comma-separated.")
        List<String> models;

        @Override
        public Integer call() throws Exception {
            List<String[]> targets = new ArrayList<>();
            for (String pm : models) {
                int colon = pm.indexOf(':');
                if (colon <= 0 || colon == pm.length() - 1) {
                    throw new IllegalArgumentException("--models takes provider:model pairs, not '" + pm + "'");
                }
                targets.add(new String[]{pm.substring(0, colon), pm.substring(colon + 1)});
            }
            return run(lib, o, targets);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The video jobs, oldest first.")
    static final class ListJobs implements Callable<Integer> {
        @Mixin
        LibraryOptions lib;

        @Option(names = "--state", paramLabel = "S", description = "Only jobs in this state.")
        String state;

        @Option(names = "--json", description = "One job object per line.")
        boolean json;

        @Override
        public Integer call() {
            JobState s = state == null ? null : JobState.parse(state);
            try (LibraryService library = lib.open()) {
                java.util.List<VideoJob> jobs = service(library, lib).list(s);
                for (VideoJob j : jobs) {
                    print(Output.out(), j, json);
                }
                if (jobs.isEmpty() && !json) { // said beside the (empty) list, so a script reading it sees no line
                    Output.err().println(s == null ? "no video jobs (alice video generate starts one)"
                            : "no video jobs in state " + s.id());
                }
            }
            return 0;
        }
    }

    /** A subcommand about one job: {@code ID} and {@code --json}, the job printed after {@link #apply}. */
    abstract static class OneJob implements Callable<Integer> {
        @Mixin
        LibraryOptions lib;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--json")
        boolean json;

        /** What the subcommand does to the job; returns the job to print. */
        abstract VideoJob apply(VideoService video, String id);

        @Override
        public Integer call() {
            try (LibraryService library = lib.open()) {
                print(Output.out(), apply(service(library, lib), id), json);
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "One job.")
    static final class Status extends OneJob {
        @Override
        VideoJob apply(VideoService video, String id) {
            return video.status(id);
        }
    }

    @Command(name = "wait", mixinStandardHelpOptions = true, description = "Advance jobs in the foreground until they finish (all active jobs when no ID is given).")
    static final class Wait implements Callable<Integer> {
        @Mixin
        LibraryOptions lib;

        @Parameters(paramLabel = "ID", arity = "0..*")
        List<String> ids = List.of();

        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() throws Exception {
            try (LibraryService library = lib.open()) {
                List<VideoJob> done = waitFor(service(library, lib), ids, json);
                return done.stream().allMatch(j -> j.state() == JobState.SUCCEEDED) ? 0 : 1;
            }
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a job (at the provider too, where it has a cancel).")
    static final class Cancel extends OneJob {
        @Override
        VideoJob apply(VideoService video, String id) {
            return video.cancel(id);
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true, description = "Submit an unknown, failed or cancelled job again (it may be billed again); a finished job whose clip could not be downloaded is downloaded again, not paid again.")
    static final class Retry extends OneJob {
        @Override
        VideoJob apply(VideoService video, String id) {
            VideoJob j = video.retry(id);
            video.tickUnlessAdvanced();
            return video.status(j.id());
        }
    }
}
