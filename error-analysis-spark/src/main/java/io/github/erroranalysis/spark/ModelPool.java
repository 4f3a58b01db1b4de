package io.github.erroranalysis.spark;

import io.github.erroranalysis.Classifier;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The networks rebuilt in one executor JVM, kept between the partitions of one analysis: a task borrows an idle one
 * (or rebuilds one from the broadcast) and gives it back, so an executor holds at most one network per concurrently
 * running task. DL4J networks are not safe for concurrent inference, hence one per task rather than one per JVM.
 *
 * <p>Networks are keyed by a random key drawn per analysis on the driver, never by the broadcast id alone, which
 * starts again at 0 in every SparkContext of a JVM. Idle networks of older analyses are dropped when a new one starts.
 */
final class ModelPool {

    /** How many analyses keep idle networks; older ones are dropped when a new one arrives. */
    private static final int MAX_MODELS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(ModelPool.class);
    private static final Map<String, Queue<Classifier>> IDLE = new ConcurrentHashMap<>();

    private ModelPool() {
    }

    static Classifier borrow(String key, Broadcast<SerializedModel> model) {
        Queue<Classifier> idle = IDLE.get(key);
        Classifier classifier = idle == null ? null : idle.poll();
        if (classifier != null) {
            return classifier;
        }
        SerializedModel bytes = model.value();
        LOG.debug("rebuilding the model of analysis {} ({} bytes) in this executor", key, bytes.size());
        return bytes.restore();
    }

    static void giveBack(String key, Classifier classifier) {
        if (!IDLE.containsKey(key) && IDLE.size() >= MAX_MODELS) {
            IDLE.keySet().removeIf(other -> !other.equals(key));
        }
        IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(classifier);
    }
}
