//! What a front end shows, and what it is sent to show it. A front end says which screen it is on
//! ([`Show`]); every change answers with [`Shown`]: the outline, the glossary, the state layer laid
//! over the canvas and the screen's own read model, all computed after the change. A screen whose
//! subject is gone (a deleted journey, a diagram undone away) gives way to the first journey map,
//! else the first process diagram, else nothing.

use michi_core::derive::document::Document;
use michi_core::derive::evidence::{self as ev, Behind, ConversationPage, Coverage, Log, Supported};
use michi_core::derive::org::OrgRecommendation;
use michi_core::derive::shared::Ref;
use michi_core::derive::{metrics, org, playbook};
use michi_core::health::read::KnownAccount;
use std::collections::BTreeMap;

use michi_core::diff::gaps::{GapList, Owner, document as gap_document, gap_list_given, owners};
use michi_core::diff::outputs::OutputChanges;
use michi_core::diff::{Change, ChangeClass, diff};
use michi_core::glossary::Glossary;
use michi_core::health::HealthModel;
use michi_core::health::read::{AccountPage, HealthTable, TableQuery};
use michi_core::process::read::{DiagramPatch, ProcessDiagram, diagram_patch};
use michi_core::read::{JourneyMap, Outline};
use michi_core::state::StateOverlay;
use michi_core::{ElementId, ElementKind, ViewId, Workspace};

use crate::version::VersionDto;
use serde::{Deserialize, Serialize};

/// The screen a front end is on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Screen {
    /// The workspace's first journey map, else its first process diagram.
    Home,
    JourneyMap {
        view: ViewId,
    },
    ProcessDiagram {
        view: ViewId,
    },
    Glossary,
    /// A journey's playbook (the whole, or a segment's variant), metrics catalog and the org.
    Outputs {
        journey: ElementId,
        segment: Option<ElementId>,
    },
    /// The accounts table (a page of it) and, when open, one account's page.
    Health {
        query: TableQuery,
        account: Option<String>,
    },
    /// The gap list against the version compared with (`Show::compare`, else the one this version
    /// was forked from).
    Gaps,
    /// The evidence: the conversations, the tags, the coverage and, when open, one conversation.
    Evidence {
        conversation: Option<ElementId>,
    },
    /// The skill matrix as of a day (the newest assessment's when `None`), compared with another
    /// day when `compare` is set.
    #[serde(rename_all = "camelCase")]
    Skills {
        as_of: Option<f64>,
        #[serde(default)]
        compare: Option<f64>,
        /// The person whose page is open.
        #[serde(default)]
        person: Option<ElementId>,
    },
}

/// The workspace's health model, or the default one when it has none (`stored` says which).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HealthModelState {
    pub model: HealthModel,
    pub stored: bool,
}

/// A state snapshot laid over the canvas, maybe compared with an earlier one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OverlayRequest {
    pub snapshot: ElementId,
    pub compare: Option<ElementId>,
}

/// What the front end shows: a screen, and the state layer over it if any.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Show {
    pub screen: Screen,
    pub overlay: Option<OverlayRequest>,
    /// Another version of the workspace to compare this one with: its changes are marked on the
    /// canvas, listed, and can be taken back.
    #[serde(default)]
    pub compare: Option<u32>,
    /// The coverage layer: what evidence is behind each element, laid over the canvas.
    #[serde(default)]
    pub evidence: bool,
    /// The element selected, whose quotes the properties panel cites.
    #[serde(default)]
    pub cited: Option<ElementId>,
    /// The stamp of the process diagram the front end holds (`ScreenData::ProcessDiagram`'s): when
    /// it is the diagram this session sent last and the same one is shown, only what changed is
    /// sent (`ScreenData::ProcessPatch`).
    #[serde(default)]
    pub held: Option<u32>,
    /// The stamp of the diagnosis the front end holds (`DiagnosisSent::Whole`'s or `Patch`'s): when
    /// it is the one this session sent last, only what changed is sent.
    #[serde(default)]
    pub held_diagnosis: Option<u32>,
}

impl Show {
    pub fn home() -> Show {
        Show::screen(Screen::Home)
    }

    pub fn screen(screen: Screen) -> Show {
        Show { screen, overlay: None, compare: None, evidence: false, cited: None, held: None, held_diagnosis: None }
    }
}

