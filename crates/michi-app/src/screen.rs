//! What a front end shows, and what it is sent to show it. A front end says which screen it is on
//! ([`Show`]); every change answers with [`Shown`]: the outline, the glossary, the state layer laid
//! over the canvas and the screen's own read model, all computed after the change. A screen whose
//! subject is gone (a deleted journey, a diagram undone away) gives way to the first journey map,
//! else the first process diagram, else nothing.

use michi_core::derive::document::Document;
use michi_core::derive::org::OrgRecommendation;
use michi_core::derive::shared::Ref;
use michi_core::derive::{metrics, org, playbook};
use michi_core::glossary::Glossary;
use michi_core::health::HealthModel;
use michi_core::health::read::{AccountPage, HealthTable, TableQuery};
use michi_core::process::read::ProcessDiagram;
use michi_core::read::{JourneyMap, Outline};
use michi_core::state::StateOverlay;
use michi_core::{ElementId, ElementKind, ViewId, Workspace};
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
pub struct Show {
    pub screen: Screen,
    pub overlay: Option<OverlayRequest>,
}

impl Show {
    pub fn home() -> Show {
        Show { screen: Screen::Home, overlay: None }
    }

    pub fn screen(screen: Screen) -> Show {
        Show { screen, overlay: None }
    }
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
    ProcessDiagram {
        diagram: ProcessDiagram,
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
}

fn first_screen(ws: &Workspace) -> ScreenData {
    let outline = michi_core::read::outline(ws);
    if let Some(map) =
        outline.journeys.iter().find_map(|j| j.view.as_ref()).and_then(|v| michi_core::read::journey_map(ws, v))
    {
        return ScreenData::JourneyMap { map };
    }
    match outline.diagrams.first().and_then(|d| michi_core::process::read::process_diagram(ws, &d.view)) {
        Some(diagram) => ScreenData::ProcessDiagram { diagram },
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

fn screen_data(ws: &Workspace, screen: &Screen) -> ScreenData {
    let found = match screen {
        Screen::Home => None,
        Screen::JourneyMap { view } => {
            michi_core::read::journey_map(ws, view).map(|map| ScreenData::JourneyMap { map })
        }
        Screen::ProcessDiagram { view } => {
            michi_core::process::read::process_diagram(ws, view).map(|diagram| ScreenData::ProcessDiagram { diagram })
        }
        Screen::Glossary => Some(ScreenData::Glossary),
        Screen::Outputs { journey, segment } => outputs(ws, journey, segment.as_ref()),
        Screen::Health { query, account } => Some(ScreenData::Health {
            query: query.clone(),
            table: michi_core::health::read::table(ws, query),
            model: health_model(ws),
            account: account.as_deref().and_then(|a| michi_core::health::read::account(ws, a)),
        }),
    };
    found.unwrap_or_else(|| first_screen(ws))
}

/// What `show` shows of `ws` now.
pub(crate) fn shown(ws: &Workspace, show: &Show) -> Shown {
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
        screen: screen_data(ws, &show.screen),
    }
}
