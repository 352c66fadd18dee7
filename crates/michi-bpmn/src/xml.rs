//! Small XML helpers: a writer that indents and escapes (escaping by quick-xml), and the capture of
//! an element of the source as a self-contained fragment.

use quick_xml::escape::escape;

/// Writes indented XML. Attribute values and text are escaped; fragments are written as they are.
pub struct Writer {
    out: String,
    depth: usize,
}

pub type Attrs = Vec<(String, String)>;

impl Writer {
    pub fn new() -> Writer {
        Writer { out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), depth: 0 }
    }

    /// A writer for content that will be appended to another at `depth`.
    pub fn body(depth: usize) -> Writer {
        Writer { out: String::new(), depth }
    }

    pub fn append(&mut self, other: Writer) {
        self.out.push_str(&other.out);
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn start(&mut self, tag: &str, attrs: &[(String, String)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            self.out.push_str(&escape_attr(value));
            self.out.push('"');
        }
    }

    pub fn open(&mut self, tag: &str, attrs: &[(String, String)]) {
        self.start(tag, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    pub fn close(&mut self, tag: &str) {
        self.depth -= 1;
        self.indent();
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    pub fn empty(&mut self, tag: &str, attrs: &[(String, String)]) {
        self.start(tag, attrs);
        self.out.push_str("/>\n");
    }

    /// `<tag attrs>text</tag>` on one line.
    pub fn leaf(&mut self, tag: &str, attrs: &[(String, String)], text: &str) {
        self.start(tag, attrs);
        self.out.push('>');
        self.out.push_str(&escape(text));
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    /// A fragment kept from an imported file, written as it was.
    pub fn raw(&mut self, fragment: &str) {
        self.indent();
        self.out.push_str(fragment.trim());
        self.out.push('\n');
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Escapes an attribute value. Line breaks and tabs become character references: written as they
/// are, a reader would normalise them to spaces (a name on two lines would come back on one).
fn escape_attr(value: &str) -> String {
    escape(value).replace('\n', "&#10;").replace('\r', "&#13;").replace('\t', "&#9;")
}

pub fn attr(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_string(), value.into())
}

/// The element named at the start of a fragment, without its prefix (`extensionElements`).
pub fn fragment_local_name(fragment: &str) -> &str {
    let start = fragment.trim_start().trim_start_matches('<');
    let end = start.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(start.len());
    let qname = &start[..end];
    qname.rsplit(':').next().unwrap_or(qname)
}

/// The raw qualified name of the element starting at `start` in `text` (`semantic:task`).
pub fn raw_tag_name(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    let rest = rest.strip_prefix('<').unwrap_or(rest);
    let end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(rest.len());
    &rest[..end]
}

/// `node` and its content as written in `text`, made self-contained: the namespaces its names use
/// that are declared outside it are declared on it.
pub fn fragment(node: roxmltree::Node<'_, '_>, text: &str) -> String {
    let range = node.range();
    let source = &text[range.clone()];
    let root_tag = raw_tag_name(text, range.start);
    let root_start_tag = &source[..source.find('>').map_or(source.len(), |i| i + 1)];
    // Prefixes used by element and attribute names inside the fragment (None: the default namespace).
    let mut used: Vec<Option<&str>> = Vec::new();
    for element in node.descendants().filter(|n| n.is_element()) {
        let tag = raw_tag_name(text, element.range().start);
        used.push(tag.split_once(':').map(|(p, _)| p));
        for a in element.attributes() {
            if let Some((p, _)) = text[a.range_qname()].split_once(':')
                && p != "xmlns"
            {
                used.push(Some(p));
            }
        }
    }
    used.sort();
    used.dedup();
    let mut declarations = String::new();
    for prefix in used {
        match prefix {
            Some("xml") => {}
            Some(p) => {
                if !root_start_tag.contains(&format!("xmlns:{p}="))
                    && let Some(uri) = node.lookup_namespace_uri(Some(p))
                {
                    declarations.push_str(&format!(" xmlns:{p}=\"{}\"", escape(uri)));
                }
            }
            None => {
                if !root_start_tag.contains("xmlns=")
                    && let Some(uri) = node.lookup_namespace_uri(None)
                {
                    declarations.push_str(&format!(" xmlns=\"{}\"", escape(uri)));
                }
            }
        }
    }
    let at = 1 + root_tag.len();
    format!("{}{}{}", &source[..at], declarations, &source[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_carry_the_namespaces_they_use() {
        let text = r#"<d xmlns="urn:model" xmlns:c="urn:camunda" xmlns:unused="urn:u"><task><extensionElements><c:field name="x"><c:string>v</c:string></c:field></extensionElements></task></d>"#;
        let doc = roxmltree::Document::parse(text).unwrap();
        let ext = doc.descendants().find(|n| n.tag_name().name() == "extensionElements").unwrap();
        let f = fragment(ext, text);
        assert_eq!(
            f,
            r#"<extensionElements xmlns="urn:model" xmlns:c="urn:camunda"><c:field name="x"><c:string>v</c:string></c:field></extensionElements>"#
        );
        // The fragment parses on its own, with the same names.
        let alone = roxmltree::Document::parse(&f).unwrap();
        let field = alone.descendants().find(|n| n.tag_name().name() == "field").unwrap();
        assert_eq!(field.tag_name().namespace(), Some("urn:camunda"));
        assert_eq!(alone.root_element().tag_name().namespace(), Some("urn:model"));
    }

    #[test]
    fn prefixed_attributes_count_as_uses() {
        let text = r#"<d xmlns:b="urn:b" xmlns:x="urn:x"><b:e x:a="1"/></d>"#;
        let doc = roxmltree::Document::parse(text).unwrap();
        let e = doc.root_element().first_element_child().unwrap();
        assert_eq!(fragment(e, text), r#"<b:e xmlns:b="urn:b" xmlns:x="urn:x" x:a="1"/>"#);
    }

    #[test]
    fn writer_escapes_values_and_text() {
        let mut w = Writer::new();
        w.open("a", &[attr("name", "x < \"y\" & z")]);
        w.leaf("b", &[], "1 < 2 & 3");
        w.close("a");
        let out = w.finish();
        assert!(out.contains(r#"name="x &lt; &quot;y&quot; &amp; z""#), "{out}");
        assert!(out.contains("<b>1 &lt; 2 &amp; 3</b>"), "{out}");
        assert!(roxmltree::Document::parse(&out).is_ok());
    }

    #[test]
    fn line_breaks_in_attributes_survive_a_reader() {
        let mut w = Writer::new();
        w.empty("a", &[attr("name", "Gateway\n(Merge)\tx")]);
        let out = w.finish();
        let doc = roxmltree::Document::parse(&out).unwrap();
        assert_eq!(doc.root_element().attribute("name"), Some("Gateway\n(Merge)\tx"));
    }

    #[test]
    fn local_names_of_fragments() {
        assert_eq!(fragment_local_name("<bpmn:extensionElements>…"), "extensionElements");
        assert_eq!(fragment_local_name("  <documentation xmlns=\"x\"/>"), "documentation");
    }
}
