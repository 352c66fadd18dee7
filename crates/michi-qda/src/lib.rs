//! The evidence of a workspace as a REFI-QDA project (`.qdpx`), the exchange format QualCoder,
//! MAXQDA, ATLAS.ti and NVivo read, and back.
//!
//! A `.qdpx` file is a zip of `project.qde` (XML, namespace `urn:QDA-XML:project:1.0`) and the
//! sources. Each conversation is a text source (`sources/<guid>.txt`): its notes under a heading
//! per perspective. Each quote is a `PlainTextSelection` of that text (positions in characters),
//! coded with its tags; tags are the codebook's codes, nested as they nest. Segment attributes are
//! document variables; each account is a case. What REFI-QDA has no place for (the conversation's
//! fields as Michi keeps them, a quote's perspective and what it supports) rides in the
//! `Description` of the source and of the selection as JSON, so Michi reads its own projects back
//! into an equal evidence set; a project from another tool is read from its text, selections and
//! codes.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read, Write};

use michi_core::derive::evidence::iso_date;
use michi_core::edit::{ConversationImport, QuoteIn};
use michi_core::element::{Conversation, ElementData, ElementKind, Perspective, Quote};
use michi_core::relation::RelationKind;
use michi_core::{ElementId, Workspace};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use uuid::Uuid;

pub const NAMESPACE: &str = "urn:QDA-XML:project:1.0";
/// The most a `.qdpx` file, its `project.qde` and one source may hold once unpacked.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;
pub const MAX_SOURCE: u64 = 16 * 1024 * 1024;
pub const MAX_ENTRIES: usize = 20_000;

#[derive(Debug, Error)]
pub enum QdaError {
    #[error("the file is not a REFI-QDA project (.qdpx): {0}")]
    NotAProject(String),
    #[error("{0} is larger than {1} bytes once unpacked")]
    TooLarge(String, u64),
    #[error("the project's XML is not valid: {0}")]
    Xml(String),
}

/// What a source's `Description` carries for Michi.
#[derive(Serialize, Deserialize)]
struct SourceMeta {
    michi: u32,
    conversation: Conversation,
    #[serde(default)]
    segments: Vec<String>,
}

/// What a selection's `Description` carries for Michi.
#[derive(Serialize, Deserialize)]
struct SelectionMeta {
    michi: u32,
    perspective: Option<Perspective>,
    #[serde(default)]
    supports: Vec<ElementId>,
}

/// A GUID standing for a Michi id, the same every time (so a project exported twice is the same).
fn guid(id: &str) -> String {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, format!("michi:{id}").as_bytes()).to_string()
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

fn perspective_heading(p: Option<Perspective>) -> String {
    match p {
        Some(p) => p.name().ja.to_string(),
        None => "引用".to_string(),
    }
}

/// A conversation's text: a `## ` heading per perspective with its note, and where each quote is
/// in it (character positions). A quote not found in its note is written under it.
fn source_text(c: &Conversation, quotes: &[(ElementId, Quote)]) -> (String, Vec<(usize, usize)>) {
    let mut sections: Vec<(Option<Perspective>, String)> =
        Perspective::ALL.iter().map(|p| (Some(*p), c.notes.get(*p).to_string())).collect();
    sections.push((None, String::new()));
    for (_, q) in quotes {
        let s = &mut sections[q.perspective.map_or(5, |p| p as usize)].1;
        if !s.contains(q.text.as_str()) {
            if !s.is_empty() {
                s.push('\n');
            }
            s.push_str(&q.text);
        }
    }
    let mut text = String::new();
    let mut starts: HashMap<Option<Perspective>, usize> = HashMap::new();
    for (p, body) in &sections {
        if body.trim().is_empty() {
            continue;
        }
        text.push_str(&format!("## {}\n", perspective_heading(*p)));
        starts.insert(*p, text.len());
        text.push_str(body);
        text.push_str("\n\n");
    }
    let positions = quotes
        .iter()
        .map(|(_, q)| {
            let start = starts.get(&q.perspective).copied().unwrap_or(0);
            let at = text[start..].find(q.text.as_str()).map_or(start, |i| start + i);
            let from = text[..at].chars().count();
            (from, from + q.text.chars().count())
        })
        .collect();
    (text, positions)
}

