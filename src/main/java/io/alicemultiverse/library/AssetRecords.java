package io.alicemultiverse.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Inspection;
import io.alicemultiverse.metadata.InspectionJson;

import java.time.LocalDateTime;

/** Turns an {@link Analysis} into the catalog's {@link AssetRecord}. Stateless. */
final class AssetRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * An asset's stored parameters: {@code alice inspect --json}'s record without its path (the asset row has its
     * own), written in one pass; going through a tree to drop the key serialised everything three times.
     */
    private static final ObjectWriter PARAMS = JSON.copy().addMixIn(InspectionJson.class, WithoutPath.class)
            .writerFor(InspectionJson.class);

    @JsonIgnoreProperties("path")
    private abstract static class WithoutPath {
    }

    private AssetRecords() {
    }

    public static AssetRecord of(Analysis a, String libraryPath, String originalPath, String project, String run,
                                 LocalDateTime organizedAt) {
        Inspection i = a.inspection();
        Generation g = i.generation();
        String params;
        try {
            params = PARAMS.writeValueAsString(InspectionJson.of(i, false));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Object duration = i.video().get("duration");
        return new AssetRecord(a.contentHash(), libraryPath, originalPath, i.format().type().name().toLowerCase(),
                i.format().id(), i.width(), i.height(), duration instanceof Number n ? n.doubleValue() : null,
                a.bytes(), a.mtime(), g.source().id(), i.aiGenerated(), project, a.createdAt(), organizedAt,
                g.prompt(), g.negative(), g.model(), g.seeds().stream().map(Object::toString).toList(),
                params, json(i.raw()), run, PromptTags.of(g), a.dhash(), a.phash(), a.zhash(),
                a.colour());
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
