package com.luxedrive.systemtests;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** STYLE.md's build rule: versions live in the root pom only; modules name artifacts. */
class BuildConventionsTest {

    private static final Path ROOT = Path.of(System.getProperty("luxe.project.root", "..")).toAbsolutePath().normalize();

    @Test
    void modulesDeclareNoDependencyOrPluginVersions() throws Exception {
        List<String> offences = new ArrayList<>();
        for (Path pom : modulePoms()) {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            for (String element : List.of("dependency", "plugin")) {
                NodeList nodes = document.getElementsByTagName(element);
                for (int i = 0; i < nodes.getLength(); i++) {
                    Element node = (Element) nodes.item(i);
                    if (node.getElementsByTagName("version").getLength() > 0) {
                        offences.add(ROOT.relativize(pom) + ": " + text(node, "artifactId"));
                    }
                }
            }
        }
        assertThat(offences).as("versions belong in the root pom.xml").isEmpty();
    }

    @Test
    void everyModuleIsInTheBuild() throws Exception {
        String root = Files.readString(ROOT.resolve("pom.xml"));
        assertThat(modulePoms()).isNotEmpty().allSatisfy(pom ->
                assertThat(root).contains("<module>" + ROOT.relativize(pom.getParent()) + "</module>"));
    }

    private static List<Path> modulePoms() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT, 3)) {
            return files.filter(path -> path.getFileName().toString().equals("pom.xml"))
                    .filter(path -> !path.equals(ROOT.resolve("pom.xml")))
                    .filter(path -> !path.toString().contains("/target/") && !path.toString().contains("/.data/"))
                    .sorted()
                    .toList();
        }
    }

    private static String text(Element node, String child) {
        NodeList children = node.getElementsByTagName(child);
        return children.getLength() == 0 ? "?" : children.item(0).getTextContent();
    }
}
