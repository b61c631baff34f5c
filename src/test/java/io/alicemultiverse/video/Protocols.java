package io.alicemultiverse.video;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.video.FakeVideoApi.Call;
import io.alicemultiverse.video.FakeVideoApi.Phase;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import java.util.List;
import java.util.Map;

import static io.alicemultiverse.video.FakeVideoApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider protocols as the reference documents them (sections 1, 2.2, 3, 4a, 6b, 6c): paths, status strings,
 * answer shapes, and the exact submit each must receive.
 */
final class Protocols {
    static final String IMAGE = "https://example.com/start.png";
    static final Map<String, String> KEYS = Map.of("FAL_KEY", "fal-test-key", "RUNWAYML_API_SECRET", "rw-test-key",
            "REPLICATE_API_TOKEN", "r8-test-key", "LUMAAI_API_KEY", "luma-test-key", "MINIMAX_API_KEY", "mm-test-key",
            "GEMINI_API_KEY", "gm-test-key");

    private Protocols() {
    }

    static List<FakeVideoApi.Protocol> all() {
        return List.of(new Fal(), new RunwayApi(), new ReplicateApi(), new LumaAgents(), new MiniMaxV2(),
                new VeoProtocols.GeminiApi(), new VeoProtocols.VertexAi());
    }

    static String last(RecordedRequest r, int fromEnd) {
        String[] p = r.getUrl().encodedPath().split("/");
        return p[p.length - 1 - fromEnd];
    }

    /** fal queue, section 1: Kling 2.1 image-to-video takes image_url and a duration string "5". */
    static final class Fal implements FakeVideoApi.Protocol {
        static final String MODEL = "fal-ai/kling-video/v2.1/standard/image-to-video";

        @Override public String provider() { return "fal"; }

        @Override public String model() { return MODEL; }

        @Override
        public VideoRequest request(String prompt, String image) {
            return new VideoRequest("fal", MODEL, prompt, "blur", image, null, 5, null, null, 7L,
                    Map.of("cfg_scale", "0.5"), "coast", 0);
        }

        @Override
        public Call classify(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            if (r.getMethod().equals("POST") && path.equals("/" + MODEL)) {
                return Call.SUBMIT;
            }
            if (r.getMethod().equals("PUT") && path.endsWith("/cancel")) {
                return Call.CANCEL;
            }
            if (r.getMethod().equals("GET") && path.startsWith("/fal-ai/kling-video/requests/")) {
                return path.endsWith("/status") ? Call.STATUS : Call.RESULT;
            }
            return Call.OTHER;
        }

        @Override
        public String jobId(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            return path.endsWith("/status") || path.endsWith("/cancel") ? last(r, 1) : last(r, 0);
        }

        @Override
        public MockResponse submitted(String id, FakeVideoApi api) {
            String root = api.base() + "/fal-ai/kling-video/requests/" + id;
            return json(200, "{\"request_id\":\"" + id + "\",\"response_url\":\"" + root + "\",\"status_url\":\""
                    + root + "/status\",\"cancel_url\":\"" + root + "/cancel\",\"queue_position\":0}");
        }

        @Override
        public MockResponse status(String id, Phase phase, FakeVideoApi api) {
            String s = switch (phase) {
                case QUEUED -> "IN_QUEUE";
                case RUNNING -> "IN_PROGRESS";
                default -> "COMPLETED";
            };
            return json(200, "{\"status\":\"" + s + "\",\"queue_position\":0,\"response_url\":\"x\"}");
        }

        @Override
        public MockResponse result(String id, Phase phase, FakeVideoApi api) {
            if (phase == Phase.FAILED) { // section 1.4: an error body and X-Fal-Error-Type
                return new MockResponse.Builder().code(500).addHeader("Content-Type", "application/json")
                        .addHeader("X-Fal-Error-Type", "runner_disconnected")
                        .body("{\"detail\":\"" + api.failWith + "\",\"error_type\":\"runner_disconnected\"}").build();
            }
            return json(200, "{\"video\":{\"url\":\"" + api.clipUrl(id) + "\",\"content_type\":\"video/mp4\","
                    + "\"file_name\":\"output.mp4\",\"file_size\":1234}}");
        }

