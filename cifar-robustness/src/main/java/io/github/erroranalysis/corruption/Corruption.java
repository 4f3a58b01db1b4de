package io.github.erroranalysis.corruption;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One CIFAR-10-C corruption: the 15 standard ones that RobustBench averages, then the 4 extras, in the reference's
 * order; {@link #apply} is a pure function of (image, severity, seed).
 *
 * <p>An image is the library's layout, as {@code CifarDataset.pixels(i)} returns it: 3,072 bytes, the red plane,
 * then the green, then the blue, each 32 rows of 32 pixels. The result is a new array in the same layout; the input
 * is never changed. Like the reference, which stores {@code np.uint8(output)}, values are clipped to [0, 255] and
 * truncated, not rounded.
 */
public enum Corruption {
    /** Additive Gaussian noise. */
    GAUSSIAN_NOISE("gaussian_noise", true, true),
    /** Poisson (shot) noise. */
    SHOT_NOISE("shot_noise", true, true),
    /** Salt-and-pepper noise. */
    IMPULSE_NOISE("impulse_noise", true, true),
    /** A defocused lens: a disk kernel. */
    DEFOCUS_BLUR("defocus_blur", true, false),
    /** Frosted glass: blur, local pixel shuffles, blur. */
    GLASS_BLUR("glass_blur", true, true),
    /** Camera motion at a random angle. */
    MOTION_BLUR("motion_blur", true, true),
    /** Zooming during the exposure. */
    ZOOM_BLUR("zoom_blur", true, false),
    /** Falling snow. */
    SNOW("snow", true, true),
    /** Frost on the lens, from the reference's frost photos. */
    FROST("frost", true, true),
    /** Fog: a plasma fractal. */
    FOG("fog", true, true),
    /** Brighter: the HSV value raised. */
    BRIGHTNESS("brightness", true, false),
    /** Less contrast: pixels pulled to each channel's mean. */
    CONTRAST("contrast", true, false),
    /** Elastic deformation. */
    ELASTIC_TRANSFORM("elastic_transform", true, true),
    /** Pixelation: box down-sampling and back. */
    PIXELATE("pixelate", true, false),
    /** JPEG compression at the reference's qualities. */
    JPEG_COMPRESSION("jpeg_compression", true, false),
    /** Multiplicative Gaussian noise (extra). */
    SPECKLE_NOISE("speckle_noise", false, true),
    /** Gaussian blur (extra). */
    GAUSSIAN_BLUR("gaussian_blur", false, false),
    /** Water or mud spatter (extra). */
    SPATTER("spatter", false, true),
    /** Saturation changed in HSV (extra). */
    SATURATE("saturate", false, false);

    /** The lowest severity. */
    public static final int MIN_SEVERITY = 1;

    /** The highest severity. */
    public static final int MAX_SEVERITY = 5;

    /** The number of bytes of one image: 3 planes of 32×32. */
    public static final int IMAGE_BYTES = Planes.IMAGE_BYTES;

    private final String id;
    private final boolean standard;
    private final boolean random;

    Corruption(String id, boolean standard, boolean random) {
        this.id = id;
        this.standard = standard;
        this.random = random;
    }

    /**
     * Returns the reference's name, as in CIFAR-10-C's file names and the CLI ({@code gaussian_noise}).
     *
     * @return the name
     */
    public String id() {
        return id;
    }

    /**
     * Says whether this is one of the 15 standard corruptions that the mean corruption accuracy averages.
     *
     * @return true for the standard 15, false for the 4 extras
     */
    public boolean standard() {
        return standard;
    }

    /**
     * Says whether the result depends on the seed.
     *
     * @return true for a random corruption
     */
    public boolean random() {
        return random;
    }

    /**
     * Returns the 15 standard corruptions in the reference's order.
     *
     * @return the standard corruptions
     */
    public static List<Corruption> standardCorruptions() {
        return Arrays.stream(values()).filter(Corruption::standard).toList();
    }

    /**
     * Returns the 4 extra corruptions in the reference's order.
     *
     * @return the extras
     */
    public static List<Corruption> extraCorruptions() {
        return Arrays.stream(values()).filter(c -> !c.standard()).toList();
    }

    /**
     * Finds a corruption by its reference name (case-insensitive; {@code -} may stand for {@code _}).
     *
     * @param name a name such as {@code gaussian_noise}
     * @return the corruption
     * @throws IllegalArgumentException naming the value and the names known
     */
    public static Corruption byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Corruption c : values()) {
            if (c.id.equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown corruption '" + name + "'; known: "
                + Arrays.stream(values()).map(Corruption::id).collect(Collectors.joining(", ")));
    }

    /**
     * Checks a severity.
     *
     * @param severity the severity
     * @return the severity
     * @throws IllegalArgumentException if it is not 1 to 5
     */
    public static int checkSeverity(int severity) {
        if (severity < MIN_SEVERITY || severity > MAX_SEVERITY) {
            throw new IllegalArgumentException("severity " + severity + " is not between " + MIN_SEVERITY + " and "
                    + MAX_SEVERITY);
        }
        return severity;
    }

    /**
     * Corrupts one image; a pure function: the same image, severity and seed always give the same bytes, and the
     * seed is ignored by a deterministic corruption.
     *
     * @param image 3,072 bytes, planar RGB (red plane, green plane, blue plane, each 32×32 row by row)
     * @param severity 1 to 5
     * @param seed the seed of a random corruption
     * @return a new array of 3,072 bytes in the same layout
     * @throws IllegalArgumentException if the image is not 3,072 bytes or the severity is not 1 to 5
     */
    public byte[] apply(byte[] image, int severity, long seed) {
        if (image == null || image.length != IMAGE_BYTES) {
            throw new IllegalArgumentException("an image is " + IMAGE_BYTES + " bytes (32x32 RGB planes), not "
                    + (image == null ? "null" : image.length));
        }
        int s = checkSeverity(severity);
        return switch (this) {
            case GAUSSIAN_NOISE -> Noise.gaussianNoise(image, s, seed);
            case SHOT_NOISE -> Noise.shotNoise(image, s, seed);
            case IMPULSE_NOISE -> Noise.impulseNoise(image, s, seed);
            case SPECKLE_NOISE -> Noise.speckleNoise(image, s, seed);
            case DEFOCUS_BLUR -> Blur.defocusBlur(image, s);
            case GAUSSIAN_BLUR -> Blur.gaussianBlur(image, s);
            case ZOOM_BLUR -> Blur.zoomBlur(image, s);
            case GLASS_BLUR -> Geometric.glassBlur(image, s, seed);
            case ELASTIC_TRANSFORM -> Geometric.elasticTransform(image, s, seed);
            case MOTION_BLUR -> Motion.motionBlur(image, s, seed);
            case SNOW -> Motion.snow(image, s, seed);
            case SPATTER -> Spatter.spatter(image, s, seed);
            case FOG -> Weather.fog(image, s, seed);
            case FROST -> Weather.frost(image, s, seed);
            case BRIGHTNESS -> Colour.brightness(image, s);
            case CONTRAST -> Colour.contrast(image, s);
            case SATURATE -> Colour.saturate(image, s);
            case PIXELATE -> Pixels.pixelate(image, s);
            case JPEG_COMPRESSION -> Pixels.jpegCompression(image, s);
        };
    }

    /**
     * Returns the reference name.
     *
     * @return {@link #id()}
     */
    @Override
    public String toString() {
        return id;
    }
}
