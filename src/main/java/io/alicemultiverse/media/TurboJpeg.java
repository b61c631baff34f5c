package io.alicemultiverse.media;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

import java.io.IOException;


/**
 * Greyscale (and, for a flat picture's mean colour, RGB) JPEG decoding scaled in the DCT domain, through the system's
 * TurboJPEG library (libjpeg-turbo's {@code libturbojpeg}: Debian/Ubuntu {@code libturbojpeg0}, Homebrew
 * {@code jpeg-turbo}), when it is installed.
 *
 * <p>Why: a perceptual hash needs a 32 × 32 picture, and a JPEG stores each 8 × 8 block's mean as its DC coefficient.
 * Asking libjpeg for a 1/8-scale picture skips the inverse DCT of every block and the colour conversion, and what
 * comes out is the exact block means. ImageIO exposes no scaled decode (its subsampling runs after a full decode), so
 * the JDK's own decoder spends most of a JPEG's hashing time on pixels that are thrown away. No Java binding of
 * TurboJPEG is served by Maven Central for this platform; like {@link Libdeflate} this is JNA direct mapping of the
 * few functions of its stable 2.x API (also exported by 3.x).
 *
 * <p>Without the library, or with {@code -Dalice.turbojpeg=false}, {@link #available()} is false and callers decode
 * with ImageIO. Thread-safe: a decompressor handle is made per call.
 */
final class TurboJpeg {
    /** {@code TJPF_GRAY}: one byte a pixel, the luma (Y) channel. */
    private static final int PF_GRAY = 6;
    /** {@code TJPF_RGB}: three bytes a pixel, red, green, blue. */
    private static final int PF_RGB = 0;
    /** {@code TJCS_CMYK} and {@code TJCS_YCCK}: libjpeg cannot convert these to grey. */
    private static final int CS_CMYK = 3;
    private static final int CS_YCCK = 4;
    /** {@code TJERR_WARNING}: the image was decoded, with a complaint (for example data cut short, filled grey). */
    private static final int ERR_WARNING = 0;
    /** {@code TJFLAG_LIMITSCANS}: refuse progressive files with more than 500 scans (a decoding-time bomb). */
    private static final int FLAG_LIMITSCANS = 32768;
    private static final boolean AVAILABLE = load();

    private TurboJpeg() {
    }

    static boolean available() {
        return AVAILABLE;
    }

    /** A JPEG's header: its size and colour space ({@code TJCS_*}). */
    record Header(int width, int height, int colorspace) {
        boolean greyable() {
            return colorspace != CS_CMYK && colorspace != CS_YCCK;
        }
    }

    /**
     * A decoded picture, {@code width × height} pixels row by row (one byte a pixel from {@link #gray}, three from
     * {@link #rgb}), at {@code eighths}/8 of the size its {@code header} gives.
     */
    record Pixels(Header header, int eighths, int width, int height, byte[] pixels) {
    }

    /** Thrown when TurboJPEG refuses the data; the caller may try another decoder. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    /** Picks the scale once the header is known: 1, 2, 4 or 8 eighths, or 0 to decode nothing. */
    @FunctionalInterface
    interface Scale {
        int eighths(Header header) throws IOException;
    }

    /**
     * Decodes {@code jpeg[0 .. length)} to grey at the scale {@code scale} picks from its header, each side rounded
     * up; null when {@code scale} declines. The bytes are copied to native memory once and one decompressor reads
     * both the header and the image. Data cut short decodes with the missing part grey, as libjpeg and ImageIO do.
     *
     * @throws Failure     when it is not a JPEG TurboJPEG can decode
     * @throws IOException what {@code scale} throws
     */
    static Pixels gray(byte[] jpeg, int length, Scale scale) throws Failure, IOException {
        return decode(jpeg, length, scale, PF_GRAY, 1);
    }

    /**
     * Like {@link #gray} in colour: the returned picture's {@code pixels} hold three bytes a pixel (red, green,
     * blue). libjpeg converts to RGB after scaling, so at 1/8 each pixel is the colour of a block's mean Y, Cb, Cr.
     */
    static Pixels rgb(byte[] jpeg, int length, Scale scale) throws Failure, IOException {
        return decode(jpeg, length, scale, PF_RGB, 3);
    }

    private static Pixels decode(byte[] jpeg, int length, Scale scale, int pixelFormat, int bytesPerPixel)
            throws Failure, IOException {
        try (Memory in = new Memory(Math.max(1, length))) {
            in.write(0, jpeg, 0, length);
            NativeLong size = new NativeLong(length);
            Pointer t = handle();
            try {
                int[] w = new int[1];
                int[] ht = new int[1];
                int[] sub = new int[1];
                int[] cs = new int[1];
                if (tjDecompressHeader3(t, in, size, w, ht, sub, cs) != 0) {
                    throw new Failure(error(t));
                }
                Header header = new Header(w[0], ht[0], cs[0]);
                int eighths = scale.eighths(header);
                if (eighths == 0) {
                    return null;
                }
                int width = scaled(header.width(), eighths);
                int height = scaled(header.height(), eighths);
                int pitch = Math.multiplyExact(width, bytesPerPixel);
                try (Memory out = new Memory(Math.multiplyExact(pitch, height))) {
                    // asked for width × height, TurboJPEG picks the largest scaling factor that fits: eighths/8
                    if (tjDecompress2(t, in, size, out, width, pitch, height, pixelFormat, FLAG_LIMITSCANS) != 0
                            && tjGetErrorCode(t) != ERR_WARNING) {
                        throw new Failure(error(t));
                    }
                    return new Pixels(header, eighths, width, height, out.getByteArray(0, pitch * height));
                }
            } finally {
                tjDestroy(t);
            }
        }
    }

    /** libjpeg's rounding of a scaled side: {@code ceil(side · eighths / 8)}. */
    static int scaled(int side, int eighths) {
        return (side * eighths + 7) / 8;
    }

    private static Pointer handle() {
        Pointer h = tjInitDecompress();
        if (h == null) {
            throw new OutOfMemoryError("tjInitDecompress");
        }
        return h;
    }

    private static String error(Pointer handle) {
        Pointer s = tjGetErrorStr2(handle);
        return s == null ? "TurboJPEG error" : s.getString(0);
    }

    private static boolean load() {
        return NativeBinding.register(TurboJpeg.class, "alice.turbojpeg", "turbojpeg", "libturbojpeg.so.0");
    }

    private static native Pointer tjInitDecompress();

    private static native int tjDecompressHeader3(Pointer handle, Pointer jpegBuf, NativeLong jpegSize, int[] width,
                                                  int[] height, int[] jpegSubsamp, int[] jpegColorspace);

    private static native int tjDecompress2(Pointer handle, Pointer jpegBuf, NativeLong jpegSize, Pointer dstBuf,
                                            int width, int pitch, int height, int pixelFormat, int flags);

    private static native int tjGetErrorCode(Pointer handle);

    private static native Pointer tjGetErrorStr2(Pointer handle);

    private static native int tjDestroy(Pointer handle);
}
