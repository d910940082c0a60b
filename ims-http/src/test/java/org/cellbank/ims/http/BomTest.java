package org.cellbank.ims.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * ims-bom names every published module at the project's version, and the parent POM manages the
 * same list (it cannot import a BOM built in its own reactor), so the two never drift apart.
 */
class BomTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void bom_listsEveryLibraryModule_atTheProjectVersion_andTheParentManagesTheSameList() throws Exception {
    Document parent = read(ROOT.resolve("pom.xml"));
    Document bom = read(ROOT.resolve("ims-bom/pom.xml"));
    String version = child(parent.getDocumentElement(), "version");
    assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(version);

    List<String> libraries = new ArrayList<>();
    NodeList modules = parent.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String module = modules.item(i).getTextContent().trim();
      if (module.startsWith("ims-") && !module.equals("ims-bom")) {
        libraries.add(module);
      }
    }
    assertThat(libraries).contains("ims-http", "ims-core", "ims-lambda-adapter");

    List<String> inBom = managed(bom);
    for (String library : libraries) {
      assertThat(inBom).as("ims-bom").contains("org.cellbank.ims:" + library + ":jar:${project.version}");
    }
    List<String> inParent = new ArrayList<>(managed(parent));
    inParent.removeIf(entry -> entry.startsWith("org.cellbank.ims:ims-example-"));
    assertThat(inParent).as("the parent's managed IMS artifacts").containsExactlyElementsOf(inBom);
  }

  // groupId:artifactId:type:version of each managed org.cellbank.ims dependency, in order.
  private static List<String> managed(Document pom) {
    List<String> out = new ArrayList<>();
    Element management = (Element) pom.getElementsByTagName("dependencyManagement").item(0);
    NodeList dependencies = management.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element d = (Element) dependencies.item(i);
      if ("org.cellbank.ims".equals(child(d, "groupId"))) {
        String type = child(d, "type");
        out.add(child(d, "groupId") + ":" + child(d, "artifactId") + ":" + (type == null ? "jar" : type) + ":"
            + child(d, "version"));
      }
    }
    return out;
  }

  private static String child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    return null;
  }

  private static Document read(Path pom) throws Exception {
    assertThat(pom).exists();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (var in = Files.newInputStream(pom)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }
}
