#!/usr/bin/env python3
"""Copies of a folder's PNGs that differ in their bytes but not their pixels (an extra tEXt chunk before IEND), so
that a library stores each one: `understand_corpus.py SRC DEST COUNT`. Stdlib only."""
import os
import struct
import sys
import zlib

src, dest, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
bases = sorted(os.path.join(src, f) for f in os.listdir(src) if f.endswith(".png"))
os.makedirs(dest, exist_ok=True)
for i in range(count):
    data = open(bases[i % len(bases)], "rb").read()
    body = b"tEXt" + b"copy\x00" + str(i).encode()
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    at = data.rindex(b"IEND") - 4
    with open(os.path.join(dest, "copy-%05d.png" % i), "wb") as f:
        f.write(data[:at] + chunk + data[at:])
