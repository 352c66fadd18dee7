//! A process model → BPMN 2.0 XML with diagram interchange.
//!
//! Elements are written with the canonical prefixes (`bpmn`, `bpmndi`, `dc`, `di`); the namespaces
//! the imported file declared are declared again, so that kept attributes and fragments mean what
//! they meant. `incoming`/`outgoing` are derived from the flows. Kept fragments go where BPMN's
//! content model expects them, around what Michi writes itself.

use std::collections::{BTreeMap, HashSet};

use michi_core::element::{AssociationDirection, DataKind, ElementData, ElementKind, EventPosition, Foreign, Side};
use michi_core::view::Placement;
use michi_core::{ElementId, RelationKind, View, ViewKind, Workspace};
use thiserror::Error;

use crate::names::{ACTIVITIES, EVENTS, GATEWAYS, LEADING_CHILDREN, TRIGGERS, name_of};
use crate::ns::{BPMN_NS, BPMNDI_NS, DC_NS, DI_NS, MICHI_NS, XSI_NS};
use crate::xml::{Attrs, Writer, attr, fragment_local_name};

const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ExportError {
    #[error("{0} is not a process model")]
    NotAModel(ElementId),
}

/// Prefixes declared on the root, by namespace URI.
struct Namespaces {
    declared: Vec<(String, String)>,
}

impl Namespaces {
    fn prefix_for(&self, uri: &str) -> Option<&str> {
        self.declared.iter().find(|(_, u)| u == uri).map(|(p, _)| p.as_str())
    }

    fn has_prefix(&self, prefix: &str) -> bool {
        self.declared.iter().any(|(p, _)| p == prefix)
    }

    /// A prefix for `uri`, declaring one (the preferred one if free) when none is.
    fn ensure(&mut self, uri: &str, preferred: Option<&str>) -> String {
        if let Some(p) = self.prefix_for(uri) {
            return p.to_string();
        }
        let mut prefix = preferred.filter(|p| !p.is_empty()).unwrap_or("ns").to_string();
        let base = prefix.clone();
        let mut n = 1;
        while self.has_prefix(&prefix) {
            prefix = format!("{base}{n}");
            n += 1;
        }
        self.declared.push((prefix.clone(), uri.to_string()));
        prefix
    }
}

struct Exporter<'a> {
    ws: &'a Workspace,
    out: Writer,
    ns: Namespaces,
    /// Ids written so far, so that generated ones never collide.
    used: HashSet<String>,
}

/// Writes `models` (and their diagrams) as one BPMN document. The first model gives the document
/// its id, name and namespace.
pub fn export(ws: &Workspace, models: &[ElementId]) -> Result<String, ExportError> {
    for m in models {
        if !matches!(ws.data(m), Some(ElementData::ProcessModel(_))) {
            return Err(ExportError::NotAModel(m.clone()));
        }
    }
    let mut e = Exporter {
        ws,
        out: Writer::new(),
        ns: Namespaces {
            declared: vec![
                ("bpmn".into(), BPMN_NS.into()),
                ("bpmndi".into(), BPMNDI_NS.into()),
                ("dc".into(), DC_NS.into()),
                ("di".into(), DI_NS.into()),
                ("xsi".into(), XSI_NS.into()),
                ("michi".into(), MICHI_NS.into()),
            ],
        },
        used: ws.elements().map(|e| e.id.to_string()).collect(),
    };
    e.document(models);
    Ok(e.out.finish())
}

