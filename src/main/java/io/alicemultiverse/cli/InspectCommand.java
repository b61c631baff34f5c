package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alicemultiverse.media.Ffprobe;
import io.alicemultiverse.media.MediaFiles;
import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.Inspection;
import io.alicemultiverse.metadata.InspectionJson;
import io.alicemultiverse.metadata.Inspector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** {@code alice inspect}: reads generation metadata from files and folders; never modifies anything. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show the generation metadata (prompt, seed, model, source…) of images and videos.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every file was read", "1:some file could not be read", "2:usage error"})
final class InspectCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = TerminalText.jsonMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @Option(names = "--json", description = "JSON Lines: one object per file.")
    boolean json;

    @Option(names = "--raw", description = "Also show every text key and value found in the file.")
    boolean raw;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders (recursive).")
    List<Path> paths;

    @Override
    public Integer call() throws IOException {
        List<MediaFiles.Entry> entries = MediaFiles.expand(paths);
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(Output.out(), StandardCharsets.UTF_8),
                1 << 16));
        boolean allRead = true;
        boolean warnedFfprobe = false;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "inspect");
            t.setDaemon(true);
            return t;
        });
        try {
            // a sliding window keeps output in input order while every core reads
            ArrayDeque<Future<Inspection>> window = new ArrayDeque<>();
            int next = 0;
            int windowSize = threads * 16;
            while (next < entries.size() || !window.isEmpty()) {
                while (next < entries.size() && window.size() < windowSize) {
                    MediaFiles.Entry e = entries.get(next++);
                    window.add(pool.submit(() -> inspect(e)));
                }
                Inspection result = await(window.poll());
                allRead &= result.ok();
                if (result.format().isVideo() && !warnedFfprobe && !Ffprobe.isAvailable()) {
                    warnedFfprobe = true;
                    Output.err().println("alice: ffprobe not found: video tags (prompts, workflows) are not read; "
                            + "install ffmpeg (e.g. apt-get install ffmpeg) for full video metadata");
                }
                print(result, out);
            }
        } finally {
            pool.shutdownNow();
            out.flush();
        }
        return allRead ? 0 : 1;
    }

    private static Inspection inspect(MediaFiles.Entry e) {
        return e.error() != null ? Inspection.failed(e.shown(), MediaFormat.UNKNOWN, e.error())
                : Inspector.inspect(e.path(), e.shown());
    }

    private static Inspection await(Future<Inspection> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void print(Inspection i, PrintWriter out) throws IOException {
        if (json) {
            out.println(JSON.writeValueAsString(InspectionJson.of(i, raw)));
        } else {
            InspectionText.write(i, raw, out);
        }
    }
}
