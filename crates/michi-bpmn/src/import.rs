//! BPMN XML → one batch of operations.
//!
//! Three passes: (1) every element Michi maps gets a Michi id (the file's own id when it is free and
//! valid); (2) the structure is walked, building elements, the relations known on the spot, and the
//! views; what Michi does not model is captured as [`Foreign`] on the element it belongs to;
//! (3) references (`sourceRef`, `processRef`, `flowNodeRef`…) are resolved. A reference that does not
//! resolve, or would break the graph's schema, is kept as written (and exported back) with a warning:
//! an odd file imports, it does not fail.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use michi_core::element::{
    Activity, Annotation, Association, AssociationDirection, Collaboration, DataAssociation, DataKind, DataObject,
    Element, ElementData, ElementKind, Event, EventDefinition, EventPosition, Foreign, ForeignAttr, Gateway, Group,
    MessageFlow, Pool, Process, ProcessLane, ProcessModel, SequenceFlow, Side, System,
};
use michi_core::view::{Bounds, DiagramInterchange, Placement, PlacementExtra, Point};
use michi_core::{ElementId, IdGen, Op, Rank, Relation, RelationKind, View, ViewId, ViewKind, Workspace};
use roxmltree::{Document, Node, NodeId, ParsingOptions};

use crate::error::BpmnError;
use crate::names::{ACTIVITIES, EVENTS, GATEWAYS, TRIGGERS, find};
use crate::ns::{BPMN_NS, BPMNDI_NS, DC_NS, DI_NS, MICHI_NS};
use crate::xml::fragment;

const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

/// Caps on what an import reads.
#[derive(Clone, Debug)]
pub struct Limits {
    /// The file's size in bytes.
    pub max_bytes: usize,
    /// XML nodes (elements, attributes, text) in the file.
    pub max_nodes: u32,
    /// How deep XML elements nest (`definitions` is level 1). Sub-processes are read recursively,
    /// so without this bound a file of deeply nested ones overflowed the stack.
    pub max_depth: usize,
    /// BPMN elements that become elements of the model (flow nodes, flows, pools, lanes…): past
    /// this the import (and the diagnosis after it) would take more than about a second.
    pub max_elements: usize,
    /// Attributes on one element, namespace declarations included. The XML parser looks for a
    /// duplicate by comparing each attribute with those before it on the element: 200,000
    /// attributes on one element took 54 s to parse. BPMN tools write a few dozen at most.
    pub max_attributes: usize,
    /// Attributes on the elements that become the model, in all: those Michi does not model are
    /// kept for export, each taking memory (2.9 million took 640 MB and 2.4 s). The 14 MB B.2.0
    /// tiled a hundred times has 78,503 attributes on all its BPMN-namespace elements.
    pub max_element_attributes: usize,
    /// XML namespaces in scope at one element. The parser copies an element's inherited namespaces
    /// when it declares one of its own and compares each with those it has: 1,100,000 elements
    /// each declaring one under 99 took 9 s. Files declare a dozen, on the root.
    pub max_namespaces_in_scope: usize,
    /// Namespace declarations in the whole file.
    pub max_namespace_declarations: usize,
}

impl Default for Limits {
    fn default() -> Self {
        // B.2.0 tiled a hundred times (9,400 flow nodes) is 14 MB and about 600,000 nodes; the
        // MIWG reference models nest at most 9 levels.
        // ×100 has about 20,000 elements.
        Limits {
            max_bytes: 64 << 20,
            max_nodes: 5_000_000,
            max_depth: 256,
            max_elements: 100_000,
            max_attributes: 100,
            max_element_attributes: 500_000,
            max_namespaces_in_scope: 64,
            max_namespace_declarations: 100_000,
        }
    }
}

/// A coordinate (a bound's or a waypoint's) past this in either direction is not a drawing: it is
/// refused like a coordinate that is not a number (an infinity or NaN), and the shape is left
/// unplaced or the waypoint dropped.
pub const MAX_COORDINATE: f64 = 10_000_000.0;

/// Refuses `text` past the limits the XML parser would take more than linear time on: attributes
/// on one element, namespaces in scope at one element, namespace declarations in the file. Counted
/// with quick-xml's tokenizer in linear time, before the parser runs (a namespace redeclared on a
/// nested element counts again: an over-estimate). A file the tokenizer cannot read past some
/// point is left to the parser to refuse.
fn prescan(text: &str, limits: &Limits) -> Result<(), BpmnError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    // Namespaces in scope at each open element.
    let mut scopes: Vec<usize> = Vec::new();
    let mut declarations = 0;
    loop {
        let (e, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(_)) => {
                scopes.pop();
                continue;
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => continue,
        };
        let at = || {
            let at = (reader.buffer_position() as usize).min(text.len());
            let line = text.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            (e.name().as_ref().to_string(), line)
        };
        let mut attributes = e.attributes();
        attributes.with_checks(false);
        let (mut count, mut declared) = (0, 0);
        for a in attributes.take(limits.max_attributes + 1) {
            count += 1;
            if a.is_ok_and(|a| a.key.as_namespace_binding().is_some()) {
                declared += 1;
            }
        }
        if count > limits.max_attributes {
            let (element, line) = at();
            return Err(BpmnError::TooManyAttributes { element, line, limit: limits.max_attributes });
        }
        declarations += declared;
        if declarations > limits.max_namespace_declarations {
            return Err(BpmnError::TooManyNamespaceDeclarations(limits.max_namespace_declarations));
        }
        let in_scope = scopes.last().copied().unwrap_or(0) + declared;
        if in_scope > limits.max_namespaces_in_scope {
            let (element, line) = at();
            return Err(BpmnError::TooManyNamespaces { element, line, limit: limits.max_namespaces_in_scope });
        }
        if !empty {
            scopes.push(in_scope);
        }
    }
}

