package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;

/**
 * The values of one analysis computed so far: metrics by metric (equal metrics share a value), intervals and
 * statistics by their key records. Each value is computed once: the first caller computes it on its own thread,
 * a concurrent caller of an equal key waits for that value, and a failure is not kept.
 *
 * <p>Waiting never deadlocks on the memo itself: a thread that asks again for a value it is computing (a ForkJoin
 * worker that, while joining the bootstrap's parallel stream, runs an outer task asking for the same statistics),
 * or whose wait would close a cycle of threads waiting on each other's values, computes the value directly,
 * uncached; other waits are {@link ForkJoinPool#managedBlock managed}, so a pool compensates for a blocked worker.
 */
final class MetricMemo {

    /** One value being computed or computed, with the thread computing it until it is done. */
    private static final class Entry {
        final FutureTask<Object> task;
        volatile Thread owner;

        Entry(FutureTask<Object> task, Thread owner) {
            this.task = task;
            this.owner = owner;
        }
    }

    /** Waits for one value, letting a ForkJoin pool add a worker meanwhile. */
    private record Blocker(FutureTask<Object> task) implements ForkJoinPool.ManagedBlocker {
        @Override
        public boolean block() throws InterruptedException {
            try {
                task.get();
            } catch (ExecutionException e) {
                // the waiter reads the failure from the task
            }
            return true;
        }

        @Override
        public boolean isReleasable() {
            return task.isDone();
        }
    }

    /** The key of a default-bootstrap interval of a metric at a level. */
    record IntervalKey(Metric<?> metric, double level) {
    }

    /** The key of the analysis's default triage. */
    static final Object TRIAGE = new Object() {
        @Override
        public String toString() {
            return "triage";
        }
    };

    /** The key of the default statistics at a level. */
    record StatisticsKey(double level) {
    }

    /** The key of the analysis's risk–coverage curve. */
    static final Object RISK_COVERAGE = new Object() {
        @Override
        public String toString() {
            return "risk-coverage curve";
        }
    };

    /** The key of the default selective prediction at a level. */
    record SelectiveKey(double level) {
    }

    /** The key of the coverage at one risk, at a level, with the default bootstrap. */
    record CoverageAtRiskKey(double risk, double level) {
    }

    private final ConcurrentHashMap<Object, Entry> entries = new ConcurrentHashMap<>();
    /** The entry each thread is waiting for now, to see a wait that would close a cycle. */
    private final ConcurrentHashMap<Thread, Entry> waiting = new ConcurrentHashMap<>();

    /**
     * Computes a value once per key.
     *
     * @param key         the key: a metric, or a key record
     * @param name        what the value is, for messages
     * @param computation computes the value
     * @param <R>         the type of the value
     * @return the value
     */
    <R> R once(Object key, String name, Callable<R> computation) {
        Thread me = Thread.currentThread();
        Entry entry = entries.get(key);
        if (entry == null) {
            Entry mine = new Entry(new FutureTask<>(computation::call), me);
            entry = entries.putIfAbsent(key, mine);
            if (entry == null) {
                entry = mine;
                try {
                    mine.task.run();
                } finally {
                    mine.owner = null;
                }
            }
        }
        if (!entry.task.isDone() && !await(entry, me)) {
            return direct(name, computation);
        }
        try {
            @SuppressWarnings("unchecked")
            R value = (R) entry.task.get();
            return value;
        } catch (ExecutionException e) {
            entries.remove(key, entry);
            throw unchecked(name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /**
     * Keeps a value computed elsewhere (an interval drawn together with others), unless one is kept already.
     *
     * @param key   the key
     * @param value the value
     */
    void offer(Object key, Object value) {
        FutureTask<Object> done = new FutureTask<>(() -> value);
        done.run();
        entries.putIfAbsent(key, new Entry(done, null));
    }

    /**
     * Tells whether a value is kept or being computed for a key.
     *
     * @param key the key
     * @return whether there is one
     */
    boolean has(Object key) {
        return entries.containsKey(key);
    }

    /**
     * Gives the default-bootstrap intervals of several metrics at a level, drawn from one bootstrap when none of them
     * is kept yet (each is then kept under its own {@link IntervalKey}, as {@code interval(metric, level)} keeps it).
     *
     * @param analysis the analysis
     * @param metrics  the metrics
     * @param level    the confidence level
     * @return one interval per metric, in order
     */
    List<Interval> intervals(ErrorAnalysis analysis, List<? extends Metric<? extends Number>> metrics, double level) {
        if (metrics.size() > 1 && metrics.stream().noneMatch(m -> has(new IntervalKey(m, level)))) {
            List<Interval> joint = Bootstrap.defaults().intervals(analysis, metrics, level);
            for (int m = 0; m < joint.size(); m++) {
                offer(new IntervalKey(metrics.get(m), level), joint.get(m));
            }
        }
        return metrics.stream().map(m -> analysis.interval(m, level)).toList();
    }

    /**
     * Waits for an entry computed by another thread.
     *
     * @return true when it is done, false when this thread must compute the value itself (it is computing it below
     *         on its own stack, or waiting would close a cycle)
     */
    private boolean await(Entry entry, Thread me) {
        waiting.put(me, entry);
        try {
            if (closesCycle(entry, me)) {
                return false;
            }
            ForkJoinPool.managedBlock(new Blocker(entry.task));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a value of the analysis", e);
        } finally {
            waiting.remove(me);
        }
    }

    /** Follows owner → the entry it waits for → its owner ...; true when the chain comes back to this thread. */
    private boolean closesCycle(Entry entry, Thread me) {
        Entry e = entry;
        for (int hops = 0; e != null && hops <= waiting.size(); hops++) {
            Thread owner = e.owner;
            if (owner == null) {
                return false;
            }
            if (owner == me) {
                return true;
            }
            e = waiting.get(owner);
        }
        return false;
    }

    private static <R> R direct(String name, Callable<R> computation) {
        try {
            return computation.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw unchecked(name, e);
        }
    }

    private static RuntimeException unchecked(String name, Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("computing " + name + " failed: " + cause, cause);
    }

    /**
     * Computes a metric over a context, checking its name ({@link Metrics#checkName}) and naming it when it fails.
     *
     * @param metric  the metric
     * @param context the context of an analysis or of a resample
     * @param <R>     the type of its value
     * @return its value
     * @throws IllegalArgumentException naming the metric when its name is refused
     * @throws MetricException          naming the metric when it throws
     */
    static <R> R compute(Metric<R> metric, MetricContext context) {
        String name = Metrics.checkName(Objects.requireNonNull(metric, "metric"));
        try {
            return metric.compute(context);
        } catch (MetricException e) {
            throw e.metricName().equals(name) ? e : new MetricException(name, e);
        } catch (RuntimeException e) {
            throw new MetricException(name, e);
        }
    }
}
