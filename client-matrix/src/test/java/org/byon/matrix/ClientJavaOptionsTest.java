package org.byon.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matrix's Java leg checks the client we ship: generators/java.yaml must hold exactly the
 * generator, library and configOptions of client-java's java-native-client execution (only
 * the package names differ).
 */
class ClientJavaOptionsTest {

    private static final Set<String> OWN_SETTINGS = Set.of("generatorName", "library", "apiPackage", "modelPackage", "invokerPackage");

    @Test
    void javaLegUsesTheOptionsClientJavaShipsWith() throws Exception {
        Element execution = clientJavaExecution();
        Map<String, String> shipped = new TreeMap<>();
        NodeList options = ((Element) execution.getElementsByTagName("configOptions").item(0)).getChildNodes();
        for (int i = 0; i < options.getLength(); i++) {
            if (options.item(i).getNodeType() == Node.ELEMENT_NODE) {
                shipped.put(options.item(i).getNodeName(), options.item(i).getTextContent().trim());
            }
        }
        JsonNode matrix = new YAMLMapper().readTree(new File(System.getProperty("byon.generators"), "java.yaml"));
        Map<String, String> ours = new TreeMap<>();
        matrix.fields().forEachRemaining(f -> {
            if (!OWN_SETTINGS.contains(f.getKey())) {
                ours.put(f.getKey(), f.getValue().asText());
            }
        });
        assertThat(shipped).as("configOptions of client-java/pom.xml").isNotEmpty();
        assertThat(ours).as("generators/java.yaml").isEqualTo(shipped);
        assertThat(matrix.path("generatorName").asText()).isEqualTo(text(execution, "generatorName"));
        assertThat(matrix.path("library").asText()).isEqualTo(text(execution, "library"));
    }

    private static Element clientJavaExecution() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(System.getProperty("byon.clientJavaPom")));
        NodeList executions = pom.getElementsByTagName("execution");
        for (int i = 0; i < executions.getLength(); i++) {
            Element e = (Element) executions.item(i);
            if (text(e, "generatorName").equals("java") && e.getElementsByTagName("configOptions").getLength() > 0) {
                return e;
            }
        }
        throw new AssertionError("client-java/pom.xml has no java generator execution");
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