        @Override
        public MockResponse cancelled(String id) {
            return json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}");
        }

        @Override
        public void checkSubmit(RecordedRequest r, JsonNode body, VideoRequest sent) {
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("Key fal-test-key");
            assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
            assertThat(body.get("prompt").asText()).isEqualTo(sent.prompt());
            assertThat(body.get("image_url").asText()).isEqualTo(sent.image());
            assertThat(body.get("duration").isTextual()).isTrue();
            assertThat(body.get("duration").asText()).isEqualTo("5");
            assertThat(body.get("negative_prompt").asText()).isEqualTo("blur");
            assertThat(body.get("seed").asLong()).isEqualTo(7);
            assertThat(body.get("cfg_scale").asDouble()).isEqualTo(0.5); // --param, as a JSON number
            assertThat(body.size()).isEqualTo(6);
        }
    }

    /** Runway, section 3: image_to_video with a pixel ratio and X-Runway-Version. */
    static final class RunwayApi implements FakeVideoApi.Protocol {
        @Override public String provider() { return "runway"; }

        @Override public String model() { return "gen4_turbo"; }

        @Override
        public VideoRequest request(String prompt, String image) {
            return new VideoRequest("runway", "gen4_turbo", prompt, null, image, null, 5, "16:9", null, 7L, Map.of(),
                    "coast", 0);
        }

        @Override
        public Call classify(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            if (r.getMethod().equals("POST") && (path.equals("/v1/image_to_video") || path.equals("/v1/text_to_video"))) {
                return Call.SUBMIT;
            }
            if (path.startsWith("/v1/tasks/")) {
                return r.getMethod().equals("DELETE") ? Call.CANCEL : Call.STATUS;
            }
            return Call.OTHER;
        }

        @Override public String jobId(RecordedRequest r) { return last(r, 0); }

        @Override
        public MockResponse submitted(String id, FakeVideoApi api) {
            return json(200, "{\"id\":\"" + id + "\"}");
        }

        @Override
        public MockResponse status(String id, Phase phase, FakeVideoApi api) {
            String head = "{\"id\":\"" + id + "\",\"createdAt\":\"2026-12-04T10:00:00Z\",";
            return json(200, switch (phase) {
                case QUEUED -> head + "\"status\":\"THROTTLED\"}";
                case RUNNING -> head + "\"status\":\"RUNNING\",\"progress\":0.4}";
                case SUCCEEDED -> head + "\"status\":\"SUCCEEDED\",\"output\":[\"" + api.clipUrl(id) + "\"]}";
                case FAILED -> head + "\"status\":\"FAILED\",\"failure\":\"" + api.failWith
                        + "\",\"failureCode\":\"SAFETY.INPUT.TEXT\"}";
                case CANCELLED -> head + "\"status\":\"CANCELLED\"}";
            });
        }

        @Override
        public MockResponse cancelled(String id) {
            return new MockResponse.Builder().code(204).build();
        }

        @Override
        public void checkSubmit(RecordedRequest r, JsonNode body, VideoRequest sent) {
            assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/image_to_video");
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer rw-test-key");
            assertThat(r.getHeaders().get("X-Runway-Version")).isEqualTo("2024-11-06");
            assertThat(body.get("model").asText()).isEqualTo("gen4_turbo");
            assertThat(body.get("promptText").asText()).isEqualTo(sent.prompt());
            assertThat(body.get("promptImage").asText()).isEqualTo(sent.image());
            assertThat(body.get("ratio").asText()).isEqualTo("1280:720");
            assertThat(body.get("duration").isInt()).isTrue();
            assertThat(body.get("duration").asInt()).isEqualTo(5);
            assertThat(body.get("seed").asLong()).isEqualTo(7);
            assertThat(body.has("negativePrompt")).isFalse(); // gen4 takes none
        }
    }

    /** Replicate, section 6c: an official model's predictions endpoint with a Cancel-After deadline. */
    static final class ReplicateApi implements FakeVideoApi.Protocol {
        @Override public String provider() { return "replicate"; }

        @Override public String model() { return "kwaivgi/kling-v2.1"; }

        @Override
        public VideoRequest request(String prompt, String image) {
            return new VideoRequest("replicate", "kwaivgi/kling-v2.1", prompt, "blur", image, null, 5, "16:9", null,
                    7L, Map.of("mode", "standard"), "coast", 30);
        }

        @Override
        public Call classify(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            if (r.getMethod().equals("POST") && path.equals("/v1/models/kwaivgi/kling-v2.1/predictions")) {
                return Call.SUBMIT;
            }
            if (path.startsWith("/v1/predictions/")) {
                return path.endsWith("/cancel") ? Call.CANCEL : Call.STATUS;
            }
            return Call.OTHER;
        }

        @Override
        public String jobId(RecordedRequest r) {
            return r.getUrl().encodedPath().endsWith("/cancel") ? last(r, 1) : last(r, 0);
        }

        @Override
        public MockResponse submitted(String id, FakeVideoApi api) {
            return json(201, "{\"id\":\"" + id + "\",\"status\":\"starting\",\"urls\":{\"get\":\"" + api.base()
                    + "/v1/predictions/" + id + "\",\"cancel\":\"" + api.base() + "/v1/predictions/" + id
                    + "/cancel\"}}");
        }

        @Override
        public MockResponse status(String id, Phase phase, FakeVideoApi api) {
            String head = "{\"id\":\"" + id + "\",";
            return json(200, switch (phase) {
                case QUEUED -> head + "\"status\":\"starting\",\"output\":null}";
                case RUNNING -> head + "\"status\":\"processing\",\"output\":null}";
                case SUCCEEDED -> head + "\"status\":\"succeeded\",\"output\":\"" + api.clipUrl(id) + "\"}";
                case FAILED -> head + "\"status\":\"failed\",\"error\":\"" + api.failWith + "\"}";
                case CANCELLED -> head + "\"status\":\"canceled\"}";
            });
        }

        @Override
        public MockResponse cancelled(String id) {
            return json(200, "{\"id\":\"" + id + "\",\"status\":\"canceled\"}");
        }

        @Override
        public void checkSubmit(RecordedRequest r, JsonNode body, VideoRequest sent) {
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer r8-test-key");
            assertThat(r.getHeaders().get("Cancel-After")).isEqualTo("30m");
            assertThat(body.has("version")).isFalse();
            JsonNode in = body.get("input");
            assertThat(in.get("prompt").asText()).isEqualTo(sent.prompt());
            assertThat(in.get("image").asText()).isEqualTo(sent.image());
            assertThat(in.get("negative_prompt").asText()).isEqualTo("blur");
            assertThat(in.get("duration").asInt()).isEqualTo(5);
            assertThat(in.get("aspect_ratio").asText()).isEqualTo("16:9");
            assertThat(in.get("seed").asLong()).isEqualTo(7);
            assertThat(in.get("mode").asText()).isEqualTo("standard");
        }
    }

    /** Luma Agents, section 4a: a video object with duration "5s" and a start_frame; no cancel exists. */
    static final class LumaAgents implements FakeVideoApi.Protocol {
        @Override public String provider() { return "luma"; }

        @Override public String model() { return "ray-3.2"; }

        @Override
        public VideoRequest request(String prompt, String image) {
            return new VideoRequest("luma", "ray-3.2", prompt, null, image, null, 5, "16:9", "720p", null, Map.of(),
                    "coast", 0);
        }

        @Override
        public Call classify(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            if (r.getMethod().equals("POST") && path.equals("/v1/generations")) {
                return Call.SUBMIT;
            }
            return path.startsWith("/v1/generations/") && r.getMethod().equals("GET") ? Call.STATUS : Call.OTHER;
        }

        @Override public String jobId(RecordedRequest r) { return last(r, 0); }

        @Override
        public MockResponse submitted(String id, FakeVideoApi api) {
            return json(201, "{\"id\":\"" + id + "\",\"state\":\"queued\",\"model\":\"ray-3.2\",\"type\":\"video\"}");
        }

        @Override
        public MockResponse status(String id, Phase phase, FakeVideoApi api) {
            String head = "{\"id\":\"" + id + "\",\"model\":\"ray-3.2\",\"type\":\"video\",";
            return json(200, switch (phase) {
                case QUEUED, CANCELLED -> head + "\"state\":\"queued\"}";
                case RUNNING -> head + "\"state\":\"processing\"}";
                case SUCCEEDED -> head + "\"state\":\"completed\",\"output\":[{\"type\":\"video\",\"url\":\""
                        + api.clipUrl(id) + "\"}]}";
                case FAILED -> head + "\"state\":\"failed\",\"failure_code\":\"content_moderated\","
                        + "\"failure_reason\":\"" + api.failWith + "\"}";
            });
        }

        @Override
        public MockResponse cancelled(String id) {
            return null;
        }

        @Override
        public void checkSubmit(RecordedRequest r, JsonNode body, VideoRequest sent) {
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer luma-test-key");
            assertThat(body.get("prompt").asText()).isEqualTo(sent.prompt());
            assertThat(body.get("model").asText()).isEqualTo("ray-3.2");
            assertThat(body.get("type").asText()).isEqualTo("video");
            assertThat(body.get("aspect_ratio").asText()).isEqualTo("16:9");
            assertThat(body.at("/video/duration").asText()).isEqualTo("5s");
            assertThat(body.at("/video/resolution").asText()).isEqualTo("720p");
            assertThat(body.at("/video/start_frame/url").asText()).isEqualTo(sent.image());
        }
    }

    /** MiniMax V2, section 6b: a content[] of role-tagged items; no cancel exists. */
    static final class MiniMaxV2 implements FakeVideoApi.Protocol {
        @Override public String provider() { return "minimax"; }

        @Override public String model() { return "MiniMax-H3"; }

        @Override
        public VideoRequest request(String prompt, String image) {
            return new VideoRequest("minimax", "MiniMax-H3", prompt, null, image, null, 6, "16:9", null, null,
                    Map.of(), "coast", 0);
        }

        @Override
        public Call classify(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            if (r.getMethod().equals("POST") && path.equals("/v2/video_generation")) {
                return Call.SUBMIT;
            }
            return path.startsWith("/v2/query/video_generation/") ? Call.STATUS : Call.OTHER;
        }

        @Override public String jobId(RecordedRequest r) { return last(r, 0); }

        @Override
        public MockResponse submitted(String id, FakeVideoApi api) {
            return json(200, "{\"task_id\":\"" + id + "\",\"base_resp\":{\"status_code\":0,\"status_msg\":\"success\"}}");
        }

        @Override
        public MockResponse status(String id, Phase phase, FakeVideoApi api) {
            String head = "{\"task\":{\"task_id\":\"" + id + "\",";
            String tail = "},\"base_resp\":{\"status_code\":0,\"status_msg\":\"success\"}}";
            return json(200, switch (phase) {
                case QUEUED, CANCELLED -> head + "\"status\":\"queued\"" + tail;
                case RUNNING -> head + "\"status\":\"running\"" + tail;
                case SUCCEEDED -> head + "\"status\":\"succeeded\",\"content\":{\"url\":\"" + api.clipUrl(id) + "\"}"
                        + tail;
                case FAILED -> head + "\"status\":\"failed\",\"error\":{\"message\":\"" + api.failWith + "\"}" + tail;
            });
        }

        @Override
        public MockResponse cancelled(String id) {
            return null;
        }

        @Override
        public void checkSubmit(RecordedRequest r, JsonNode body, VideoRequest sent) {
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer mm-test-key");
            assertThat(body.get("model").asText()).isEqualTo("MiniMax-H3");
            assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
            assertThat(body.at("/content/0/text").asText()).isEqualTo(sent.prompt());
            assertThat(body.at("/content/1/type").asText()).isEqualTo("image_url");
            assertThat(body.at("/content/1/image_url/url").asText()).isEqualTo(sent.image());
            assertThat(body.at("/content/1/role").asText()).isEqualTo("first_frame");
            assertThat(body.get("duration").asInt()).isEqualTo(6);
            assertThat(body.get("aspect_ratio").asText()).isEqualTo("16:9");
        }
    }
}
