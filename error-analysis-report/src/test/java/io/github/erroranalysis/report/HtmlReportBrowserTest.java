package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the HTML report in a real headless Chromium (the Debian {@code chromium} that {@code .ci/run} installs) and
 * checks, over the DevTools protocol, that every image loads, nothing is logged as an error, nothing is fetched
 * from the network, and a screenshot can be taken. Skips only where no Chromium binary is found.
 */
class HtmlReportBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(HtmlReportBrowserTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void should_load_every_image_offline_without_console_errors(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = findChromium();
        assumeTrue(chromium.isPresent(), "no Chromium binary (chromium, chromium-browser, google-chrome) on the PATH: "
                + "install Debian's chromium (.ci/run does) to run the browser test");
        java.util.List<String> names = new ArrayList<>(ReportFixtures.CIFAR);
        names.set(3, ErrorReportTest.NASTY);
        ErrorReport report = ErrorReport.builder(ReportFixtures.analysis(300, names, 5)).images(ReportFixtures.images(9))
                .provenance(ReportFixtures.provenance()).trainingHistory(ReportFixtures.history()).build();
        Path folder = report.writeTo(dir.resolve("report"));
        Path html = folder.resolve(ErrorReport.HTML_FILE);

        Process browser = new ProcessBuilder(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--user-data-dir=" + Files.createDirectory(dir.resolve("profile")),
                "--remote-debugging-port=0", "about:blank").redirectErrorStream(true).start();
        try {
            String browserSocket = devToolsUrl(browser);
            URI endpoint = URI.create(browserSocket);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String pageSocket = null;
            for (int attempt = 0; attempt < 50 && pageSocket == null; attempt++) {
                String list = http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint.getHost() + ":"
                        + endpoint.getPort() + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body();
                for (JsonNode target : JSON.readTree(list)) {
                    if ("page".equals(target.path("type").asText())) {
                        pageSocket = target.get("webSocketDebuggerUrl").asText();
                    }
                }
                if (pageSocket == null) {
                    Thread.sleep(100);
                }
            }
            assertThat(pageSocket).as("a page target of the browser").isNotNull();
            try (DevTools page = DevTools.connect(http, pageSocket)) {
                page.call("Runtime.enable", null);
                page.call("Log.enable", null);
                page.call("Network.enable", null);
                page.call("Page.enable", null);
                CompletableFuture<JsonNode> loaded = page.next("Page.loadEventFired");
                ObjectNode navigate = JSON.createObjectNode().put("url", html.toUri().toString());
                page.call("Page.navigate", navigate);
                loaded.get(60, TimeUnit.SECONDS);
                ObjectNode evaluate = JSON.createObjectNode().put("returnByValue", true).put("expression",
                        "JSON.stringify({count: document.images.length, loaded: Array.from(document.images)"
                                + ".filter(i => i.complete && i.naturalWidth > 0).length, title: document.title})");
                JsonNode check = JSON.readTree(page.call("Runtime.evaluate", evaluate).get("result").get("value").asText());
                assertThat(check.get("count").asInt()).as("images in the page").isEqualTo(report.figureNames().size());
                assertThat(check.get("loaded").asInt()).as("images loaded with naturalWidth > 0")
                        .isEqualTo(check.get("count").asInt());
                assertThat(check.get("title").asText()).isEqualTo(ErrorReport.DEFAULT_TITLE);
                ObjectNode shot = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
                byte[] png = Base64.getDecoder().decode(page.call("Page.captureScreenshot", shot).get("data").asText());
                Path screenshot = Files.write(folder.getParent().resolve("report-screenshot.png"), png);
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
                assertThat(image).as("the screenshot decodes").isNotNull();
                assertThat(image.getWidth()).isPositive();
                LOG.info("browser check passed: {} images loaded; screenshot {}", check.get("loaded"), screenshot);
                Thread.sleep(200);
                assertThat(page.errors).as("console errors and exceptions").isEmpty();
                assertThat(page.requests).as("every request stays in the file (file: or data:)")
                        .allMatch(u -> u.startsWith("file:") || u.startsWith("data:"));
            }
        } finally {
            browser.destroy();
            if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static Optional<Path> findChromium() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String folder : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(folder, name);
                if (!folder.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Reads the browser's output until it prints its DevTools address, then keeps draining it in the background. */
    private static String devToolsUrl(Process browser) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    Matcher m = DEVTOOLS.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IllegalStateException("chromium ended without a DevTools address: " + lines));
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        return url.get(60, TimeUnit.SECONDS);
    }

    /** A minimal DevTools protocol client over java.net.http's WebSocket. */
    private static final class DevTools implements WebSocket.Listener, AutoCloseable {
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        private WebSocket socket;

        static DevTools connect(HttpClient http, String url) throws Exception {
            DevTools d = new DevTools();
            d.socket = http.newWebSocketBuilder().buildAsync(URI.create(url), d).get(30, TimeUnit.SECONDS);
            return d;
        }

        CompletableFuture<JsonNode> next(String event) {
            return awaited.computeIfAbsent(event, e -> new CompletableFuture<>());
        }

        JsonNode call(String method, ObjectNode params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
            if (params != null) {
                message.set("params", params);
            }
            socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
            JsonNode reply = answer.get(60, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.get("result");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    handle(JSON.readTree(text));
                } catch (IOException e) {
                    errors.add("unreadable DevTools message: " + e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }

        private void handle(JsonNode message) {
            if (message.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(message.get("id").asInt());
                if (f != null) {
                    f.complete(message);
                }
                return;
            }
            String method = message.path("method").asText();
            JsonNode params = message.path("params");
            switch (method) {
                case "Runtime.consoleAPICalled" -> {
                    String type = params.path("type").asText();
                    if (type.equals("error") || type.equals("assert")) {
                        errors.add("console." + type + ": " + params.path("args"));
                    }
                }
                case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails"));
                case "Log.entryAdded" -> {
                    if ("error".equals(params.path("entry").path("level").asText())) {
                        errors.add("log error: " + params.path("entry"));
                    }
                }
                case "Network.requestWillBeSent" -> requests.add(params.path("request").path("url").asText());
                default -> {
                }
            }
            CompletableFuture<JsonNode> f = awaited.get(method);
            if (f != null) {
                f.complete(params);
            }
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

}
