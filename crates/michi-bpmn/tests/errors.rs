//! Bad input gives a clear error with a position, never a panic; odd but well-formed input imports.

use michi_bpmn::{BpmnError, Limits, import};
use michi_core::testing::Rng;
use michi_core::{IdGen, Workspace, apply};
use proptest::prelude::*;

fn try_import(bytes: &[u8]) -> Result<michi_bpmn::Imported, BpmnError> {
    import(bytes, &Workspace::new(), &mut IdGen::sequential(), &Limits::default())
}

const MINIMAL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs" targetNamespace="http://x">
  <bpmn:process id="P"><bpmn:task id="T" name="受付"/></bpmn:process>
</bpmn:definitions>"#;

#[test]
fn malformed_xml_names_line_and_column() {
    let broken = MINIMAL.replace("</bpmn:process>", "</bpmn:proces>");
    match try_import(broken.as_bytes()) {
        Err(e @ BpmnError::Xml { line, column, .. }) => {
            assert_eq!(line, 3, "{e}");
            assert!(column > 40, "{e}");
            assert!(e.to_string().starts_with("the XML is malformed at line 3"), "{e}");
        }
        other => panic!("expected an XML error, got {other:?}"),
    }
}

#[test]
fn dtds_are_refused_so_entities_cannot_expand() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">&lol2;</bpmn:definitions>"#;
    assert_eq!(try_import(laughs.as_bytes()).unwrap_err(), BpmnError::Dtd);
}

#[test]
fn invalid_utf8_names_its_position() {
    let mut bytes = MINIMAL.as_bytes().to_vec();
    let at = MINIMAL.find("受付").unwrap();
    bytes[at] = 0xFF;
    assert!(matches!(try_import(&bytes), Err(BpmnError::InvalidUtf8 { line: 3, .. })));
}

#[test]
fn size_and_node_limits_hold() {
    let limits = Limits { max_bytes: 100, max_nodes: 1_000, ..Limits::default() };
    let err = import(MINIMAL.as_bytes(), &Workspace::new(), &mut IdGen::sequential(), &limits).unwrap_err();
    assert!(matches!(err, BpmnError::TooLarge { limit: 100, .. }), "{err}");
    let many = format!(
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">{}</bpmn:definitions>",
        "<bpmn:process/>".repeat(2_000)
    );
    let limits = Limits { max_bytes: 1 << 20, max_nodes: 1_000, ..Limits::default() };
    let err = import(many.as_bytes(), &Workspace::new(), &mut IdGen::sequential(), &limits).unwrap_err();
    assert_eq!(err, BpmnError::TooManyNodes(1_000));
}

#[test]
fn the_element_limit_counts_what_becomes_the_model() {
    // definitions > process > n tasks: the process and the tasks become elements (n + 2 with the model).
    let tasks = |n: usize| {
        format!(
            "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\">{}</process></definitions>",
            (0..n).map(|i| format!("<task id=\"t{i}\"/>")).collect::<String>()
        )
    };
    let limits = Limits { max_elements: 50, ..Limits::default() };
    let read = |n: usize| import(tasks(n).as_bytes(), &Workspace::new(), &mut IdGen::sequential(), &limits);
    let fits = (0..60).rev().find(|&n| read(n).is_ok()).unwrap();
    assert!((45..=50).contains(&fits), "{fits}");
    assert_eq!(read(fits + 1).unwrap_err(), BpmnError::TooManyElements(50));
    assert_eq!(read(60).unwrap_err().to_string(), "the file has more than 50 BPMN elements, more than Michi imports");
}

#[test]
fn the_depth_limit_counts_nested_elements() {
    // definitions > process > subProcess × n: n + 2 levels.
    let nested = |n: usize| {
        format!(
            "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\">{}{}</process></definitions>",
            (0..n).map(|i| format!("<subProcess id=\"s{i}\">")).collect::<String>(),
            "</subProcess>".repeat(n)
        )
    };
    let limits = Limits { max_depth: 10, ..Limits::default() };
    let read = |n: usize| import(nested(n).as_bytes(), &Workspace::new(), &mut IdGen::sequential(), &limits);
    assert!(read(8).is_ok());
    assert_eq!(read(9).unwrap_err(), BpmnError::TooDeep { depth: 11, limit: 10 });
    assert_eq!(
        read(9).unwrap_err().to_string(),
        "the file nests XML elements 11 levels deep, deeper than the 10 levels Michi imports"
    );
}