const VARIABLES: [&str; 6] = ["日付", "顧客ID", "規模", "業種", "意欲", "リテラシー"];

/// The workspace's evidence as a `.qdpx` file named `name`.
pub fn export(ws: &Workspace, name: &str) -> Result<Vec<u8>, QdaError> {
    let conversations = michi_core::derive::evidence::conversations(ws);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!("<Project xmlns=\"{NAMESPACE}\" name=\"{}\" origin=\"Michi\">\n", escape(name)));

    // The codebook: the tag tree.
    let children = michi_core::derive::evidence::tag_children(ws);
    fn codes(
        out: &mut String,
        children: &BTreeMap<Option<ElementId>, Vec<(String, ElementId)>>,
        parent: Option<ElementId>,
        depth: usize,
    ) {
        for (name, id) in children.get(&parent).into_iter().flatten() {
            let pad = "  ".repeat(depth + 3);
            let inner = children.contains_key(&Some(id.clone()));
            out.push_str(&format!(
                "{pad}<Code guid=\"{}\" name=\"{}\" isCodable=\"true\"{}>\n",
                guid(id.as_str()),
                escape(name),
                if inner { "" } else { "/" }
            ));
            if inner {
                codes(out, children, Some(id.clone()), depth + 1);
                out.push_str(&format!("{pad}</Code>\n"));
            }
        }
    }
    if children.contains_key(&None) {
        xml.push_str("  <CodeBook>\n    <Codes>\n");
        codes(&mut xml, &children, None, 0);
        xml.push_str("    </Codes>\n  </CodeBook>\n");
    }
    if !conversations.is_empty() {
        xml.push_str("  <Variables>\n");
        for v in VARIABLES {
            xml.push_str(&format!(
                "    <Variable guid=\"{}\" name=\"{v}\" typeOfVariable=\"Text\"/>\n",
                guid(&format!("variable:{v}"))
            ));
        }
        xml.push_str("  </Variables>\n");
        // A case per account, holding its conversations.
        let mut cases: BTreeMap<String, Vec<&ElementId>> = BTreeMap::new();
        for (id, c) in &conversations {
            let account = if c.account_name.trim().is_empty() { c.account.trim() } else { c.account_name.trim() };
            if !account.is_empty() {
                cases.entry(account.to_string()).or_default().push(id);
            }
        }
        if !cases.is_empty() {
            xml.push_str("  <Cases>\n");
            for (account, sources) in &cases {
                xml.push_str(&format!(
                    "    <Case guid=\"{}\" name=\"{}\">\n",
                    guid(&format!("case:{account}")),
                    escape(account)
                ));
                for s in sources {
                    xml.push_str(&format!("      <SourceRef targetGUID=\"{}\"/>\n", guid(s.as_str())));
                }
                xml.push_str("    </Case>\n");
            }
            xml.push_str("  </Cases>\n");
        }
    }
    let mut files: Vec<(String, String)> = Vec::new();
    if !conversations.is_empty() {
        xml.push_str("  <Sources>\n");
        for (id, c) in &conversations {
            let mut quotes: Vec<(ElementId, Quote)> = ws
                .incoming(id, RelationKind::QuoteOf)
                .into_iter()
                .filter_map(|r| match ws.data(&r.from) {
                    Some(ElementData::Quote(q)) => Some((r.from.clone(), q.clone())),
                    _ => None,
                })
                .collect();
            quotes.sort_by(|a, b| a.0.cmp(&b.0));
            let (text, positions) = source_text(c, &quotes);
            let g = guid(id.as_str());
            let segments: Vec<String> = ws
                .outgoing(id, RelationKind::IsFor)
                .into_iter()
                .filter(|r| ws.kind_of(&r.to) == Some(ElementKind::Segment))
                .map(|r| r.to.as_str().to_string())
                .collect();
            let meta = SourceMeta { michi: 1, conversation: (*c).clone(), segments };
            let date = c.date.map(iso_date).unwrap_or_default();
            let account = if c.account_name.is_empty() { &c.account } else { &c.account_name };
            let title = format!("{date} {account}").trim().to_string();
            xml.push_str(&format!(
                "    <TextSource guid=\"{g}\" name=\"{}\" plainTextPath=\"internal://{g}.txt\">\n",
                escape(&title)
            ));
            xml.push_str(&format!(
                "      <Description>{}</Description>\n",
                escape(&serde_json::to_string(&meta).expect("a conversation serialises"))
            ));
            for ((qid, q), (from, to)) in quotes.iter().zip(&positions) {
                let supports: Vec<ElementId> =
                    ws.outgoing(qid, RelationKind::Supports).into_iter().map(|r| r.to).collect();
                let meta = SelectionMeta { michi: 1, perspective: q.perspective, supports };
                xml.push_str(&format!(
                    "      <PlainTextSelection guid=\"{}\" name=\"{}\" startPosition=\"{from}\" endPosition=\"{to}\">\n",
                    guid(qid.as_str()),
                    escape(&q.text)
                ));
                xml.push_str(&format!(
                    "        <Description>{}</Description>\n",
                    escape(&serde_json::to_string(&meta).expect("a quote serialises"))
                ));
                let mut tags: Vec<ElementId> =
                    ws.outgoing(qid, RelationKind::TaggedWith).into_iter().map(|r| r.to).collect();
                tags.sort();
                for t in tags {
                    xml.push_str(&format!(
                        "        <Coding guid=\"{}\">\n          <CodeRef targetGUID=\"{}\"/>\n        </Coding>\n",
                        guid(&format!("coding:{qid}:{t}")),
                        guid(t.as_str())
                    ));
                }
                xml.push_str("      </PlainTextSelection>\n");
            }
            let size = c.size.map(|s| format!("{s:?}")).unwrap_or_default();
            let level = |l: Option<michi_core::element::Level>| l.map(|l| format!("{l:?}")).unwrap_or_default();
            for (v, value) in VARIABLES.iter().zip([
                date.clone(),
                c.account.clone(),
                size,
                c.industry.clone(),
                level(c.motivation),
                level(c.literacy),
            ]) {
                if value.is_empty() {
                    continue;
                }
                xml.push_str(&format!(
                    "      <VariableValue>\n        <VariableRef targetGUID=\"{}\"/>\n        <TextValue>{}</TextValue>\n      </VariableValue>\n",
                    guid(&format!("variable:{v}")),
                    escape(&value)
                ));
            }
            xml.push_str("    </TextSource>\n");
            files.push((format!("sources/{g}.txt"), text));
        }
        xml.push_str("  </Sources>\n");
    }
    xml.push_str("</Project>\n");

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let fail = |e: zip::result::ZipError| QdaError::NotAProject(e.to_string());
    zip.start_file("project.qde", options).map_err(fail)?;
    zip.write_all(xml.as_bytes()).map_err(|e| QdaError::NotAProject(e.to_string()))?;
    for (path, text) in files {
        zip.start_file(path, options).map_err(fail)?;
        zip.write_all(text.as_bytes()).map_err(|e| QdaError::NotAProject(e.to_string()))?;
    }
    Ok(zip.finish().map_err(fail)?.into_inner())
}

