package io.alicemultiverse.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the crafted seed inputs of the fuzz targets into {@code src/test/resources/.../*FuzzTestInputs/<target>/}
 * (checked in; {@code mvn verify} replays them). Seeds are made here rather than copied from the shared samples,
 * which stay outside the repository. Run from the project folder:
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.alicemultiverse.testsupport.FuzzSeeds}.
 */
public final class FuzzSeeds {
    private static final String A1111 = "a red fox in the snow, <lora:fox_v2:0.8>, (masterpiece:1.2)\n"
            + "Negative prompt: blurry, lowres\nSteps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 1234567, "
            + "Size: 512x768, Model hash: abc123, Model: dreamshaper_8, Lora hashes: \"fox_v2: 0123abcd\", "
            + "Version: v1.9.4";
    private static final String COMFY_PROMPT = "{\"3\":{\"class_type\":\"KSampler\",\"inputs\":{\"seed\":42,\"steps\":"
            + "20,\"cfg\":7,\"sampler_name\":\"euler\",\"scheduler\":\"normal\",\"model\":[\"4\",0],\"positive\":[\"6\","
            + "0],\"negative\":[\"7\",0],\"latent_image\":[\"5\",0]}},\"4\":{\"class_type\":\"CheckpointLoaderSimple\","
            + "\"inputs\":{\"ckpt_name\":\"sdxl.safetensors\"}},\"5\":{\"class_type\":\"EmptyLatentImage\",\"inputs\":"
            + "{\"width\":1024,\"height\":1024}},\"6\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":\"a fox\","
            + "\"clip\":[\"4\",1]}},\"7\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":\"blurry\",\"clip\":"
            + "[\"4\",1]}}}";
    private static final String COMFY_WORKFLOW = "{\"nodes\":[{\"id\":3,\"type\":\"KSampler\",\"widgets_values\":"
            + "[42,\"fixed\",20,7,\"euler\",\"normal\",1],\"inputs\":[{\"name\":\"positive\",\"link\":1}]},{\"id\":6,"
            + "\"type\":\"CLIPTextEncode\",\"widgets_values\":[\"a fox\"],\"outputs\":[{\"links\":[1]}]}],"
            + "\"links\":[[1,6,0,3,1,\"CONDITIONING\"]]}";

    private FuzzSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Path res = Path.of(args.length > 0 ? args[0] : "src/test/resources");
        Path containers = res.resolve("io/alicemultiverse/metadata/ContainerFuzzTestInputs");
        byte[] store = JumbfBuilder.manifestStore("Adobe Firefly", "Adobe Firefly",
                "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia");
        Map<String, byte[]> pngs = Map.of(
                "text-a1111.png", PngBuilder.rgb(4, 4).text("parameters", A1111).build(),
                "ztxt-itxt-after-idat.png", PngBuilder.rgba(3, 2).ztxt("prompt", COMFY_PROMPT)
                        .itxt("workflow", COMFY_WORKFLOW, true).textAfterIdat("Software", "NovelAI").build(),
                "cabx.png", PngBuilder.rgb(2, 2).chunk("caBX", store).build(),
                "stealth-alpha.png", StealthBuilder.png(24, 24, "stealth_pnginfo", "a fox\nSteps: 4, Seed: 2"),
                "stealth-rgb-comp.png", StealthBuilder.png(32, 32, "stealth_rgbcomp", "a fox, Steps: 4"));
        byte[] exifJpeg = ExifBuilder.bigEndian().userCommentUnicode(A1111, java.nio.ByteOrder.BIG_ENDIAN)
                .ascii(0x0131, "Midjourney").jpeg(8, 8);
        byte[] app11Jpeg = JpegBuilder.withSegments(8, 8, JpegBuilder.segment(0xFE, "a comment".getBytes(
                StandardCharsets.UTF_8)), JumbfBuilder.app11Segment(JumbfBuilder.app11Packets(store, 1, 60000).get(0)));
        byte[] webpExif = ExifBuilder.littleEndian().userCommentAscii(A1111).webp(4, 4);
        byte[] webpXmp = WebpBuilder.create(4, 4).chunk("XMP ", ("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
                + "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/></x:xmpmeta>").getBytes(
                StandardCharsets.UTF_8)).chunk("C2PA", store).build();
        byte[] avif = isoBmff(1920, 1080);

        for (var e : pngs.entrySet()) {
            write(containers.resolve("png"), e.getKey(), e.getValue());
            write(containers.resolve("anyFile"), e.getKey(), e.getValue());
            write(containers.resolve("stealth"), e.getKey(), e.getValue());
        }
        write(containers.resolve("jpeg"), "exif-usercomment.jpg", exifJpeg);
        write(containers.resolve("jpeg"), "com-app11.jpg", app11Jpeg);
        write(containers.resolve("webp"), "exif.webp", webpExif);
        write(containers.resolve("webp"), "xmp-c2pa.webp", webpXmp);
        write(containers.resolve("isoBmff"), "ispe.avif", avif);
        for (var e : Map.of("exif.jpg", exifJpeg, "app11.jpg", app11Jpeg, "exif.webp", webpExif, "xmp.webp",
                webpXmp, "ispe.avif", avif).entrySet()) {
            write(containers.resolve("anyFile"), e.getKey(), e.getValue());
        }
        write(containers.resolve("sidecar"), "a1111.txt", A1111.getBytes(StandardCharsets.UTF_8));
        write(containers.resolve("sidecar"), "latin1.txt", "caf\u00e9 au lait\nSteps: 3, Seed: 1"
                .getBytes(StandardCharsets.ISO_8859_1));

        Path c2pa = res.resolve("io/alicemultiverse/metadata/c2pa/C2paFuzzTestInputs");
        write(c2pa.resolve("jumbf"), "store.jumbf", store);
        write(c2pa.resolve("jumbf"), "xl-store.jumbf", JumbfBuilder.xlSuperbox("jumb", "c2pa",
                JumbfBuilder.superbox("c2ma", "urn:uuid:1", JumbfBuilder.jsonAssertion("c2pa.actions",
                        Map.of("actions", List.of(JumbfBuilder.action("c2pa.created", "DALL-E", null)))))));
        List<byte[]> packets = JumbfBuilder.app11Packets(store, 7, 200);
        byte[] joined = packets.get(0);
        for (byte[] p : packets.subList(1, packets.size())) {
            joined = PngBuilder.concat(joined, seg(), p);
        }
        write(c2pa.resolve("app11"), "packets", joined);

        Path gens = res.resolve("io/alicemultiverse/metadata/generators/GeneratorFuzzTestInputs");
        write(gens.resolve("a1111"), "infotext", A1111.getBytes(StandardCharsets.UTF_8));
        write(gens.resolve("a1111"), "params-only", "Steps: 20, Sampler: Euler a, Template: \"x, y\", Seed: 9"
                .getBytes(StandardCharsets.UTF_8));
        write(gens.resolve("comfyUi"), "api-and-workflow", (COMFY_PROMPT + "\0" + COMFY_WORKFLOW)
                .getBytes(StandardCharsets.UTF_8));
        write(gens.resolve("comfyUi"), "workflow-only", ("\0" + COMFY_WORKFLOW).getBytes(StandardCharsets.UTF_8));
        // entries: key index (as a character) then value; see GeneratorFuzzTest.everyParser
        write(gens.resolve("everyParser"), "keys", ("00012-1234.png\0" + (char) 0 + A1111 + "\0" + (char) 1
                + COMFY_PROMPT + "\0" + (char) 6 + "{\"prompt\":\"a fox\",\"seed\":3}\0" + (char) 9
                + "Midjourney\0" + (char) 3 + "{\"steps\":28,\"sampler\":\"k_euler\",\"seed\":4}")
                .getBytes(StandardCharsets.UTF_8));

        Path query = res.resolve("io/alicemultiverse/search/QueryParserFuzzTestInputs/query");
        int i = 0;
        for (String q : List.of("cyberpunk portraits from last week", "midjourney videos in March",
                "dog on the beach -night \"golden hour\"", "tag:favourite project:acme since:2024-05-01",
                "comfyui 2024-02 -tag:nsfw yesterday", "last 3 days sdxl \"unclosed")) {
            write(query, "q" + i++, q.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] seg() {
        return "\n--app11--\n".getBytes(StandardCharsets.US_ASCII);
    }

    /** ftyp, then meta (a full box) holding iprp/ipco with one ispe property. */
    private static byte[] isoBmff(int width, int height) {
        byte[] ispe = box("ispe", ByteBuffer.allocate(12).putInt(0).putInt(width).putInt(height).array());
        byte[] hdlr = box("hdlr", ByteBuffer.allocate(24).putInt(0).putInt(0).put("pict".getBytes(
                StandardCharsets.US_ASCII)).array());
        byte[] meta = box("meta", PngBuilder.concat(new byte[4], hdlr, box("iprp", box("ipco", ispe))));
        byte[] ftyp = box("ftyp", "avif\0\0\0\0mif1avif".getBytes(StandardCharsets.US_ASCII));
        return PngBuilder.concat(ftyp, meta, box("mdat", new byte[16]));
    }

    private static byte[] box(String type, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putInt(8 + payload.length)
                .put(type.getBytes(StandardCharsets.US_ASCII)).put(payload).array();
    }

    private static void write(Path dir, String name, byte[] data) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), data);
    }
}
