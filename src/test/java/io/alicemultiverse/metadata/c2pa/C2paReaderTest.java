package io.alicemultiverse.metadata.c2pa;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.alicemultiverse.testsupport.JumbfBuilder.TRAINED_ALGORITHMIC_MEDIA;
import static io.alicemultiverse.testsupport.JumbfBuilder.action;
import static io.alicemultiverse.testsupport.JumbfBuilder.box;
import static io.alicemultiverse.testsupport.JumbfBuilder.cborAssertion;
import static io.alicemultiverse.testsupport.JumbfBuilder.claim;
import static io.alicemultiverse.testsupport.JumbfBuilder.claimV1;
import static io.alicemultiverse.testsupport.JumbfBuilder.hashData;
import static io.alicemultiverse.testsupport.JumbfBuilder.jsonAssertion;
import static io.alicemultiverse.testsupport.JumbfBuilder.manifest;
import static io.alicemultiverse.testsupport.JumbfBuilder.manifestStore;
import static io.alicemultiverse.testsupport.JumbfBuilder.store;
import static io.alicemultiverse.testsupport.JumbfBuilder.superbox;
import static io.alicemultiverse.testsupport.JumbfBuilder.xlSuperbox;
import static org.assertj.core.api.Assertions.assertThat;

class C2paReaderTest {
    private static final String COMPOSITE =
            "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia";
    private static final String DIGITAL_CAPTURE = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture";

    @Test
    void readsOpenAiLikeStore() {
        C2paSummary s = C2paReader.read(manifestStore("ChatGPT", "GPT-4o", TRAINED_ALGORITHMIC_MEDIA));

        assertThat(s.problems()).isEmpty();
        assertThat(s.manifests()).isEqualTo(1);
        assertThat(s.claimGenerator()).isEqualTo("ChatGPT");
        assertThat(s.generatorNames()).containsExactly("ChatGPT");
        assertThat(s.actions()).containsExactly("c2pa.created");
        assertThat(s.softwareAgents()).containsExactly("GPT-4o");
        assertThat(s.digitalSourceTypes()).containsExactly(TRAINED_ALGORITHMIC_MEDIA);
        assertThat(s.saysAiGenerated()).isTrue();
        assertThat(s.title()).isNull();
    }

    @Test
    void readsV2ClaimWithGeneratorInfoMapAndSoftwareAgentMaps() {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("instanceID", "xmp:iid:1");
        claim.put("claim_generator_info", Map.of("name", "Google C2PA Core Generator Library", "version", "1.2"));
        claim.put("dc:title", "image.jpg");
        claim.put("signature", "self#jumbf=/c2pa/urn:c2pa:1/c2pa.signature");
        claim.put("created_assertions", List.of(Map.of("url", "self#jumbf=c2pa.assertions/c2pa.actions.v2")));
        Map<String, Object> actions = new LinkedHashMap<>();
        actions.put("actions", List.of(
                action("c2pa.created", Map.of("name", "Imagen", "version", "4"), TRAINED_ALGORITHMIC_MEDIA),
                Map.of("action", "c2pa.edited", "softwareAgentIndex", 0,
                        "description", "upscaled")));
        actions.put("softwareAgents", List.of(Map.of("name", "Upscaler")));
        byte[] data = store(manifest("urn:c2pa:6f1c2a3b-0000-4000-8000-000000000001",
                claim("c2pa.claim.v2", claim), cborAssertion("c2pa.actions.v2", actions), hashData()));

        C2paSummary s = C2paReader.read(data);

        assertThat(s.problems()).isEmpty();
        assertThat(s.claimGenerator()).isNull();
        assertThat(s.generatorNames()).containsExactly("Google C2PA Core Generator Library");
        assertThat(s.title()).isEqualTo("image.jpg");
        assertThat(s.actions()).containsExactly("c2pa.created", "c2pa.edited");
        assertThat(s.softwareAgents()).containsExactly("Imagen", "Upscaler");
        assertThat(s.digitalSourceTypes()).containsExactly(TRAINED_ALGORITHMIC_MEDIA);
    }

