//! The MIWG reference models: every one imports, and import → export keeps, for every element, its
//! type, id, name, source and target, what it is attached to, its lanes, and its diagram bounds and
//! routes; vendor extension elements survive. The comparison reads both files with roxmltree
//! directly, not with the importer, so that the importer cannot hide its own mistakes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use michi_bpmn::{BPMN_NS, BPMNDI_NS, DC_NS, DI_NS, Limits, export, import};
use michi_core::{ElementKind, IdGen, Workspace, apply};

fn miwg_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/bpmn/miwg")
}

fn miwg_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(miwg_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bpmn"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the MIWG reference models are missing");
    files
}

/// What must survive about one element.
#[derive(Debug, PartialEq)]
struct Facts {
    kind: String,
    name: String,
    source: String,
    target: String,
    attached_to: String,
    lanes: BTreeSet<String>,
}

/// What must survive a round trip, read straight from the XML.
#[derive(Debug, PartialEq)]
struct Summary {
    elements: BTreeMap<String, Facts>,
    /// bpmnElement → bounds or waypoints, with the label's bounds
    di: BTreeMap<String, (Vec<String>, Vec<String>)>,
    /// Vendor extension elements: (namespace, name, attributes, text), as a multiset.
    extensions: BTreeMap<String, usize>,
}

