package io.alicemultiverse.mcp;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.app.VideoImage;
import io.alicemultiverse.understand.UnderstandSettings;
import io.alicemultiverse.video.JobState;
import io.alicemultiverse.video.VideoJob;
import io.alicemultiverse.video.VideoJobJson;
import io.alicemultiverse.video.VideoPrices;
import io.alicemultiverse.video.VideoProviders;
import io.alicemultiverse.video.VideoRequest;
import io.alicemultiverse.video.VideoService;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.alicemultiverse.mcp.Tools.prop;
import static io.alicemultiverse.mcp.Tools.schema;

/**
 * The video tools: {@code generate_video} (a dry run with the estimate unless {@code dry_run: false}; above
 * {@code confirm_above_usd} also {@code confirm: true}), {@code video_status}, {@code list_video_jobs} and
 * {@code cancel_video}. Trust: no base URL and no local file path are accepted from the client — the provider's
 * server comes from the environment or configuration, and a start image is a library asset (content hash, prefix or
 * library path, looked up in the catalog only) or an https URL, so a tool call can neither redirect a key nor upload
 * an arbitrary local file. Each call first advances
 * due jobs, so a client that polls {@code video_status} sees them move.
 */
final class VideoTools {
    private final Consent consent;
    private final LibraryService library;
    private final UnderstandSettings settings;
    private final Map<String, String> env;

    VideoTools(LibraryService library, UnderstandSettings settings, Map<String, String> env, Consent consent) {
        this.consent = consent;
        this.library = library;
        this.settings = settings;
        this.env = env;
    }

