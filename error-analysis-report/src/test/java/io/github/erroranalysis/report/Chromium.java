package io.github.erroranalysis.report;

import java.io.BufferedReader;
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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Opens an HTML file in a real headless Chromium (the Debian {@code chromium} that {@code .ci/run} installs) and
 * reports, over the DevTools protocol, how many images it has and how many loaded, its title, a screenshot, what was
 * logged as an error and every URL requested: the harness of the browser tests ({@link HtmlReportBrowserTest}, the
 * extension contract test).
 */
public final class Chromium {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");

    private Chromium() {
    }

    /**
     * What the browser saw of one page.
     *
     * @param images     the page's images ({@code document.images})
     * @param loaded     those complete with a natural width above 0
     * @param title      the document's title
     * @param screenshot a PNG screenshot of the whole page
     * @param errors     console errors, exceptions and error log entries
     * @param requests   every URL the page requested
     */
    public record Page(int images, int loaded, String title, byte[] screenshot, List<String> errors,
            List<String> requests) {
    }

    /**
     * Opens an HTML file and waits for its load event (and 200 ms more for late errors).
     *
     * @param chromium the binary ({@link #find()})
     * @param html     the file
     * @param profile  an empty folder for the browser's profile
     * @return what the browser saw
     * @throws Exception if the browser cannot be started or driven
     */
    public static Page open(Path chromium, Path html, Path profile) throws Exception {
        try (Session session = Session.open(chromium, html, profile)) {
            JsonNode check = session.evaluate("({count: document.images.length, loaded: Array.from(document.images)"
                    + ".filter(i => i.complete && i.naturalWidth > 0).length, title: document.title})");
            byte[] png = session.screenshot();
            Thread.sleep(200);
            return new Page(check.get("count").asInt(), check.get("loaded").asInt(), check.get("title").asText(),
                    png, session.errors(), session.requests());
        }
    }

    /**
     * A page open in a headless Chromium, to drive with scripts over the DevTools protocol (the explorer's browser
     * check clicks and filters through it); closing it ends the browser.
     */
    public static final class Session implements AutoCloseable {
        private final Process browser;
        private final DevTools page;

        private Session(Process browser, DevTools page) {
            this.browser = browser;
            this.page = page;
        }

        /**
         * Starts a browser, opens an HTML file and waits for its load event.
         *
         * @param chromium the binary ({@link #find()})
         * @param html     the file
         * @param profile  an empty folder for the browser's profile
         * @return the open page
         * @throws Exception if the browser cannot be started or driven
         */
        public static Session open(Path chromium, Path html, Path profile) throws Exception {
            Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-quic", "--user-data-dir=" + profile,
                    "--remote-debugging-port=0", "--window-size=1280,900", "about:blank").redirectErrorStream(true)
                    .start();
            DevTools page = null;
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
                if (pageSocket == null) {
                    throw new IllegalStateException("the browser has no page target");
                }
                page = DevTools.connect(http, pageSocket);
                page.call("Runtime.enable", null);
                page.call("Log.enable", null);
                page.call("Network.enable", null);
                page.call("Page.enable", null);
                CompletableFuture<JsonNode> loaded = page.next("Page.loadEventFired");
                ObjectNode navigate = JSON.createObjectNode().put("url", html.toUri().toString());
                page.call("Page.navigate", navigate);
                loaded.get(60, TimeUnit.SECONDS);
                return new Session(browser, page);
            } catch (Exception | Error e) {
                if (page != null) {
                    page.close();
                }
                stop(browser);
                throw e;
            }
        }

        /**
         * Evaluates a JavaScript expression in the page (awaiting it when it is a promise) and gives its value as
         * JSON; an exception in the page fails the call with its description.
         *
         * @param expression the expression
         * @return its value
         * @throws Exception if the page cannot be driven or the expression throws
         */
        public JsonNode evaluate(String expression) throws Exception {
            ObjectNode evaluate = JSON.createObjectNode().put("returnByValue", true).put("awaitPromise", true)
                    .put("expression", "(async () => JSON.stringify(await (" + expression + ")))()");
            JsonNode reply = page.call("Runtime.evaluate", evaluate);
            if (reply.has("exceptionDetails")) {
                throw new IllegalStateException("the page threw evaluating " + expression + ": "
                        + reply.get("exceptionDetails"));
            }
            JsonNode value = reply.get("result").get("value");
            return value == null || value.isNull() ? JSON.nullNode() : JSON.readTree(value.asText());
        }

        /**
         * Takes a PNG screenshot of the whole page.
         *
         * @return the PNG bytes
         * @throws Exception if the page cannot be driven
         */
        public byte[] screenshot() throws Exception {
            ObjectNode shot = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
            return Base64.getDecoder().decode(page.call("Page.captureScreenshot", shot).get("data").asText());
        }

        /**
         * Takes a PNG screenshot of what the window shows now.
         *
         * @return the PNG bytes
         * @throws Exception if the page cannot be driven
         */
        public byte[] viewport() throws Exception {
            ObjectNode shot = JSON.createObjectNode().put("format", "png");
            return Base64.getDecoder().decode(page.call("Page.captureScreenshot", shot).get("data").asText());
        }

        /**
         * Gives what was logged as an error so far: console errors, exceptions, error log entries (among them the
         * browser's reports of content-security-policy violations).
         *
         * @return the errors
         */
        public List<String> errors() {
            return List.copyOf(page.errors);
        }

        /**
         * Gives every URL the page requested so far.
         *
         * @return the URLs
         */
        public List<String> requests() {
            return List.copyOf(page.requests);
        }

        @Override
        public void close() {
            page.close();
            stop(browser);
        }
    }

    /** Ends the browser and every process it started (taken before it ends), waiting for them to exit. */
    private static void stop(Process browser) {
        List<ProcessHandle> children = browser.descendants().toList();
        browser.destroy();
        try {
            if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
            for (ProcessHandle child : children) {
                child.destroyForcibly();
            }
            for (ProcessHandle child : children) {
                child.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            browser.destroyForcibly();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // a child that does not end in time is left to the operating system
        }
    }

    /**
     * Finds a Chromium binary on the PATH.
     *
     * @return the binary, or empty where none is installed
     */
    public static Optional<Path> find() {
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
