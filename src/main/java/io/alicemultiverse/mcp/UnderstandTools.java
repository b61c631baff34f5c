package io.alicemultiverse.mcp;

import io.alicemultiverse.app.SearchRequest;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.app.UnderstandOutcome;
import io.alicemultiverse.app.UnderstandRequest;
import io.alicemultiverse.search.SearchQuery;
import io.alicemultiverse.understand.Costs;
import io.alicemultiverse.understand.ImageInput;
import io.alicemultiverse.understand.PriceTable;
import io.alicemultiverse.understand.UnderstandJson;
import io.alicemultiverse.understand.UnderstandListener;
import io.alicemultiverse.understand.UnderstandSettings;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.alicemultiverse.mcp.Tools.prop;
import static io.alicemultiverse.mcp.Tools.schema;

/**
 * The understanding tools: {@code understand_assets} (describe and tag images with a vision model or the offline
 * analyzer; a dry run by default) and {@code get_costs} (the spend ledger). No base URL is accepted from the client:
 * a provider's server comes from the configuration only, so a tool call cannot send an API key elsewhere.
 */
final class UnderstandTools {
    private static final int MAX_FAILURES = 50;

    /** Builds a tool from its parts (the {@link Tools} wrapper: serialised calls, errors as tool errors). */
    @FunctionalInterface
    interface Factory {
        SyncToolSpecification tool(String name, McpSchema.ToolAnnotations hints, String description,
                                   Map<String, Object> schema, List<Class<?>> outputs, Tools.Body body);
    }

    private final LibraryService library;
    private final UnderstandSettings settings;
    private final Map<String, String> env;
    private final Roots roots;
    private final Consent consent;

    UnderstandTools(LibraryService library, UnderstandSettings settings, Map<String, String> env, Roots roots,
                    Consent consent) {
        this.library = library;
        this.settings = settings;
        this.env = env;
        this.roots = roots;
        this.consent = consent;
    }

