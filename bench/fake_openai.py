#!/usr/bin/env python3
"""A fake OpenAI Chat Completions server for the understand benchmarks (stdlib only).

    python3 bench/fake_openai.py PORT [DELAY_SECONDS]      # prints the port it listens on (PORT 0: any free one)

POST /v1/chat/completions: waits DELAY_SECONDS (default 0.5), then answers in the documented response shape with one
result per image_url in the request and usage modelled on the documented accounting (350 instruction tokens a
request + 765 per 1024 px image; 120 output tokens per image). GET /count: requests answered so far.
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DELAY = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
count = 0
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.reply(200, {"requests": count})

    def do_POST(self):
        global count
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if not self.headers.get("Authorization", "").startswith("Bearer "):
            return self.reply(401, {"error": {"message": "no key"}})
        images = sum(1 for c in body["messages"][0]["content"] if c.get("type") == "image_url")
        time.sleep(DELAY)
        with lock:
            count += 1
        results = [{"index": i + 1, "description": "A fox in blue snow.",
                    "tags": {"subject": ["fox"], "colour": ["blue"], "mood": ["calm"]}} for i in range(images)]
        tokens_in, tokens_out = 350 + 765 * images, 120 * images
        self.reply(200, {"id": "chatcmpl-bench", "object": "chat.completion", "created": int(time.time()),
                         "model": body.get("model"),
                         "choices": [{"index": 0, "finish_reason": "stop",
                                      "message": {"role": "assistant", "content": json.dumps({"images": results})}}],
                         "usage": {"prompt_tokens": tokens_in, "completion_tokens": tokens_out,
                                   "total_tokens": tokens_in + tokens_out}})


server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
print(server.server_address[1], flush=True)  # the port (useful with PORT 0)
server.serve_forever()