/// This version compared with another: what changed from that one to this one (that one is the
/// diff's old side), and the same screen as that version has it, for side by side and for the
/// ghosts of what this one removed.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ShownCompare {
    pub version: VersionDto,
    pub changes: Vec<Change>,
    /// The element ids of this version whose only change is their layout.
    pub layout_only: Vec<ElementId>,
    /// The diagrams of this version showing each changed element (to go there from the list).
    pub views: BTreeMap<ElementId, Vec<ViewId>>,
    /// The journey map or process diagram as the other version has it (none elsewhere, or when it
    /// does not have this diagram).
    pub other: Option<ScreenData>,
}

/// The state layer as shown: the snapshot (and comparison) still there, and what they lay over.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ShownOverlay {
    pub snapshot: ElementId,
    pub compare: Option<ElementId>,
    pub data: StateOverlay,
}

/// Everything the front end redraws.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Shown {
    pub outline: Outline,
    pub glossary: Glossary,
    /// `None` when the snapshot asked for is gone.
    pub overlay: Option<ShownOverlay>,
    pub screen: ScreenData,
    /// The comparison asked for by `Show::compare`, when that version exists.
    pub compare: Option<ShownCompare>,
    /// The coverage layer asked for by `Show::evidence`: the evidence behind each element.
    pub evidence: Option<Vec<Behind>>,
    /// The quotes behind the element `Show::cited` names, when it exists.
    pub cited: Option<Cited>,
}

/// The quotes behind one element, newest first.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Cited {
    pub element: ElementId,
    pub quotes: Vec<ev::QuoteRow>,
}

/// A screen's read model.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ScreenData {
    /// A workspace with neither journeys nor process diagrams.
    Empty,
    JourneyMap {
        map: JourneyMap,
    },
    /// A process diagram, whole; `stamp` names it for `Show::held` (0: not kept for patching).
    ProcessDiagram {
        diagram: ProcessDiagram,
        stamp: u32,
    },
    /// What changed in the process diagram stamped `base`, which the front end holds; the result is
    /// stamped `stamp`.
    ProcessPatch {
        patch: DiagramPatch,
        base: u32,
        stamp: u32,
    },
    Glossary,
    #[serde(rename_all = "camelCase")]
    Outputs {
        journey: ElementId,
        /// The playbook's segment variant shown; `None` for the whole.
        segment: Option<ElementId>,
        /// The segments that have a variant.
        variants: Vec<Ref>,
        playbook: Document,
        metrics: Document,
        org: Document,
        /// The org recommendation and design as data, for the org view's editors.
        design: OrgRecommendation,
    },
    Health {
        query: TableQuery,
        table: HealthTable,
        model: HealthModelState,
        /// The account's page, when one is open and the latest snapshot has it.
        account: Option<AccountPage>,
    },
    /// The gap list; `base` is `None` when the workspace has no other version to compare with.
    Gaps {
        base: Option<VersionDto>,
        list: GapList,
        document: Document,
        /// What the derived outputs gain and lose from the base to this version.
        outputs: OutputChanges,
        /// The org functions an item can be given to.
        functions: Vec<Owner>,
    },
    /// The evidence screen.
    Evidence {
        coverage: Coverage,
        log: Log,
        /// The conversation open, if any (and still there).
        page: Option<ConversationPage>,
        /// What a quote can be linked to.
        linkable: Vec<Supported>,
        /// The accounts of the health data a conversation can name.
        accounts: Vec<KnownAccount>,
        segments: Vec<Ref>,
        /// The coverage as a document (the segment cells' table, for export).
        document: Document,
    },
    /// The skill matrix: the model, the team, the gaps; its document; what changed since
    /// `compare` when asked.
    #[serde(rename_all = "camelCase")]
    Skills {
        matrix: michi_core::derive::skills::SkillMatrix,
        document: Document,
        changes: Option<Vec<michi_core::derive::skills::MatrixChange>>,
        /// The org's roles and functions to give a person (every role, with its function's name).
        roles: Vec<RoleChoice>,
        /// The page of the person asked for (each skill's assessments), if they exist.
        person: Option<michi_core::derive::skills::PersonDetail>,
        /// Whether skills of the default model are missing (the editor offers to add them).
        default_missing: bool,
    },
}

/// A role a person can be given: its name and its function's.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RoleChoice {
    pub role: Ref,
    pub function: Ref,
    pub function_name: michi_core::Text,
}

