package io.github.erroranalysis.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.ErrorAnalysis;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class GateJUnitXmlTest {

    private static final ErrorAnalysis TWENTY = TwentyExamples.analysis();

    @Test
    void each_gate_is_a_test_case_and_a_failed_gate_carries_its_message() throws Exception {
        // GIVEN one passing and two failing gates, one of them named with characters XML escapes
        List<GateResult> results = GateEvaluator.of(TWENTY).evaluate(List.of(
                QualityGate.accuracyAtLeast(0.7).named("--min-accuracy 0.7"),
                QualityGate.classAccuracyAtLeast("cat", 0.6).named("--min-class-accuracy cat=0.6"),
                QualityGate.eceAtMost(0.5).named("ece <= 0.5 & \"calibrated\"")));
        // WHEN
        byte[] xml = GateJUnitXml.toBytes("cifar-errors analyze", results);
        // THEN it parses back with the counts, one test case per gate, and the messages
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("cifar-errors analyze");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            Element c = (Element) cases.item(i);
            assertThat(c.getAttribute("name")).isEqualTo(results.get(i).name());
            assertThat(c.getAttribute("classname")).isEqualTo("cifar-errors analyze");
            NodeList failures = c.getElementsByTagName("failure");
            assertThat(failures.getLength()).isEqualTo(results.get(i).passed() ? 0 : 1);
            if (!results.get(i).passed()) {
                Element failure = (Element) failures.item(0);
                assertThat(failure.getAttribute("message")).isEqualTo(results.get(i).message());
                assertThat(failure.getTextContent()).isEqualTo(results.get(i).message());
            }
        }
        assertThat(((Element) cases.item(2)).getAttribute("name")).isEqualTo("ece <= 0.5 & \"calibrated\"");
        assertThat(((Element) cases.item(1)).getElementsByTagName("failure").item(0).getTextContent())
                .startsWith("FAILED --min-class-accuracy cat=0.6: accuracy of class cat 0.5000");
    }

    @Test
    void no_gates_make_an_empty_suite() throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                GateJUnitXml.toBytes("s", List.of())));
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("0");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
    }
}
