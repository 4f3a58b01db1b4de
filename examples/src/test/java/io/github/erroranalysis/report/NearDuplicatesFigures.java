package io.github.erroranalysis.report;

import io.github.erroranalysis.DuplicatePair;
import io.github.erroranalysis.Progress;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.CifarImages;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.examples.CifarEvidence;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * The figures behind {@link NearDuplicates#DEFAULT_THRESHOLD}, run by hand (not a test): 1,000 random images of the
 * CIFAR-10 training archive, each transformed ten ways (JPEG q = 75, shifts of 1 and 2 pixels, centre zooms of 1.1
 * and 1.2, a mirror, brightness + 30, contrast × 0.7, hue + 30° and + 90°), searched as a 10,000-image test set
 * against all 50,000 training images (the speed figure, and the recall of each transform: its original found within
 * the threshold), and the 1,000 originals searched against the other 49,999 (their records excluded by origin: the
 * distance to the nearest other image, whose share under the threshold is the false-suspect rate, an upper bound as
 * the archive holds real near-duplicates too). Arguments: {@code [archive [sheet.png]]}.
 */
public final class NearDuplicatesFigures {

    private static final int QUERIES = 1000;
    private static final double[] THRESHOLDS = {0.02, 0.04, 0.06, 0.08, 0.10, 0.12, 0.15, 0.2};

    private NearDuplicatesFigures() {
    }

    /**
     * Runs the measurement.
     *
     * @param args the archive (default {@code ../shared/cifar10/cifar-10-binary-train.tar.gz}) and a contact sheet
     *             of the nearest others under the threshold
     * @throws IOException when the archive cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path archive = Path.of(args.length > 0 ? args[0] : "../shared/cifar10/cifar-10-binary-train.tar.gz");
        CifarDataset train = io.github.erroranalysis.cifar.data.Cifar10.open(archive).train();
        CifarModel model = BundledModels.baseline();
        SplittableRandom random = new SplittableRandom(18);
        int[] picks = random.ints(0, train.size()).distinct().limit(QUERIES).sorted().toArray();
        List<String> names = List.of("jpeg75", "shift1", "shift2", "zoom1.1", "zoom1.2", "flip", "bright+30",
                "contrast0.7", "hue+30", "hue+90");
        List<UnaryOperator<BufferedImage>> transforms = List.of(i -> ImageTransforms.jpeg(i, 0.75f),
                i -> ImageTransforms.shift(i, 1, random), i -> ImageTransforms.shift(i, 2, random),
                i -> ImageTransforms.zoom(i, 1.1), i -> ImageTransforms.zoom(i, 1.2), ImageTransforms::flip,
                i -> ImageTransforms.colour(i, 1, 30, 0), i -> ImageTransforms.colour(i, 0.7, 0, 0),
                i -> ImageTransforms.colour(i, 1, 0, 30), i -> ImageTransforms.colour(i, 1, 0, 90));
        List<byte[]> pixels = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        int[] labels = new int[QUERIES * names.size()];
        for (int t = 0; t < names.size(); t++) {
            for (int q = 0; q < QUERIES; q++) {
                pixels.add(CifarImages.toCifarPixels(transforms.get(t).apply(train.image(picks[q]))));
                origins.add(new Origin(names.get(t), picks[q]));
                labels[t * QUERIES + q] = train.label(picks[q]);
            }
        }
        CifarDataset copies = CifarDataset.of(pixels, labels, origins, train.classNames());
        DataAudit.Data trainData = data(train, model, "training archive");
        DataAudit.Data copyData = data(copies, model, "transformed copies");
        long started = System.nanoTime();
        NearDuplicates.Found found = NearDuplicates.search(model.model(), copyData, origins(copies), trainData,
                NearDuplicates.DEFAULT_THRESHOLD, Progress.NONE);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "search of %d test x %d training images: %.1f s (%d cores)%n",
                copies.size(), found.trainingExamples(), seconds, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-12s %8s %8s %8s%n", "transform", "nearest", "median", "p95");
        for (int t = 0; t < names.size(); t++) {
            double[] own = new double[QUERIES];
            int nearestIsOriginal = 0;
            for (int q = 0; q < QUERIES; q++) {
                DuplicatePair p = found.nearest().get(t * QUERIES + q);
                own[q] = p.distance();
                if (p.otherIndex() == picks[q]) {
                    nearestIsOriginal++;
                }
            }
            double[] sorted = own.clone();
            Arrays.sort(sorted);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s %8.3f %8.4f %8.4f",
                    names.get(t), nearestIsOriginal / (double) QUERIES, sorted[QUERIES / 2],
                    sorted[QUERIES * 95 / 100]));
            for (double th : THRESHOLDS) {
                long found2 = Arrays.stream(own).filter(d -> d <= th).count();
                line.append(String.format(Locale.ROOT, "  <=%.2f: %.3f", th, found2 / (double) QUERIES));
            }
            System.out.println(line);
        }
        double[][] copyAlt = alternatives(model, copies, train, found.nearest());
        CifarDataset originals = train.subset(picks);
        DataAudit.Data originalData = data(originals, model, "originals");
        NearDuplicates.Found others = NearDuplicates.search(model.model(), originalData, origins(originals),
                trainData, NearDuplicates.DEFAULT_THRESHOLD, Progress.NONE);
        double[] other = others.nearest().stream().mapToDouble(DuplicatePair::distance).toArray();
        double[] sortedOther = other.clone();
        Arrays.sort(sortedOther);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "nearest other (excluded %d): min %.4f p1 %.4f p5 %.4f median %.4f", others.trainingExcluded(),
                sortedOther[0], sortedOther[QUERIES / 100], sortedOther[QUERIES / 20], sortedOther[QUERIES / 2]));
        for (double th : THRESHOLDS) {
            long n = Arrays.stream(other).filter(d -> d <= th).count();
            line.append(String.format(Locale.ROOT, "  <=%.2f: %.3f", th, n / (double) QUERIES));
        }
        System.out.println(line);
        System.out.println("within-test pairs among the originals: " + others.withinTest().size());
        double[][] otherAlt = alternatives(model, originals, train, others.nearest());
        String[] altNames = {"pixels", "blurred", "embedding", "max(pix,emb/2)", "max(pix,emb/4)", "mean(pix,blur)"};
        for (int a = 0; a < altNames.length; a++) {
            for (double th : new double[] {0.04, 0.06, 0.08, 0.10}) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-15s <=%.2f:", altNames[a], th));
                for (int t = 0; t < names.size(); t++) {
                    int hit = 0;
                    for (int q = 0; q < QUERIES; q++) {
                        if (found.nearest().get(t * QUERIES + q).otherIndex() == picks[q]
                                && copyAlt[a][t * QUERIES + q] <= th) {
                            hit++;
                        }
                    }
                    row.append(String.format(Locale.ROOT, " %s %.3f", names.get(t), hit / (double) QUERIES));
                }
                final int aa = a;
                long fs = IntStream.range(0, QUERIES).filter(q -> otherAlt[aa][q] <= th).count();
                row.append(String.format(Locale.ROOT, " | other %.3f", fs / (double) QUERIES));
                System.out.println(row);
            }
        }
        List<DuplicatePair> close = others.nearest().stream()
                .filter(p -> p.distance() <= 0.15).sorted(java.util.Comparator.comparingDouble(DuplicatePair::distance))
                .toList();
        for (DuplicatePair p : close) {
            System.out.printf(Locale.ROOT, "  %s ~ %s: %.4f (%s / %s)%n", p.origin().orElse("?"),
                    p.otherOrigin().orElse("?"), p.distance(), originals.className(p.index()),
                    train.className(p.otherIndex()));
        }
        if (args.length > 1 && !close.isEmpty()) {
            BufferedImage sheet = new BufferedImage(2 * 34, 34 * close.size(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = sheet.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            for (int k = 0; k < close.size(); k++) {
                g.drawImage(originals.image(close.get(k).index()), 0, 34 * k, null);
                g.drawImage(train.image(close.get(k).otherIndex()), 34, 34 * k, null);
            }
            g.dispose();
            ImageIO.write(sheet, "png", Path.of(args[1]).toFile());
        }
    }

    /** Alternative distances of each found pair: pixels, blurred pixels, embedding, and combinations. */
    private static double[][] alternatives(CifarModel model, CifarDataset test, CifarDataset train,
            List<DuplicatePair> pairs) {
        int n = pairs.size();
        ModelInputs testIn = CifarEvidence.inputs(test, model.normalization());
        int[] all = IntStream.range(0, n).toArray();
        float[] e = NearDuplicates.normalised(Embeddings.embed(model.model(), testIn, all, Embeddings.Listener.NONE));
        float[] em = NearDuplicates.normalised(Embeddings.embed(model.model(), NearDuplicates.mirrored(testIn), all,
                Embeddings.Listener.NONE));
        int[] others = pairs.stream().mapToInt(DuplicatePair::otherIndex).distinct().sorted().toArray();
        float[] o = NearDuplicates.normalised(Embeddings.embed(model.model(),
                CifarEvidence.inputs(train, model.normalization()), others, Embeddings.Listener.NONE));
        int d = e.length / n;
        double[][] out = new double[6][n];
        IntStream.range(0, n).parallel().forEach(i -> {
            DuplicatePair p = pairs.get(i);
            int r = Arrays.binarySearch(others, p.otherIndex());
            double c1 = 0;
            double c2 = 0;
            for (int k = 0; k < d; k++) {
                c1 += e[i * d + k] * o[r * d + k];
                c2 += em[i * d + k] * o[r * d + k];
            }
            double emb = 1 - Math.max(c1, c2);
            double blur = PixelDescriptors.distance(PixelDescriptors.query(PixelDescriptors.pixels(blur(test.image(i)))),
                    PixelDescriptors.pixels(blur(train.image(p.otherIndex()))));
            out[0][i] = p.distance();
            out[1][i] = blur;
            out[2][i] = emb;
            out[3][i] = Math.max(p.distance(), emb / 2);
            out[4][i] = Math.max(p.distance(), emb / 4);
            out[5][i] = (p.distance() + blur) / 2;
        });
        return out;
    }

    private static BufferedImage blur(BufferedImage image) {
        float[] k = {1 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 4 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 1 / 16f};
        BufferedImage padded = ImageTransforms.shift(image, 0, 0);
        return new java.awt.image.ConvolveOp(new java.awt.image.Kernel(3, 3, k), java.awt.image.ConvolveOp.EDGE_NO_OP,
                null).filter(padded, null);
    }

    private static DataAudit.Data data(CifarDataset d, CifarModel model, String source) {
        return new DataAudit.Data(CifarEvidence.inputs(d, model.normalization()), CifarEvidence.images(d), source);
    }

    private static List<Optional<String>> origins(CifarDataset d) {
        return IntStream.range(0, d.size()).mapToObj(i -> Optional.of(d.origin(i).toString())).toList();
    }

}
