package io.github.erroranalysis.cifar.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads a small archive from a local HTTP server on loopback; never the internet. */
class CifarDownloaderTest {

    @TempDir
    Path cache;

    private HttpServer server;
    private byte[] archive;
    private String md5;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void serveATinyArchive() throws Exception {
        archive = Tiny.tarGzBytes(Tiny.release(Cifar10.CLASS_NAMES,
                Map.of("data_batch_1.bin", Tiny.cifar(4, "data_batch_1.bin", 1))));
        md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(archive));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data/cifar-10-binary.tar.gz", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, archive.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(archive);
            }
        });
        server.createContext("/data/gone.tar.gz", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI uri(String name) {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + "/data/" + name);
    }

    private List<Path> cacheFiles() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.toList();
        }
    }

    @Test
    void downloads_verifies_and_opens_the_archive_then_reuses_the_cached_copy() throws IOException {
        CifarDownloader downloader = new CifarDownloader(uri("cifar-10-binary.tar.gz"), md5.toUpperCase(),
                archive.length, cache);

        Path file = downloader.download();
        Path again = downloader.download();

        assertThat(file).isEqualTo(cache.resolve("cifar-10-binary.tar.gz")).isEqualTo(again);
        assertThat(Files.readAllBytes(file)).isEqualTo(archive);
        assertThat(requests).hasValue(1);
        assertThat(cacheFiles()).containsExactly(file);
        assertThat(Cifar10.open(file).batch("data_batch_1.bin").size()).isEqualTo(4);
    }

    @Test
    void a_cached_file_with_another_md5_is_replaced_by_a_fresh_download() throws IOException {
        Path stale = Files.write(cache.resolve("cifar-10-binary.tar.gz"), new byte[] {1, 2, 3});

        Path file = new CifarDownloader(uri("cifar-10-binary.tar.gz"), md5, archive.length, cache).download();

        assertThat(file).isEqualTo(stale);
        assertThat(Files.readAllBytes(file)).isEqualTo(archive);
        assertThat(requests).hasValue(1);
    }

    @Test
    void an_md5_mismatch_gives_expected_and_actual_and_removes_the_bad_file() throws IOException {
        String wrong = "0123456789abcdef0123456789abcdef";
        CifarDownloader downloader = new CifarDownloader(uri("cifar-10-binary.tar.gz"), wrong, archive.length, cache);

        assertThatThrownBy(downloader::download)
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining("MD5 mismatch")
                .hasMessageContaining("expected " + wrong + ", actual " + md5)
                .hasMessageContaining("the bad file was removed");
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void a_download_of_the_wrong_size_is_refused_and_removed() throws IOException {
        CifarDownloader downloader = new CifarDownloader(uri("cifar-10-binary.tar.gz"), md5, archive.length + 1L,
                cache);

        assertThatThrownBy(downloader::download)
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining("received " + archive.length + " bytes, expected " + (archive.length + 1));
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void a_404_names_the_address_and_the_status_and_leaves_nothing_behind() throws IOException {
        CifarDownloader downloader = new CifarDownloader(uri("gone.tar.gz"), md5, archive.length, cache);

        assertThatThrownBy(downloader::download)
                .isInstanceOf(IOException.class)
                .hasMessage(uri("gone.tar.gz") + ": the server answered HTTP 404; expected 200 with the "
                        + archive.length + "-byte archive");
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void the_official_downloader_points_at_the_toronto_archive_in_the_user_cache() {
        CifarDownloader official = CifarDownloader.official();

        assertThat(official.uri()).hasToString("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
        assertThat(official.md5()).isEqualTo("c32a1d4ab5d03f1284b67883e8d87530");
        assertThat(official.size()).isEqualTo(170_052_171L);
        assertThat(official.file()).isEqualTo(
                Path.of(System.getProperty("user.home"), ".cache", "cifar10", "cifar-10-binary.tar.gz"));
        assertThat(official.withCacheFolder(cache).file()).isEqualTo(cache.resolve("cifar-10-binary.tar.gz"));
    }

    @Test
    void bad_settings_are_refused_with_the_value() {
        URI ok = URI.create("https://example.org/a.tar.gz");
        assertThatThrownBy(() -> new CifarDownloader(ok, "abc", 1, cache))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got abc");
        assertThatThrownBy(() -> new CifarDownloader(URI.create("ftp://x/a.tar.gz"), md5, 1, cache))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be http or https");
        assertThatThrownBy(() -> new CifarDownloader(ok, md5, 0, cache))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }
}
