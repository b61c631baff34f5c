package io.alicemultiverse.media;

import java.util.Arrays;

/**
 * A small greyscale picture: {@code width × height} luminance values in {@code [0, 255]}, row by row. Immutable and
 * thread-safe; the values are copied in and out.
 *
 * <p>Values are luma in the sense of ITU-R BT.601 ({@code 0.299 R + 0.587 G + 0.114 B}) computed on the file's
 * gamma-encoded samples scaled to 8 bits (no colour management), with alpha composited over white. Each value is the
 * exact area-weighted mean of the source pixels under its cell: cell {@code (cx, cy)} covers the source rectangle
 * {@code [cx·W/width, (cx+1)·W/width) × [cy·H/height, (cy+1)·H/height)}, pixels cut by a cell edge counting in
 * proportion to the part inside. See {@link HashGrid} for where a format's decoder departs from this.
 */
public final class GrayImage {
    private final int width;
    private final int height;
    private final float[] values;

    private GrayImage(int width, int height, float[] values) {
        this.width = width;
        this.height = height;
        this.values = values;
    }

    /**
     * A picture from {@code width × height} values in row order (copied).
     *
     * @throws IllegalArgumentException when a side is not positive or the array has the wrong length
     */
    public static GrayImage of(int width, int height, float[] values) {
        if (width <= 0 || height <= 0 || values.length != (long) width * height) {
            throw new IllegalArgumentException("need " + width + "x" + height + " values, got " + values.length);
        }
        return new GrayImage(width, height, values.clone());
    }

    /** Wraps an array the caller gives up (no copy). */
    static GrayImage adopt(int width, int height, float[] values) {
        return new GrayImage(width, height, values);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The value at column {@code x}, row {@code y}. */
    public float get(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + ", " + y + ") outside " + width + "x" + height);
        }
        return values[y * width + x];
    }

    /** A copy of all values, row by row. */
    public float[] toArray() {
        return values.clone();
    }

    /**
     * This picture turned as EXIF orientation {@code orientation} (1–8, see {@link ExifOrientation}) says a viewer
     * shows it: 2 mirrored, 3 turned half a turn, 4 flipped, 5 transposed, 6 turned a quarter clockwise, 7
     * transversed, 8 a quarter anticlockwise. A square area grid of the stored pixels turned this way is the grid of
     * the shown picture. Any other value leaves it as it is.
     */
    public GrayImage oriented(int orientation) {
        if (orientation < 2 || orientation > 8) {
            return this;
        }
        boolean swap = orientation >= 5;
        int w = swap ? height : width;
        int h = swap ? width : height;
        float[] out = new float[values.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = width - 1 - x; sy = y; }
                    case 3 -> { sx = width - 1 - x; sy = height - 1 - y; }
                    case 4 -> { sx = x; sy = height - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = height - 1 - x; }
                    case 7 -> { sx = width - 1 - y; sy = height - 1 - x; }
                    default -> { sx = width - 1 - y; sy = x; }
                }
                out[y * w + x] = values[sy * width + sx];
            }
        }
        return new GrayImage(w, h, out);
    }

    /**
     * This picture area-averaged to {@code newWidth × newHeight} with the same cell rule as the decoders, each value
     * taken as uniform over its cell. Resizing a grid approximates computing the smaller grid from the source (cut
     * cells differ by the unevenness inside them); it is deterministic, which is what hashes need.
     */
    public GrayImage resize(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        AreaGrid grid = new AreaGrid(width, height, newWidth, newHeight);
        float[] row = new float[width];
        for (int y = 0; y < height; y++) {
            System.arraycopy(values, y * width, row, 0, width);
            grid.addRow(row);
        }
        return grid.result();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GrayImage g && g.width == width && g.height == height && Arrays.equals(g.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "GrayImage[" + width + "x" + height + "]";
    }
}
