package io.alicemultiverse.xmp;

import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.options.PropertyOptions;
import com.adobe.internal.xmp.options.SerializeOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A library whose assets have sidecars, edited as another tool (digiKam, darktable, Lightroom) would edit them, and the
 * commands a test runs on it: shared by the sidecar round-trip and removal tests.
 */
final class SidecarFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final PropertyOptions BAG = new PropertyOptions().setArray(true);
    static final PropertyOptions SEQ = new PropertyOptions().setArray(true).setArrayOrdered(true);

    private SidecarFixture() {
    }

    interface Edit {
        void apply(XMPMeta meta) throws Exception;
    }

    /** Edits a sidecar as another tool would. */
    static void edit(Path sidecar, Edit edit) throws Exception {
        XMPMeta m = XMPMetaFactory.parseFromBuffer(Files.readAllBytes(sidecar));
        edit.apply(m);
        Files.write(sidecar, XMPMetaFactory.serializeToBuffer(m, new SerializeOptions().setOmitPacketWrapper(true)));
    }

    /** A library in {@code tmp} of {@code files} organized PNGs, each with the sidecar {@code xmp write} gave it. */
    static Path library(Path tmp, int files) throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        for (int i = 0; i < files; i++) {
            t.inboxFile("p/" + i + ".png", TempLibrary.png("a lighthouse number " + i, "juggernaut", i));
        }
        Path lib = t.library();
        run(lib, "organize", "--inbox", t.inbox().toString());
        run(lib, "xmp", "write", "--all");
        return lib;
    }

    static List<Path> sidecars(Path lib) throws Exception {
        try (var files = Files.walk(lib)) {
            return files.filter(p -> p.toString().endsWith(".png.xmp")).sorted().toList();
        }
    }

    static Path image(Path sidecar) {
        String n = sidecar.getFileName().toString();
        return sidecar.resolveSibling(n.substring(0, n.length() - ".xmp".length()));
    }

    /** The library path of the image {@code sidecar} describes. */
    static String path(Path lib, Path sidecar) {
        return lib.relativize(image(sidecar)).toString();
    }

    static List<String> userTags(Path lib) {
        List<String> out = new ArrayList<>();
        for (String l : run(lib, "tags", "--origin", "user").lines()) {
            out.add(l.strip().replaceFirst("^\\d+\\s+", ""));
        }
        return out;
    }

    static List<String> found(Path lib, String query) throws Exception {
        List<String> out = new ArrayList<>();
        for (String l : run(lib, "search", "--json", query).lines()) {
            out.add(JSON.readTree(l).get("path").asText());
        }
        return out;
    }

    /** Runs {@code args} on {@code lib}; it must succeed. */
    static CliRun run(Path lib, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(lib.toString());
        CliRun r = CliRun.run(all.toArray(String[]::new));
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }
}
