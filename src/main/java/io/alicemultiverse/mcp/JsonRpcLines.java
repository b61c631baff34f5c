package io.alicemultiverse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the stdio transport reads: the client's lines that are JSON-RPC messages, each passed on whole. A line that
 * is not JSON is answered here with a JSON-RPC parse error (-32700), one that is JSON but no JSON-RPC message with an
 * invalid-request error (-32600), and neither reaches the SDK: its transport stops reading at the first line it
 * cannot decode, so one stray line (a shell's echo, a half-written message) left the server deaf and never ending
 * while it kept owning the library. Blank lines are skipped. Reading happens on the transport's reading thread. A
 * valid line is parsed twice, here and by the SDK: MCP messages are small, and the SDK's reader takes only a stream.
 * The end of input reaches the SDK only once the requests read before it are answered ({@code printf '…' | alice
 * mcp} gets its answers).
 */
final class JsonRpcLines extends InputStream {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long requests read before the input ended may still take to be answered. */
    static final long ANSWER_GRACE_MS = 60_000;

    private final BufferedReader in;
    private final LineOutput out;
    private final Runnable atEnd;
    private byte[] line = new byte[0];
    private int pos;
    private boolean ended;

    /**
     * @param out   where the errors are written, a whole line at a time beside the transport's own messages
     * @param atEnd told once when {@code in} ends
     */
    JsonRpcLines(InputStream in, LineOutput out, Runnable atEnd) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.atEnd = atEnd;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return line[pos++] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, line.length - pos);
        System.arraycopy(line, pos, buf, off, n);
        pos += n;
        return n;
    }

    /** Makes sure unread bytes of a valid line wait in {@link #line}; false at the end of input. */
    private boolean fill() throws IOException {
        while (pos >= line.length) {
            if (ended) {
                return false;
            }
            String next = in.readLine();
            if (next == null) {
                ended = true;
                // the SDK closes the session as soon as it reads the end, dropping the answers still being worked
                // out: it is told only once the requests read so far are answered (or after ANSWER_GRACE_MS, for
                // one that waits on the client, such as a consent question)
                try {
                    if (!out.awaitAnswers(ANSWER_GRACE_MS)) {
                        System.getLogger(JsonRpcLines.class.getName()).log(System.Logger.Level.WARNING,
                                "MCP: input ended; requests unanswered after " + ANSWER_GRACE_MS / 1000
                                        + " s are dropped");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                atEnd.run();
                return false;
            }
            if (next.isBlank()) {
                continue;
            }
            String problem = problem(next);
            if (problem == null) {
                out.expectAnswer(next);
                line = (next + "\n").getBytes(StandardCharsets.UTF_8);
                pos = 0;
            } else {
                System.getLogger(JsonRpcLines.class.getName()).log(System.Logger.Level.WARNING,
                        "MCP: ignored a line that is no JSON-RPC message (" + problem + ")");
            }
        }
        return true;
    }

    /** Null when {@code text} is a JSON-RPC message; else what is wrong, after answering the client with it. */
    private String problem(String text) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            answer(null, -32700, "Parse error: the line is not JSON");
            return "not JSON";
        }
        if (node instanceof ObjectNode o && o.path("jsonrpc").isTextual()
                && (o.has("method") || o.has("result") || o.has("error"))) {
            return null;
        }
        JsonNode id = node instanceof ObjectNode o && (o.path("id").isTextual() || o.path("id").isNumber())
                ? o.get("id") : null;
        answer(id, -32600, "Invalid Request: not a JSON-RPC 2.0 message (an object with jsonrpc and a method, "
                + "a result or an error)");
        return "not a JSON-RPC message";
    }

    private void answer(JsonNode id, int code, String message) throws IOException {
        ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id == null ? JSON.nullNode() : id);
        reply.putObject("error").put("code", code).put("message", message);
        out.writeLine(JSON.writeValueAsBytes(reply));
    }

    /**
     * An output stream that hands whole lines on, one at a time: the transport's messages and this class's errors
     * never interleave inside a line.
     */
    static final class LineOutput extends OutputStream {
        private final OutputStream out;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
        /** The ids of the client's requests not answered yet (as JSON text). */
        private final java.util.Set<String> unanswered = new java.util.HashSet<>();

        LineOutput(OutputStream out) {
            this.out = out;
        }

        /** Notes the client's message {@code line}: if it is a request (a method and an id), it awaits an answer. */
        synchronized void expectAnswer(String line) throws IOException {
            JsonNode m = JSON.readTree(line);
            JsonNode id = m.get("id");
            if (m.has("method") && id != null && !id.isNull()) {
                unanswered.add(id.toString());
            }
        }

        /**
         * Waits until every request read so far has been answered, at most {@code millis}; whether they all were.
         * Input may end right after a request (a piped script, a client that has sent its last request): its answer
         * is still owed.
         */
        synchronized boolean awaitAnswers(long millis) throws InterruptedException {
            long end = System.nanoTime() + millis * 1_000_000L;
            while (!unanswered.isEmpty()) {
                long left = (end - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
            return true;
        }

        /** Hands a whole line on, and crosses off the request it answers. */
        private void emit() throws IOException {
            if (!unanswered.isEmpty()) {
                try {
                    JsonNode m = JSON.readTree(pending.toByteArray());
                    JsonNode id = m.get("id");
                    if (id != null && !m.has("method") && unanswered.remove(id.toString())) {
                        notifyAll();
                    }
                } catch (IOException e) {
                    // not JSON: nothing it answers
                }
            }
            pending.writeTo(out);
            pending.reset();
            out.flush();
        }

        @Override
        public synchronized void write(int b) throws IOException {
            pending.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            int from = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    pending.write(b, from, i + 1 - from);
                    emit();
                    from = i + 1;
                }
            }
            pending.write(b, from, off + len - from);
        }

        /** Writes one line (a newline is added); a line the transport has begun is handed on when it ends. */
        synchronized void writeLine(byte[] text) throws IOException {
            out.write(text);
            out.write('\n');
            out.flush();
        }

        @Override
        public synchronized void flush() throws IOException {
            // a partial line waits for its end: the transport ends every message with a newline
        }

        @Override
        public synchronized void close() throws IOException {
            pending.writeTo(out);
            pending.reset();
            out.close();
        }
    }
}
