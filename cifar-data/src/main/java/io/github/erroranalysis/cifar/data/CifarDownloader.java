package io.github.erroranalysis.cifar.data;

import io.github.erroranalysis.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the CIFAR-10 binary archive into a cache folder, once: with a progress bar on standard error, checking
 * its size and MD5, written atomically (a temporary file in the cache folder, renamed when verified).
 *
 * <p>{@link #official()} fetches {@value #OFFICIAL_URL} into {@code ~/.cache/cifar10}; the address, the expected MD5
 * and size, and the cache folder can all be chosen (tests serve a small archive from a local server). A file
 * already in the cache with the expected MD5 is not downloaded again; one with another MD5 is removed and fetched
 * again. A download with the wrong size or MD5 is removed, and the message gives the expected and actual values.
 *
 * @param uri         where to fetch the archive ({@code http} or {@code https}); its last path segment names the file
 * @param md5         the expected MD5 of the archive, 32 hexadecimal digits
 * @param size        the expected size of the archive in bytes
 * @param cacheFolder the folder that keeps the downloaded archive
 */
public record CifarDownloader(URI uri, String md5, long size, Path cacheFolder) {

    /** Address of the official CIFAR-10 binary archive. */
    public static final String OFFICIAL_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    /** MD5 of the official archive. */
    public static final String OFFICIAL_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    /** Size of the official archive in bytes. */
    public static final long OFFICIAL_SIZE = 170_052_171L;

    private static final Logger LOG = LoggerFactory.getLogger(CifarDownloader.class);
    private static final int BUFFER = 1 << 16;

    /**
     * Creates a downloader, checking the address, the MD5 and the size.
     *
     * @param uri         where to fetch the archive
     * @param md5         the expected MD5, 32 hexadecimal digits (either case)
     * @param size        the expected size in bytes, at least 1
     * @param cacheFolder the cache folder
     */
    public CifarDownloader {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(cacheFolder, "cacheFolder");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("uri " + uri + " must be http or https");
        }
        if (fileNameOf(uri).isEmpty()) {
            throw new IllegalArgumentException("uri " + uri + " must end in a file name");
        }
        if (md5 == null || !md5.matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("md5 must be 32 hexadecimal digits, got " + md5);
        }
        md5 = md5.toLowerCase(Locale.ROOT);
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1 byte, got " + size);
        }
    }

    /**
     * Returns the downloader of the official archive into the default cache folder.
     *
     * @return a downloader for {@value #OFFICIAL_URL} into {@link #defaultCacheFolder()}
     */
    public static CifarDownloader official() {
        return new CifarDownloader(URI.create(OFFICIAL_URL), OFFICIAL_MD5, OFFICIAL_SIZE, defaultCacheFolder());
    }

    /**
     * Returns the default cache folder, {@code ~/.cache/cifar10}.
     *
     * @return the folder under the user's home
     */
    public static Path defaultCacheFolder() {
        return Path.of(System.getProperty("user.home"), ".cache", "cifar10");
    }

    /**
     * Returns the same downloader with another cache folder.
     *
     * @param folder the cache folder
     * @return a new downloader
     */
    public CifarDownloader withCacheFolder(Path folder) {
        return new CifarDownloader(uri, md5, size, folder);
    }

    /**
     * Returns where the archive is kept: the cache folder and the last path segment of the address.
     *
     * @return the archive's path in the cache (it may not exist yet)
     */
    public Path file() {
        return cacheFolder.resolve(fileNameOf(uri));
    }

    /**
     * Returns the archive in the cache, downloading it first unless it is already there with the expected MD5.
     *
     * @return the verified archive, ready for {@link Cifar10#open(Path)}
     * @throws CifarFormatException if the download has the wrong size or MD5 (expected and actual in the message;
     *                              the bad file is removed)
     * @throws IOException          if the server does not answer 200 OK or the transfer fails (nothing is left
     *                              behind)
     */
    public Path download() throws IOException {
        Path target = file();
        if (Files.isRegularFile(target)) {
            String actual = md5Of(target);
            if (actual.equals(md5) && Files.size(target) == size) {
                LOG.info("{} is already downloaded and verified (MD5 {})", target, actual);
                return target;
            }
            LOG.warn("{} is present but has MD5 {} and {} bytes (expected {} and {} bytes); downloading it again",
                    target, actual, Files.size(target), md5, size);
            Files.delete(target);
        }
        LOG.info("downloading {} ({} bytes) to {}", uri, String.format(Locale.ROOT, "%,d", size), target);
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + uri);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(uri + ": the server answered HTTP " + response.statusCode()
                        + "; expected 200 with the " + size + "-byte archive");
            }
            AtomicFiles.write(target, out -> {
                MessageDigest digest = newMd5();
                long received = 0;
                try (ProgressBar bar = progressBar()) {
                    byte[] buffer = new byte[BUFFER];
                    for (int n; (n = body.read(buffer)) >= 0; ) {
                        digest.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                        received += n;
                        bar.stepTo(received);
                    }
                }
                if (received != size) {
                    throw new CifarFormatException(uri + ": received " + received + " bytes, expected " + size
                            + "; the partial download was removed");
                }
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!actual.equals(md5)) {
                    throw new CifarFormatException(uri + ": MD5 mismatch for " + target + ": expected " + md5
                            + ", actual " + actual + "; the bad file was removed");
                }
            });
        }
        LOG.info("downloaded and verified {} (MD5 {})", target, md5);
        return target;
    }

    private ProgressBar progressBar() {
        return new ProgressBarBuilder()
                .setTaskName("CIFAR-10")
                .setInitialMax(size)
                .setUnit(" MiB", 1 << 20)
                .showSpeed()
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(System.err, 100))
                .build();
    }

    /** Computes the MD5 of a file as 32 lowercase hexadecimal digits. */
    static String md5Of(Path file) throws IOException {
        MessageDigest digest = newMd5();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    private static String fileNameOf(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