    @Test
    void readsFireflyLikeStoreWithNestedParametersJsonAssertionAndThumbnail() {
        Map<String, Object> created = new LinkedHashMap<>(action("c2pa.created", "Adobe Firefly", null));
        created.put("parameters", Map.of("com.adobe.details", Map.of(
                "com.adobe.digitalSourceType", TRAINED_ALGORITHMIC_MEDIA)));
        Map<String, Object> converted = new LinkedHashMap<>(action("c2pa.converted", null, null));
        converted.put("parameters", List.of(Map.of("softwareAgent", "Adobe Photoshop 25.0")));
        byte[] creativeWork = jsonAssertion("stds.schema-org.CreativeWork", Map.of(
                "@context", "https://schema.org", "@type", "CreativeWork",
                "author", List.of(Map.of("@type", "Person", "name", "Alice"))));
        byte[] thumbnail = superbox("bfdb", "c2pa.thumbnail.claim.jpeg",
                box("bfdb", new byte[]{0, 'i', 'm', 'a', 'g', 'e', '/', 'j', 'p', 'e', 'g', 0}),
                box("bidb", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}));
        byte[] data = store(manifest("urn:uuid:a1b2c3d4-0000-4000-8000-000000000002",
                claim("c2pa.claim", claimV1("Adobe_Firefly/0.1.0 adobe_c2pa/0.7.6 c2pa-rs/0.25.2", "firefly.jpg")),
                thumbnail, cborAssertion("c2pa.actions", Map.of("actions", List.of(created, converted))),
                creativeWork, hashData()));

        C2paSummary s = C2paReader.read(data);