fn skills_screen(ws: &Workspace, as_of: Option<f64>, compare: Option<f64>, person: Option<&ElementId>) -> ScreenData {
    use michi_core::derive::skills;
    let matrix = skills::matrix(ws, as_of);
    let changes = compare.map(|from| skills::compare(ws, from, matrix.as_of.unwrap_or(from)));
    let catalog = ws.catalog();
    let mut roles: Vec<RoleChoice> = ws
        .elements_of_kind(ElementKind::Role)
        .filter_map(|r| {
            let f = ws.container(&r.id, michi_core::RelationKind::RoleIn)?;
            let function_name = match ws.data(&f) {
                Some(michi_core::element::ElementData::OrgFunction(of)) => {
                    michi_core::derive::org::design::function_name_in_catalog(of, &catalog)
                }
                _ => michi_core::Text::same(""),
            };
            Some(RoleChoice { role: Ref::of(ws, &r.id), function: Ref::of(ws, &f), function_name })
        })
        .collect();
    roles.sort_by(|a, b| {
        (&a.function_name.ja, &a.role.name, &a.role.id).cmp(&(&b.function_name.ja, &b.role.name, &b.role.id))
    });
    let person = person.and_then(|p| skills::person(ws, &matrix, p));
    let default_missing =
        michi_core::element::default_model().skills.iter().any(|d| !matrix.skills.iter().any(|s| s.key == d.key));
    ScreenData::Skills { document: skills::document(ws, &matrix), matrix, changes, roles, person, default_missing }
}

fn first_screen(ws: &Workspace) -> ScreenData {
    let outline = michi_core::read::outline(ws);
    if let Some(map) =
        outline.journeys.iter().find_map(|j| j.view.as_ref()).and_then(|v| michi_core::read::journey_map(ws, v))
    {
        return ScreenData::JourneyMap { map };
    }
    match outline.diagrams.first().and_then(|d| michi_core::process::read::process_diagram(ws, &d.view)) {
        Some(diagram) => ScreenData::ProcessDiagram { diagram, stamp: 0 },
        None => ScreenData::Empty,
    }
}

/// The health model in use: the workspace's, or the default one.
pub(crate) fn health_model(ws: &Workspace) -> HealthModelState {
    match michi_core::health::read::model(ws) {
        Some((_, m)) => HealthModelState { model: m.clone(), stored: true },
        None => HealthModelState { model: Default::default(), stored: false },
    }
}

/// The outputs of `journey`: its playbook (the segment's variant, or the whole when the segment has
/// none), metrics catalog and the org, each as a document.
pub(crate) fn outputs(ws: &Workspace, journey: &ElementId, segment: Option<&ElementId>) -> Option<ScreenData> {
    let whole = playbook::playbook(ws, journey)?;
    let segment = segment.filter(|s| whole.variants.iter().any(|v| &v.id == *s));
    let pb = match segment {
        Some(s) => playbook::playbook_for(ws, journey, Some(s))?,
        None => whole,
    };
    let catalog = metrics::metrics(ws, journey)?;
    let design = org::recommend(ws);
    Some(ScreenData::Outputs {
        journey: journey.clone(),
        segment: segment.cloned(),
        variants: pb.variants.clone(),
        playbook: playbook::document(ws, &pb),
        metrics: metrics::document(ws, &catalog),
        org: org::document(ws, &design),
        design,
    })
}

/// The gap list of `ws` against `base`.
fn gaps(ws: &Workspace, base: Option<(&VersionDto, &Workspace)>, name: &str) -> ScreenData {
    let functions = owners(ws);
    let Some((version, old)) = base else {
        let list = GapList::default();
        return ScreenData::Gaps {
            base: None,
            document: gap_document(&list, "", name),
            list,
            outputs: OutputChanges::default(),
            functions,
        };
    };
    let d = diff(old, ws);
    let outputs = michi_core::diff::outputs::compare(old, ws);
    let list = gap_list_given(old, ws, &d, outputs.findings_removed.clone());
    ScreenData::Gaps {
        base: Some(version.clone()),
        document: gap_document(&list, &version.name, name).with_views(ws),
        list,
        outputs,
        functions,
    }
}

fn evidence(ws: &Workspace, conversation: Option<&ElementId>) -> ScreenData {
    let coverage = ev::coverage(ws);
    let mut segments: Vec<Ref> = ws.elements_of_kind(ElementKind::Segment).map(|e| Ref::of(ws, &e.id)).collect();
    segments.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    ScreenData::Evidence {
        document: ev::document(&coverage),
        coverage,
        log: ev::log(ws),
        page: conversation.and_then(|c| ev::conversation_page(ws, c)),
        linkable: ev::linkable(ws),
        accounts: michi_core::health::read::known_accounts(ws),
        segments,
    }
}

