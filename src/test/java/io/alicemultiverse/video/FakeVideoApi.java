package io.alicemultiverse.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake video provider on 127.0.0.1 (MockWebServer) that speaks one provider's documented protocol
 * ({@link Protocol}): submits create jobs, each status read moves a job one phase on (queued, running, finished),
 * finished jobs point at a real MP4 on the same server. Faults are scripted per kind of call. Records every request.
 */
final class FakeVideoApi implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The kinds of calls a protocol routes. */
    enum Call { SUBMIT, STATUS, RESULT, CANCEL, FILE, OTHER }

    /** The phases a fake job walks through, one per status read. */
    enum Phase { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    /** One provider's wire protocol, as its documentation shows it. */
    interface Protocol {
        String provider();

        String model();

        VideoRequest request(String prompt, String image);

        Call classify(RecordedRequest r);

        /** The provider's job id in a status, result or cancel request. */
        String jobId(RecordedRequest r);

        MockResponse submitted(String id, FakeVideoApi api);

        MockResponse status(String id, Phase phase, FakeVideoApi api);

        default MockResponse result(String id, Phase phase, FakeVideoApi api) {
            return json(404, "{}");
        }

        /** The cancel answer; null when the API has no cancel. */
        MockResponse cancelled(String id);

        /** Asserts the submit request is exactly what the API documents (URL, headers, body fields). */
        void checkSubmit(RecordedRequest r, JsonNode body, VideoRequest sent);

        /** The answer to a call the protocol routes itself (a token endpoint), null for a 404. */
        default MockResponse other(RecordedRequest r, FakeVideoApi api) {
            return null;
        }

        /** Environment variables the client needs besides the keys (a project, a credentials file). */
        default Map<String, String> env(FakeVideoApi api) {
            return Map.of();
        }

        /** The fake's job id within the id the provider handed out (an operation name holds it). */
        default String fakeId(String providerJobId) {
            return providerJobId;
        }

        /** Whether finished clips are fetched from {@code /files/} (false: handed over inline). */
        default boolean downloadsByUrl() {
            return true;
        }

        /** Whether a clip download carries what the API requires (a key header); else it answers 403. */
        default boolean fileAllowed(RecordedRequest r) {
            return true;
        }
    }

    final MockWebServer server = new MockWebServer();
    final Protocol protocol;
    final Queue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    final Queue<MockResponse> submitFaults = new ConcurrentLinkedQueue<>();
    final Queue<MockResponse> statusFaults = new ConcurrentLinkedQueue<>();
    final Queue<MockResponse> fileFaults = new ConcurrentLinkedQueue<>();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger submitCalls = new AtomicInteger();
    final Map<String, Integer> reads = new ConcurrentHashMap<>();
    final Set<String> cancelledJobs = ConcurrentHashMap.newKeySet();
    final Map<String, Integer> clipOf = new ConcurrentHashMap<>();
    volatile String failWith;
    /** Status reads a job spends in each of queued and running. */
    volatile int readsPerPhase = 1;

    FakeVideoApi(Protocol protocol) throws IOException {
        this.protocol = protocol;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                requests.add(r);
                return handle(r);
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    String base() {
        String u = server.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    String clipUrl(String id) {
        return base() + "/files/" + id + ".mp4";
    }

    private MockResponse handle(RecordedRequest r) {
        if (r.getUrl().encodedPath().startsWith("/files/")) {
            return file(r);
        }
        Call call = protocol.classify(r);
        switch (call) {
            case SUBMIT -> {
                submitCalls.incrementAndGet();
                MockResponse fault = submitFaults.poll();
                if (fault != null) {
                    if (fault.getOnResponseStart() != null) {
                        accepted.incrementAndGet(); // the provider acted on it; only the answer was lost
                    }
                    return fault;
                }
                String id = "job-" + accepted.incrementAndGet();
                clipOf.put(id, accepted.get());
                return protocol.submitted(id, this);
            }
            case STATUS, RESULT -> {
                MockResponse fault = call == Call.STATUS ? statusFaults.poll() : null;
                if (fault != null) {
                    return fault;
                }
                String id = protocol.jobId(r);
                if (!clipOf.containsKey(id)) {
                    return json(404, "{\"detail\":\"no such job\"}");
                }
                Phase phase = call == Call.STATUS ? advance(id) : phaseOf(id);
                return call == Call.STATUS ? protocol.status(id, phase, this) : protocol.result(id, phase, this);
            }
            case CANCEL -> {
                String id = protocol.jobId(r);
                cancelledJobs.add(id);
                MockResponse m = protocol.cancelled(id);
                return m != null ? m : json(404, "{}");
            }
            default -> {
                MockResponse own = protocol.other(r, this);
                if (own != null) {
                    return own;
                }
                return json(404, "{\"detail\":\"not found: " + r.getMethod() + " " + r.getTarget() + "\"}");
            }
        }
    }

    private Phase advance(String id) {
        reads.merge(id, 1, Integer::sum);
        return phaseOf(id);
    }

    Phase phaseOf(String id) {
        if (cancelledJobs.contains(id)) {
            return Phase.CANCELLED;
        }
        int n = reads.getOrDefault(id, 0);
        if (n <= readsPerPhase) {
            return Phase.QUEUED;
        }
        if (n <= 2 * readsPerPhase) {
            return Phase.RUNNING;
        }
        return failWith != null ? Phase.FAILED : Phase.SUCCEEDED;
    }

    private MockResponse file(RecordedRequest r) {
        String name = r.getUrl().encodedPath().substring("/files/".length());
        String id = name.substring(0, name.lastIndexOf('.'));
        if (!protocol.fileAllowed(r)) {
            return json(403, "{\"error\":{\"code\":403,\"message\":\"missing key\"}}");
        }
        MockResponse fault = fileFaults.poll();
        if (fault != null) {
            return fault;
        }
        byte[] clip = Clips.mp4(clipOf.getOrDefault(id, 0));
        String range = r.getHeaders().get("Range");
        if (range != null && range.startsWith("bytes=")) {
            int from = Integer.parseInt(range.substring(6, range.indexOf('-')));
            return new MockResponse.Builder().code(206).addHeader("Content-Type", "video/mp4")
                    .addHeader("Content-Range", "bytes " + from + "-" + (clip.length - 1) + "/" + clip.length)
                    .body(new Buffer().write(clip, from, clip.length - from)).build();
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "video/mp4")
                .body(new Buffer().write(clip)).build();
    }

    /** The first {@code n} bytes of the clip, announced as the whole, then the connection closes. */
    MockResponse truncated(int clip, int n) {
        byte[] b = Clips.mp4(clip);
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "video/mp4")
                .body(new Buffer().write(b, 0, n)).setHeader("Content-Length", Integer.toString(b.length))
                .onResponseEnd(new SocketEffect.CloseSocket()).build();
    }

    /** A response whose connection drops after the request arrived: the caller cannot know what happened. */
    static MockResponse dropAfterRequest() {
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    long submitsAccepted() {
        return accepted.get();
    }

    @Override
    public void close() {
        server.close();
    }
}