        assertThat(s.problems()).isEmpty();
        assertThat(s.claimGenerator()).startsWith("Adobe_Firefly/0.1.0");
        assertThat(s.title()).isEqualTo("firefly.jpg");
        assertThat(s.actions()).containsExactly("c2pa.created", "c2pa.converted");
        assertThat(s.softwareAgents()).containsExactly("Adobe Firefly", "Adobe Photoshop 25.0");
        assertThat(s.digitalSourceTypes()).containsExactly(TRAINED_ALGORITHMIC_MEDIA);
    }

    @Test
    void lastManifestIsActiveAndIngredientAgentsFollowItsOwn() {
        byte[] ingredient = manifest("urn:uuid:00000000-0000-4000-8000-00000000000a",
                claim("c2pa.claim", claimV1("ChatGPT", "original.png")),
                cborAssertion("c2pa.actions", Map.of("actions", List.of(
                        action("c2pa.created", "GPT-4o", TRAINED_ALGORITHMIC_MEDIA)))));
        byte[] active = manifest("urn:uuid:00000000-0000-4000-8000-00000000000b",
                claim("c2pa.claim", claimV1("Adobe Photoshop 26.0", "edited.png")),
                cborAssertion("c2pa.ingredient", Map.of("dc:title", "original.png", "relationship", "parentOf")),
                cborAssertion("c2pa.actions", Map.of("actions", List.of(
                        action("c2pa.opened", "Adobe Photoshop", null),
                        action("c2pa.placed", "Adobe Photoshop", COMPOSITE)))));

        C2paSummary s = C2paReader.read(store(ingredient, active));

        assertThat(s.problems()).isEmpty();
        assertThat(s.manifests()).isEqualTo(2);
        assertThat(s.claimGenerator()).isEqualTo("Adobe Photoshop 26.0");
        assertThat(s.title()).isEqualTo("edited.png");
        assertThat(s.actions()).containsExactly("c2pa.opened", "c2pa.placed");
        assertThat(s.softwareAgents()).containsExactly("Adobe Photoshop", "GPT-4o");
        assertThat(s.digitalSourceTypes()).containsExactly(COMPOSITE, TRAINED_ALGORITHMIC_MEDIA);
        assertThat(s.agentNames()).contains("Adobe Photoshop 26.0", "GPT-4o");
    }

    @Test
    void readsStoreWrittenWithXlBoxLengths() {
        byte[] data = xlSuperbox("c2pa", "c2pa", xlSuperbox("c2ma", "urn:uuid:x",
                xlSuperbox("c2as", "c2pa.assertions", cborAssertion("c2pa.actions", Map.of("actions",
                        List.of(action("c2pa.created", "GPT-4o", TRAINED_ALGORITHMIC_MEDIA))))),
                claim("c2pa.claim", claimV1("ChatGPT", null))));

        C2paSummary s = C2paReader.read(data);

        assertThat(s.problems()).isEmpty();
        assertThat(s.claimGenerator()).isEqualTo("ChatGPT");
        assertThat(s.softwareAgents()).containsExactly("GPT-4o");
    }

    @Test
    void readsNumberedActionsAssertionsAndJsonActionsAndTemplates() {
        byte[] data = store(manifest("urn:uuid:y", claim("c2pa.claim", claimV1("tool", null)),
                jsonAssertion("c2pa.actions", Map.of("actions", List.of(action("c2pa.created", "A", null)))),
                cborAssertion("c2pa.actions__1", Map.of(
                        "actions", List.of(action("c2pa.edited", null, null)),
                        "templates", List.of(action("*", "B", DIGITAL_CAPTURE))))));

        C2paSummary s = C2paReader.read(data);

        assertThat(s.actions()).containsExactly("c2pa.created", "c2pa.edited");
        assertThat(s.softwareAgents()).containsExactly("A", "B");
        assertThat(s.digitalSourceTypes()).containsExactly(DIGITAL_CAPTURE);
        assertThat(s.saysAiGenerated()).isFalse();
    }

    @Test
    void nullOrEmptyInputGivesNull() {
        assertThat(C2paReader.read(null)).isNull();
        assertThat(C2paReader.read(new byte[0])).isNull();
        assertThat(C2paReader.readPngCabx(null)).isNull();
    }

    @Test
    void notJumbfGivesAProblemAndNoManifests() {
        C2paSummary s = C2paReader.read("hello, world".getBytes());

        assertThat(s.manifests()).isZero();
        assertThat(s.problems()).isNotEmpty();
        assertThat(s.agentNames()).isEmpty();
    }

    @Test
    void unreadableClaimKeepsTheActions() {
        byte[] data = store(manifest("urn:uuid:z", superbox("c2cl", "c2pa.claim", box("cbor", new byte[]{(byte) 0xBF})),
                cborAssertion("c2pa.actions", Map.of("actions", List.of(
                        action("c2pa.created", "GPT-4o", TRAINED_ALGORITHMIC_MEDIA))))));

        C2paSummary s = C2paReader.readPngCabx(data);

        assertThat(s.claimGenerator()).isNull();
        assertThat(s.softwareAgents()).containsExactly("GPT-4o");
        assertThat(s.problems()).singleElement().asString().contains("c2pa.claim").contains("unreadable cbor");
    }

    @Test
    void storeWithoutC2paLabelIsStillReadWithAProblem() {
        byte[] data = superbox("c2pa", "other", manifest("urn:uuid:w", claim("c2pa.claim", claimV1("X", null))));
        byte[] relabelled = superbox("abcd", "other", manifest("urn:uuid:w", claim("c2pa.claim", claimV1("X", null))));

        assertThat(C2paReader.read(data).problems()).isEmpty();
        C2paSummary s = C2paReader.read(relabelled);
        assertThat(s.claimGenerator()).isEqualTo("X");
        assertThat(s.problems()).anyMatch(p -> p.contains("labelled 'c2pa'"));
    }
}