    List<SyncToolSpecification> all(UnderstandTools.Factory f) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("provider", Map.of("type", "string", "enum", VideoProviders.ids(),
                "description", "Who generates: fal (gateway to Kling, Veo, MiniMax, Wan, Hunyuan, Luma Ray), runway, "
                        + "replicate, luma or minimax. The key must be in the server's environment."));
        props.put("model", prop("string", "The provider's model id, e.g. fal-ai/veo3, gen4_turbo, ray-3.2."));
        props.put("prompt", prop("string", "What the clip shows."));
        props.put("image", prop("string", "Start image: a library asset (content hash, unique prefix of 8+ hex "
                + "digits or library path) or an https URL."));
        props.put("duration", prop("integer", "Clip length in seconds (the model's allowed values)."));
        props.put("ratio", prop("string", "Aspect ratio, e.g. 16:9."));
        props.put("resolution", prop("string", "e.g. 720p."));
        props.put("seed", prop("integer", "Seed."));
        props.put("negative", prop("string", "Negative prompt."));
        props.put("project", prop("string", "Library project the clip is filed under."));
        props.put("params", Map.of("type", "object", "additionalProperties", Map.of("type", "string"),
                "description", "Other model inputs, passed through (values read as JSON when they are JSON)."));
        props.put("budget_usd", prop("number", "Refuse when the estimate is above this."));
        props.put("timeout_minutes", prop("integer", "Give up (and cancel at the provider) after this (default 60)."));
        props.put("dry_run", prop("boolean", "Only estimate; send and record nothing (default true)."));
        Map<String, Object> id = Map.of("id", prop("string", "The job id (or a unique prefix)."));
        return List.of(
                f.tool("generate_video", Tools.hints(false, false, false, true),
                        "Generate a video clip with a remote model as a durable job; it costs money. Dry run by "
                                + "default: returns the estimate in dollars; with dry_run=false the user is asked to "
                                + "approve (or the server was started with --allow remote, and the estimate is "
                                + "within confirm_above_usd). The finished clip is filed into the library "
                                + "with its prompt, model, seed and cost; follow it with video_status.",
                        schema(props, List.of("provider", "model", "prompt")),
                        List.of(ToolResults.VideoEstimate.class, VideoJobJson.class), this::generate),
                f.tool("video_status", Tools.hints(false, false, true, true), "One video job: state (pending, submitting, queued, running, downloading, "
                                + "succeeded, failed, cancelled, unknown), estimate and cost, library path once "
                                + "filed, error.", schema(id, List.of("id")), List.of(VideoJobJson.class),
                        args -> service().status(args.string("id")).toJson()),
                f.tool("list_video_jobs", Tools.hints(false, false, true, true), "The video jobs, oldest first, optionally in one state.",
                        schema(Map.of("state", prop("string", "Only jobs in this state.")), List.of()),
                        List.of(ToolResults.Jobs.class), args -> {
                            String s = args.optionalString("state");
                            return new ToolResults.Jobs(service().list(s == null ? null : JobState.parse(s))
                                    .stream().map(VideoJob::toJson).toList());
                        }),
                f.tool("cancel_video", Tools.hints(false, true, true, true), "Cancel a video job; a queued or running one is cancelled at the provider "
                                + "too where it has a cancel, and its answer is recorded.", schema(id, List.of("id")),
                        List.of(VideoJobJson.class), args -> service().cancel(args.string("id")).toJson()));
    }

    /** The service, with due jobs advanced first. */
    private VideoService service() {
        VideoService v = library.video(settings, env);
        v.tickUnlessAdvanced();
        return v;
    }

    private Object generate(Args args) throws Exception {
        String image = args.optionalString("image");
        if (image != null && image.startsWith("http://")) {
            throw new ToolError("'image' is a library asset or an https URL, not an http one");
        }
        VideoImage img = library.videoImageFromLibrary(image); // never a local file named by the client
        Map<String, String> params = new LinkedHashMap<>();
        if (args.has("params")) {
            Object p = args.value("params");
            if (p instanceof Map<?, ?> m) {
                m.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            }
        }
        Double duration = args.number("duration");
        Double seed = args.number("seed");
        Double timeout = args.number("timeout_minutes");
        VideoRequest r = new VideoRequest(args.string("provider"), args.string("model"), args.string("prompt"),
                args.optionalString("negative"), img == null ? null : img.url(), img == null ? null : img.hash(),
                duration == null ? null : duration.intValue(), args.optionalString("ratio"),
                args.optionalString("resolution"), seed == null ? null : seed.longValue(), params,
                args.optionalString("project"), timeout == null ? 0 : timeout.intValue());
        VideoService video = library.video(settings, env);
        boolean dryRun = args.bool("dry_run", true);
        VideoService.Plan plan = video.plan(List.of(r), !dryRun); // an estimate needs no account yet
        if (dryRun) {
            String refused = video.refusal(plan, args.number("budget_usd"), true, "budget_usd"); // a real call confirms by consent
            if (refused != null) {
                return new ToolResults.VideoEstimate(true, plan.estimates().get(0), VideoPrices.AS_OF, refused,
                        "a real call would be refused: " + refused + "; tell the user");
            }
            return new ToolResults.VideoEstimate(true, plan.estimates().get(0), VideoPrices.AS_OF, null,
                    "show the estimate to the user; to generate, call generate_video again with "
                            + "dry_run=false (the user is asked to approve)"
                            + (plan.missingKeys().isEmpty() ? ""
                            : "; before that the user must set what is missing: "
                            + String.join("; ", plan.missingKeys())));
        }
        // money leaves on this call: the user's consent, never the model's word (the estimate is in the question)
        boolean costly = plan.unknownPrice() || plan.total() > settings.confirmAboveUsd();
        consent.require(McpPermissions.Action.REMOTE, String.format(java.util.Locale.ROOT,
                "Generate a video with %s (model %s) for the prompt \"%s\"? Estimated cost %s (prices of %s).",
                r.provider(), r.model(), r.prompt(), plan.unknownPrice() ? "unknown"
                        : String.format(java.util.Locale.ROOT, "$%.2f", plan.total()), VideoPrices.AS_OF),
                args.exchange(), costly);
        VideoJob job;
        try {
            job = video.submit(plan, null, args.number("budget_usd"), true, "budget_usd").get(0);
        } catch (IllegalStateException e) {
            throw new ToolError(e.getMessage());
        }
        video.tick();
        return video.status(job.id()).toJson();
    }
}