fn summary(text: &str) -> Summary {
    let doc = roxmltree::Document::parse(text).unwrap();
    let mut lanes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for lane in doc.descendants().filter(|n| n.tag_name().namespace() == Some(BPMN_NS) && n.tag_name().name() == "lane")
    {
        for r in lane.children().filter(|c| c.tag_name().name() == "flowNodeRef") {
            lanes
                .entry(r.text().unwrap_or_default().trim().to_string())
                .or_default()
                .insert(lane.attribute("id").unwrap().to_string());
        }
    }
    let refs = |n: &roxmltree::Node, name: &str| -> String {
        // Data associations give their ends as child elements.
        n.attribute(name).map(str::to_string).unwrap_or_else(|| {
            n.children()
                .filter(|c| c.tag_name().name() == name)
                .map(|c| c.text().unwrap_or_default().trim().to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let mut elements = BTreeMap::new();
    for n in doc.descendants().filter(|n| n.is_element() && n.tag_name().namespace() == Some(BPMN_NS)) {
        let Some(id) = n.attribute("id") else { continue };
        if n.tag_name().name() == "definitions" {
            continue; // its attributes say who exported the file
        }
        elements.insert(
            id.to_string(),
            Facts {
                kind: n.tag_name().name().to_string(),
                name: n.attribute("name").unwrap_or_default().to_string(),
                source: refs(&n, "sourceRef"),
                target: refs(&n, "targetRef"),
                attached_to: n.attribute("attachedToRef").unwrap_or_default().to_string(),
                lanes: lanes.get(id).cloned().unwrap_or_default(),
            },
        );
    }
    let mut di = BTreeMap::new();
    for n in doc.descendants().filter(|n| {
        n.tag_name().namespace() == Some(BPMNDI_NS) && matches!(n.tag_name().name(), "BPMNShape" | "BPMNEdge")
    }) {
        let coords = |e: roxmltree::Node| -> Vec<String> {
            e.children()
                .filter(|c| {
                    matches!(
                        (c.tag_name().namespace(), c.tag_name().name()),
                        (Some(DC_NS), "Bounds") | (Some(DI_NS), "waypoint")
                    )
                })
                .map(|c| {
                    ["x", "y", "width", "height"]
                        .iter()
                        .filter_map(|a| c.attribute(*a))
                        .map(|v| format!("{}", v.parse::<f64>().unwrap()))
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .collect()
        };
        let label = n.children().find(|c| c.tag_name().name() == "BPMNLabel").map(coords).unwrap_or_default();
        di.insert(n.attribute("bpmnElement").unwrap().to_string(), (coords(n), label));
    }
    let mut extensions = BTreeMap::new();
    let standard = [BPMN_NS, BPMNDI_NS, DC_NS, DI_NS];
    for n in doc.descendants().filter(|n| n.is_element()) {
        let ns = n.tag_name().namespace().unwrap_or("");
        if standard.contains(&ns) {
            continue;
        }
        let mut attrs: Vec<String> = n.attributes().map(|a| format!("{}={}", a.name(), a.value())).collect();
        attrs.sort();
        let key = format!("{ns} {} [{}] {}", n.tag_name().name(), attrs.join(" "), n.text().unwrap_or_default().trim());
        *extensions.entry(key).or_insert(0) += 1;
    }
    Summary { elements, di, extensions }
}

fn import_into_empty(bytes: &[u8]) -> (Workspace, michi_bpmn::Imported) {
    let mut ws = Workspace::new();
    let imported = import(bytes, &ws, &mut IdGen::sequential(), &Limits::default()).unwrap();
    apply(&mut ws, imported.op.clone()).unwrap_or_else(|e| panic!("the import does not apply: {e}"));
    (ws, imported)
}

#[test]
fn every_reference_model_survives_import_and_export() {
    for file in miwg_files() {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&file).unwrap();
        let (ws, imported) = import_into_empty(&bytes);
        assert!(imported.element_count > 3, "{name}: only {} elements", imported.element_count);
        let exported = export(&ws, std::slice::from_ref(&imported.model)).unwrap();
        roxmltree::Document::parse(&exported).unwrap_or_else(|e| panic!("{name}: the export is not XML: {e}"));

        let original = summary(&michi_bpmn::decode(&bytes).unwrap());
        let again = summary(&exported);
        for (id, before) in &original.elements {
            assert_eq!(again.elements.get(id), Some(before), "{name}: element {id} changed");
        }
        assert_eq!(again.elements.len(), original.elements.len(), "{name}: elements were added or lost");
        assert_eq!(again.di, original.di, "{name}: diagram bounds or routes changed");
        assert_eq!(again.extensions, original.extensions, "{name}: vendor extensions changed");
        let ids = |text: &str| -> BTreeSet<String> {
            let doc = roxmltree::Document::parse(text).unwrap();
            doc.descendants().filter_map(|n| n.attribute("id")).map(str::to_string).collect()
        };
        let lost: Vec<String> =
            ids(&michi_bpmn::decode(&bytes).unwrap()).difference(&ids(&exported)).cloned().collect();
        assert!(lost.is_empty(), "{name}: ids lost on export (diagram elements included): {lost:?}");

        // Import → export → import gives the same workspace, the document element aside.
        let (ws2, imported2) = import_into_empty(exported.as_bytes());
        let strip = |w: &Workspace, model: &michi_core::ElementId| {
            let mut data = w.to_data();
            data.elements.retain(|e| &e.id != model);
            data
        };
        first_difference(&name, &strip(&ws, &imported.model), &strip(&ws2, &imported2.model));
    }
}

/// Fails naming the first element, relation or view that differs (whole workspaces are too long to
/// read in a failure message).
fn first_difference(name: &str, a: &michi_core::WorkspaceData, b: &michi_core::WorkspaceData) {
    let ids = |d: &michi_core::WorkspaceData| d.elements.iter().map(|e| e.id.to_string()).collect::<Vec<_>>();
    assert_eq!(ids(a), ids(b), "{name}: the element ids differ");
    for (x, y) in a.elements.iter().zip(&b.elements) {
        assert_eq!(x, y, "{name}: element {} differs", x.id);
    }
    assert_eq!(a.relations.len(), b.relations.len(), "{name}: relation counts differ");
    for (x, y) in a.relations.iter().zip(&b.relations) {
        assert_eq!(x, y, "{name}: relations differ");
    }
    assert_eq!(a.views.len(), b.views.len(), "{name}: view counts differ");
    for (x, y) in a.views.iter().zip(&b.views) {
        assert_eq!((&x.id, &x.name, &x.kind), (&y.id, &y.name, &y.kind), "{name}: view {} differs", x.id);
        for (id, p) in &x.placements {
            assert_eq!(Some(p), y.placements.get(id), "{name}: placement of {id} in {} differs", x.id);
        }
        assert_eq!(x.placements.len(), y.placements.len(), "{name}: view {} places other elements", x.id);
    }
}

#[test]
fn the_reference_models_map_to_michi_kinds() {
    // Spot checks that the mapping is right, not only stable.
    let (ws, imported) = import_into_empty(&std::fs::read(miwg_dir().join("A.4.0.bpmn")).unwrap());
    let counts = ws.count_by_kind();
    assert_eq!(counts[&ElementKind::Pool], 1);
    assert_eq!(counts[&ElementKind::Lane], 2);
    assert_eq!(counts[&ElementKind::MessageFlow], 2);
    assert_eq!(counts[&ElementKind::Process], 2);
    assert_eq!(imported.views.len(), 1);
    let view = ws.view(&imported.views[0]).unwrap();
    assert!(view.placements.len() >= 30, "{} placements", view.placements.len());

    let (ws, _) = import_into_empty(&std::fs::read(miwg_dir().join("B.2.0.bpmn")).unwrap());
    let counts = ws.count_by_kind();
    assert_eq!(counts[&ElementKind::SequenceFlow], 85);
    assert!(counts[&ElementKind::Event] >= 40);
    let boundary = ws
        .elements_of_kind(ElementKind::Event)
        .filter(|e| ws.container(&e.id, michi_core::RelationKind::AttachedTo).is_some())
        .count();
    assert_eq!(boundary, 11, "every boundary event is attached to its activity");
}

#[test]
fn a_diagram_drawn_in_michi_exports_and_comes_back() {
    let ws = michi_core::sample::sample();
    let models: Vec<_> = ws.elements_of_kind(ElementKind::ProcessModel).map(|e| e.id.clone()).collect();
    assert_eq!(models.len(), 1);
    let exported = export(&ws, &models).unwrap();
    let summary = summary(&exported);
    let count = |t: &str| summary.elements.values().filter(|f| f.kind == t).count();
    assert_eq!(count("participant"), 2);
    assert_eq!(count("lane"), 5);
    assert_eq!(count("messageFlow"), 3);
    assert_eq!(count("dataObjectReference"), 1);
    assert_eq!(count("dataObject"), 1, "a data object reference made in Michi gets its data object");
    assert!(exported.contains(r#"michi:system="true""#), "the CRM is exported as a system");
    // Every shape and route is in the diagram.
    let view = ws.views().find(|v| matches!(v.kind, michi_core::ViewKind::Process { .. })).unwrap();
    assert_eq!(summary.di.len(), view.placements.len());

    let (again, imported) = import_into_empty(exported.as_bytes());
    let kinds = |w: &Workspace| {
        let mut c = w.count_by_kind();
        c.retain(|k, _| {
            !k.is_card()
                && !matches!(
                    k,
                    ElementKind::Journey
                        | ElementKind::Stage
                        | ElementKind::Segment
                        | ElementKind::Persona
                        | ElementKind::HealthModel
                        | ElementKind::Conversation
                        | ElementKind::Quote
                        | ElementKind::Tag
                        | ElementKind::OrgFunction
                        | ElementKind::Role
                        | ElementKind::Skill
                        | ElementKind::TeamMember
                        | ElementKind::Assessment
                        | ElementKind::SkillRequirement
                )
        });
        c
    };
    assert_eq!(kinds(&again), kinds(&ws), "every process element comes back as the same kind");
    let view_again = again.view(&imported.views[0]).unwrap();
    for (id, p) in &view.placements {
        let q = &view_again.placements[id];
        assert_eq!((q.x, q.y, q.width, q.height), (p.x, p.y, p.width, p.height), "{id}");
        assert_eq!(q.waypoints(), p.waypoints(), "{id}");
    }
}
