#!/usr/bin/env python3
"""Builds the `alice inspect` benchmark corpus (see make-inspect-corpus.sh, which checks the tools first).

Pixels: a few dozen distinct base images rendered by ffmpeg (testsrc2 + hue shift + grain, sized so that the files
weigh about 0.5 MB, like real 512-1024 px generations). Metadata: the real generator metadata of the shared samples
(/work/shared/samples, from sd-parsers, MIT) copied onto them byte for byte:

  * PNG, RGB, no alpha (60 %): the sample's tEXt chunks (A1111 `parameters`, ComfyUI `prompt` + `workflow`, Fooocus
    `parameters` + `fooocus_scheme`, InvokeAI `Dream` / `sd-metadata` / `invokeai_metadata`, NovelAI
    `Title`/`Description`/`Software`/`Source`/`Comment`) inserted after IHDR, as the generators write them, and the
    image data re-chunked into 64 KiB IDAT chunks like PIL (which those generators save with) writes;
  * JPEG (35 %): an EXIF APP1 with UserComment `UNICODE\\0` + UTF-16BE infotext, as A1111 (piexif) writes it, half
    of them the sample's APP1 segment verbatim;
  * PNG, RGBA (5 %): alpha channel, which makes alice run its stealth check (a full pixel decode); half carry an A1111
    stealth_pnginfo payload in the alpha LSBs and no text chunk, half a `parameters` chunk and an opaque alpha.

The bases are then copied (plain copies, not links) to COUNT files with distinct names in ten subfolders, the three
kinds interleaved. Deterministic: the same COUNT gives the same corpus.
"""
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SAMPLES = os.environ.get("ALICE_SAMPLES", "/work/shared/samples")

PNG_SIG = b"\x89PNG\r\n\x1a\n"


def chunks(data):
    assert data[:8] == PNG_SIG, "not a PNG"
    i = 8
    while i < len(data):
        n, = struct.unpack(">I", data[i:i + 4])
        yield data[i + 4:i + 8], data[i:i + 12 + n]
        i += 12 + n


def chunk(ctype, payload):
    return struct.pack(">I", len(payload)) + ctype + payload + struct.pack(">I", zlib.crc32(ctype + payload))


def text_chunks(sample):
    with open(sample, "rb") as f:
        return [raw for t, raw in chunks(f.read()) if t in (b"tEXt", b"zTXt", b"iTXt")]


def with_text(png, extra):
    """The PNG with the given raw chunks inserted right after IHDR, and its image data in 64 KiB IDAT chunks as
    PIL writes them (A1111, ComfyUI, Fooocus, InvokeAI all save through PIL; ffmpeg writes 4 KiB chunks)."""
    out = [PNG_SIG]
    idat = b"".join(raw[8:-4] for t, raw in chunks(png) if t == b"IDAT")
    for t, raw in chunks(png):
        if t == b"IDAT":
            if idat:
                out.extend(chunk(b"IDAT", idat[i:i + 65536]) for i in range(0, len(idat), 65536))
                idat = b""
            continue
        out.append(raw)
        if t == b"IHDR":
            out.extend(extra)
    return b"".join(out)


def a1111_text(seed, prompt="photo of a duck"):
    return (f"{prompt}\nNegative prompt: monochrome\nSteps: 15, Sampler: UniPC, CFG scale: 5, Seed: {seed}, "
            "Size: 512x400, Model hash: c0d1994c73, Model: realistic_realisticVisionV20_v20")