/// The evidence a project holds, ready to import into `ws`: the conversations with their quotes,
/// and notes on what could not be kept (a linked element or segment this workspace does not have).
#[derive(Debug, Default)]
pub struct Imported {
    pub conversations: Vec<ConversationImport>,
    pub notes: Vec<String>,
}

fn unpack(bytes: &[u8]) -> Result<(String, HashMap<String, String>), QdaError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| QdaError::NotAProject(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(QdaError::NotAProject(format!("more than {MAX_ENTRIES} files in the archive")));
    }
    let mut project = None;
    let mut sources = HashMap::new();
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).map_err(|e| QdaError::NotAProject(e.to_string()))?;
        let name = f.name().map_err(|e| QdaError::NotAProject(e.to_string()))?.replace('\\', "/");
        let is_project = name.eq_ignore_ascii_case("project.qde");
        let is_source =
            name.to_ascii_lowercase().starts_with("sources/") && name.to_ascii_lowercase().ends_with(".txt");
        if !is_project && !is_source {
            continue;
        }
        let limit = if is_project { MAX_FILE } else { MAX_SOURCE };
        let mut buf = Vec::new();
        (&mut f).take(limit + 1).read_to_end(&mut buf).map_err(|e| QdaError::NotAProject(e.to_string()))?;
        if buf.len() as u64 > limit {
            return Err(QdaError::TooLarge(name, limit));
        }
        total += buf.len() as u64;
        if total > MAX_FILE {
            return Err(QdaError::TooLarge("the project".into(), MAX_FILE));
        }
        let text = String::from_utf8(buf).map_err(|_| QdaError::NotAProject(format!("{name} is not UTF-8 text")))?;
        if is_project {
            project = Some(text);
        } else {
            sources.insert(name["sources/".len()..].to_string(), text);
        }
    }
    let project = project.ok_or_else(|| QdaError::NotAProject("it has no project.qde".into()))?;
    Ok((project, sources))
}