#[test]
fn the_attribute_limit_counts_one_elements_attributes_and_namespaces() {
    // The task has `id` and n more; the definitions element its namespace and 9 more.
    let task = |n: usize| {
        format!(
            "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"{}>\n<process id=\"p\">\n<task id=\"t\"{}/></process></definitions>",
            (0..9).map(|i| format!(" xmlns:n{i}=\"urn:{i}\"")).collect::<String>(),
            (0..n).map(|i| format!(" a{i}='{i}'")).collect::<String>(),
        )
    };
    let limits = Limits { max_attributes: 10, ..Limits::default() };
    let read = |n: usize| import(task(n).as_bytes(), &Workspace::new(), &mut IdGen::sequential(), &limits);
    assert!(read(9).is_ok(), "10 attributes on the task, 10 namespaces on definitions: within the limit");
    let err = read(10).unwrap_err();
    assert_eq!(err, BpmnError::TooManyAttributes { element: "task".into(), line: 3, limit: 10 });
    assert_eq!(err.to_string(), "the element task on line 3 has more than 10 attributes, more than Michi imports");
    let limits = Limits { max_attributes: 9, ..Limits::default() };
    let err = import(task(0).as_bytes(), &Workspace::new(), &mut IdGen::sequential(), &limits).unwrap_err();
    assert!(
        matches!(err, BpmnError::TooManyAttributes { ref element, line: 1, .. } if element == "definitions"),
        "{err}"
    );
}

#[test]
fn namespace_limits_count_what_is_in_scope_and_what_the_file_declares() {
    // definitions declares the BPMN namespace and `root` more; each of `n` tasks declares one.
    let file = |root: usize, n: usize| {
        format!(
            "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"{}>\n<process id=\"p\">\n{}</process></definitions>",
            (0..root).map(|i| format!(" xmlns:n{i}=\"urn:{i}\"")).collect::<String>(),
            (0..n).map(|i| format!("<task id=\"t{i}\" xmlns:z=\"urn:z\"/>\n")).collect::<String>(),
        )
    };
    let limits = Limits { max_namespaces_in_scope: 5, max_namespace_declarations: 20, ..Limits::default() };
    let read = |root, n| import(file(root, n).as_bytes(), &Workspace::new(), &mut IdGen::sequential(), &limits);
    assert!(read(3, 15).is_ok(), "5 in scope at each task, 19 declared");
    let err = read(4, 1).unwrap_err();
    assert_eq!(err, BpmnError::TooManyNamespaces { element: "task".into(), line: 3, limit: 5 });
    assert_eq!(
        err.to_string(),
        "the element task on line 3 has more than 5 XML namespaces in scope, more than Michi imports"
    );
    assert_eq!(read(3, 17).unwrap_err(), BpmnError::TooManyNamespaceDeclarations(20));
}

#[test]
fn the_attributes_of_the_models_elements_are_counted_in_all() {
    // Each task: `id` and 4 more; the definitions element 1 (its namespace is not an attribute).
    let tasks = |n: usize| {
        format!(
            "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\">{}</process></definitions>",
            (0..n).map(|i| format!("<task id=\"t{i}\" a=\"\" b=\"\" c=\"\" d=\"\"/>")).collect::<String>()
        )
    };
    let limits = Limits { max_element_attributes: 51, ..Limits::default() };
    let read = |n: usize| import(tasks(n).as_bytes(), &Workspace::new(), &mut IdGen::sequential(), &limits);
    assert!(read(10).is_ok(), "50 on the tasks and the process's id");
    assert_eq!(read(11).unwrap_err(), BpmnError::TooManyElementAttributes(51));
    assert_eq!(
        read(11).unwrap_err().to_string(),
        "the file's BPMN elements have more than 51 attributes in all, more than Michi imports"
    );
}