/// How deep elements nest in `doc`, without recursion: in document order, the stack of the open
/// elements each element sits in.
fn depth(doc: &Document) -> usize {
    let mut open: Vec<NodeId> = Vec::new();
    let mut most = 0;
    for n in doc.descendants().filter(Node::is_element) {
        let parent = n.parent().map(|p| p.id());
        while open.last().is_some_and(|&top| Some(top) != parent) {
            open.pop();
        }
        open.push(n.id());
        most = most.max(open.len());
    }
    most
}

/// An import ready to apply.
#[derive(Debug)]
pub struct Imported {
    /// Adds the whole model, its relations and its diagrams; undoing it removes them.
    pub op: Op,
    pub model: ElementId,
    pub views: Vec<ViewId>,
    /// What was kept without being understood, in words, for the person importing.
    pub warnings: Vec<String>,
    pub element_count: usize,
}

/// Reads a BPMN file into operations against `ws` (ids already used there are renamed).
pub fn import(bytes: &[u8], ws: &Workspace, ids: &mut IdGen, limits: &Limits) -> Result<Imported, BpmnError> {
    if bytes.len() > limits.max_bytes {
        return Err(BpmnError::TooLarge { size: bytes.len(), limit: limits.max_bytes });
    }
    let text = crate::decode::decode(bytes)?;
    prescan(&text, limits)?;
    let options = ParsingOptions { allow_dtd: false, nodes_limit: limits.max_nodes, ..ParsingOptions::default() };
    let doc = Document::parse_with_options(&text, options).map_err(|e| match e {
        roxmltree::Error::DtdDetected => BpmnError::Dtd,
        roxmltree::Error::NodesLimitReached => BpmnError::TooManyNodes(limits.max_nodes),
        e => BpmnError::Xml { line: e.pos().row, column: e.pos().col, message: e.to_string() },
    })?;
    let deepest = depth(&doc);
    if deepest > limits.max_depth {
        return Err(BpmnError::TooDeep { depth: deepest, limit: limits.max_depth });
    }
    let root = doc.root_element();
    if root.tag_name().namespace() != Some(BPMN_NS) || root.tag_name().name() != "definitions" {
        let name = root.tag_name();
        return Err(BpmnError::NotBpmn(match name.namespace() {
            Some(ns) => format!("{{{ns}}}{}", name.name()),
            None => name.name().to_string(),
        }));
    }
    let mut importer = Importer::new(&text, ws, ids);
    importer.allocate(root, limits)?;
    let model = importer.definitions(root);
    importer.resolve();
    Ok(importer.finish(model))
}

/// A mapped node's number, given in pass 1 in document order: what the importer's tables are
/// indexed by (ids are looked up once, in pass 1, and cloned only into the operations made).
type Slot = u32;
const NO_SLOT: Slot = Slot::MAX;

/// Where an unresolved reference is kept.
enum Keep<'d> {
    Attr { on: Slot, name: &'static str, value: &'d str },
    Child { on: Slot, fragment: String },
}

enum End<'d> {
    Known(Slot),
    Ref(&'d str),
}

struct Pending<'d> {
    kind: RelationKind,
    from: End<'d>,
    to: End<'d>,
    keep: Keep<'d>,
}

struct Importer<'d, 'a, 'input> {
    text: &'input str,
    ws: &'a Workspace,
    ids: &'a mut IdGen,
    /// The slot of every mapped node, by its index in the document (`NO_SLOT` for the others).
    by_node: Vec<Slot>,
    /// The Michi id of every slot.
    slot_ids: Vec<ElementId>,
    /// Where in `elements` each slot's element is, once made (`NO_SLOT` until then; a mapped node
    /// inside something Michi does not map is never made).
    made_at: Vec<u32>,
    /// The slot of every mapped element by its BPMN id.
    by_ref: HashMap<&'d str, Slot>,
    /// Every element of the file with an id (mapped or not), for lookups like a group's category;
    /// built on the first such lookup.
    by_xml_id: Option<HashMap<&'d str, NodeId>>,
    taken: HashSet<ElementId>,
    elements: Vec<Element>,
    relations: Vec<(RelationKind, Slot, Slot)>,
    pending: Vec<Pending<'d>>,
    views: Vec<View>,
    warnings: Vec<String>,
}

fn bpmn(node: &Node) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(BPMN_NS)
}

fn is_mapped(node: &Node) -> bool {
    if !bpmn(node) {
        return false;
    }
    let name = node.tag_name().name();
    find(ACTIVITIES, name).is_some()
        || find(EVENTS, name).is_some()
        || find(GATEWAYS, name).is_some()
        || matches!(
            name,
            "definitions"
                | "collaboration"
                | "process"
                | "participant"
                | "lane"
                | "dataObjectReference"
                | "dataStoreReference"
                | "textAnnotation"
                | "group"
                | "sequenceFlow"
                | "messageFlow"
                | "association"
                | "dataInputAssociation"
                | "dataOutputAssociation"
        )
}

fn kind_for(name: &str) -> ElementKind {
    if find(ACTIVITIES, name).is_some() {
        return ElementKind::Activity;
    }
    if find(EVENTS, name).is_some() {
        return ElementKind::Event;
    }
    if find(GATEWAYS, name).is_some() {
        return ElementKind::Gateway;
    }
    match name {
        "definitions" => ElementKind::ProcessModel,
        "collaboration" => ElementKind::Collaboration,
        "process" => ElementKind::Process,
        "participant" => ElementKind::Pool,
        "lane" => ElementKind::Lane,
        "dataObjectReference" | "dataStoreReference" => ElementKind::DataObject,
        "textAnnotation" => ElementKind::Annotation,
        "group" => ElementKind::Group,
        "sequenceFlow" => ElementKind::SequenceFlow,
        "messageFlow" => ElementKind::MessageFlow,
        "association" => ElementKind::Association,
        _ => ElementKind::DataAssociation,
    }
}

