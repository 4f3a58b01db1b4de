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
 * The networks rebuilt in one executor JVM, kept between partitions: a task borrows an idle one (or rebuilds one
 * from the broadcast) and gives it back, so an executor holds at most one network per concurrently running task.
 * DL4J networks are not safe for concurrent inference, hence one per task rather than one per JVM.
 */
final class ModelPool {

    /** How many broadcast models keep idle networks; older ones are dropped when a new one arrives. */
    private static final int MAX_MODELS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(ModelPool.class);
    private static final Map<Long, Queue<Classifier>> IDLE = new ConcurrentHashMap<>();

    private ModelPool() {
    }

    static Classifier borrow(Broadcast<SerializedModel> model) {
        Queue<Classifier> idle = IDLE.get(model.id());
        Classifier classifier = idle == null ? null : idle.poll();
        if (classifier != null) {
            return classifier;
        }
        SerializedModel bytes = model.value();
        LOG.debug("rebuilding broadcast model {} ({} bytes) in this executor", model.id(), bytes.size());
        return bytes.restore();
    }

    static void giveBack(Broadcast<SerializedModel> model, Classifier classifier) {
        long id = model.id();
        if (!IDLE.containsKey(id) && IDLE.size() >= MAX_MODELS) {
            IDLE.keySet().removeIf(other -> other != id);
        }
        IDLE.computeIfAbsent(id, k -> new ConcurrentLinkedQueue<>()).add(classifier);
    }
}
