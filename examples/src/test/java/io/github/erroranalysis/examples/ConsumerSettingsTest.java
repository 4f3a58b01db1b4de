package io.github.erroranalysis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Guards the settings of the consumer builds (src/it/settings.xml), whose real check is {@code mvn verify} from an
 * empty local repository: a consumer must be able to download from Maven Central what the outer build never did.
 */
class ConsumerSettingsTest {

    private static final Path SETTINGS = Path.of("src/it/settings.xml");

    @Test
    void no_mirror_hides_maven_central_from_the_consumer_builds() throws Exception {
        Document settings = parse();

        List<String> mirrored = new ArrayList<>();
        NodeList mirrors = settings.getElementsByTagName("mirrorOf");
        for (int i = 0; i < mirrors.getLength(); i++) {
            mirrored.add(mirrors.item(i).getTextContent().trim());
        }

        assertThat(mirrored).as("mirrorOf in %s", SETTINGS)
                .noneMatch(m -> List.of(m.split(",")).stream().map(String::trim)
                        .anyMatch(p -> p.equals("*") || p.equals("central") || p.equals("external:*")));
    }

    @Test
    void the_outer_local_repository_serves_releases_only() throws Exception {
        Document settings = parse();

        for (String kind : List.of("repository", "pluginRepository")) {
            NodeList repositories = settings.getElementsByTagName(kind);
            assertThat(repositories.getLength()).as("%ss in %s", kind, SETTINGS).isPositive();
            for (int i = 0; i < repositories.getLength(); i++) {
                Element repository = (Element) repositories.item(i);
                Element snapshots = (Element) repository.getElementsByTagName("snapshots").item(0);
                // a local repository has no remote snapshot metadata: SNAPSHOTs must come from invoker:install
                assertThat(snapshots.getElementsByTagName("enabled").item(0).getTextContent().trim())
                        .as("snapshots of %s %s in %s", kind,
                                repository.getElementsByTagName("id").item(0).getTextContent(), SETTINGS)
                        .isEqualTo("false");
                assertThat(repository.getElementsByTagName("id").item(0).getTextContent().trim())
                        .as("id of a %s in %s (it must not replace Maven Central)", kind, SETTINGS)
                        .isNotEqualTo("central");
            }
        }
    }

    private static Document parse() throws Exception {
        assertThat(SETTINGS).as("run from the examples module").exists();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(SETTINGS.toFile());
    }
}