/// A coordinate attribute: 0 when absent; `None` when it is not a finite number within
/// [`MAX_COORDINATE`].
fn coordinate(node: &Node, name: &str) -> Option<f64> {
    match node.attribute(name) {
        None => Some(0.0),
        Some(v) => v.trim().parse::<f64>().ok().filter(|x| x.is_finite() && x.abs() <= MAX_COORDINATE),
    }
}

/// A node's `dc:Bounds`: `None` without one, `Some(None)` when they cannot be drawn (a coordinate
/// refused by [`coordinate`], or a negative size).
fn bounds_of(node: &Node) -> Option<Option<Bounds>> {
    let b = node
        .children()
        .find(|c| c.is_element() && c.tag_name().namespace() == Some(DC_NS) && c.tag_name().name() == "Bounds")?;
    let read = || {
        let bounds = Bounds {
            x: coordinate(&b, "x")?,
            y: coordinate(&b, "y")?,
            width: coordinate(&b, "width")?,
            height: coordinate(&b, "height")?,
        };
        (bounds.width >= 0.0 && bounds.height >= 0.0).then_some(bounds)
    };
    Some(read())
}

impl<'d, 'a, 'input: 'd> Importer<'d, 'a, 'input> {
    fn new(text: &'input str, ws: &'a Workspace, ids: &'a mut IdGen) -> Self {
        Importer {
            text,
            ws,
            ids,
            by_node: Vec::new(),
            slot_ids: Vec::new(),
            made_at: Vec::new(),
            by_ref: HashMap::default(),
            by_xml_id: None,
            taken: HashSet::default(),
            elements: Vec::new(),
            relations: Vec::new(),
            pending: Vec::new(),
            views: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// `id` as an id no element or view has yet, if it is one.
    fn free(&self, id: &str) -> Option<ElementId> {
        if self.taken.contains(id) {
            return None;
        }
        let element = ElementId::parse(id).ok().filter(|e| !self.ws.contains(e))?;
        ViewId::parse(id).is_ok_and(|v| self.ws.view(&v).is_none()).then_some(element)
    }

    /// The file's id if it can be kept, else the nearest free variant, else a fresh one.
    fn claim(&mut self, wanted: Option<&str>, kind: ElementKind) -> ElementId {
        if let Some(id) = wanted {
            if let Some(free) = self.free(id) {
                self.taken.insert(free.clone());
                return free;
            }
            if ElementId::parse(id).is_ok() {
                for n in 2.. {
                    let candidate = format!("{id}_{n}");
                    if let Some(free) = self.free(&candidate) {
                        self.warnings.push(format!("id {id} was already used; the element is now {candidate}"));
                        self.taken.insert(free.clone());
                        return free;
                    }
                }
            }
        }
        loop {
            let id = self.ids.element(kind.id_prefix());
            if self.free(id.as_str()).is_some() {
                self.taken.insert(id.clone());
                return id;
            }
        }
    }

    // ---- pass 1 ----

    /// Gives every mapped node its slot and id; refuses more of them than `limits` allow, or more
    /// attributes on them.
    fn allocate(&mut self, root: Node<'d, 'input>, limits: &Limits) -> Result<(), BpmnError> {
        let mut attributes = 0;
        for node in root.descendants().filter(is_mapped) {
            if self.slot_ids.len() == limits.max_elements {
                return Err(BpmnError::TooManyElements(limits.max_elements));
            }
            attributes += node.attributes().len();
            if attributes > limits.max_element_attributes {
                return Err(BpmnError::TooManyElementAttributes(limits.max_element_attributes));
            }
            let kind = kind_for(node.tag_name().name());
            let id = self.claim(node.attribute("id"), kind);
            let slot = Slot::try_from(self.slot_ids.len()).expect("fewer mapped nodes than the node limit");
            if let Some(bpmn_id) = node.attribute("id") {
                self.by_ref.entry(bpmn_id).or_insert(slot);
            }
            let at = node.id().get_usize();
            if self.by_node.len() <= at {
                self.by_node.resize(at + 1, NO_SLOT);
            }
            self.by_node[at] = slot;
            self.slot_ids.push(id);
        }
        self.made_at = vec![NO_SLOT; self.slot_ids.len()];
        self.elements.reserve_exact(self.slot_ids.len());
        Ok(())
    }

    /// The slot of a mapped node.
    fn slot_of(&self, node: &Node) -> Option<Slot> {
        self.by_node.get(node.id().get_usize()).copied().filter(|&s| s != NO_SLOT)
    }

    /// The element made for `slot`, if it was.
    fn made(&self, slot: Slot) -> Option<&Element> {
        let at = self.made_at[slot as usize];
        (at != NO_SLOT).then(|| &self.elements[at as usize])
    }

    fn made_mut(&mut self, slot: Slot) -> &mut Element {
        let at = self.made_at[slot as usize];
        &mut self.elements[at as usize]
    }

    /// The file's element whose `id` is `xml_id` (mapped or not).
    fn xml_node(&mut self, root: Node<'d, 'input>, xml_id: &str) -> Option<Node<'d, 'input>> {
        let by_xml_id = self.by_xml_id.get_or_insert_with(|| {
            let mut map = HashMap::default();
            for node in root.descendants().filter(Node::is_element) {
                if let Some(id) = node.attribute("id") {
                    map.entry(id).or_insert(node.id());
                }
            }
            map
        });
        by_xml_id.get(xml_id).and_then(|&id| root.document().get_node(id))
    }

    // ---- pass 2 ----

    fn fragment(&self, node: Node) -> String {
        fragment(node, self.text)
    }

    /// Attributes of `node` other than `known`, as foreign attributes.
    fn foreign_attrs(&self, node: &Node, known: &[&str]) -> Vec<ForeignAttr> {
        node.attributes()
            .filter(|a| !(a.namespace().is_none() && known.contains(&a.name())))
            .filter(|a| a.namespace() != Some(MICHI_NS))
            .map(|a| ForeignAttr {
                ns: a.namespace().map(str::to_string),
                prefix: a.namespace().and_then(|ns| node.lookup_prefix(ns)).map(str::to_string),
                name: a.name().to_string(),
                value: a.value().to_string(),
            })
            .collect()
    }

    fn add(&mut self, node: &Node, data: ElementData) -> Slot {
        let slot = self.slot_of(node).expect("a mapped node");
        self.made_at[slot as usize] = u32::try_from(self.elements.len()).expect("as many elements as slots");
        self.elements.push(Element { id: self.slot_ids[slot as usize].clone(), data });
        slot
    }

    fn relate(&mut self, kind: RelationKind, from: Slot, to: Slot) {
        self.relations.push((kind, from, to));
    }

    fn later(&mut self, kind: RelationKind, from: End<'d>, to: End<'d>, keep: Keep<'d>) {
        self.pending.push(Pending { kind, from, to, keep });
    }

    fn definitions(&mut self, root: Node<'d, 'input>) -> Slot {
        let mut foreign = Foreign {
            attrs: root
                .namespaces()
                .map(|ns| ForeignAttr {
                    ns: Some(XMLNS_NS.into()),
                    prefix: None,
                    name: ns.name().unwrap_or("").to_string(),
                    value: ns.uri().to_string(),
                })
                .collect(),
            children: Vec::new(),
        };
        foreign.attrs.extend(self.foreign_attrs(&root, &["id", "name", "targetNamespace"]));
        let data = ElementData::ProcessModel(ProcessModel {
            name: root.attribute("name").unwrap_or_default().to_string(),
            target_namespace: root.attribute("targetNamespace").unwrap_or_default().to_string(),
            foreign: Foreign::default(),
        });
        let model = self.add(&root, data);
        let mut diagrams = Vec::new();
        for child in root.children().filter(Node::is_element) {
            let name = child.tag_name().name();
            if bpmn(&child) && name == "process" {
                self.process(child, model);
            } else if bpmn(&child) && name == "collaboration" {
                self.collaboration(child, model);
            } else if child.tag_name().namespace() == Some(BPMNDI_NS) && name == "BPMNDiagram" {
                diagrams.push(child);
            } else {
                foreign.children.push(self.fragment(child));
            }
        }
        for diagram in diagrams {
            if let Some(raw) = self.diagram(diagram) {
                foreign.children.push(raw);
            }
        }
        if let Some(f) = foreign_mut(&mut self.made_mut(model).data) {
            *f = foreign;
        }
        model
    }

    fn process(&mut self, node: Node<'d, 'input>, model: Slot) {
        let mut data = Process {
            name: node.attribute("name").unwrap_or_default().to_string(),
            lane_set_id: None,
            foreign: Foreign { attrs: self.foreign_attrs(&node, &["id", "name"]), children: Vec::new() },
        };
        let id = self.add(&node, ElementData::Process(Process::default()));
        self.relate(RelationKind::InModel, id, model);
        for child in node.children().filter(Node::is_element) {
            if bpmn(&child) && child.tag_name().name() == "laneSet" && data.lane_set_id.is_none() {
                data.lane_set_id = Some(child.attribute("id").unwrap_or_default().to_string());
                self.lanes(child, id);
                continue;
            }
            if !self.flow_element(child, id) {
                data.foreign.children.push(self.fragment(child));
            }
        }
        self.made_mut(id).data = ElementData::Process(data);
    }

    fn lanes(&mut self, lane_set: Node<'d, 'input>, parent: Slot) {
        for lane in lane_set.children().filter(|c| bpmn(c) && c.tag_name().name() == "lane") {
            let mut data = ProcessLane {
                name: lane.attribute("name").unwrap_or_default().to_string(),
                child_lane_set_id: None,
                foreign: Foreign { attrs: self.foreign_attrs(&lane, &["id", "name"]), children: Vec::new() },
            };
            let id = self.add(&lane, ElementData::Lane(ProcessLane::default()));
            self.relate(RelationKind::LaneIn, id, parent);
            for child in lane.children().filter(Node::is_element) {
                match (bpmn(&child), child.tag_name().name()) {
                    (true, "flowNodeRef") => {
                        let target = child.text().unwrap_or_default().trim();
                        let keep = Keep::Child { on: id, fragment: self.fragment(child) };
                        self.later(RelationKind::InLane, End::Ref(target), End::Known(id), keep);
                    }
                    (true, "childLaneSet") if data.child_lane_set_id.is_none() => {
                        data.child_lane_set_id = Some(child.attribute("id").unwrap_or_default().to_string());
                        self.lanes(child, id);
                    }
                    _ => data.foreign.children.push(self.fragment(child)),
                }
            }
            self.made_mut(id).data = ElementData::Lane(data);
        }
    }

    fn collaboration(&mut self, node: Node<'d, 'input>, model: Slot) {
        let mut data = Collaboration {
            name: node.attribute("name").unwrap_or_default().to_string(),
            foreign: Foreign { attrs: self.foreign_attrs(&node, &["id", "name"]), children: Vec::new() },
        };
        let id = self.add(&node, ElementData::Collaboration(Collaboration::default()));
        self.relate(RelationKind::InModel, id, model);
        for child in node.children().filter(Node::is_element) {
            let handled = match (bpmn(&child), child.tag_name().name()) {
                (true, "participant") => {
                    self.pool(child, id);
                    true
                }
                (true, "messageFlow") => {
                    self.connector(child, id, ElementKind::MessageFlow);
                    true
                }
                (true, "textAnnotation" | "association" | "group") => self.flow_element(child, id),
                _ => false,
            };
            if !handled {
                data.foreign.children.push(self.fragment(child));
            }
        }
        self.made_mut(id).data = ElementData::Collaboration(data);
    }

    fn pool(&mut self, node: Node<'d, 'input>, collaboration: Slot) {
        let side = match node.attribute((MICHI_NS, "side")) {
            Some("customer") => Some(Side::Customer),
            Some("vendor") => Some(Side::Vendor),
            Some("partner") => Some(Side::Partner),
            _ => None,
        };
        let data = Pool {
            name: node.attribute("name").unwrap_or_default().to_string(),
            side,
            foreign: Foreign {
                attrs: self.foreign_attrs(&node, &["id", "name", "processRef"]),
                children: node.children().filter(Node::is_element).map(|c| self.fragment(c)).collect(),
            },
        };
        let id = self.add(&node, ElementData::Pool(data));
        self.relate(RelationKind::PoolIn, id, collaboration);
        if let Some(process) = node.attribute("processRef") {
            let keep = Keep::Attr { on: id, name: "processRef", value: process };
            self.later(RelationKind::ProcessOf, End::Ref(process), End::Known(id), keep);
        }
    }

    /// Maps a flow element or artifact inside `container`; false if Michi does not map it.
    fn flow_element(&mut self, node: Node<'d, 'input>, container: Slot) -> bool {
        if !bpmn(&node) || self.slot_of(&node).is_none() {
            return false;
        }
        let name = node.tag_name().name();
        let id = if find(ACTIVITIES, name).is_some() {
            self.activity(node)
        } else if find(EVENTS, name).is_some() {
            self.event(node)
        } else if find(GATEWAYS, name).is_some() {
            self.gateway(node)
        } else {
            match name {
                "dataObjectReference" | "dataStoreReference" => self.data(node),
                "textAnnotation" => self.annotation(node),
                "group" => self.group(node),
                "sequenceFlow" => self.connector(node, container, ElementKind::SequenceFlow),
                "association" => self.connector(node, container, ElementKind::Association),
                _ => return false,
            }
        };
        if !matches!(name, "sequenceFlow" | "association") {
            self.relate(RelationKind::ChildOf, id, container);
        }
        true
    }

    /// The children of a flow node: `incoming`/`outgoing` are derived from the flows and dropped;
    /// data associations become elements; the rest is foreign unless `own` takes it.
    fn node_children(
        &mut self,
        node: Node<'d, 'input>,
        owner: Slot,
        mut own: impl FnMut(&mut Self, Node<'d, 'input>) -> bool,
    ) -> Vec<String> {
        let container = self.container_of(node);
        let mut foreign = Vec::new();
        for child in node.children().filter(Node::is_element) {
            match (bpmn(&child), child.tag_name().name()) {
                (true, "incoming" | "outgoing") => {}
                (true, "dataInputAssociation" | "dataOutputAssociation") if let Some(container) = container => {
                    self.data_association(child, owner, container);
                }
                _ => {
                    if !own(self, child) {
                        foreign.push(self.fragment(child));
                    }
                }
            }
        }
        foreign
    }

    /// The Michi id of the process, sub-process or collaboration directly containing `node`.
    fn container_of(&self, node: Node) -> Option<Slot> {
        node.parent_element().and_then(|p| self.slot_of(&p))
    }

    fn activity(&mut self, node: Node<'d, 'input>) -> Slot {
        let kind = find(ACTIVITIES, node.tag_name().name()).expect("an activity");
        let id = self.add(&node, ElementData::Activity(Activity::default()));
        let attrs = self.foreign_attrs(&node, &["id", "name"]);
        let children = self.node_children(node, id, |me, child| kind.is_container() && me.flow_element(child, id));
        self.made_mut(id).data = ElementData::Activity(Activity {
            name: node.attribute("name").unwrap_or_default().to_string(),
            kind,
            stuck_after_days: node.attribute((MICHI_NS, "stuckAfterDays")).and_then(|v| v.parse().ok()),
            foreign: Foreign { attrs, children },
        });
        id
    }

    fn event(&mut self, node: Node<'d, 'input>) -> Slot {
        let position = find(EVENTS, node.tag_name().name()).expect("an event");
        let id = self.add(&node, ElementData::Event(Event::default()));
        let interrupting = match position {
            EventPosition::Boundary => node.attribute("cancelActivity") != Some("false"),
            EventPosition::Start => node.attribute("isInterrupting") != Some("false"),
            _ => true,
        };
        let attrs = self.foreign_attrs(&node, &["id", "name", "cancelActivity", "isInterrupting", "attachedToRef"]);
        let mut definitions = Vec::new();
        let children = self.node_children(node, id, |me, child| match find(TRIGGERS, child.tag_name().name()) {
            Some(trigger) if bpmn(&child) => {
                definitions.push(EventDefinition { trigger, raw: Some(me.fragment(child)) });
                true
            }
            _ => false,
        });
        if let Some(host) = node.attribute("attachedToRef") {
            let keep = Keep::Attr { on: id, name: "attachedToRef", value: host };
            self.later(RelationKind::AttachedTo, End::Known(id), End::Ref(host), keep);
        }
        self.made_mut(id).data = ElementData::Event(Event {
            name: node.attribute("name").unwrap_or_default().to_string(),
            position,
            definitions,
            interrupting,
            foreign: Foreign { attrs, children },
        });
        id
    }

    fn gateway(&mut self, node: Node<'d, 'input>) -> Slot {
        let kind = find(GATEWAYS, node.tag_name().name()).expect("a gateway");
        let id = self.add(&node, ElementData::Gateway(Gateway::default()));
        let attrs = self.foreign_attrs(&node, &["id", "name"]);
        let children = self.node_children(node, id, |_, _| false);
        self.made_mut(id).data = ElementData::Gateway(Gateway {
            name: node.attribute("name").unwrap_or_default().to_string(),
            kind,
            foreign: Foreign { attrs, children },
        });
        id
    }

    fn data(&mut self, node: Node<'d, 'input>) -> Slot {
        let name = node.attribute("name").unwrap_or_default().to_string();
        let foreign = Foreign {
            attrs: self.foreign_attrs(&node, &["id", "name"]),
            children: node.children().filter(Node::is_element).map(|c| self.fragment(c)).collect(),
        };
        let data = if node.attribute((MICHI_NS, "system")) == Some("true") {
            ElementData::System(System {
                name,
                description: node.attribute((MICHI_NS, "description")).unwrap_or_default().to_string(),
                foreign,
            })
        } else {
            let kind = if node.tag_name().name() == "dataStoreReference" { DataKind::Store } else { DataKind::Object };
            ElementData::DataObject(DataObject { name, kind, foreign })
        };
        self.add(&node, data)
    }

    fn annotation(&mut self, node: Node<'d, 'input>) -> Slot {
        let mut text = String::new();
        let mut children = Vec::new();
        for child in node.children().filter(Node::is_element) {
            if bpmn(&child) && child.tag_name().name() == "text" && text.is_empty() {
                text = child.text().unwrap_or_default().to_string();
            } else {
                children.push(self.fragment(child));
            }
        }
        let data = Annotation { text, foreign: Foreign { attrs: self.foreign_attrs(&node, &["id"]), children } };
        self.add(&node, ElementData::Annotation(data))
    }

    fn group(&mut self, node: Node<'d, 'input>) -> Slot {
        // A group's label is the value of its category value, elsewhere in the file.
        let name = node
            .attribute("categoryValueRef")
            .map(|r| r.rsplit(':').next().unwrap_or(r))
            .and_then(|r| self.xml_node(node.document().root_element(), r))
            .and_then(|v| v.attribute("value"))
            .unwrap_or_default()
            .to_string();
        let foreign = Foreign {
            attrs: self.foreign_attrs(&node, &["id"]),
            children: node.children().filter(Node::is_element).map(|c| self.fragment(c)).collect(),
        };
        self.add(&node, ElementData::Group(Group { name, foreign }))
    }

    fn connector(&mut self, node: Node<'d, 'input>, container: Slot, kind: ElementKind) -> Slot {
        let name = node.attribute("name").unwrap_or_default().to_string();
        let known: &[&str] = match kind {
            ElementKind::Association => &["id", "sourceRef", "targetRef", "associationDirection"],
            _ => &["id", "name", "sourceRef", "targetRef"],
        };
        let foreign = Foreign {
            attrs: self.foreign_attrs(&node, known),
            children: node.children().filter(Node::is_element).map(|c| self.fragment(c)).collect(),
        };
        let data = match kind {
            ElementKind::SequenceFlow => ElementData::SequenceFlow(SequenceFlow { name, foreign }),
            ElementKind::MessageFlow => ElementData::MessageFlow(MessageFlow { name, foreign }),
            _ => ElementData::Association(Association {
                direction: match node.attribute("associationDirection") {
                    Some("One") => AssociationDirection::One,
                    Some("Both") => AssociationDirection::Both,
                    _ => AssociationDirection::None,
                },
                foreign,
            }),
        };
        let id = self.add(&node, data);
        self.relate(RelationKind::ChildOf, id, container);
        for (attr, rel) in [("sourceRef", RelationKind::Source), ("targetRef", RelationKind::Target)] {
            if let Some(end) = node.attribute(attr) {
                let keep = Keep::Attr { on: id, name: attr, value: end };
                self.later(rel, End::Known(id), End::Ref(end), keep);
            }
        }
        id
    }

    /// A data input (data → `owner`) or output (`owner` → data) association. The end inside the
    /// activity (its data input or output) is not modelled: it stays as written.
    fn data_association(&mut self, node: Node<'d, 'input>, owner: Slot, container: Slot) {
        let input = node.tag_name().name() == "dataInputAssociation";
        let id = self.add(&node, ElementData::DataAssociation(DataAssociation::default()));
        self.relate(RelationKind::ChildOf, id, container);
        let (own_end, data_end, data_tag) = if input {
            (RelationKind::Target, RelationKind::Source, "sourceRef")
        } else {
            (RelationKind::Source, RelationKind::Target, "targetRef")
        };
        self.relate(own_end, id, owner);
        let mut children = Vec::new();
        let mut data_ref_taken = false;
        for child in node.children().filter(Node::is_element) {
            if bpmn(&child) && child.tag_name().name() == data_tag && !data_ref_taken {
                data_ref_taken = true;
                let target = child.text().unwrap_or_default().trim();
                let keep = Keep::Child { on: id, fragment: self.fragment(child) };
                self.later(data_end, End::Known(id), End::Ref(target), keep);
            } else {
                children.push(self.fragment(child));
            }
        }
        let attrs = self.foreign_attrs(&node, &["id"]);
        self.made_mut(id).data = ElementData::DataAssociation(DataAssociation { foreign: Foreign { attrs, children } });
    }

    /// The root of a plane whose `bpmnElement` names nothing in the file (seen in files edited by
    /// hand): the file's only collaboration, else its only process, when the plane shows elements.
    fn inferred_root(&mut self, plane: Node) -> Option<ElementId> {
        let plane_root = plane.attribute("bpmnElement");
        if plane_root.is_some_and(|r| self.by_ref.contains_key(r)) {
            return None;
        }
        let shows = plane.children().filter(Node::is_element).any(|c| {
            c.attribute("bpmnElement").is_some_and(|r| self.by_ref.get(r).is_some_and(|&e| self.made(e).is_some()))
        });
        let only = |kind: ElementKind| {
            let mut of_kind = self.elements.iter().filter(|e| e.data.kind() == kind);
            match (of_kind.next(), of_kind.next()) {
                (Some(e), None) => Some(e.id.clone()),
                _ => None,
            }
        };
        let root = only(ElementKind::Collaboration).or_else(|| only(ElementKind::Process)).filter(|_| shows)?;
        self.warnings.push(format!(
            "diagram plane {} names {}, which is not in the file; it is drawn as {root}",
            plane.attribute("id").unwrap_or("(no id)"),
            plane_root.unwrap_or("nothing"),
        ));
        Some(root)
    }

    /// A diagram becomes a view; `Some(raw)` when it cannot (its plane shows nothing Michi maps).
    fn diagram(&mut self, node: Node<'d, 'input>) -> Option<String> {
        let plane =
            node.children().find(|c| c.tag_name().namespace() == Some(BPMNDI_NS) && c.tag_name().name() == "BPMNPlane");
        let root = plane
            .and_then(|p| p.attribute("bpmnElement"))
            .and_then(|r| self.by_ref.get(r))
            .and_then(|&r| self.made(r))
            .filter(|e| {
                matches!(&e.data, ElementData::Collaboration(_) | ElementData::Process(_))
                    || matches!(&e.data, ElementData::Activity(a) if a.kind.is_container() || a.kind == michi_core::element::ActivityKind::CallActivity)
            })
            .map(|e| e.id.clone())
            .or_else(|| self.inferred_root(plane?));
        let (Some(plane), Some(root)) = (plane, root) else {
            self.warnings.push(format!(
                "diagram {} does not show a process or collaboration Michi can draw; it is kept for export only",
                node.attribute("id").unwrap_or("(no id)")
            ));
            return Some(self.fragment(node));
        };
        let view_id = ViewId::parse(self.claim(node.attribute("id"), ElementKind::Process).as_str()).expect("valid");
        let mut interchange = DiagramInterchange {
            diagram_id: node.attribute("id").map(str::to_string),
            plane_id: plane.attribute("id").map(str::to_string),
            foreign: Foreign { attrs: self.foreign_attrs(&node, &["id", "name"]), children: Vec::new() },
            plane: Foreign { attrs: self.foreign_attrs(&plane, &["id", "bpmnElement"]), children: Vec::new() },
        };
        for child in node.children().filter(|c| c.is_element() && *c != plane) {
            interchange.foreign.children.push(self.fragment(child));
        }
        // Each element's first shape or edge places it; later ones are kept as written.
        let mut placed: HashSet<Slot> = HashSet::default();
        let mut placements = Vec::new();
        for shape in plane.children().filter(Node::is_element) {
            let element = shape.attribute("bpmnElement").and_then(|r| self.by_ref.get(r)).copied();
            let di = shape.tag_name().namespace() == Some(BPMNDI_NS);
            let placement = match (di, shape.tag_name().name(), element) {
                (true, "BPMNShape", Some(e)) if !placed.contains(&e) => match self.shape(shape) {
                    Some(p) => Some(p),
                    // Refused (a warning says why): the element stays unplaced.
                    None => continue,
                },
                (true, "BPMNEdge", Some(e)) if !placed.contains(&e) => Some(self.edge(shape)),
                _ => None,
            };
            match (placement, element.and_then(|e| Some((e, self.made(e)?.id.clone())))) {
                (Some(p), Some((slot, id))) => {
                    placed.insert(slot);
                    placements.push((id, p));
                }
                _ => interchange.plane.children.push(self.fragment(shape)),
            }
        }
        let name = node.attribute("name").unwrap_or_default().to_string();
        let placements = placements.into_iter().collect();
        self.views.push(View { id: view_id, name, kind: ViewKind::Process { root, interchange }, placements });
        None
    }

    fn placement_extra(&self, node: Node, known: &[&str]) -> PlacementExtra {
        let mut extra = PlacementExtra {
            di_id: node.attribute("id").map(str::to_string),
            expanded: node.attribute("isExpanded").map(|v| v == "true"),
            horizontal: node.attribute("isHorizontal").map(|v| v == "true"),
            marker_visible: node.attribute("isMarkerVisible").map(|v| v == "true"),
            ..Default::default()
        };
        extra.foreign.attrs = self.foreign_attrs(
            &node,
            &[&["id", "bpmnElement", "isExpanded", "isHorizontal", "isMarkerVisible"], known].concat(),
        );
        for child in node.children().filter(Node::is_element) {
            let (ns, name) = (child.tag_name().namespace(), child.tag_name().name());
            if ns == Some(BPMNDI_NS) && name == "BPMNLabel" && extra.label.is_none() && extra.label_style.is_none() {
                extra.label = bounds_of(&child).flatten();
                extra.label_style = child.attribute("labelStyle").map(str::to_string);
                extra.label_foreign = Foreign {
                    attrs: self.foreign_attrs(&child, &["labelStyle"]),
                    children: child
                        .children()
                        .filter(|c| {
                            c.is_element()
                                && !(c.tag_name().namespace() == Some(DC_NS) && c.tag_name().name() == "Bounds")
                        })
                        .map(|c| self.fragment(c))
                        .collect(),
                };
            } else if (ns == Some(DC_NS) && name == "Bounds") || (ns == Some(DI_NS) && name == "waypoint") {
                // Modelled by the placement itself.
            } else {
                extra.foreign.children.push(self.fragment(child));
            }
        }
        extra
    }

    /// A shape's placement; `None` (with a warning) when its bounds cannot be drawn: its element is
    /// left unplaced.
    fn shape(&mut self, node: Node) -> Option<Placement> {
        let id = node.attribute("id").unwrap_or("?");
        let b = match bounds_of(&node) {
            Some(Some(b)) => b,
            Some(None) => {
                self.warnings.push(format!(
                    "shape {id} has bounds that are not numbers, are negative or lie beyond ±{MAX_COORDINATE}; its element is left unplaced"
                ));
                return None;
            }
            None => {
                self.warnings.push(format!("shape {id} has no bounds"));
                Bounds::default()
            }
        };
        let extra = self.placement_extra(node, &[]);
        Some(Placement { x: b.x, y: b.y, width: b.width, height: b.height, extra: Some(Box::new(extra)) })
    }

    fn edge(&mut self, node: Node) -> Placement {
        let mut extra = self.placement_extra(node, &[]);
        let written =
            node.children().filter(|c| c.tag_name().namespace() == Some(DI_NS) && c.tag_name().name() == "waypoint");
        let mut dropped = 0;
        for w in written {
            match (coordinate(&w, "x"), coordinate(&w, "y")) {
                (Some(x), Some(y)) => extra.waypoints.push(Point { x, y }),
                _ => dropped += 1,
            }
        }
        if dropped > 0 {
            self.warnings.push(format!(
                "edge {} has {dropped} waypoints that are not numbers or lie beyond ±{MAX_COORDINATE}; they are left out",
                node.attribute("id").unwrap_or("?")
            ));
        }
        let xs = extra.waypoints.iter().map(|p| p.x);
        let ys = extra.waypoints.iter().map(|p| p.y);
        let (x0, x1) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
        let (y0, y1) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| (a.min(y), b.max(y)));
        let (x, y, w, h) = if x0.is_finite() { (x0, y0, x1 - x0, y1 - y0) } else { (0.0, 0.0, 0.0, 0.0) };
        Placement { x, y, width: w, height: h, extra: Some(Box::new(extra)) }
    }

    // ---- pass 3 ----

    fn kind(&self, slot: Slot) -> Option<ElementKind> {
        self.made(slot).map(|e| e.data.kind())
    }

    fn resolve(&mut self) {
        let mut seen: HashSet<(RelationKind, Slot, Slot)> = self.relations.iter().copied().collect();
        let mut from_count: HashMap<(RelationKind, Slot), usize> = HashMap::default();
        for &(k, f, _) in &self.relations {
            *from_count.entry((k, f)).or_default() += 1;
        }
        for p in std::mem::take(&mut self.pending) {
            let end = |e: &End, me: &Self| match *e {
                End::Known(slot) => Some(slot),
                End::Ref(r) => {
                    me.by_ref.get(r.rsplit(':').next().unwrap_or(r)).copied().filter(|&s| me.made(s).is_some())
                }
            };
            let (from, to) = (end(&p.from, self), end(&p.to, self));
            let schema = p.kind.schema();
            let fits = match (from, to) {
                (Some(f), Some(t)) => {
                    let (fk, tk) = (self.kind(f).expect("created"), self.kind(t).expect("created"));
                    schema.from.contains(&fk)
                        && schema.to.contains(&tk)
                        && f != t
                        && !seen.contains(&(p.kind, f, t))
                        && schema
                            .max_from_one
                            .is_none_or(|max| from_count.get(&(p.kind, f)).copied().unwrap_or(0) < max)
                }
                _ => false,
            };
            if fits {
                let (f, t) = (from.expect("fits"), to.expect("fits"));
                *from_count.entry((p.kind, f)).or_default() += 1;
                seen.insert((p.kind, f, t));
                self.relations.push((p.kind, f, t));
                continue;
            }
            let what = match &p.keep {
                Keep::Attr { name, value, .. } => format!("{name}=\"{value}\""),
                Keep::Child { fragment, .. } => fragment.clone(),
            };
            let duplicate = matches!((from, to), (Some(f), Some(t)) if seen.contains(&(p.kind, f, t)));
            if !duplicate {
                self.warnings.push(format!(
                    "reference {what} does not lead to an element Michi can link; it is kept as written"
                ));
            }
            match p.keep {
                Keep::Attr { on, name, value } => {
                    if let Some(f) = foreign_mut(&mut self.made_mut(on).data) {
                        let value = value.to_string();
                        f.attrs.push(ForeignAttr { ns: None, prefix: None, name: name.to_string(), value });
                    }
                }
                Keep::Child { on, fragment } if !duplicate => {
                    if let Some(f) = foreign_mut(&mut self.made_mut(on).data) {
                        f.children.insert(0, fragment);
                    }
                }
                Keep::Child { .. } => {}
            }
        }
    }

    fn finish(self, model: Slot) -> Imported {
        let model = self.slot_ids[model as usize].clone();
        let mut ops: Vec<Op> = Vec::with_capacity(self.elements.len() + self.relations.len() + self.views.len());
        ops.extend(self.elements.into_iter().map(|element| Op::AddElement { element }));
        let element_count = ops.len();
        // Ordered relations take ranks in document order, per target.
        let mut last: HashMap<(RelationKind, Slot), Rank> = HashMap::default();
        for (kind, from, to) in self.relations {
            let rank = if kind.schema().ordered {
                let key = (kind, to);
                let rank = Rank::between(last.get(&key), None);
                last.insert(key, rank.clone());
                rank
            } else {
                Rank::unordered()
            };
            let (from, to) = (self.slot_ids[from as usize].clone(), self.slot_ids[to as usize].clone());
            ops.push(Op::Relate { relation: Relation { kind, from, to, rank } });
        }
        let views = self.views.iter().map(|v| v.id.clone()).collect();
        ops.extend(self.views.into_iter().map(|view| Op::AddView { view }));
        Imported { op: Op::Batch { ops }, model, views, warnings: self.warnings, element_count }
    }
}

/// The foreign record of a BPMN-born element.
pub(crate) fn foreign_mut(data: &mut ElementData) -> Option<&mut Foreign> {
    Some(match data {
        ElementData::ProcessModel(d) => &mut d.foreign,
        ElementData::Collaboration(d) => &mut d.foreign,
        ElementData::Process(d) => &mut d.foreign,
        ElementData::Pool(d) => &mut d.foreign,
        ElementData::Lane(d) => &mut d.foreign,
        ElementData::Activity(d) => &mut d.foreign,
        ElementData::Event(d) => &mut d.foreign,
        ElementData::Gateway(d) => &mut d.foreign,
        ElementData::DataObject(d) => &mut d.foreign,
        ElementData::System(d) => &mut d.foreign,
        ElementData::Annotation(d) => &mut d.foreign,
        ElementData::Group(d) => &mut d.foreign,
        ElementData::SequenceFlow(d) => &mut d.foreign,
        ElementData::MessageFlow(d) => &mut d.foreign,
        ElementData::Association(d) => &mut d.foreign,
        ElementData::DataAssociation(d) => &mut d.foreign,
        _ => return None,
    })
}
