package io.github.erroranalysis.cifar.model.bench;

import io.github.erroranalysis.cifar.model.BaselineCnn;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures how many images per second the baseline CNN trains and infers on random 32×32×3 data, for one setting of
 * the speed knobs, and optionally runs the PyTorch anchor ({@code torch_cnn_speed.py}) side by side for a ratio.
 *
 * <p>Not a test: run its {@code main} by hand (see the module README). Knobs set here: {@code --batch N} (training
 * batch), {@code --infer-batch N}, {@code --format NCHW|NHWC}, {@code --workspace ENABLED|NONE},
 * {@code --helpers default|force} ({@code force} installs DL4J's oneDNN layer helpers, which M2.1 never installs by
 * itself, so that convolution and pooling run libnd4j's {@code conv2d}/{@code maxpool2d} ops), {@code --seconds S}
 * (timed seconds per measurement), {@code --repeats R}, {@code --torch PATH} (the anchor script; {@code none} to
 * skip). Knobs set outside: the backend classifier (which {@code nd4j-native-*-CLASSIFIER.jar} is on the class path)
 * and the thread count ({@code OMP_NUM_THREADS}).
 */
public final class CnnSpeedBenchmark {

    private static final int CLASSES = 10;

    private CnnSpeedBenchmark() {
    }

    /** The knobs of one measurement. */
    private record Settings(int batch, int inferBatch, CNN2DFormat format, WorkspaceMode workspace,
                            boolean forceHelpers, double seconds, int repeats, String torch) {
    }

    /**
     * Runs the benchmark.
     *
     * @param args the knobs, as in the class comment
     * @throws Exception if the network or the anchor fails
     */
    public static void main(String[] args) throws Exception {
        Settings s = parse(args);
        System.out.println(environment());
        System.out.printf(Locale.ROOT, "settings: batch %d, infer batch %d, format %s, workspace %s, helpers %s, "
                        + "%.1f s x %d repeats%n", s.batch(), s.inferBatch(), s.format(), s.workspace(),
                s.forceHelpers() ? "force" : "default", s.seconds(), s.repeats());

        MultiLayerNetwork network = new MultiLayerNetwork(BaselineCnn.configuration(CLASSES, 1, 1e-3, s.format(),
                s.workspace()));
        network.init();
        if (network.numParams() != 122_570) {
            throw new IllegalStateException("expected 122,570 parameters, got " + network.numParams());
        }
        String helpers = s.forceHelpers() ? forceHelpers(network) : describeHelpers(network);
        System.out.println("layer helpers: " + helpers);
        System.out.printf(Locale.ROOT, "max |output - reference output| = %.2e (reference: NCHW, no helpers)%n",
                checkAgainstReference(network, s.format()));

        DataSet trainBatch = randomBatch(s.batch(), s.format());
        INDArray infer = randomBatch(s.inferBatch(), s.format()).getFeatures();
        double[] torchBefore = runTorch(s);
        double[] trainRates = new double[s.repeats()];
        double[] inferRates = new double[s.repeats()];
        for (int r = 0; r < s.repeats(); r++) {
            trainRates[r] = rate(() -> network.fit(trainBatch), s.batch(), s.seconds(), r == 0 ? 5 : 1);
            inferRates[r] = rate(() -> network.output(infer, false), s.inferBatch(), s.seconds(), r == 0 ? 2 : 1);
            System.out.printf(Locale.ROOT, "  repeat %d: train %.1f img/s, infer %.1f img/s%n", r + 1, trainRates[r],
                    inferRates[r]);
        }
        double[] torchAfter = runTorch(s);
        double trainRate = median(trainRates);
        double inferRate = median(inferRates);
        System.out.printf(Locale.ROOT, "DL4J    median: train %8.1f img/s, infer %8.1f img/s%n", trainRate, inferRate);
        if (torchBefore != null && torchAfter != null) {
            double torchTrain = median(new double[] {torchBefore[0], torchAfter[0]});
            double torchInfer = median(new double[] {torchBefore[1], torchAfter[1]});
            System.out.printf(Locale.ROOT, "PyTorch median: train %8.1f img/s, infer %8.1f img/s (before %s, after "
                    + "%s)%n", torchTrain, torchInfer, Arrays.toString(torchBefore), Arrays.toString(torchAfter));
            System.out.printf(Locale.ROOT, "ratio DL4J/PyTorch: train %.3f (goal 0.3), infer %.3f (goal 0.5)%n",
                    trainRate / torchTrain, inferRate / torchInfer);
        }
        System.out.printf(Locale.ROOT, "RESULT classifier=%s format=%s batch=%d workspace=%s helpers=%s "
                        + "train=%.1f infer=%.1f%n", classifier(), s.format(), s.batch(), s.workspace(),
                s.forceHelpers() ? "force" : "default", trainRate, inferRate);
    }

    private static Settings parse(String[] args) {
        int batch = 64;
        int inferBatch = 1000;
        CNN2DFormat format = CNN2DFormat.NCHW;
        WorkspaceMode workspace = WorkspaceMode.ENABLED;
        boolean force = false;
        double seconds = 10;
        int repeats = 3;
        String torch = "/work/shared/anchors/torch_cnn_speed.py";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--batch" -> batch = Integer.parseInt(value);
                case "--infer-batch" -> inferBatch = Integer.parseInt(value);
                case "--format" -> format = CNN2DFormat.valueOf(value.toUpperCase(Locale.ROOT));
                case "--workspace" -> workspace = WorkspaceMode.valueOf(value.toUpperCase(Locale.ROOT));
                case "--helpers" -> force = switch (value) {
                    case "force" -> true;
                    case "default" -> false;
                    default -> throw new IllegalArgumentException("--helpers is default or force, got " + value);
                };
                case "--seconds" -> seconds = Double.parseDouble(value);
                case "--repeats" -> repeats = Integer.parseInt(value);
                case "--torch" -> torch = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: --batch N "
                        + "--infer-batch N --format NCHW|NHWC --workspace ENABLED|NONE --helpers default|force "
                        + "--seconds S --repeats R --torch PATH|none");
            }
            i++;
        }
        return new Settings(batch, inferBatch, format, workspace, force, seconds, repeats, torch);
    }

    /** Says which backend, classifier, thread count and helper switches this JVM has. */
    private static String environment() {
        String onednn;
        try {
            Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
            Object instance = env.getMethod("getInstance").invoke(null);
            onednn = String.valueOf(env.getMethod("isUseONEDNN").invoke(instance));
        } catch (ReflectiveOperationException | LinkageError e) {
            onednn = "unknown (" + e + ")";
        }
        boolean oldClass;
        try {
            Class.forName("org.nd4j.nativeblas.Nd4jCpu$Environment");
            oldClass = true;
        } catch (ClassNotFoundException e) {
            oldClass = false;
        }
        return String.format(Locale.ROOT, "backend %s, classifier %s (native library loaded: %s), ND4J maxThreads "
                        + "%d, maxMasterThreads %d, "
                        + "OMP_NUM_THREADS=%s, cores %d%n"
                        + "Nd4j.getEnvironment().helpersAllowed() = %s; Nd4jCpu.Environment.isUseONEDNN() = %s; "
                        + "BaseMKLDNNHelper.mklDnnEnabled() = %s (it looks for org.nd4j.nativeblas.Nd4jCpu$Environment"
                        + ".isUseMKLDNN: class present = %s); -Dorg.eclipse.deeplearning4j.helpers.disable = %s "
                        + "(DL4J's default: true)",
                Nd4j.getBackend().getClass().getSimpleName(), classifier(), loadedNativeLibrary(),
                Nd4j.getEnvironment().maxThreads(),
                Nd4j.getEnvironment().maxMasterThreads(), System.getenv("OMP_NUM_THREADS"),
                Runtime.getRuntime().availableProcessors(), Nd4j.getEnvironment().helpersAllowed(), onednn,
                BaseMKLDNNHelper.mklDnnEnabled(), oldClass,
                System.getProperty("org.eclipse.deeplearning4j.helpers.disable", "(unset)"));
    }

    /** The classifier of the {@code nd4j-native} jar on the class path, from its file name. */
    private static String classifier() {
        Matcher m = Pattern.compile("nd4j-native-[0-9][^" + Pattern.quote(File.separator) + "]*?-(linux-[a-z0-9_-]+)"
                + "\\.jar").matcher(System.getProperty("java.class.path"));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found.isEmpty() ? "unknown" : String.join("+", found);
    }

    /**
     * The libnd4j library this process really mapped (JavaCPP picks the first of its platform extensions it finds on
     * the class path, which need not be the jar one meant to test).
     */
    private static String loadedNativeLibrary() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/maps")).stream()
                    .filter(line -> line.endsWith("libnd4jcpu.so")).map(line -> line.substring(line.indexOf('/')))
                    .distinct().reduce((a, b) -> a + ", " + b).orElse("none found");
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String describeHelpers(MultiLayerNetwork network) throws ReflectiveOperationException {
        List<String> out = new ArrayList<>();
        for (Layer layer : network.getLayers()) {
            if (layer instanceof ConvolutionLayer || layer instanceof SubsamplingLayer) {
                Object helper = helperField(layer).get(layer);
                out.add(layer.getClass().getSimpleName() + "=" + (helper == null ? "none (DL4J's own path)"
                        : helper.getClass().getSimpleName()));
            }
        }
        return String.join(", ", out);
    }

    /** Installs DL4J's oneDNN helpers on every convolution and pooling layer, bypassing the broken check. */
    private static String forceHelpers(MultiLayerNetwork network) throws ReflectiveOperationException {
        for (Layer layer : network.getLayers()) {
            if (layer instanceof ConvolutionLayer) {
                helperField(layer).set(layer, new MKLDNNConvHelper(DataType.FLOAT));
            } else if (layer instanceof SubsamplingLayer) {
                helperField(layer).set(layer, new MKLDNNSubsamplingHelper(DataType.FLOAT));
            }
        }
        return describeHelpers(network);
    }

    private static Field helperField(Layer layer) throws NoSuchFieldException {
        Class<?> type = layer instanceof ConvolutionLayer ? ConvolutionLayer.class : SubsamplingLayer.class;
        Field field = type.getDeclaredField("helper");
        field.setAccessible(true);
        return field;
    }

    /** Compares the outputs with a plain NCHW network's with the same weights: a fast setup must be a correct one. */
    private static double checkAgainstReference(MultiLayerNetwork network, CNN2DFormat format) {
        MultiLayerNetwork reference = BaselineCnn.create(CLASSES, 1, 1e-3);
        reference.setParams(network.params());
        INDArray nchw = Nd4j.rand(DataType.FLOAT, 16, 3, 32, 32);
        INDArray input = format == CNN2DFormat.NHWC ? nchw.permute(0, 2, 3, 1).dup('c') : nchw;
        return network.output(input, false).sub(reference.output(nchw, false)).amaxNumber().doubleValue();
    }

    private static DataSet randomBatch(int n, CNN2DFormat format) {
        INDArray x = format == CNN2DFormat.NHWC ? Nd4j.rand(DataType.FLOAT, n, 32, 32, 3)
                : Nd4j.rand(DataType.FLOAT, n, 3, 32, 32);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % CLASSES, 1);
        }
        return new DataSet(x, y);
    }

    /** Runs {@code step} for warm-up and then for about {@code seconds}, returning images per second. */
    private static double rate(Runnable step, int imagesPerStep, double seconds, int warmup) {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        long start = System.nanoTime();
        long steps = 0;
        double elapsed;
        do {
            step.run();
            steps++;
            elapsed = (System.nanoTime() - start) / 1e9;
        } while (elapsed < seconds);
        return steps * imagesPerStep / elapsed;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Runs the PyTorch anchor with the same training batch; returns {train, infer} images/s, or null if skipped. */
    private static double[] runTorch(Settings s) throws IOException, InterruptedException {
        if ("none".equals(s.torch())) {
            return null;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", s.torch(), String.valueOf(s.batch()))
                .redirectErrorStream(true).start();
        double train = Double.NaN;
        double infer = Double.NaN;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            Pattern number = Pattern.compile("^(train|infer): ([0-9.]+) img/s");
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = number.matcher(line);
                if (m.find()) {
                    if (m.group(1).equals("train")) {
                        train = Double.parseDouble(m.group(2));
                    } else {
                        infer = Double.parseDouble(m.group(2));
                    }
                } else if (!line.startsWith("params")) {
                    System.out.println("torch: " + line);
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || Double.isNaN(train) || Double.isNaN(infer)) {
            throw new IOException(s.torch() + " exited with " + exit + " and printed train " + train + ", infer "
                    + infer);
        }
        return new double[] {train, infer};
    }
}