#[test]
fn geometry_that_is_not_a_drawing_is_left_out_with_a_warning() {
    let xml =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/hostile/bpmn/nan-geometry.bpmn")).unwrap();
    let imported = import(&xml, &Workspace::new(), &mut IdGen::sequential(), &Limits::default()).unwrap();
    let mut ws = Workspace::new();
    apply(&mut ws, imported.op).unwrap();
    let view = ws.views().next().unwrap();
    // The three shapes' bounds hold NaN, infinities, a negative height or 1e308: none is placed.
    let placed = |name: &str| {
        let id = ws.elements().find(|e| e.data.label() == name || e.id.as_str().ends_with(name)).map(|e| e.id.clone());
        id.is_some_and(|id| view.placements.contains_key(&id))
    };
    assert!(!placed("NaN and infinity"));
    assert_eq!(imported.warnings.iter().filter(|w| w.contains("left unplaced")).count(), 3, "{:?}", imported.warnings);
    // An edge keeps its drawable waypoints only.
    assert!(imported.warnings.iter().any(|w| w.contains("f1_di has 2 waypoints")), "{:?}", imported.warnings);
    for p in view.placements.values() {
        for v in [p.x, p.y, p.width, p.height] {
            assert!(v.is_finite() && v.abs() <= 1e7, "{p:?}");
        }
        for w in p.extra.iter().flat_map(|e| e.waypoints.iter()) {
            assert!(w.x.is_finite() && w.y.is_finite(), "{w:?}");
        }
    }
}

#[test]
fn other_xml_is_not_bpmn() {
    let err = try_import(b"<?xml version=\"1.0\"?><html><body/></html>").unwrap_err();
    assert_eq!(err, BpmnError::NotBpmn("html".into()));
    assert!(err.to_string().contains("not a BPMN 2.0 file"));
    assert!(matches!(try_import(b""), Err(BpmnError::Xml { .. })));
}

#[test]
fn dangling_references_are_kept_and_reported() {
    let text = MINIMAL.replace(
        r#"<bpmn:task id="T" name="受付"/>"#,
        r#"<bpmn:task id="T" name="受付"/><bpmn:sequenceFlow id="F" sourceRef="T" targetRef="Nowhere"/>"#,
    );
    let mut ws = Workspace::new();
    let imported = try_import(text.as_bytes()).unwrap();
    apply(&mut ws, imported.op.clone()).unwrap();
    assert!(imported.warnings.iter().any(|w| w.contains("Nowhere")), "{:?}", imported.warnings);
    let exported = michi_bpmn::export(&ws, &[imported.model]).unwrap();
    assert!(exported.contains(r#"targetRef="Nowhere""#), "the reference is written back as it was");
}

#[test]
fn ids_already_in_the_workspace_are_renamed_consistently() {
    let mut ws = Workspace::new();
    let first = try_import(MINIMAL.as_bytes()).unwrap();
    apply(&mut ws, first.op).unwrap();
    let second = import(MINIMAL.as_bytes(), &ws, &mut IdGen::sequential(), &Limits::default()).unwrap();
    apply(&mut ws, second.op).expect("a second import of the same file applies");
    assert_eq!(ws.elements_of_kind(michi_core::ElementKind::Activity).count(), 2);
    assert!(second.warnings.iter().any(|w| w.contains("already used")));
}

fn mutate(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..1 + rng.below(4) {
        if out.is_empty() {
            break;
        }
        let at = rng.below(out.len());
        match rng.below(4) {
            0 => {
                let end = (at + 1 + rng.below(200)).min(out.len());
                out.drain(at..end);
            }
            1 => out.insert(at, [b'<', b'>', b'"', b'&', b'/', 0xE3, 0x80][rng.below(7)]),
            2 => out[at] = rng.below(256) as u8,
            _ => {
                // Swap an attribute value's quote or duplicate a chunk: structural damage.
                let end = (at + rng.below(300)).min(out.len());
                let chunk = out[at..end].to_vec();
                let to = rng.below(out.len());
                out.splice(to..to, chunk);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Damaged reference files never panic the importer, and whatever imports applies cleanly.
    #[test]
    fn damaged_files_never_panic(seed: u64, which in 0usize..10) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/bpmn/miwg");
        let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "bpmn")).collect();
        files.sort();
        let bytes = std::fs::read(&files[which % files.len()]).unwrap();
        let mut rng = Rng::new(seed);
        let damaged = mutate(&bytes, &mut rng);
        if let Ok(imported) = try_import(&damaged) {
            let mut ws = Workspace::new();
            prop_assert!(apply(&mut ws, imported.op).is_ok(), "an import that succeeds must apply");
            prop_assert!(michi_bpmn::export(&ws, &[imported.model]).is_ok());
        }
    }
}