def exif_usercomment_app1(text):
    """APP1 Exif segment: big-endian TIFF, IFD0 -> ExifIFD -> UserComment (UNDEFINED, 'UNICODE\\0' + UTF-16BE)."""
    comment = b"UNICODE\0" + text.encode("utf-16-be")
    tiff = bytearray(b"MM\x00\x2a" + struct.pack(">I", 8))
    # IFD0 at 8: one entry (ExifIFD pointer), next IFD 0 -> 8 + 2 + 12 + 4 = 26
    tiff += struct.pack(">H", 1) + struct.pack(">HHII", 0x8769, 4, 1, 26) + struct.pack(">I", 0)
    # ExifIFD at 26: one entry (UserComment), data at 26 + 2 + 12 + 4 = 44
    tiff += struct.pack(">H", 1) + struct.pack(">HHII", 0x9286, 7, len(comment), 44) + struct.pack(">I", 0)
    tiff += comment
    body = b"Exif\0\0" + bytes(tiff)
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def sample_app1():
    with open(os.path.join(SAMPLES, "AUTOMATIC1111/automatic1111_cropped.jpg"), "rb") as f:
        d = f.read()
    i = 2
    while i < len(d):
        marker = d[i + 1]
        n, = struct.unpack(">H", d[i + 2:i + 4])
        if marker == 0xE1 and d[i + 4:i + 10] == b"Exif\0\0":
            return d[i:i + 2 + n]
        i += 2 + n
    raise SystemExit("no EXIF APP1 in the A1111 JPEG sample")


def jpeg_with_app1(jpeg, app1):
    """Inserts the APP1 after SOI and any APP0 (JFIF) segment."""
    assert jpeg[:2] == b"\xff\xd8"
    i = 2
    if jpeg[2:4] == b"\xff\xe0":
        i = 4 + struct.unpack(">H", jpeg[4:6])[0]
    return jpeg[:i] + app1 + jpeg[i:]


def ffmpeg(args):
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y"] + args, check=True)


def render(path, w, h, t, hue, grain, seed, extra_out=(), pix_fmt=None):
    vf = f"testsrc2=s={w}x{h}:r=1,hue=h={hue},noise=alls={grain}:allf=u:all_seed={seed}"
    if pix_fmt:
        vf += f",format={pix_fmt}"
    ffmpeg(["-ss", str(t), "-f", "lavfi", "-i", vf, "-frames:v", "1", *extra_out, path])


def stealth_alpha(rgba, w, h, text):
    """Writes 'stealth_pnginfo' + 32-bit bit length + payload into the alpha LSBs, column by column, MSB first."""
    payload = text.encode("utf-8")
    data = b"stealth_pnginfo" + struct.pack(">I", len(payload) * 8) + payload
    bits = [(byte >> (7 - k)) & 1 for byte in data for k in range(8)]
    assert len(bits) <= w * h
    px = bytearray(rgba)
    for i in range(3, len(px), 4):
        px[i] = 0xFE  # opaque-looking alpha, LSB 0
    for n, bit in enumerate(bits):
        x, y = divmod(n, h)
        px[(y * w + x) * 4 + 3] = 0xFE | bit
    return bytes(px)