fn foreign_of(data: &ElementData) -> Option<&Foreign> {
    Some(match data {
        ElementData::ProcessModel(d) => &d.foreign,
        ElementData::Collaboration(d) => &d.foreign,
        ElementData::Process(d) => &d.foreign,
        ElementData::Pool(d) => &d.foreign,
        ElementData::Lane(d) => &d.foreign,
        ElementData::Activity(d) => &d.foreign,
        ElementData::Event(d) => &d.foreign,
        ElementData::Gateway(d) => &d.foreign,
        ElementData::DataObject(d) => &d.foreign,
        ElementData::System(d) => &d.foreign,
        ElementData::Annotation(d) => &d.foreign,
        ElementData::Group(d) => &d.foreign,
        ElementData::SequenceFlow(d) => &d.foreign,
        ElementData::MessageFlow(d) => &d.foreign,
        ElementData::Association(d) => &d.foreign,
        ElementData::DataAssociation(d) => &d.foreign,
        _ => return None,
    })
}

fn num(v: f64) -> String {
    format!("{v}")
}

fn bounds_attrs(x: f64, y: f64, width: f64, height: f64) -> Attrs {
    vec![attr("x", num(x)), attr("y", num(y)), attr("width", num(width)), attr("height", num(height))]
}

impl<'a> Exporter<'a> {
    fn fresh_id(&mut self, wanted: String) -> String {
        let mut id = wanted.clone();
        let mut n = 2;
        while self.used.contains(&id) {
            id = format!("{wanted}_{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        id
    }

    /// The ids of the elements related to `to` by `kind` (its members), in order.
    fn members(&self, to: &ElementId, kind: RelationKind) -> Vec<ElementId> {
        self.ws.ordered_members(to, kind)
    }

    fn target(&self, from: &ElementId, kind: RelationKind) -> Option<ElementId> {
        self.ws.container(from, kind)
    }

    fn kind(&self, id: &ElementId) -> Option<ElementKind> {
        self.ws.kind_of(id)
    }

    /// Foreign attributes, qualified with a declared prefix.
    fn foreign_attrs(&mut self, foreign: &Foreign, skip: &[&str]) -> Attrs {
        let mut out = Vec::new();
        for a in &foreign.attrs {
            if a.ns.as_deref() == Some(XMLNS_NS) {
                continue;
            }
            match &a.ns {
                None if skip.contains(&a.name.as_str()) => {}
                None => out.push((a.name.clone(), a.value.clone())),
                Some(uri) => {
                    let prefix = self.ns.ensure(uri, a.prefix.as_deref());
                    out.push((format!("{prefix}:{}", a.name), a.value.clone()));
                }
            }
        }
        out
    }

    fn document(&mut self, models: &[ElementId]) {
        // First collect namespaces: the models' own declarations, then those foreign attributes need.
        for m in models {
            let Some(ElementData::ProcessModel(model)) = self.ws.data(m) else { continue };
            for a in model.foreign.attrs.iter().filter(|a| a.ns.as_deref() == Some(XMLNS_NS)) {
                if !a.name.is_empty() && !self.ns.has_prefix(&a.name) {
                    self.ns.declared.push((a.name.clone(), a.value.clone()));
                }
            }
        }
        let default_ns = models.iter().find_map(|m| match self.ws.data(m) {
            Some(ElementData::ProcessModel(model)) => model
                .foreign
                .attrs
                .iter()
                .find(|a| a.ns.as_deref() == Some(XMLNS_NS) && a.name.is_empty())
                .map(|a| a.value.clone()),
            _ => None,
        });
        // The body is written first: it may need namespaces declared on the root.
        let mut body = Writer::body(1);
        std::mem::swap(&mut self.out, &mut body);
        for m in models {
            self.model(m);
        }
        std::mem::swap(&mut self.out, &mut body);
        let Some(ElementData::ProcessModel(first)) = models.first().and_then(|m| self.ws.data(m)) else {
            self.out.empty("bpmn:definitions", &[attr("xmlns:bpmn", BPMN_NS)]);
            return;
        };
        // The root's own foreign attributes may need a namespace declared too (a prefix the file
        // bound to another URI than the one Michi declares it for): qualified before the
        // declarations are written.
        let foreign = first.foreign.clone();
        let root_foreign = self.foreign_attrs(&foreign, &["exporter", "exporterVersion"]);
        let mut attrs: Attrs = self.ns.declared.iter().map(|(p, u)| (format!("xmlns:{p}"), u.clone())).collect();
        if let Some(uri) = default_ns {
            attrs.push(("xmlns".into(), uri));
        }
        attrs.push(attr("id", models[0].to_string()));
        if !first.name.is_empty() {
            attrs.push(attr("name", first.name.clone()));
        }
        let target =
            if first.target_namespace.is_empty() { "http://bpmn.io/schema/bpmn" } else { &first.target_namespace };
        attrs.push(attr("targetNamespace", target));
        attrs.push(attr("exporter", "Michi"));
        attrs.push(attr("exporterVersion", env!("CARGO_PKG_VERSION")));
        attrs.extend(root_foreign);
        self.out.open("bpmn:definitions", &attrs);
        self.out.append(body);
        self.out.close("bpmn:definitions");
    }

    fn model(&mut self, model: &ElementId) {
        let Some(ElementData::ProcessModel(data)) = self.ws.data(model) else { return };
        let roots = self.members(model, RelationKind::InModel);
        let (collaborations, processes): (Vec<_>, Vec<_>) =
            roots.into_iter().partition(|r| self.kind(r) == Some(ElementKind::Collaboration));
        let children = &data.foreign.children;
        let is = |f: &&String, names: &[&str]| names.contains(&fragment_local_name(f));
        for f in children.iter().filter(|f| is(f, &["import", "extension"])) {
            self.out.raw(f);
        }
        for f in children.iter().filter(|f| !is(f, &["import", "extension", "BPMNDiagram", "relationship"])) {
            self.out.raw(f);
        }
        for c in &collaborations {
            self.collaboration(c);
        }
        for p in &processes {
            self.process(p);
        }
        let mut shown: Vec<ElementId> = collaborations.iter().chain(&processes).cloned().collect();
        let mut i = 0;
        while i < shown.len() {
            // Sub-processes may have diagrams of their own.
            let inner: Vec<ElementId> = self
                .ws
                .incoming(&shown[i], RelationKind::ChildOf)
                .into_iter()
                .map(|r| r.from)
                .filter(|c| matches!(self.ws.data(c), Some(ElementData::Activity(_))))
                .collect();
            shown.extend(inner);
            i += 1;
        }
        let views: Vec<View> = self
            .ws
            .views()
            .filter(|v| matches!(&v.kind, ViewKind::Process { root, .. } if shown.contains(root)))
            .cloned()
            .collect();
        for v in &views {
            self.diagram(v);
        }
        for f in children.iter().filter(|f| is(f, &["BPMNDiagram", "relationship"])) {
            self.out.raw(f);
        }
    }

    fn collaboration(&mut self, id: &ElementId) {
        let Some(ElementData::Collaboration(data)) = self.ws.data(id).cloned() else { return };
        let mut attrs = vec![attr("id", id.to_string())];
        if !data.name.is_empty() {
            attrs.push(attr("name", data.name.clone()));
        }
        attrs.extend(self.foreign_attrs(&data.foreign, &[]));
        self.out.open("bpmn:collaboration", &attrs);
        let (lead, rest) = split_leading(&data.foreign.children);
        for f in lead {
            self.out.raw(f);
        }
        for pool in self.members(id, RelationKind::PoolIn) {
            self.pool(&pool);
        }
        for f in rest {
            self.out.raw(f);
        }
        self.contents(id);
        self.out.close("bpmn:collaboration");
    }

    fn pool(&mut self, id: &ElementId) {
        let Some(ElementData::Pool(data)) = self.ws.data(id).cloned() else { return };
        let mut attrs = vec![attr("id", id.to_string())];
        if !data.name.is_empty() {
            attrs.push(attr("name", data.name.clone()));
        }
        if let Some(process) = self.ws.incoming(id, RelationKind::ProcessOf).first() {
            attrs.push(attr("processRef", process.from.to_string()));
        }
        if let Some(side) = data.side {
            let side = match side {
                Side::Customer => "customer",
                Side::Vendor => "vendor",
                Side::Partner => "partner",
            };
            attrs.push(attr("michi:side", side));
        }
        attrs.extend(self.foreign_attrs(&data.foreign, &[]));
        self.element_with_children("bpmn:participant", attrs, &data.foreign.children);
    }

    fn element_with_children(&mut self, tag: &str, attrs: Attrs, children: &[String]) {
        if children.is_empty() {
            self.out.empty(tag, &attrs);
        } else {
            self.out.open(tag, &attrs);
            for f in children {
                self.out.raw(f);
            }
            self.out.close(tag);
        }
    }

    fn process(&mut self, id: &ElementId) {
        let Some(ElementData::Process(data)) = self.ws.data(id).cloned() else { return };
        let mut attrs = vec![attr("id", id.to_string())];
        if !data.name.is_empty() {
            attrs.push(attr("name", data.name.clone()));
        }
        attrs.extend(self.foreign_attrs(&data.foreign, &[]));
        self.out.open("bpmn:process", &attrs);
        const BEFORE_LANES: &[&str] = &[
            "documentation",
            "extensionElements",
            "auditing",
            "monitoring",
            "supportedInterfaceRef",
            "ioSpecification",
            "ioBinding",
            "property",
        ];
        let (before, after): (Vec<&String>, Vec<&String>) =
            data.foreign.children.iter().partition(|f| BEFORE_LANES.contains(&fragment_local_name(f)));
        for f in before {
            self.out.raw(f);
        }
        let lanes = self.members(id, RelationKind::LaneIn);
        if !lanes.is_empty() || data.lane_set_id.is_some() {
            let lane_set = match data.lane_set_id.clone() {
                Some(ls) if !ls.is_empty() => {
                    self.used.insert(ls.clone());
                    ls
                }
                _ => self.fresh_id(format!("{id}_lanes")),
            };
            self.out.open("bpmn:laneSet", &[attr("id", lane_set)]);
            for lane in lanes {
                self.lane(&lane);
            }
            self.out.close("bpmn:laneSet");
        }
        self.contents(id);
        for f in after {
            self.out.raw(f);
        }
        self.out.close("bpmn:process");
    }

    fn lane(&mut self, id: &ElementId) {
        let Some(ElementData::Lane(data)) = self.ws.data(id).cloned() else { return };
        let mut attrs = vec![attr("id", id.to_string())];
        if !data.name.is_empty() {
            attrs.push(attr("name", data.name.clone()));
        }
        attrs.extend(self.foreign_attrs(&data.foreign, &[]));
        self.out.open("bpmn:lane", &attrs);
        for f in &data.foreign.children {
            self.out.raw(f);
        }
        for node in self.ws.incoming(id, RelationKind::InLane) {
            self.out.leaf("bpmn:flowNodeRef", &[], node.from.as_str());
        }
        let children = self.members(id, RelationKind::LaneIn);
        if !children.is_empty() || data.child_lane_set_id.is_some() {
            let set = match data.child_lane_set_id.clone() {
                Some(s) if !s.is_empty() => {
                    self.used.insert(s.clone());
                    s
                }
                _ => self.fresh_id(format!("{id}_lanes")),
            };
            self.out.open("bpmn:childLaneSet", &[attr("id", set)]);
            for child in children {
                self.lane(&child);
            }
            self.out.close("bpmn:childLaneSet");
        }
        self.out.close("bpmn:lane");
    }

    /// The elements contained in a process, sub-process or collaboration: nodes, then data and
    /// artifacts, then connectors.
    fn contents(&mut self, container: &ElementId) {
        let mut members: Vec<(u8, ElementId)> = self
            .ws
            .incoming(container, RelationKind::ChildOf)
            .into_iter()
            .filter_map(|r| {
                let order = match self.kind(&r.from)? {
                    ElementKind::Activity | ElementKind::Event | ElementKind::Gateway => 0,
                    ElementKind::DataObject | ElementKind::System => 1,
                    ElementKind::Annotation | ElementKind::Group => 2,
                    ElementKind::SequenceFlow | ElementKind::MessageFlow | ElementKind::Association => 3,
                    _ => return None, // data associations are written inside their activity
                };
                Some((order, r.from))
            })
            .collect();
        members.sort();
        let in_collaboration = self.kind(container) == Some(ElementKind::Collaboration);
        for (_, id) in members {
            match self.kind(&id) {
                Some(ElementKind::MessageFlow) if !in_collaboration => {}
                Some(ElementKind::Activity | ElementKind::Event | ElementKind::Gateway) => self.flow_node(&id),
                Some(ElementKind::DataObject | ElementKind::System) => self.data(&id),
                Some(ElementKind::Annotation) => self.annotation(&id),
                Some(ElementKind::Group) => self.group(&id),
                Some(_) => self.connector(&id),
                None => {}
            }
        }
    }

    fn flow_node(&mut self, id: &ElementId) {
        let Some(data) = self.ws.data(id).cloned() else { return };
        let foreign = foreign_of(&data).cloned().unwrap_or_default();
        let mut attrs = vec![attr("id", id.to_string())];
        let (tag, name) = match &data {
            ElementData::Activity(a) => (name_of(ACTIVITIES, a.kind), &a.name),
            ElementData::Event(e) => (name_of(EVENTS, e.position), &e.name),
            ElementData::Gateway(g) => (name_of(GATEWAYS, g.kind), &g.name),
            _ => return,
        };
        if !name.is_empty() {
            attrs.push(attr("name", name.clone()));
        }
        match &data {
            ElementData::Event(e) => {
                if e.position == EventPosition::Boundary {
                    if !e.interrupting {
                        attrs.push(attr("cancelActivity", "false"));
                    }
                    if let Some(host) = self.target(id, RelationKind::AttachedTo) {
                        attrs.push(attr("attachedToRef", host.to_string()));
                    }
                }
                if e.position == EventPosition::Start && !e.interrupting {
                    attrs.push(attr("isInterrupting", "false"));
                }
            }
            ElementData::Activity(a) => {
                if let Some(days) = a.stuck_after_days {
                    attrs.push(attr("michi:stuckAfterDays", num(days)));
                }
            }
            _ => {}
        }
        attrs.extend(self.foreign_attrs(&foreign, &[]));
        let tag = format!("bpmn:{tag}");
        self.out.open(&tag, &attrs);
        let (lead, rest) = split_leading(&foreign.children);
        for f in lead {
            self.out.raw(f);
        }
        for (rel, child) in [(RelationKind::Target, "bpmn:incoming"), (RelationKind::Source, "bpmn:outgoing")] {
            for flow in self.ws.incoming(id, rel) {
                if self.kind(&flow.from) == Some(ElementKind::SequenceFlow) {
                    self.out.leaf(child, &[], flow.from.as_str());
                }
            }
        }
        const BEFORE_DATA: &[&str] =
            &["ioSpecification", "property", "dataInput", "dataOutput", "inputSet", "outputSet"];
        let (before, after): (Vec<&String>, Vec<&String>) =
            rest.into_iter().partition(|f| BEFORE_DATA.contains(&fragment_local_name(f)));
        for f in before {
            self.out.raw(f);
        }
        self.data_associations(id);
        if let ElementData::Event(e) = &data {
            for (n, d) in e.definitions.iter().enumerate() {
                match &d.raw {
                    Some(raw) => self.out.raw(raw),
                    None => {
                        let def_id = self.fresh_id(format!("{id}_def{}", n + 1));
                        self.out.empty(&format!("bpmn:{}", name_of(TRIGGERS, d.trigger)), &[attr("id", def_id)]);
                    }
                }
            }
        }
        for f in after {
            self.out.raw(f);
        }
        if let ElementData::Activity(a) = &data
            && a.kind.is_container()
        {
            self.contents(id);
        }
        self.out.close(&tag);
    }

    /// The data associations of `owner`: inputs (data → owner) and outputs (owner → data).
    fn data_associations(&mut self, owner: &ElementId) {
        let is_assoc =
            |w: &Workspace, r: &michi_core::Relation| w.kind_of(&r.from) == Some(ElementKind::DataAssociation);
        let inputs: Vec<ElementId> = self
            .ws
            .incoming(owner, RelationKind::Target)
            .into_iter()
            .filter(|r| is_assoc(self.ws, r))
            .map(|r| r.from)
            .collect();
        let outputs: Vec<ElementId> = self
            .ws
            .incoming(owner, RelationKind::Source)
            .into_iter()
            .filter(|r| is_assoc(self.ws, r))
            .map(|r| r.from)
            .collect();
        // Inputs need a target inside the activity; one made here is declared as a property first.
        let mut placeholders = BTreeMap::new();
        for a in &inputs {
            let foreign = self.ws.data(a).and_then(foreign_of).cloned().unwrap_or_default();
            if !foreign.children.iter().any(|f| fragment_local_name(f) == "targetRef") {
                let property = self.fresh_id(format!("{a}_target"));
                self.out
                    .empty("bpmn:property", &[attr("id", property.clone()), attr("name", "__targetRef_placeholder")]);
                placeholders.insert(a.clone(), property);
            }
        }
        for a in inputs {
            let foreign = self.ws.data(&a).and_then(foreign_of).cloned().unwrap_or_default();
            let mut attrs = vec![attr("id", a.to_string())];
            attrs.extend(self.foreign_attrs(&foreign, &[]));
            self.out.open("bpmn:dataInputAssociation", &attrs);
            if let Some(source) = self.target(&a, RelationKind::Source) {
                self.out.leaf("bpmn:sourceRef", &[], source.as_str());
            }
            let (refs, rest): (Vec<&String>, Vec<&String>) =
                foreign.children.iter().partition(|f| matches!(fragment_local_name(f), "sourceRef" | "targetRef"));
            for f in refs {
                self.out.raw(f);
            }
            if let Some(property) = placeholders.get(&a) {
                self.out.leaf("bpmn:targetRef", &[], property);
            }
            for f in rest {
                self.out.raw(f);
            }
            self.out.close("bpmn:dataInputAssociation");
        }
        for a in outputs {
            let foreign = self.ws.data(&a).and_then(foreign_of).cloned().unwrap_or_default();
            let mut attrs = vec![attr("id", a.to_string())];
            attrs.extend(self.foreign_attrs(&foreign, &[]));
            self.out.open("bpmn:dataOutputAssociation", &attrs);
            let (sources, rest): (Vec<&String>, Vec<&String>) =
                foreign.children.iter().partition(|f| fragment_local_name(f) == "sourceRef");
            for f in sources {
                self.out.raw(f);
            }
            if let Some(target) = self.target(&a, RelationKind::Target) {
                self.out.leaf("bpmn:targetRef", &[], target.as_str());
            }
            for f in rest {
                self.out.raw(f);
            }
            self.out.close("bpmn:dataOutputAssociation");
        }
    }

    fn data(&mut self, id: &ElementId) {
        let Some(data) = self.ws.data(id).cloned() else { return };
        let (tag, name, foreign, system) = match &data {
            ElementData::DataObject(d) => (
                if d.kind == DataKind::Store { "bpmn:dataStoreReference" } else { "bpmn:dataObjectReference" },
                &d.name,
                &d.foreign,
                None,
            ),
            ElementData::System(s) => ("bpmn:dataStoreReference", &s.name, &s.foreign, Some(&s.description)),
            _ => return,
        };
        let mut attrs = vec![attr("id", id.to_string())];
        if !name.is_empty() {
            attrs.push(attr("name", name.clone()));
        }
        if let Some(description) = system {
            attrs.push(attr("michi:system", "true"));
            if !description.is_empty() {
                attrs.push(attr("michi:description", description.clone()));
            }
        }
        // A data object reference made in Michi gets the data object it refers to.
        let made_here = matches!(&data, ElementData::DataObject(d) if d.kind == DataKind::Object)
            && foreign.attr("dataObjectRef").is_none();
        if made_here {
            let object = self.fresh_id(format!("{id}_object"));
            self.out.empty("bpmn:dataObject", &[attr("id", object.clone())]);
            attrs.push(attr("dataObjectRef", object));
        }
        attrs.extend(self.foreign_attrs(foreign, &[]));
        let children = foreign.children.clone();
        self.element_with_children(tag, attrs, &children);
    }

    fn annotation(&mut self, id: &ElementId) {
        let Some(ElementData::Annotation(data)) = self.ws.data(id).cloned() else { return };
        let mut attrs = vec![attr("id", id.to_string())];
        attrs.extend(self.foreign_attrs(&data.foreign, &[]));
        self.out.open("bpmn:textAnnotation", &attrs);
        for f in &data.foreign.children {
            self.out.raw(f);
        }
        self.out.leaf("bpmn:text", &[], &data.text);
        self.out.close("bpmn:textAnnotation");
    }

    fn group(&mut self, id: &ElementId) {
        let Some(ElementData::Group(data)) = self.ws.data(id).cloned() else { return };
        let mut attrs = vec![attr("id", id.to_string())];
        attrs.extend(self.foreign_attrs(&data.foreign, &[]));
        self.element_with_children("bpmn:group", attrs, &data.foreign.children);
    }

    fn connector(&mut self, id: &ElementId) {
        let Some(data) = self.ws.data(id).cloned() else { return };
        let foreign = foreign_of(&data).cloned().unwrap_or_default();
        let mut attrs = vec![attr("id", id.to_string())];
        let tag = match &data {
            ElementData::SequenceFlow(f) => {
                if !f.name.is_empty() {
                    attrs.push(attr("name", f.name.clone()));
                }
                "bpmn:sequenceFlow"
            }
            ElementData::MessageFlow(f) => {
                if !f.name.is_empty() {
                    attrs.push(attr("name", f.name.clone()));
                }
                "bpmn:messageFlow"
            }
            ElementData::Association(a) => {
                if a.direction != AssociationDirection::None {
                    attrs.push(attr("associationDirection", format!("{:?}", a.direction)));
                }
                "bpmn:association"
            }
            _ => return,
        };
        if let Some(source) = self.target(id, RelationKind::Source) {
            attrs.push(attr("sourceRef", source.to_string()));
        }
        if let Some(target) = self.target(id, RelationKind::Target) {
            attrs.push(attr("targetRef", target.to_string()));
        }
        attrs.extend(self.foreign_attrs(&foreign, &[]));
        self.element_with_children(tag, attrs, &foreign.children);
    }

    fn diagram(&mut self, view: &View) {
        let ViewKind::Process { root, interchange } = &view.kind else { return };
        let diagram_id = self.fresh_id(interchange.diagram_id.clone().unwrap_or_else(|| view.id.to_string()));
        let mut attrs = vec![attr("id", diagram_id.clone())];
        if !view.name.is_empty() {
            attrs.push(attr("name", view.name.clone()));
        }
        attrs.extend(self.foreign_attrs(&interchange.foreign, &[]));
        self.out.open("bpmndi:BPMNDiagram", &attrs);
        // An imported plane without an id stays without one; a diagram made here gets one.
        let mut plane_attrs = Vec::new();
        match (&interchange.diagram_id, &interchange.plane_id) {
            (Some(_), None) => {}
            (_, plane_id) => {
                let plane_id = self.fresh_id(plane_id.clone().unwrap_or_else(|| format!("{diagram_id}_plane")));
                plane_attrs.push(attr("id", plane_id));
            }
        }
        plane_attrs.push(attr("bpmnElement", root.to_string()));
        plane_attrs.extend(self.foreign_attrs(&interchange.plane, &[]));
        self.out.open("bpmndi:BPMNPlane", &plane_attrs);
        // Containers first so that what they contain is drawn over them; connectors last.
        let mut placed: Vec<(u8, &ElementId, &Placement)> = view
            .placements
            .iter()
            .filter_map(|(id, p)| {
                let order = match self.kind(id)? {
                    ElementKind::Pool => 0,
                    ElementKind::Lane => 1,
                    ElementKind::Activity => 2,
                    k if k.is_connector() => 5,
                    ElementKind::Group => 4,
                    _ => 3,
                };
                Some((order, id, p))
            })
            .collect();
        placed.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        for (_, id, p) in placed {
            let connector = self.kind(id).is_some_and(ElementKind::is_connector);
            self.placement(id, p, connector);
        }
        for f in &interchange.plane.children {
            self.out.raw(f);
        }
        self.out.close("bpmndi:BPMNPlane");
        for f in &interchange.foreign.children {
            self.out.raw(f);
        }
        self.out.close("bpmndi:BPMNDiagram");
    }

    fn placement(&mut self, id: &ElementId, p: &Placement, connector: bool) {
        let extra = p.extra().cloned().unwrap_or_default();
        let di_id = self.fresh_id(extra.di_id.clone().unwrap_or_else(|| format!("{id}_di")));
        let mut attrs = vec![attr("id", di_id), attr("bpmnElement", id.to_string())];
        for (name, value) in [
            ("isHorizontal", extra.horizontal),
            ("isExpanded", extra.expanded),
            ("isMarkerVisible", extra.marker_visible),
        ] {
            if let Some(v) = value {
                attrs.push(attr(name, v.to_string()));
            }
        }
        attrs.extend(self.foreign_attrs(&extra.foreign, &[]));
        let tag = if connector { "bpmndi:BPMNEdge" } else { "bpmndi:BPMNShape" };
        self.out.open(tag, &attrs);
        if connector {
            for w in &extra.waypoints {
                self.out.empty("di:waypoint", &[attr("x", num(w.x)), attr("y", num(w.y))]);
            }
        } else {
            self.out.empty("dc:Bounds", &bounds_attrs(p.x, p.y, p.width, p.height));
        }
        if extra.label.is_some() || extra.label_style.is_some() || !extra.label_foreign.is_empty() {
            let mut label: Attrs = self.foreign_attrs(&extra.label_foreign, &[]);
            label.extend(extra.label_style.iter().map(|s| attr("labelStyle", s.clone())));
            if extra.label.is_none() && extra.label_foreign.children.is_empty() {
                self.out.empty("bpmndi:BPMNLabel", &label);
            } else {
                self.out.open("bpmndi:BPMNLabel", &label);
                if let Some(b) = extra.label {
                    self.out.empty("dc:Bounds", &bounds_attrs(b.x, b.y, b.width, b.height));
                }
                for f in &extra.label_foreign.children {
                    self.out.raw(f);
                }
                self.out.close("bpmndi:BPMNLabel");
            }
        }
        for f in &extra.foreign.children {
            self.out.raw(f);
        }
        self.out.close(tag);
    }
}

/// Kept children that precede what Michi writes (documentation, extensions), and the others.
fn split_leading(children: &[String]) -> (Vec<&String>, Vec<&String>) {
    children.iter().partition(|f| LEADING_CHILDREN.contains(&fragment_local_name(f)))
}
