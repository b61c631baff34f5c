#!/usr/bin/env python3
"""Makes the organize benchmark's inbox from the inspect corpus: the same 10,000 files, each made unique (an extra
PNG tEXt chunk before IEND, or bytes after a JPEG's EOI, which decoders ignore) so that no file is a duplicate of
another, spread over project folders. JPEGs are re-encoded at 512x512 (the issue's size; the inspect corpus has
~1 Mpx JPEGs) with ffmpeg at the highest quality, keeping their metadata segments. Deterministic.

    python3 bench/make_organize_corpus.py [SRC] [DST]    # defaults: bench-data/inspect bench-data/organize-inbox
    python3 bench/make_organize_corpus.py --distinct-prompts 1.0 bench-data/inspect bench-data/organize-distinct

--distinct-prompts SHARE makes a real inbox instead, where nearly every prompt differs: that share of the files
(chosen evenly, deterministically) gets a prompt of its own, 20-40 words from a vocabulary of subjects, settings,
styles and details, in place of the sample's prompt wherever the file carries it: every PNG text chunk (tEXt, iTXt,
zTXt: A1111 parameters, ComfyUI/InvokeAI/Fooocus/NovelAI JSON) that holds a known sample prompt, and the JPEG's EXIF
UserComment (rewritten as A1111 writes it). Files whose prompt is only in stealth alpha bits, or which carry none
(some ComfyUI graphs), keep what they have; the script prints how many prompts it replaced.
"""
import hashlib
import json
import os
import random
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_inspect_corpus import a1111_text, exif_usercomment_app1  # noqa: E402

SUBJECTS = ["red fox", "snow leopard", "giant tortoise", "jellyfish", "octopus", "sea turtle", "humpback whale",
            "tiger", "lion", "lynx", "golden retriever", "tabby cat", "barn owl", "hummingbird", "koi fish",
            "old fisherman", "young woman with freckles", "samurai", "astronaut", "knight in armor", "street musician",
            "ballet dancer", "vintage motorcycle", "steam locomotive", "sailing ship", "red sports car", "hot air balloon",
            "bowl of ramen", "stack of pancakes", "sushi platter", "lighthouse", "gothic cathedral", "treehouse",
            "space station", "ancient temple", "windmill", "dragon", "robot", "wizard", "mermaid"]
ACTIONS = ["standing", "resting", "running", "looking at the camera", "walking away", "in the foreground",
           "seen from above", "half hidden", "surrounded by flowers", "reflected in water", "under an umbrella",
           "in silhouette", "close-up portrait", "full body shot", "in motion blur"]
SETTINGS = ["on a beach", "in a snowy forest", "in a neon-lit alley", "in a desert at dusk", "on a mountain ridge",
            "in a rainy city street", "in a sunflower field", "inside a cozy cabin", "in a coral reef",
            "on a frozen lake", "in a misty jungle", "at a night market", "in a Victorian library", "on a rooftop",
            "in a bamboo grove", "on a lunar surface", "in a flooded subway", "at a harbor at sunrise"]
STYLES = ["photorealistic", "oil painting", "watercolor", "ukiyo-e woodblock print", "pixel art", "3d render",
          "charcoal sketch", "art nouveau poster", "cinematic still", "studio ghibli style", "vaporwave",
          "film noir", "low poly", "baroque painting", "analog film photo", "ink wash painting"]
DETAILS = ["golden hour", "volumetric fog", "soft rim light", "dramatic clouds", "bokeh", "35mm", "f/1.8",
           "high contrast", "pastel colors", "muted tones", "long exposure", "overcast light", "candlelight",
           "aurora in the sky", "falling snow", "light rain", "dust particles", "lens flare", "sharp focus",
           "intricate details", "8k", "trending on artstation", "award winning", "by greg rutkowski",
           "by alphonse mucha", "by hokusai", "hdr", "wide angle", "macro", "symmetrical composition"]


def distinct_prompt(n, seen):
    """A prompt of 20-40 words for file n, different from every one in seen (deterministic)."""
    r = random.Random(n * 7919 + 17)
    while True:
        words = [r.choice(SUBJECTS), r.choice(ACTIONS), r.choice(SETTINGS), r.choice(STYLES)]
        words += r.sample(DETAILS, r.randrange(4, 9))
        p = ", ".join(words)
        if p not in seen:
            seen.add(p)
            return p


def known_prompts():
    """The prompts the inspect corpus copies from the shared samples, longest first (so none cuts another)."""
    samples = os.environ.get("ALICE_SAMPLES", "/work/shared/samples")
    found = {"photo of a goose", "a circle", "photo of a duck"}
    try:
        for v in json.load(open(os.path.join(samples, "expected.json"))).values():
            if isinstance(v, dict) and v.get("prompt"):
                found.add(v["prompt"])
    except OSError:
        pass
    return sorted(found, key=len, reverse=True)


