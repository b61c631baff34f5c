package io.alicemultiverse.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alicemultiverse.video.FakeVideoApi.Call;
import io.alicemultiverse.video.FakeVideoApi.Phase;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

import static io.alicemultiverse.video.FakeVideoApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Google Veo's two protocols (reference section 2.2) for the fake provider: the Gemini API (predictLongRunning,
 * {@code x-goog-api-key}, {@code GET v1beta/{name}}, a file URI fetched with the key) and Vertex AI as the SDK speaks
 * it (an OAuth token from a service-account file whose token endpoint is the fake, {@code :predictLongRunning} under
 * the project and location, {@code :fetchPredictOperation}, the clip inline as base64).
 */
final class VeoProtocols {
    /** A 1×1 PNG: the start image, sent inline as bytes. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    static final String IMAGE = "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG);
    static final String TOKEN = "ya29.fake-token";

    private VeoProtocols() {
    }

    static VideoRequest request(String model, String prompt) {
        return new VideoRequest("google", model, prompt, "blur", IMAGE, null, 8, "16:9", "720p", 7L,
                Map.of("personGeneration", "allow_adult"), "coast", 0);
    }

    /** The request's body as Veo documents it, whichever API carried it. */
    static void checkBody(JsonNode body, VideoRequest sent) {
        assertThat(body.at("/instances/0/prompt").asText()).isEqualTo(sent.prompt());
        assertThat(body.at("/instances/0/image/bytesBase64Encoded").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(PNG));
        assertThat(body.at("/instances/0/image/mimeType").asText()).isEqualTo("image/png");
        JsonNode p = body.get("parameters");
        assertThat(p.get("durationSeconds").asInt()).isEqualTo(8);
        assertThat(p.get("aspectRatio").asText()).isEqualTo("16:9");
        assertThat(p.get("resolution").asText()).isEqualTo("720p");
        assertThat(p.get("seed").asLong()).isEqualTo(7);
        assertThat(p.get("negativePrompt").asText()).isEqualTo("blur");
        assertThat(p.get("sampleCount").asInt()).isEqualTo(1);
        assertThat(p.get("personGeneration").asText()).isEqualTo("allow_adult"); // --param
        assertThat(p.size()).isEqualTo(7);
    }

    /** The Gemini API: {@code /v1beta/models/{model}:predictLongRunning}, polled by operation name. */
    static final class GeminiApi implements FakeVideoApi.Protocol {
        static final String MODEL = "veo-3.1-generate-001";

        @Override public String provider() { return "google"; }

        @Override public String model() { return MODEL; }

        @Override public String toString() { return "google (Gemini API)"; }

        @Override
        public VideoRequest request(String prompt, String image) {
            return VeoProtocols.request(MODEL, prompt);
        }

        @Override
        public Call classify(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            if (r.getMethod().equals("POST") && path.equals("/v1beta/models/" + MODEL + ":predictLongRunning")) {
                return Call.SUBMIT;
            }
            return r.getMethod().equals("GET") && path.startsWith("/v1beta/models/" + MODEL + "/operations/")
                    ? Call.STATUS : Call.OTHER;
        }

        @Override public String jobId(RecordedRequest r) { return Protocols.last(r, 0); }

        @Override public String fakeId(String name) { return name.substring(name.lastIndexOf('/') + 1); }

        @Override
        public boolean fileAllowed(RecordedRequest r) {
            return "gm-test-key".equals(r.getHeaders().get("x-goog-api-key"));
        }

        @Override
        public MockResponse submitted(String id, FakeVideoApi api) {
            return json(200, "{\"name\":\"models/" + MODEL + "/operations/" + id + "\"}");
        }

        @Override
        public MockResponse status(String id, Phase phase, FakeVideoApi api) {
            String head = "{\"name\":\"models/" + MODEL + "/operations/" + id + "\",";
            return json(200, switch (phase) {
                case QUEUED, RUNNING, CANCELLED -> head + "\"metadata\":{}}";
                case SUCCEEDED -> head + "\"done\":true,\"response\":{\"@type\":\"type.googleapis.com/google.ai"
                        + ".generativelanguage.v1beta.PredictLongRunningResponse\",\"generateVideoResponse\":{"
                        + "\"generatedSamples\":[{\"video\":{\"uri\":\"" + api.clipUrl(id) + "\"}}]}}}";
                case FAILED -> head + "\"done\":true,\"error\":{\"code\":3,\"message\":\"" + api.failWith
                        + "\",\"status\":\"INVALID_ARGUMENT\"}}";
            });
        }

