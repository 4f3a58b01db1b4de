package io.github.erroranalysis.gate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes gate results as a JUnit XML report, so that CI servers show each gate as a test: one
 * {@code <testsuite>} with its {@code tests} and {@code failures} counts, one {@code <testcase>} per gate (named as
 * the gate, its {@code classname} the suite's name), a failed gate with a {@code <failure>} whose {@code message}
 * attribute and text are the gate's one-line message, and a passed gate's message as its {@code <system-out>}.
 * UTF-8, written with the JDK's {@code javax.xml.stream}.
 */
public final class GateJUnitXml {

    private GateJUnitXml() {
    }

    /**
     * Writes the report.
     *
     * @param suite the test suite's name, for example {@code cifar-errors analyze}
     * @param results the gate results, one test case each
     * @param out where the UTF-8 XML goes (not closed)
     * @throws IOException if writing fails
     */
    public static void write(String suite, List<GateResult> results, OutputStream out) throws IOException {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(out, "out");
        long failures = results.stream().filter(r -> !r.passed()).count();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", suite);
            x.writeAttribute("tests", Integer.toString(results.size()));
            x.writeAttribute("failures", Long.toString(failures));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", "0");
            x.writeAttribute("time", "0");
            x.writeCharacters("\n");
            for (GateResult r : results) {
                x.writeCharacters("  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", suite);
                x.writeAttribute("name", r.name());
                x.writeAttribute("time", "0");
                if (r.passed()) {
                    x.writeStartElement("system-out");
                    x.writeCharacters(r.message());
                    x.writeEndElement();
                } else {
                    x.writeStartElement("failure");
                    x.writeAttribute("message", r.message());
                    x.writeAttribute("type", "quality gate");
                    x.writeCharacters(r.message());
                    x.writeEndElement();
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the JUnit XML of " + results.size() + " gates: " + e.getMessage(), e);
        }
    }

    /**
     * Gives the report as bytes.
     *
     * @param suite the test suite's name
     * @param results the gate results
     * @return the UTF-8 XML
     */
    public static byte[] toBytes(String suite, List<GateResult> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(suite, results, bytes);
        } catch (IOException e) {
            throw new IllegalStateException("writing JUnit XML to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Gives the report as text.
     *
     * @param suite the test suite's name
     * @param results the gate results
     * @return the XML
     */
    public static String toXml(String suite, List<GateResult> results) {
        return new String(toBytes(suite, results), StandardCharsets.UTF_8);
    }
}
