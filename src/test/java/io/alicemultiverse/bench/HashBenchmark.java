package io.alicemultiverse.bench;

import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.media.HashGrid;
import io.alicemultiverse.hash.PerceptualHash;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.RawPng;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Time to a pHash for 1024² PNG, JPEG and WebP files, against floors: for PNG, inflating the IDAT data alone (any
 * PNG decoder must do at least that); for every format, ImageIO's full-size decode. The WebP is made by
 * {@code ffmpeg -c:v libwebp} (needed). Run:
 * <pre>
 * mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main HashBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HashBenchmark {
    private static final int SIDE = 1024;
    private static final int NOISE = 34;

    private Path dir;
    private Path png;
    private Path jpeg;
    private Path webp;
    private byte[] idat;
    private final byte[] sink = new byte[64 * 1024];

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("hash-bench");
        BufferedImage img = Pictures.photo(42, SIDE, SIDE, NOISE);
        png = dir.resolve("noisy.png");
        jpeg = dir.resolve("noisy.jpg");
        webp = dir.resolve("noisy.webp");
        // filtered row by row like libpng and PIL do (ImageIO writes every row unfiltered, which flatters decoders)
        Files.write(png, RawPng.rgb(img, RawPng.ADAPTIVE));
        ImageIO.write(img, "jpeg", jpeg.toFile());
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", png.toString(), "-c:v", "libwebp",
                "-quality", "80", webp.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg could not write the WebP");
        }
        idat = idatData(Files.readAllBytes(png));
        System.out.printf("%nPNG %d bytes (IDAT %d), JPEG %d bytes, WebP %d bytes%n", Files.size(png), idat.length,
                Files.size(jpeg), Files.size(webp));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** PNG floor: inflate the concatenated IDAT data (already in memory) and discard it. */
    @Benchmark
    public long pngInflateFloor() throws DataFormatException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(idat);
            long total = 0;
            while (!inf.finished()) {
                int n = inf.inflate(sink);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                total += n;
            }
            return total;
        } finally {
            inf.end();
        }
    }

    @Benchmark
    public long pngPHash() throws IOException {
        return PerceptualHash.pHash(HashGrid.grayscale(png, MediaFormat.PNG, HashGrid.HASH_SIZE));
    }

    @Benchmark
    public BufferedImage pngImageIoFull() throws IOException {
        return ImageIO.read(png.toFile());
    }

    @Benchmark
    public long jpegPHash() throws IOException {
        return PerceptualHash.pHash(HashGrid.grayscale(jpeg, MediaFormat.JPEG, HashGrid.HASH_SIZE));
    }

    /** The same through ImageIO's subsampled decode, as when libturbojpeg is not installed. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Dalice.turbojpeg=false")
    public long jpegPHashImageIo() throws IOException {
        return PerceptualHash.pHash(HashGrid.grayscale(jpeg, MediaFormat.JPEG, HashGrid.HASH_SIZE));
    }

    @Benchmark
    public BufferedImage jpegImageIoFull() throws IOException {
        return ImageIO.read(jpeg.toFile());
    }

    @Benchmark
    public long webpPHash() throws IOException {
        return PerceptualHash.pHash(HashGrid.grayscale(webp, MediaFormat.WEBP, HashGrid.HASH_SIZE));
    }

    @Benchmark
    public BufferedImage webpImageIoFull() throws IOException {
        return ImageIO.read(webp.toFile());
    }

    /** The IDAT chunks' data, concatenated: the zlib stream of the image. */
    static byte[] idatData(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int pos = 8; pos + 8 <= file.length; ) {
            int length = b.getInt(pos);
            if (b.getInt(pos + 4) == 0x49444154) {
                out.write(file, pos + 8, length);
            }
            pos += 12 + length;
        }
        return out.toByteArray();
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length > 0 ? args : new String[]{HashBenchmark.class.getSimpleName()});
    }
}
