package io.github.erroranalysis.spark;

import static io.github.erroranalysis.spark.SameAnalysis.assertSame;

import io.github.erroranalysis.ErrorAnalysisAccumulator;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The partitions' results travel as bytes, so the analysis also works with {@code spark.serializer=Kryo}. */
class KryoSerializerTest {

    @Test
    void theAnalysisIsTheSameUnderKryo() {
        List<String> names = List.of("no", "yes");
        List<PredictionRow> rows = new ArrayList<>();
        float[] probs = new float[2 * 300];
        int[] labels = new int[300];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            float p = (i % 17) / 16f;
            probs[2 * i] = 1 - p;
            probs[2 * i + 1] = p;
            labels[i] = i % 3 == 0 ? 1 : 0;
            ids.add("row-" + i);
            rows.add(PredictionRow.of(ids.get(i), labels[i], 1 - p, p));
        }
        ErrorAnalysisAccumulator single = new ErrorAnalysisAccumulator(names);
        single.eval(Nd4j.createFromArray(labels).reshape(300, 1), Nd4j.create(probs, new long[] {300, 2}, 'c'), ids);

        SparkConf conf = LocalSpark.conf(getClass().getSimpleName())
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            assertSame(SparkErrorAnalysis.fromPredictions(sc.parallelize(rows, 5), names), single.snapshot());
        }
    }
}