/// The perspective of the `## ` section the character at `at` is in.
fn section_at(text: &str, at: usize) -> Option<Perspective> {
    let byte = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
    text[..byte].lines().rev().find_map(|l| l.strip_prefix("## ")).and_then(Perspective::parse)
}

/// A foreign source's text as notes: under the perspective headings it has, else all under the
/// customer's problem.
fn notes_of(text: &str) -> michi_core::element::Notes {
    let mut notes = michi_core::element::Notes::default();
    let mut current = Perspective::Problem;
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("## ")
            && let Some(p) = Perspective::ALL
                .into_iter()
                .find(|p| h.trim() == p.name().ja || h.trim().eq_ignore_ascii_case(&p.name().en))
        {
            current = p;
            continue;
        }
        let note = match current {
            Perspective::Problem => &mut notes.problem,
            Perspective::ProductOrOperation => &mut notes.product_or_operation,
            Perspective::Proposal => &mut notes.proposal,
            Perspective::Behaviour => &mut notes.behaviour,
            Perspective::Request => &mut notes.request,
        };
        note.push_str(line);
        note.push('\n');
    }
    for n in [
        &mut notes.problem,
        &mut notes.product_or_operation,
        &mut notes.proposal,
        &mut notes.behaviour,
        &mut notes.request,
    ] {
        *n = n.trim().to_string();
    }
    notes
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

fn children<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    n.children().filter(|c| c.is_element() && c.tag_name().name() == name).collect()
}

