package dev.wlat.report.plot;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads plot pages the way a test must: as XML, with their embedded values. */
final class Pages {

  private Pages() {}

  /** {@return {@code xml} parsed by the JDK's XML parser}; fails when it is not well-formed. */
  static Document parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setExpandEntityReferences(false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
    }
  }

  /** {@return every {@code <svg>…</svg>} of {@code html}, outermost ones only}. */
  static List<String> svgs(String html) {
    List<String> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = html.indexOf("<svg", from);
      if (start < 0) {
        return out;
      }
      int end = html.indexOf("</svg>", start);
      out.add(html.substring(start, end + 6));
      from = end + 6;
    }
  }

  /** {@return every http:// or https:// reference in {@code html}}. */
  static List<String> urls(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("https?://[^\"'\\s)<>]*").matcher(html);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** {@return data-day → the long value of attribute {@code attr}, over every element carrying both}. */
  static Map<String, Long> byDay(Document doc, String attr) {
    Map<String, Long> m = new TreeMap<>();
    NodeList all = doc.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (e.hasAttribute("data-day") && e.hasAttribute(attr)) {
        m.merge(e.getAttribute("data-day"), Long.parseLong(e.getAttribute(attr)), Long::sum);
      }
    }
    return m;
  }

  /** {@return the values of attribute {@code attr} over every element with class {@code cls}}. */
  static List<Long> values(Document doc, String cls, String attr) {
    List<Long> out = new ArrayList<>();
    NodeList all = doc.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (e.hasAttribute(attr) && hasClass(e, cls)) {
        out.add(Long.parseLong(e.getAttribute(attr)));
      }
    }
    return out;
  }

  private static boolean hasClass(Element e, String cls) {
    for (org.w3c.dom.Node n = e; n instanceof Element el; n = n.getParentNode()) {
      if (List.of(el.getAttribute("class").split(" ")).contains(cls)) {
        return true;
      }
    }
    return false;
  }

  /** {@return the text content of the whole document}. */
  static String text(Document doc) {
    return doc.getDocumentElement().getTextContent();
  }
}
