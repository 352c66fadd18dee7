//! Michi's domain core: the workspace graph, the operations that change it, and what is read or
//! derived from it.
//!
//! Invariants:
//! - No IO: nothing here touches files, the network, or the clock. The store persists; shells talk.
//! - No Tauri: the desktop app, the CLI and tests all use this crate the same way.
//! - A workspace only changes through [`op::apply`]; every applied operation yields its exact inverse.
//! - An incomplete model is data, never an error: operations refuse only what would break the graph
//!   (unknown ids, relations the schema does not allow), not what a workshop has not filled in yet.

pub mod archive;
pub mod cell;
pub mod derive;
pub mod diagnose;
pub mod diff;
pub mod edit;
pub mod element;
pub mod glossary;
pub mod health;
pub mod id;
pub mod look;
pub mod op;
pub mod process;
pub mod rank;
pub mod read;
pub mod relation;
pub mod sample;
pub mod state;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod text;
pub mod view;
pub mod workspace;

pub use edit::{Edit, EditError, Performed, WorkshopError, perform};
pub use element::{Element, ElementData, ElementKind};
pub use id::{ElementId, IdGen, ViewId};
pub use op::{Applied, Changes, Op, OpError, apply};
pub use rank::Rank;
pub use relation::{Relation, RelationKey, RelationKind};
pub use text::Text;
pub use view::{Lane, Placement, View, ViewKind};
pub use workspace::{Workspace, WorkspaceData};
