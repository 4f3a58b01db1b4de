package io.github.erroranalysis.spark;

import java.util.Locale;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bad input found inside one partition of a distributed analysis; the message names the partition and the row.
 *
 * <p>Thrown inside a Spark task and surfaced unwrapped on the driver in place of Spark's generic job failure. It is
 * an {@link IllegalArgumentException}, like every bad-input error of the analysis.
 */
public final class BadPartitionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** How the accumulator names the example it refuses; within one partition that is the row. */
    private static final Pattern EXAMPLE = Pattern.compile("^example (\\d+): (.*)$", Pattern.DOTALL);

    private final int partition;
    private final long row;

    /**
     * Creates the exception with a message that starts with the partition and the row.
     *
     * @param partition the partition index ({@code TaskContext.getPartitionId()})
     * @param row the 0-based row within the partition (the first row of the batch when no single row is to blame)
     * @param problem what is wrong, with the offending value
     * @param cause the underlying error, or null
     */
    BadPartitionException(int partition, long row, String problem, Throwable cause) {
        super(String.format(Locale.ROOT, "partition %d, row %d: %s", partition, row, problem), cause);
        this.partition = partition;
        this.row = row;
    }

    /** Copies a task's exception on the driver, keeping its message and adding Spark's failure as the cause. */
    private BadPartitionException(BadPartitionException fromTask, Throwable sparkFailure) {
        super(fromTask.getMessage(), sparkFailure);
        this.partition = fromTask.partition;
        this.row = fromTask.row;
    }

    /**
     * Re-creates a task's exception on the driver.
     *
     * @param fromTask the exception thrown in the task
     * @param sparkFailure Spark's job failure, kept as the cause
     * @return an exception with the same message, partition and row
     */
    static BadPartitionException onDriver(BadPartitionException fromTask, Throwable sparkFailure) {
        return new BadPartitionException(fromTask, sparkFailure);
    }

    /**
     * Names the partition and row of a problem reported by the partition's accumulator, whose example index is the
     * row within the partition.
     *
     * @param partition the partition index
     * @param batchFirstRow the first row of the batch, used when the message names no example
     * @param problem the accumulator's exception
     * @return the exception to throw from the task
     */
    static BadPartitionException fromAccumulator(int partition, long batchFirstRow, IllegalArgumentException problem) {
        return fromAccumulator(partition, batchFirstRow, problem, row -> "");
    }

    /**
     * Names the partition, row and what the caller knows of the row (its id) for a problem reported by the
     * partition's accumulator.
     *
     * @param partition the partition index
     * @param batchFirstRow the first row of the batch, used when the message names no example
     * @param problem the accumulator's exception
     * @param describeRow gives a prefix naming the row (such as its id), or an empty text
     * @return the exception to throw from the task
     */
    static BadPartitionException fromAccumulator(int partition, long batchFirstRow, IllegalArgumentException problem,
            LongFunction<String> describeRow) {
        String message = String.valueOf(problem.getMessage());
        Matcher m = EXAMPLE.matcher(message);
        if (m.matches()) {
            long row = Long.parseLong(m.group(1));
            return new BadPartitionException(partition, row, describeRow.apply(row) + m.group(2), problem);
        }
        return new BadPartitionException(partition, batchFirstRow, message, problem);
    }

    /**
     * Gives the index of the partition holding the bad input.
     *
     * @return the partition index
     */
    public int partition() {
        return partition;
    }

    /**
     * Gives the 0-based row within the partition (for a batch-wide problem, the batch's first row).
     *
     * @return the row within the partition
     */
    public long row() {
        return row;
    }
}
