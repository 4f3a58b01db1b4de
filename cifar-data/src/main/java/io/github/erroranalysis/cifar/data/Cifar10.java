package io.github.erroranalysis.cifar.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The entry point to CIFAR-10: opens the official binary release and names its classes.
 */
public final class Cifar10 {

    /** The ten CIFAR-10 class names in label order, as in the official {@code batches.meta.txt}. */
    public static final List<String> CLASS_NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private Cifar10() {
    }

    /**
     * Opens a CIFAR-10 binary release without reading it yet.
     *
     * @param path the official {@code cifar-10-binary.tar.gz} (streamed, never unpacked), its
     *             {@code cifar-10-batches-bin} folder, or a folder that contains that folder
     * @return the release; call {@link CifarArchive#train()} or {@link CifarArchive#test()} to read images
     * @throws IOException if the path does not exist or is of another kind
     */
    public static CifarArchive open(Path path) throws IOException {
        return CifarArchive.open(path);
    }

    /**
     * Downloads the official archive into {@code ~/.cache/cifar10} unless it is already there and verified, then
     * opens it.
     *
     * @return the official release, read from the cached {@code cifar-10-binary.tar.gz}
     * @throws IOException if the download fails or does not match the official MD5
     * @see CifarDownloader
     */
    public static CifarArchive download() throws IOException {
        return open(CifarDownloader.official().download());
    }

    /**
     * Reads a folder of photos with one subfolder per class (class names = sorted subfolder names).
     *
     * @param folder the folder holding one subfolder per class
     * @return the images, resized to 32×32 as {@link CifarImages} describes, with their relative paths as origins
     * @throws IOException if the folder is missing, a class folder is empty or an image is unreadable
     * @see ImageFolder
     */
    public static CifarDataset readImageFolder(Path folder) throws IOException {
        return ImageFolder.read(folder);
    }
}
