package io.alicemultiverse.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.metadata.Inspection;
import io.alicemultiverse.metadata.InspectionJson;
import io.alicemultiverse.metadata.Inspector;
import io.alicemultiverse.testsupport.Peers;
import io.alicemultiverse.testsupport.Samples;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssetRecordsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The stored parameters are {@code alice inspect --json}'s record without its path, byte for byte what the tree
     * round trip (serialise, drop "path", serialise again) wrote before, for every real file we have.
     */
    @Test
    void storedParametersAreTheInspectRecordWithoutItsPath() throws IOException {
        int compared = 0;
        for (Path file : files()) {
            Inspection i = Inspector.inspect(file, file.toString());
            if (i.error() != null) {
                continue;
            }
            ObjectNode tree = JSON.valueToTree(InspectionJson.of(i, false));
            tree.remove("path");
            Analysis a = new Analysis(file, Files.size(file), 0, "ab".repeat(32), i, null, null, null, null, null,
                    null, null);
            AssetRecord r = AssetRecords.of(a, "lib/x.png", file.toString(), null, "run", LocalDateTime.now());
            assertEquals(JSON.writeValueAsString(tree), r.params(), file.toString());
            assertFalse(r.params().contains("\"path\""), file.toString());
            compared++;
        }
        assertTrue(compared > 60, "compared " + compared + " files");
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> s = Stream.concat(Files.walk(Samples.dir()), Files.walk(Peers.dir()))) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
    }
}