def png_chunks(data):
    i = 8
    while i < len(data):
        n, = struct.unpack(">I", data[i:i + 4])
        yield data[i + 4:i + 8], data[i + 8:i + 8 + n], data[i:i + 12 + n]
        i += 12 + n


def png_chunk(ctype, body):
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body))


def replace_text(text, prompts, new):
    for p in prompts:
        for form in (p, json.dumps(p)[1:-1]):
            if form in text:
                return text.replace(form, new), True
    return text, False


def png_with_prompt(data, prompts, new):
    """The PNG with every text chunk that holds a known prompt rewritten to hold `new` instead."""
    out, done = [data[:8]], False
    for ctype, body, raw in png_chunks(data):
        if ctype in (b"tEXt", b"zTXt", b"iTXt") and b"\0" in body:
            key, rest = body.split(b"\0", 1)
            try:
                if ctype == b"tEXt":
                    text, hit = replace_text(rest.decode("latin-1"), prompts, new)
                    body = key + b"\0" + text.encode("latin-1") if hit else body
                elif ctype == b"zTXt":
                    text, hit = replace_text(zlib.decompress(rest[1:]).decode("latin-1"), prompts, new)
                    body = key + b"\0" + rest[:1] + zlib.compress(text.encode("latin-1")) if hit else body
                else:
                    flag, method, rest2 = rest[0], rest[1], rest[2:]
                    lang, rest3 = rest2.split(b"\0", 1)
                    tkey, txt = rest3.split(b"\0", 1)
                    plain = zlib.decompress(txt) if flag else txt
                    text, hit = replace_text(plain.decode("utf-8"), prompts, new)
                    if hit:
                        enc = text.encode("utf-8")
                        body = (key + b"\0" + bytes([flag, method]) + lang + b"\0" + tkey + b"\0"
                                + (zlib.compress(enc) if flag else enc))
            except (ValueError, zlib.error, UnicodeDecodeError):
                hit = False
            if hit:
                done = True
                raw = png_chunk(ctype, body)
        out.append(raw)
    return b"".join(out), done


def jpeg_with_prompt(data, n, new):
    """The JPEG with its EXIF APP1 replaced by one whose UserComment holds an A1111 infotext with `new`."""
    i = 2
    while i + 4 <= len(data) and data[i] == 0xFF and 0xE0 <= data[i + 1] <= 0xEF:
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if data[i + 1] == 0xE1 and data[i + 4:i + 10] == b"Exif\0\0":
            return data[:i] + exif_usercomment_app1(a1111_text(n, new)) + data[i + 2 + length:], True
        i += 2 + length
    return data, False


args = sys.argv[1:]
share = None
if args[:1] == ["--distinct-prompts"]:
    share = float(args[1])
    args = args[2:]
    if not 0 <= share <= 1:
        raise SystemExit("--distinct-prompts takes a share between 0 and 1")
prompts, seen, replaced = known_prompts(), set(), 0
src = args[0] if len(args) > 0 else "bench-data/inspect"
dst = args[1] if len(args) > 1 else "bench-data/organize-inbox"
if os.path.exists(dst):
    shutil.rmtree(dst)
n = 0
for base, _, names in sorted(os.walk(src)):
    for name in sorted(names):
        data = open(os.path.join(base, name), "rb").read()
        tag = b"bench-unique-%06d" % n
        is_png = data[:8] == b"\x89PNG\r\n\x1a\n"
        if data[:2] == b"\xff\xd8":
            data = jpeg_512(data)
        # evenly spread: file n is chosen when the share's running total passes an integer at n
        if share is not None and int((n + 1) * share) > int(n * share):
            new = distinct_prompt(n, seen)
            data, hit = png_with_prompt(data, prompts, new) if is_png else jpeg_with_prompt(data, n, new) \
                if data[:2] == b"\xff\xd8" else (data, False)
            replaced += hit
        if is_png and data[-12:-8] == b"\x00\x00\x00\x00":
            body = b"alice-bench\x00" + tag
            chunk = struct.pack(">I", len(body)) + b"tEXt" + body + struct.pack(">I", zlib.crc32(b"tEXt" + body))
            data = data[:-12] + chunk + data[-12:]
        else:
            data = data + tag
        project = "client-%d" % (n % 4) if n % 5 else ""
        folder = os.path.join(dst, project)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
        n += 1
print(f"{n} unique files in {dst}" + (f"; {replaced} given a distinct prompt" if share is not None else ""))