    List<SyncToolSpecification> all(Factory f) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("assets", Map.of("type", "array", "items", Map.of("type", "string"),
                "description", "Images to understand: content hashes (8+ hex digits), library paths, or absolute "
                        + "paths of image files or folders."));
        props.put("query", prop("string", "Understand every image this search matches (the search_assets "
                + "language: plain words, tag:x, project:x, time words, generator names)."));
        props.put("provider", Map.of("type", "string", "enum", List.of("local", "openai", "anthropic", "gemini",
                "ollama", "openai-compatible"), "description", "Who looks at the images. local (free, offline: "
                + "colours, brightness, sharpness, a 1-5 star quality score and the prompt's phrases) unless the "
                + "configuration names another; the others need their API key in the server's environment."));
        props.put("model", prop("string", "Model of the provider (default: its configured or default model)."));
        props.put("budget_usd", prop("number", "Hard limit in US dollars on what this run may spend."));
        props.put("dry_run", prop("boolean", "Only estimate images, requests, tokens and dollars; send and store "
                + "nothing (default true)."));
        props.put("share_near_duplicates", prop("boolean", "Analyse each group of near-duplicate images once and "
                + "share its result (default false)."));
        return List.of(
                f.tool("understand_assets", Tools.hints(false, false, true, true),
                        "Describe and tag images with a vision model (OpenAI, Anthropic, Gemini, Ollama) or the free "
                                + "offline analyzer. Results are cached (an image is never paid for twice) and become "
                                + "searchable tags (origin 'understanding') and a description. Dry run by default: it "
                                + "returns the estimate (images, requests, tokens, dollars); call again with "
                                + "dry_run=false to run. Name images by 'assets' or select them with 'query'. "
                                + "Sending images to a remote provider needs the user's consent, which the server asks for itself (or the "
                                + "user gave when starting it): arguments cannot give it.",
                        schema(props, List.of()), List.of(UnderstandJson.Plan.class, UnderstandJson.Summary.class),
                        this::understand),
                f.tool("get_costs", Tools.READ_ONLY,
                        "What understanding has cost so far, from the spend ledger: images, tokens in and out and "
                                + "dollars per day, provider, model or project, and the total.",
                        schema(Map.of("by", Map.of("type", "string", "enum", List.of("day", "provider", "model",
                                "project"), "description", "How to group the ledger (default day).")), List.of()),
                        List.of(Costs.Report.class), args -> library.costs(Costs.By.parse(args.optionalString("by") == null ? "day"
                                : args.optionalString("by")))));
    }

    private Object understand(Args args) throws Exception {
        List<String> assets = args.has("assets") ? args.strings("assets") : List.of();
        String query = args.optionalString("query");
        if (assets.isEmpty() && query == null) {
            throw new ToolError("name the images with 'assets' (content hashes or library paths) or select them "
                    + "with 'query', e.g. {\"query\": \"portraits from last week\"}");
        }
        SearchQuery q = query == null ? null
                : library.query(SearchRequest.selection(query, SearchQuery.MAX_LIMIT));
        boolean dryRun = args.bool("dry_run", true);
        String provider = args.optionalString("provider");
        boolean confirmed = false;
        if (!dryRun && isRemote(provider)) {
            confirmed = consentToSend(args, assets, q, provider) == Consent.Granted.BY_USER;
        }
        List<UnderstandJson.Failure> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        UnderstandOutcome o = library.understand(request(args, assets, q, provider, dryRun, confirmed),
                settings, env, new UnderstandListener() {
                    @Override
                    public void failed(ImageInput image, String error) {
                        if (failures.size() < MAX_FAILURES) {
                            failures.add(new UnderstandJson.Failure(image.file().toString(), error));
                        }
                    }

                    @Override
                    public void warning(String message) {
                        warnings.add(message);
                    }
                });
        return switch (o.status()) {
            case PLANNED -> UnderstandJson.Plan.of(o.plan(), true).withNext(o.plan().selected() == 0
                    ? "nothing matched: check the assets or the query"
                    : "call understand_assets again with the same arguments and dry_run=false to run it");
            case NEEDS_CONFIRMATION -> throw new ToolError(String.format(Locale.ROOT, "the estimate $%.4f (%d images "
                            + "in %d requests, prices of %s) is above $%.2f (confirm_above_usd), and this client "
                            + "cannot ask the user to approve it. Nothing was sent. The user can run `alice "
                            + "understand` themselves or raise confirm_above_usd", o.plan().estimate().usd(),
                    o.plan().estimate().images(), o.plan().estimate().requests(), PriceTable.AS_OF,
                    o.confirmAboveUsd()));
            default -> UnderstandJson.Summary.of(o.summary()).with(failures, warnings);
        };
    }

    private UnderstandRequest request(Args args, List<String> assets, SearchQuery q, String provider, boolean dryRun,
                                      boolean confirmed) {
        return new UnderstandRequest(assets, q, false, provider, args.optionalString("model"), null,
                args.number("budget_usd"), dryRun, confirmed, args.bool("share_near_duplicates", false));
    }

    /** Whether images would leave the process: every provider but the offline analyzer. */
    private boolean isRemote(String provider) {
        String name = provider != null ? provider : settings.provider() != null ? settings.provider() : "local";
        return !name.equals("local");
    }

    /**
     * Checks that every file named lies in the library or under the inbox or a root, then asks for (or finds) the
     * user's consent, showing what the dry run estimates: how many images go where, and for how much.
     */
    private Consent.Granted consentToSend(Args args, List<String> assets, SearchQuery q, String provider)
            throws Exception {
        for (String a : assets) {
            java.nio.file.Path p = java.nio.file.Path.of(a);
            if (java.nio.file.Files.exists(p)) {
                roots.requireSendable(p);
            }
        }
        UnderstandOutcome plan = library.understand(request(args, assets, q, provider, true, false), settings, env,
                new UnderstandListener() {
                });
        String question = String.format(Locale.ROOT, "Send %d image(s) in %d request(s) to %s (model %s) to be "
                        + "described and tagged? Estimated cost $%.4f (prices of %s)%s.",
                plan.plan().estimate().images(), plan.plan().estimate().requests(),
                plan.plan().provider(), plan.plan().model(),
                plan.plan().estimate().usd(), PriceTable.AS_OF,
                args.number("budget_usd") == null ? "" : String.format(Locale.ROOT, ", at most $%.2f",
                        args.number("budget_usd")));
        if (plan.plan().estimate().requests() == 0) {
            return Consent.Granted.NOT_NEEDED; // all cached or nothing selected: nothing leaves the machine
        }
        // above confirm_above_usd, permission given at start is not enough: the user sees this estimate
        boolean costly = plan.plan().paid() && plan.plan().estimate().usd() > plan.confirmAboveUsd();
        return consent.require(McpPermissions.Action.REMOTE, question, args.exchange(), costly);
    }
}