fn screen_data(ws: &Workspace, screen: &Screen) -> ScreenData {
    let found = match screen {
        Screen::Home => None,
        Screen::JourneyMap { view } => {
            michi_core::read::journey_map(ws, view).map(|map| ScreenData::JourneyMap { map })
        }
        Screen::ProcessDiagram { view } => michi_core::process::read::process_diagram(ws, view)
            .map(|diagram| ScreenData::ProcessDiagram { diagram, stamp: 0 }),
        Screen::Glossary => Some(ScreenData::Glossary),
        Screen::Outputs { journey, segment } => outputs(ws, journey, segment.as_ref()),
        Screen::Health { query, account } => Some(ScreenData::Health {
            query: query.clone(),
            table: michi_core::health::read::table(ws, query),
            model: health_model(ws),
            account: account.as_deref().and_then(|a| michi_core::health::read::account(ws, a)),
        }),
        Screen::Gaps => None,
        Screen::Evidence { conversation } => Some(evidence(ws, conversation.as_ref())),
        Screen::Skills { as_of, compare, person } => Some(skills_screen(ws, *as_of, *compare, person.as_ref())),
    };
    found.unwrap_or_else(|| first_screen(ws))
}

/// What `show` shows of `ws` now; `compare` is the version it is compared with and its model
/// (named `name` in the gap list's title, from the version `ws` is).
pub(crate) fn shown(ws: &Workspace, show: &Show, compare: Option<(&VersionDto, &Workspace)>, name: &str) -> Shown {
    let overlay = show.overlay.as_ref().and_then(|o| {
        let is_snapshot = |id: &ElementId| ws.kind_of(id) == Some(ElementKind::StateSnapshot);
        if !is_snapshot(&o.snapshot) {
            return None;
        }
        let compare = o.compare.clone().filter(is_snapshot);
        let data = michi_core::state::overlay(ws, &o.snapshot, compare.as_ref())?;
        Some(ShownOverlay { snapshot: o.snapshot.clone(), compare, data })
    });
    Shown {
        outline: michi_core::read::outline(ws),
        glossary: michi_core::glossary::glossary(ws),
        overlay,
        screen: match show.screen {
            Screen::Gaps => gaps(ws, compare, name),
            _ => screen_data(ws, &show.screen),
        },
        compare: show.compare.and(compare).map(|(version, old)| {
            let mut d = diff(old, ws);
            // Gap items are the list's own rows, not changes of the model drawn.
            d.changes.retain(|c| c.element_kind != ElementKind::GapItem);
            let layout_only =
                d.of(ChangeClass::LayoutChanged).filter_map(|c| c.new.clone()).filter(|n| d.layout_only(n)).collect();
            let other = match &show.screen {
                Screen::JourneyMap { view } => {
                    michi_core::read::journey_map(old, view).map(|map| ScreenData::JourneyMap { map })
                }
                Screen::ProcessDiagram { view } => michi_core::process::read::process_diagram(old, view)
                    .map(|diagram| ScreenData::ProcessDiagram { diagram, stamp: 0 }),
                _ => None,
            };
            let views =
                d.changes.iter().filter_map(|c| c.new.clone()).map(|n| (n.clone(), ws.views_showing(&n))).collect();
            ShownCompare { version: version.clone(), changes: d.changes, layout_only, views, other }
        }),
        evidence: show.evidence.then(|| ev::coverage(ws).elements),
        cited: show
            .cited
            .as_ref()
            .filter(|id| ws.contains(id))
            .map(|id| Cited { element: id.clone(), quotes: ev::quotes_behind(ws, id) }),
    }
}

/// Stamps for the process diagrams sent, unique in the process (a session opened after another
/// never takes an earlier session's diagram for its own).
pub(crate) static STAMPS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

/// The process diagram last sent whole or patched, kept to patch the next one against.
#[derive(Default)]
pub(crate) struct Sent(Option<(u32, ProcessDiagram)>);

impl Sent {
    /// Stamps the process diagram `screen` shows and keeps it; when the front end holds (`held`)
    /// the one kept before, of the same view, sends only what changed from it.
    pub(crate) fn stamp(&mut self, screen: &mut ScreenData, held: Option<u32>) {
        let ScreenData::ProcessDiagram { diagram, stamp } = screen else { return };
        *stamp = STAMPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let base = match (&self.0, held) {
            (Some((kept, old)), Some(held)) if *kept == held && old.view == diagram.view => Some((held, old)),
            _ => None,
        };
        let Some((base, old)) = base else {
            self.0 = Some((*stamp, diagram.clone()));
            return;
        };
        let patch = ScreenData::ProcessPatch { patch: diagram_patch(old, diagram), base, stamp: *stamp };
        if let ScreenData::ProcessDiagram { diagram, stamp } = std::mem::replace(screen, patch) {
            self.0 = Some((stamp, diagram));
        }
    }
}