def build_bases(tmp):
    rnd = random.Random(3)
    png_sources = (  # (sample, weight in the 60 % PNG share)
        ["AUTOMATIC1111/automatic1111_cropped.png"] * 5
        + ["ComfyUI/img2img_cropped.png", "ComfyUI/night_evening_day_morning_cropped.png",
           "ComfyUI/noisy_latents_3_subjects_cropped.png", "ComfyUI/unclip_2pass_cropped.png"]
        + ["Fooocus/fooocus1_cropped.png"] * 2
        + ["InvokeAI/invokeai_dream1.png", "InvokeAI/invokeai_imeta1.png", "InvokeAI/invokeai_sdmeta1.png"]
        + ["NovelAI/novelai1_cropped.png"] * 2
    )
    sizes_png = [(512, 512), (512, 576), (576, 512)]
    sizes_jpg = [(1024, 1024), (896, 1152), (1152, 896)]
    pngs, jpgs, rgbas = [], [], []
    for k in range(32):
        sample = png_sources[k % len(png_sources)]
        w, h = sizes_png[k % 3]
        base = os.path.join(tmp, f"png{k}.png")
        render(base, w, h, t=k * 7 % 60, hue=rnd.randrange(360), grain=rnd.randrange(17, 21), seed=k)
        with open(base, "rb") as f:
            png = f.read()
        extra = text_chunks(os.path.join(SAMPLES, sample))
        if sample.startswith("AUTOMATIC1111") and k:
            extra = [chunk(b"tEXt", b"parameters\0" + a1111_text(rnd.randrange(2**32)).encode("latin-1"))]
        pngs.append(with_text(png, extra))
    app1 = sample_app1()
    for k in range(20):
        w, h = sizes_jpg[k % 3]
        base = os.path.join(tmp, f"jpg{k}.jpg")
        render(base, w, h, t=(k * 11 + 3) % 60, hue=rnd.randrange(360), grain=rnd.randrange(23, 27), seed=100 + k,
               extra_out=["-q:v", "2"])
        with open(base, "rb") as f:
            jpg = f.read()
        seg = app1 if k % 2 == 0 else exif_usercomment_app1(a1111_text(rnd.randrange(2**32), "photo of a goose"))
        jpgs.append(jpeg_with_app1(jpg, seg))
    for k in range(6):
        w, h = 512, 512
        raw = os.path.join(tmp, f"rgba{k}.raw")
        render(raw, w, h, t=(k * 13 + 5) % 60, hue=rnd.randrange(360), grain=20, seed=200 + k,
               extra_out=["-f", "rawvideo"], pix_fmt="rgba")
        with open(raw, "rb") as f:
            rgba = f.read()
        text = a1111_text(rnd.randrange(2**32), "a circle")
        if k % 2 == 0:
            rgba = stealth_alpha(rgba, w, h, text)
        with open(raw, "wb") as f:
            f.write(rgba)
        out = os.path.join(tmp, f"rgba{k}.png")
        ffmpeg(["-f", "rawvideo", "-pix_fmt", "rgba", "-s", f"{w}x{h}", "-i", raw, "-frames:v", "1", out])
        with open(out, "rb") as f:
            png = f.read()
        png = with_text(png, [chunk(b"tEXt", b"parameters\0" + text.encode("latin-1"))] if k % 2 == 1 else [])
        rgbas.append(png)
    return pngs, jpgs, rgbas


def main():
    target = sys.argv[1]
    count = int(sys.argv[2])
    with tempfile.TemporaryDirectory(prefix="alice-corpus-") as tmp:
        pngs, jpgs, rgbas = build_bases(tmp)
        bases = os.path.join(tmp, "bases")
        os.makedirs(bases)
        files = {}
        for kind, items, ext in (("png", pngs, "png"), ("jpg", jpgs, "jpg"), ("rgba", rgbas, "png")):
            files[kind] = []
            for k, data in enumerate(items):
                p = os.path.join(bases, f"{kind}{k}.{ext}")
                with open(p, "wb") as f:
                    f.write(data)
                files[kind].append(p)
        os.makedirs(target, exist_ok=True)
        folders = 10
        counters = {"png": 0, "jpg": 0, "rgba": 0}
        total = 0
        for i in range(count):
            slot = (i * 37) % 100  # interleaves the kinds: 60 PNG, 35 JPEG, 5 RGBA PNG in every 100 files
            kind = "png" if slot < 60 else "jpg" if slot < 95 else "rgba"
            src = files[kind][counters[kind] % len(files[kind])]
            counters[kind] += 1
            sub = os.path.join(target, f"batch-{i % folders:02d}")
            os.makedirs(sub, exist_ok=True)
            dst = os.path.join(sub, f"gen-{i:05d}{os.path.splitext(src)[1]}")
            shutil.copyfile(src, dst)
            total += os.path.getsize(dst)
        print(f"{count} files ({counters['png']} PNG RGB, {counters['jpg']} JPEG, {counters['rgba']} PNG RGBA) "
              f"from {sum(len(v) for v in files.values())} distinct images, "
              f"{total / 1e9:.2f} GB, average {total / max(count, 1) / 1e6:.3f} MB, in {target}")


if __name__ == "__main__":
    main()
