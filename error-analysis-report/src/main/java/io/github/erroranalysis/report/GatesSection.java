package io.github.erroranalysis.report;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.gate.GateResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The built-in "Quality gates" section, shown when the report is given gate results
 * ({@link ErrorReport.Builder#gates(List)}): how many passed, then a table of each gate with the judged value, the
 * metric's interval, the requirement and the verdict, and each failed gate's one-line message. Written only through
 * the public {@link SectionWriter}; the numbers reach {@code report.json} under its top-level {@code gates} key.
 */
final class GatesSection implements ReportSection {

    /** The section's id. */
    static final String ID = "gates";

    private final List<GateResult> gates;

    /**
     * Makes the section.
     *
     * @param gates the judged gates, in the order they were given
     */
    GatesSection(List<GateResult> gates) {
        this.gates = List.copyOf(Objects.requireNonNull(gates, "gates"));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Quality gates";
    }

    @Override
    public void render(SectionWriter out, ErrorAnalysis analysis) {
        long passed = gates.stream().filter(GateResult::passed).count();
        out.paragraph(passed == gates.size() ? "Every quality gate passed (" + passed + " of " + gates.size() + ")."
                : (gates.size() - passed) + " of " + gates.size() + " quality gates failed.");
        List<List<String>> rows = new ArrayList<>();
        for (GateResult r : gates) {
            rows.add(List.of(r.name(), r.subject(), r.actualText(), r.measurement().toString(), r.requirement(),
                    r.verdict().word()));
        }
        out.table(List.of("gate", "judged", "actual", "interval", "threshold", "verdict"), rows);
        for (GateResult r : gates) {
            if (!r.passed()) {
                out.paragraph(r.message());
            }
        }
    }
}