        @Override
        public MockResponse cancelled(String id) {
            return null;
        }

        @Override
        public void checkSubmit(RecordedRequest r, JsonNode body, VideoRequest sent) {
            assertThat(r.getHeaders().get("x-goog-api-key")).isEqualTo("gm-test-key");
            assertThat(r.getHeaders().get("Authorization")).isNull();
            assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
            checkBody(body, sent);
        }
    }

    /** Vertex AI through the SDK: a service-account token, then the project-scoped model paths. */
    static final class VertexAi implements FakeVideoApi.Protocol {
        static final String MODEL = "veo-3.1-fast-generate-001";
        static final String ROOT = "/v1beta1/projects/alice-test/locations/us-central1/publishers/google/models/"
                + MODEL;

        @Override public String provider() { return "google"; }

        @Override public String model() { return MODEL; }

        @Override public String toString() { return "google (Vertex AI, SDK)"; }

        @Override
        public VideoRequest request(String prompt, String image) {
            return VeoProtocols.request(MODEL, prompt);
        }

        @Override
        public Map<String, String> env(FakeVideoApi api) {
            return Map.of("GOOGLE_CLOUD_PROJECT", "alice-test", "GOOGLE_CLOUD_LOCATION", "us-central1",
                    "GOOGLE_APPLICATION_CREDENTIALS", serviceAccount(api.base() + "/token").toString());
        }

        @Override public boolean downloadsByUrl() { return false; }

        @Override
        public Call classify(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            if (!r.getMethod().equals("POST")) {
                return Call.OTHER;
            }
            if (path.equals(ROOT + ":predictLongRunning")) {
                return Call.SUBMIT;
            }
            return path.equals(ROOT + ":fetchPredictOperation") ? Call.STATUS : Call.OTHER;
        }

        @Override
        public String jobId(RecordedRequest r) {
            try {
                return fakeId(FakeVideoApi.JSON.readTree(r.getBody().utf8()).get("operationName").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override public String fakeId(String name) { return name.substring(name.lastIndexOf('/') + 1); }

        @Override
        public MockResponse other(RecordedRequest r, FakeVideoApi api) {
            if (r.getMethod().equals("POST") && r.getUrl().encodedPath().equals("/token")) {
                return json(200, "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
            }
            return null;
        }

        @Override
        public MockResponse submitted(String id, FakeVideoApi api) {
            return json(200, "{\"name\":\"" + ROOT.substring("/v1beta1/".length()) + "/operations/" + id + "\"}");
        }

        @Override
        public MockResponse status(String id, Phase phase, FakeVideoApi api) {
            String head = "{\"name\":\"" + ROOT.substring("/v1beta1/".length()) + "/operations/" + id + "\",";
            return json(200, switch (phase) {
                case QUEUED, RUNNING, CANCELLED -> head + "\"done\":false}";
                case SUCCEEDED -> head + "\"done\":true,\"response\":{\"@type\":\"type.googleapis.com/cloud.ai."
                        + "large_models.vision.GenerateVideoResponse\",\"raiMediaFilteredCount\":0,\"videos\":[{"
                        + "\"bytesBase64Encoded\":\"" + Base64.getEncoder().encodeToString(
                        Clips.mp4(api.clipOf.getOrDefault(id, 0))) + "\",\"mimeType\":\"video/mp4\"}]}}";
                case FAILED -> head + "\"done\":true,\"error\":{\"code\":3,\"message\":\"" + api.failWith + "\"}}";
            });
        }

        @Override
        public MockResponse cancelled(String id) {
            return null;
        }

        @Override
        public void checkSubmit(RecordedRequest r, JsonNode body, VideoRequest sent) {
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(r.getHeaders().get("x-goog-api-key")).isNull(); // the Gemini key stays out of Vertex calls
            checkBody(body, sent);
        }
    }

    /** A service-account key file (a fresh RSA key) whose token endpoint is {@code tokenUri}. */
    static Path serviceAccount(String tokenUri) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                    .encodeToString(g.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
            ObjectNode sa = FakeVideoApi.JSON.createObjectNode();
            sa.put("type", "service_account");
            sa.put("project_id", "alice-test");
            sa.put("private_key_id", "test-key-id");
            sa.put("private_key", pem);
            sa.put("client_email", "alice-test@alice-test.iam.gserviceaccount.com");
            sa.put("client_id", "1234567890");
            sa.put("token_uri", tokenUri);
            Path f = Files.createTempFile("alice-sa", ".json");
            f.toFile().deleteOnExit();
            Files.writeString(f, sa.toString());
            return f;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
