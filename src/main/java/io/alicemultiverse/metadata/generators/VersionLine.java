package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.metadata.Source;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Names the generator that wrote A1111-style infotext. Many tools write this format; the {@code Version} parameter
 * says which: {@code v1.10.1} is A1111, {@code f2.0.1…} Forge, {@code ComfyUI} a ComfyUI save node (Comfy Image
 * Saver), and so on. SD.Next writes a git hash as its version (which may look like Forge's {@code f…}), so its
 * own marks are looked at first: {@code App: SD.Next}, or the {@code Pipeline} (a diffusers class),
 * {@code Backend} or {@code Size-1}/{@code Size-2} parameters no other A1111-style writer has. Civitai's on-site
 * generator writes no version but lists {@code Civitai resources}. Unknown or absent versions stay A1111, the
 * format's origin. Stateless.
 */
final class VersionLine {
    private record Rule(Pattern version, Source source) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("^f\\d.*"), Source.FORGE),
            new Rule(Pattern.compile("(?i).*comfy.*"), Source.COMFYUI),
            new Rule(Pattern.compile("(?i).*fooocus.*"), Source.FOOOCUS),
            new Rule(Pattern.compile("(?i).*swarm.*"), Source.SWARMUI),
            new Rule(Pattern.compile("(?i).*invoke.*"), Source.INVOKEAI),
            new Rule(Pattern.compile("(?i).*stability ?matrix.*"), Source.STABILITYMATRIX),
            new Rule(Pattern.compile("(?i).*draw ?things.*"), Source.DRAWTHINGS));

    private static final Pattern SD_NEXT_APP = Pattern.compile("(?i)\\s*sd[ .\\-_]?next\\b.*");
    private static final Pattern DIFFUSERS_PIPELINE = Pattern.compile("\\s*\\w+Pipeline\\s*");
    private static final Pattern BACKEND = Pattern.compile("(?i)\\s*(diffusers|original)\\s*");

    private VersionLine() {
    }

    /** The generator these parameters name; {@link Source#AUTOMATIC1111} when they name none. */
    static Source source(A1111Text.Parts parts) {
        if (sdNext(parts)) {
            return Source.SDNEXT;
        }
        String version = parts.param("Version");
        if (version != null) {
            String v = version.strip();
            for (Rule r : RULES) {
                if (r.version().matcher(v).matches()) {
                    return r.source();
                }
            }
        }
        if (parts.param("Civitai resources") != null || parts.param("Civitai metadata") != null) {
            return Source.CIVITAI;
        }
        return Source.AUTOMATIC1111;
    }

    /** SD.Next's own marks: its app name, a diffusers pipeline class, its backend, or its two size parameters. */
    private static boolean sdNext(A1111Text.Parts parts) {
        String app = parts.param("App");
        if (app != null) {
            return SD_NEXT_APP.matcher(app).matches();
        }
        String pipeline = parts.param("Pipeline");
        String backend = parts.param("Backend");
        return pipeline != null && DIFFUSERS_PIPELINE.matcher(pipeline).matches()
                || backend != null && BACKEND.matcher(backend).matches()
                || parts.param("Size-1") != null && parts.param("Size-2") != null;
    }
}
