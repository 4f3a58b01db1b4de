package io.github.erroranalysis.examples;

import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample of the main job, bundled as a resource: 1,000 real CIFAR-10 validation images, 100 per class, that
 * the bundled models never trained on (made by {@link MakeBundledSample}), each with its origin in the training
 * archive, such as {@code data_batch_3.bin#1234}.
 */
public final class BundledSample {

    /** The resource's file name, next to this class. */
    public static final String RESOURCE = "cifar10-validation-sample.tar.gz";
    /** The batch file inside the resource's {@code cifar-10-batches-bin} folder. */
    public static final String BATCH = "validation_sample.bin";
    /** Images per class. */
    public static final int PER_CLASS = 100;
    /** The seed that drew the sample from the validation pile. */
    public static final long SEED = 7;
    /** How the sample is named in reports and messages. */
    public static final String NAME = "bundled sample (1,000 CIFAR-10 validation images, 100 per class)";

    private static final Logger LOG = LoggerFactory.getLogger(BundledSample.class);

    private static volatile CifarDataset cached;

    private BundledSample() {
    }

    /**
     * Reads the bundled sample (once per JVM; the data set is immutable).
     *
     * @return the 1,000 images with their labels and origins
     * @throws IOException if the resource is missing from the class path or cannot be read
     */
    public static CifarDataset load() throws IOException {
        CifarDataset data = cached;
        if (data == null) {
            data = read();
            cached = data;
        }
        return data;
    }

    private static CifarDataset read() throws IOException {
        // CifarArchive reads a Path: copy the resource to a temporary file, read it, delete it
        Path copy = Files.createTempFile("cifar-errors-sample", ".tar.gz");
        try (InputStream in = BundledSample.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the bundled sample " + RESOURCE + " is missing from the class path next to "
                        + BundledSample.class.getName() + "; rebuild the examples module");
            }
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return Cifar10.open(copy).batch(BATCH);
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                LOG.warn("cannot delete the temporary copy {} of the bundled sample: {}", copy, e.getMessage());
            }
        }
    }
}
