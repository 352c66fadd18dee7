//! The sample's evidence as a REFI-QDA project: `project.qde` valid against the REFI-QDA project
//! schema (tests/data/refi-qda/Project.xsd, checked by xmllint), and read back into an equal
//! evidence set.

use std::collections::BTreeSet;
use std::io::{Cursor, Read};
use std::path::PathBuf;
use std::process::Command;

use michi_core::element::{ElementData, ElementKind};
use michi_core::relation::RelationKind;
use michi_core::{Edit, ElementId, IdGen, Workspace, perform};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Everything the evidence holds, ids left out: each conversation with its segments' names, and
/// each quote with its perspective, its tags' paths and what it supports.
fn evidence(ws: &Workspace) -> BTreeSet<String> {
    let path = |t: &ElementId| {
        let mut names = vec![ws.data(t).map(|d| d.label().to_string()).unwrap_or_default()];
        let mut at = t.clone();
        while let Some(p) = ws.container(&at, RelationKind::TagIn) {
            names.insert(0, ws.data(&p).map(|d| d.label().to_string()).unwrap_or_default());
            at = p;
        }
        names.join("/")
    };
    let mut out = BTreeSet::new();
    for c in ws.elements_of_kind(ElementKind::Conversation) {
        let ElementData::Conversation(data) = &c.data else { continue };
        let segments: BTreeSet<String> = ws
            .outgoing(&c.id, RelationKind::IsFor)
            .iter()
            .map(|r| ws.data(&r.to).unwrap().label().to_string())
            .collect();
        let mut quotes = BTreeSet::new();
        for r in ws.incoming(&c.id, RelationKind::QuoteOf) {
            let Some(ElementData::Quote(q)) = ws.data(&r.from) else { continue };
            let tags: BTreeSet<String> =
                ws.outgoing(&r.from, RelationKind::TaggedWith).iter().map(|t| path(&t.to)).collect();
            let supports: BTreeSet<ElementId> =
                ws.outgoing(&r.from, RelationKind::Supports).iter().map(|s| s.to.clone()).collect();
            quotes.insert(format!("{q:?} {tags:?} {supports:?}"));
        }
        out.insert(format!("{data:?} {segments:?} {quotes:?}"));
    }
    out
}

/// The sample without its evidence: the same model (the same ids) to import into.
fn sample_without_evidence() -> Workspace {
    let mut ws = michi_core::sample::sample();
    let gone: Vec<ElementId> = ws
        .elements()
        .filter(|e| matches!(e.data.kind(), ElementKind::Conversation | ElementKind::Tag))
        .map(|e| e.id.clone())
        .collect();
    perform(&mut ws, Edit::Delete { ids: gone }, &mut IdGen::sequential_from(80_000)).unwrap();
    assert_eq!(ws.elements_of_kind(ElementKind::Quote).count(), 0);
    ws
}

#[test]
fn the_samples_evidence_exports_valid_against_the_schema_and_reads_back_equal() {
    let ws = michi_core::sample::sample();
    let bytes = michi_qda::export(&ws, "サンプル").unwrap();
    // The same project twice: GUIDs stand for ids.
    assert_eq!(bytes, michi_qda::export(&ws, "サンプル").unwrap());

    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let mut qde = String::new();
    zip.by_name("project.qde").unwrap().read_to_string(&mut qde).unwrap();
    assert_eq!(zip.len(), 6, "project.qde and a source per conversation");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("project.qde");
    std::fs::write(&file, &qde).unwrap();
    let xsd = root().join("tests/data/refi-qda/Project.xsd");
    let out =
        Command::new("xmllint").arg("--noout").arg("--schema").arg(&xsd).arg(&file).output().expect("xmllint runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("validates"));
    // A quote is a selection of its source's text, at the positions given.
    assert!(qde.contains("name=\"項目の分け方がわからず2週間止まっていた\""));

    let mut back = sample_without_evidence();
    let imported = michi_qda::import(&bytes, &back).unwrap();
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    perform(
        &mut back,
        Edit::ImportConversations { conversations: imported.conversations },
        &mut IdGen::sequential_from(90_000),
    )
    .unwrap();
    assert_eq!(evidence(&back), evidence(&ws));
    assert_eq!(michi_core::derive::evidence::coverage(&back).accounts_heard, 5);
}

#[test]
fn the_schema_check_fails_on_a_project_it_should_refuse() {
    // The validation above could fail: a selection without its positions does not validate.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.qde");
    std::fs::write(
        &file,
        r#"<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="00000000-0000-0000-0000-000000000001"><PlainTextSelection guid="00000000-0000-0000-0000-000000000002"/></TextSource></Sources></Project>"#,
    )
    .unwrap();
    let xsd = root().join("tests/data/refi-qda/Project.xsd");
    let out = Command::new("xmllint").arg("--noout").arg("--schema").arg(&xsd).arg(&file).output().unwrap();
    assert!(!out.status.success());
}

#[test]
fn a_project_from_another_tool_is_read_from_its_text_selections_and_codes() {
    let qde = r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="QualCoder">
  <CodeBook><Codes><Code guid="{11111111-1111-1111-1111-111111111111}" name="定着" isCodable="true"><Code guid="22222222-2222-2222-2222-222222222222" name="朝礼" isCodable="true"/></Code></Codes></CodeBook>
  <Sources>
    <TextSource guid="33333333-3333-3333-3333-333333333333" name="B社 2026-02-01">
      <PlainTextContent>## 顧客の行動とつまずき
朝礼で画面を見ている</PlainTextContent>
      <PlainTextSelection guid="44444444-4444-4444-4444-444444444444" startPosition="14" endPosition="24">
        <Coding guid="55555555-5555-5555-5555-555555555555"><CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>"#;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("project.qde", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut zip, qde.as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let got = michi_qda::import(&bytes, &Workspace::new()).unwrap();
    assert_eq!(got.conversations.len(), 1);
    let c = &got.conversations[0];
    assert_eq!(c.conversation.account_name, "B社 2026-02-01");
    assert_eq!(c.conversation.notes.behaviour, "朝礼で画面を見ている");
    assert_eq!(c.quotes[0].quote.text, "朝礼で画面を見ている");
    assert_eq!(c.quotes[0].quote.perspective, Some(michi_core::element::Perspective::Behaviour));
    assert_eq!(c.quotes[0].tags, ["定着/朝礼"]);

    // Not a zip, a zip without project.qde: refused, nothing read.
    assert!(michi_qda::import(b"not a zip", &Workspace::new()).is_err());
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("other.txt", zip::write::SimpleFileOptions::default()).unwrap();
    let empty = zip.finish().unwrap().into_inner();
    assert!(michi_qda::import(&empty, &Workspace::new()).unwrap_err().to_string().contains("project.qde"));
}