/// Reads a `.qdpx` file's evidence for `ws`.
pub fn import(bytes: &[u8], ws: &Workspace) -> Result<Imported, QdaError> {
    if bytes.len() as u64 > MAX_FILE {
        return Err(QdaError::TooLarge("the file".into(), MAX_FILE));
    }
    let (project, sources) = unpack(bytes)?;
    let options = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: 4_000_000, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(&project, options).map_err(|e| QdaError::Xml(e.to_string()))?;
    let root = doc.root_element();
    if root.tag_name().name() != "Project" {
        return Err(QdaError::NotAProject("its root element is not Project".into()));
    }
    // Codes by GUID: their paths.
    let mut paths: HashMap<String, String> = HashMap::new();
    fn walk(n: roxmltree::Node<'_, '_>, prefix: &str, paths: &mut HashMap<String, String>) {
        for c in n.children().filter(|c| c.is_element() && c.tag_name().name() == "Code") {
            let name = c.attribute("name").unwrap_or("").replace('/', "／");
            let path = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
            if let Some(g) = c.attribute("guid") {
                paths.insert(g.trim_matches(['{', '}']).to_ascii_lowercase(), path.clone());
            }
            walk(c, &path, paths);
        }
    }
    if let Some(codes) = child(root, "CodeBook").and_then(|b| child(b, "Codes")) {
        walk(codes, "", &mut paths);
    }
    let mut out = Imported::default();
    let exists = |id: &ElementId, kinds: &[ElementKind]| ws.kind_of(id).is_some_and(|k| kinds.contains(&k));
    let supported = RelationKind::Supports.schema().to;
    let Some(list) = child(root, "Sources") else { return Ok(out) };
    for source in children(list, "TextSource") {
        let text = match (source.attribute("plainTextPath"), child(source, "PlainTextContent")) {
            (_, Some(content)) => content.text().unwrap_or("").to_string(),
            (Some(path), None) => {
                let file = path.strip_prefix("internal://").unwrap_or(path);
                sources.get(file).cloned().unwrap_or_default()
            }
            (None, None) => String::new(),
        };
        let described = child(source, "Description").and_then(|d| d.text());
        let meta: Option<SourceMeta> = described.and_then(|d| serde_json::from_str(d).ok());
        let name = source.attribute("name").unwrap_or("").to_string();
        let (conversation, segments) = match meta {
            Some(m) => {
                let mut segs = Vec::new();
                for s in m.segments {
                    let id = ElementId::new(&s).ok();
                    match id.filter(|i| exists(i, &[ElementKind::Segment])) {
                        Some(i) => segs.push(i),
                        None => out.notes.push(format!("{name}: segment {s} is not in this workspace")),
                    }
                }
                (m.conversation, segs)
            }
            None => (
                Conversation {
                    account_name: name.clone(),
                    account: name.clone(),
                    notes: notes_of(&text),
                    ..Default::default()
                },
                Vec::new(),
            ),
        };
        let mut quotes = Vec::new();
        for sel in children(source, "PlainTextSelection") {
            let pos = |a: &str| sel.attribute(a).and_then(|v| v.parse::<usize>().ok());
            let (Some(from), Some(to)) = (pos("startPosition"), pos("endPosition")) else { continue };
            let words: String = text.chars().skip(from).take(to.saturating_sub(from)).collect();
            let meta: Option<SelectionMeta> =
                child(sel, "Description").and_then(|d| d.text()).and_then(|d| serde_json::from_str(d).ok());
            let (perspective, supports) = match meta {
                Some(m) => {
                    let mut keep = Vec::new();
                    for s in m.supports {
                        if exists(&s, supported) {
                            keep.push(s);
                        } else {
                            out.notes
                                .push(format!("{name}: the element {s} a quote supports is not in this workspace"));
                        }
                    }
                    (m.perspective, keep)
                }
                None => (section_at(&text, from), Vec::new()),
            };
            let words = if words.trim().is_empty() { sel.attribute("name").unwrap_or("").to_string() } else { words };
            let tags = children(sel, "Coding")
                .into_iter()
                .filter_map(|c| child(c, "CodeRef").and_then(|r| r.attribute("targetGUID")))
                .filter_map(|g| paths.get(&g.trim_matches(['{', '}']).to_ascii_lowercase()).cloned())
                .collect();
            quotes.push(QuoteIn { quote: Quote { text: words.trim().to_string(), perspective }, tags, supports });
        }
        out.conversations.push(ConversationImport { conversation, segments, quotes });
    }
    Ok(out)
}
