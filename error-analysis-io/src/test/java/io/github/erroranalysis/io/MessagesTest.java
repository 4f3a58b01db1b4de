package io.github.erroranalysis.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one wording of failures: one line, the causes followed, the reason of a file error, running out of memory. */
class MessagesTest {

    @TempDir
    Path dir;

    @Test
    void should_flatten_a_message_onto_one_line_and_name_the_type_when_there_is_none() {
        assertThat(Messages.oneLine(new IOException("  first line \r\n\tsecond\n\nthird  "))).isEqualTo(
                "first line; second; third");
        assertThat(Messages.oneLine(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(Messages.oneLine(new IOException(" \n "))).isEqualTo("IOException");
        assertThat(Messages.oneLine((String) null)).isEqualTo("no details");
        assertThat(Messages.oneLine("a\u2028b")).isEqualTo("a; b");
    }

    @Test
    void should_describe_a_failure_by_its_causes_never_by_null_or_an_empty_wrapper() {
        IOException wrapped = new IOException("Caught exception during read: ",
                new IllegalStateException("row 7 is short"));
        IOException bare = new IOException("Caught exception during read: ", new NegativeArraySizeException());
        IOException repeated = new IOException(new java.util.zip.ZipException("invalid distance too far back"));
        IOException chain = new IOException("cannot read\nthe batch", new IOException("the disk\nfailed"));

        assertThat(Messages.causes(wrapped)).isEqualTo("row 7 is short");
        assertThat(Messages.causes(bare)).isEqualTo("NegativeArraySizeException");
        assertThat(Messages.causes(repeated)).isEqualTo("invalid distance too far back");
        assertThat(Messages.causes(new EOFException())).isEqualTo("the file ends early");
        assertThat(Messages.causes(chain)).isEqualTo("cannot read; the batch: the disk; failed");
    }

    @Test
    void should_give_a_file_system_error_its_reason_alone_and_others_their_message() {
        assertThat(Messages.reason(new FileSystemException("/x/report.json", null, "No space left on device")))
                .isEqualTo("No space left on device");
        assertThat(Messages.reason(new AccessDeniedException("/x/report.json"))).isEqualTo("/x/report.json");
        assertThat(Messages.reason(new IOException("Broken\npipe"))).isEqualTo("Broken; pipe");
        assertThat(Messages.reason(new IOException())).isEqualTo("IOException");
    }

    @Test
    void should_word_running_out_of_memory_one_way_with_the_heap_limit() throws IOException {
        long max = Runtime.getRuntime().maxMemory();
        String heap = max == Long.MAX_VALUE ? "no fixed limit" : String.format(Locale.ROOT, "%,d MB", max >> 20);
        Path file = Files.write(dir.resolve("big.csv"), new byte[12_345]);

        assertThat(Messages.heapLimit()).isEqualTo(heap).matches("no fixed limit|[0-9]{1,3}(,[0-9]{3})* MB");
        assertThat(Messages.outOfMemory("decode the 3000×3000 image")).isEqualTo("not enough memory to decode the "
                + "3000×3000 image with at most " + heap + " of Java heap; give Java more with -Xmx, for example "
                + "java -Xmx8g ...");
        assertThat(Messages.outOfMemory(file)).isEqualTo("not enough memory to read " + file + " (12,345 bytes) with "
                + "at most " + heap + " of Java heap; give Java more with -Xmx, for example java -Xmx8g ...");
        assertThat(Messages.outOfMemory(dir)).isEqualTo("not enough memory to read " + dir + " with at most " + heap
                + " of Java heap; give Java more with -Xmx, for example java -Xmx8g ...");
    }
}
