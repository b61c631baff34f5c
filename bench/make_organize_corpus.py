#!/usr/bin/env python3
"""Makes the organize benchmark's inbox from the inspect corpus: the same 10,000 files, each made unique (an extra
PNG tEXt chunk before IEND, or bytes after a JPEG's EOI, which decoders ignore) so that no file is a duplicate of
another, spread over project folders. JPEGs are re-encoded at 512x512 (the issue's size; the inspect corpus has
~1 Mpx JPEGs) with ffmpeg at the highest quality, keeping their metadata segments. Deterministic.

    python3 bench/make_organize_corpus.py [SRC] [DST]    # defaults: bench-data/inspect bench-data/organize-inbox
"""
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

_scaled = {}


def jpeg_512(data):
    """The JPEG re-encoded at 512x512 with its APPn/COM segments (the generation metadata) kept."""
    key = hashlib.sha256(data).hexdigest()
    if key not in _scaled:
        with tempfile.TemporaryDirectory() as tmp:
            src, dst = os.path.join(tmp, "in.jpg"), os.path.join(tmp, "out.jpg")
            open(src, "wb").write(data)
            subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", src, "-vf", "scale=512:512", "-q:v", "1",
                            "-map_metadata", "-1", dst], check=True)
            pixels = open(dst, "rb").read()
        # keep the original's metadata segments (SOI, then APPn/COM) in front of the new image's segments
        i, segments = 2, b""
        while i + 4 <= len(data) and data[i] == 0xFF and (0xE0 <= data[i + 1] <= 0xEF or data[i + 1] == 0xFE):
            length = struct.unpack(">H", data[i + 2:i + 4])[0]
            segments += data[i:i + 2 + length]
            i += 2 + length
        j = 2
        while j + 4 <= len(pixels) and pixels[j] == 0xFF and 0xE0 <= pixels[j + 1] <= 0xEF:
            j += 2 + struct.unpack(">H", pixels[j + 2:j + 4])[0]
        _scaled[key] = b"\xff\xd8" + segments + pixels[j:]
    return _scaled[key]

src = sys.argv[1] if len(sys.argv) > 1 else "bench-data/inspect"
dst = sys.argv[2] if len(sys.argv) > 2 else "bench-data/organize-inbox"
if os.path.exists(dst):
    shutil.rmtree(dst)
n = 0
for base, _, names in sorted(os.walk(src)):
    for name in sorted(names):
        data = open(os.path.join(base, name), "rb").read()
        tag = b"bench-unique-%06d" % n
        if data[:8] == b"\x89PNG\r\n\x1a\n" and data[-12:-8] == b"\x00\x00\x00\x00":
            body = b"alice-bench\x00" + tag
            chunk = struct.pack(">I", len(body)) + b"tEXt" + body + struct.pack(">I", zlib.crc32(b"tEXt" + body))
            data = data[:-12] + chunk + data[-12:]
        elif data[:2] == b"\xff\xd8":
            data = jpeg_512(data) + tag
        else:
            data = data + tag
        project = "client-%d" % (n % 4) if n % 5 else ""
        folder = os.path.join(dst, project)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
        n += 1
print(f"{n} unique files in {dst}")
