//! A diagram patch (`diagram_patch`) turns the diagram a front end holds into the next one: after
//! every step of random edit sequences, every process diagram patched from its previous state
//! equals the diagram read afresh; and a shape moved within its lane sends that shape alone.

use michi_core::element::{ElementData, ElementKind, Side};
use michi_core::process::edit::{NewPool, ShapeMove};
use michi_core::process::read::{ProcessDiagram, apply_patch, diagram_patch, process_diagram};
use michi_core::testing::walk_edits;
use michi_core::view::{Point, ViewKind};
use michi_core::{Edit, IdGen, ViewId, Workspace, perform};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn diagrams(ws: &Workspace) -> BTreeMap<ViewId, ProcessDiagram> {
    ws.views()
        .filter(|v| matches!(v.kind, ViewKind::Process { .. }))
        .filter_map(|v| process_diagram(ws, &v.id).map(|d| (v.id.clone(), d)))
        .collect()
}

/// From a workspace of `warmup` random edits, `steps` more; `each(step, view, old, new)` is called
/// for every process diagram an edit leaves that was there before it.
fn walk<E>(
    seed: u64,
    warmup: usize,
    steps: usize,
    mut each: impl FnMut(&str, &ViewId, &ProcessDiagram, &ProcessDiagram) -> Result<(), E>,
) -> Result<(), E> {
    walk_edits(seed, warmup, steps, diagrams, |step, held, now| {
        for (view, new) in now {
            if let Some(old) = held.get(view) {
                each(step, view, old, new)?;
            }
        }
        Ok(())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_patched_diagram_equals_the_one_read_afresh(seed: u64, n in 1usize..60) {
        walk(seed, 20, n, |step, view, old, new| {
            let patch = diagram_patch(old, new);
            prop_assert_eq!(&apply_patch(old, &patch), new, "{} in {}", step, view);
            if old == new {
                prop_assert!(patch.shapes.is_empty() && patch.edges.is_empty() && patch.removed.is_empty());
                prop_assert!(patch.shape_order.is_none() && patch.edge_order.is_none());
            }
            Ok(())
        })?;
    }
}

#[test]
fn a_shape_moved_in_its_lane_is_all_a_patch_sends() {
    let mut ws = Workspace::new();
    let mut ids = IdGen::sequential();
    let pools = vec![NewPool { name: "自社".into(), side: Some(Side::Vendor), lanes: vec!["CS".into()] }];
    let view =
        perform(&mut ws, Edit::CreateProcessDiagram { name: "導入".into(), pools }, &mut ids).unwrap().created_views[0]
            .clone();
    let mut added = Vec::new();
    for (i, name) in ["受注", "キックオフ", "初期設定"].into_iter().enumerate() {
        let data = ElementData::new_with_label(ElementKind::Activity, name);
        let at = Point { x: 200.0 + 150.0 * i as f64, y: 80.0 };
        added.push(
            perform(&mut ws, Edit::AddNode { view: view.clone(), data, at }, &mut ids).unwrap().created[0].clone(),
        );
    }
    let before = process_diagram(&ws, &view).unwrap();
    let at = before.shapes.iter().find(|s| s.element.id == added[1]).unwrap().bounds;
    // To the right, within the lane's height and the pool's width: nothing else has to grow.
    let moved = ShapeMove { id: added[1].clone(), x: at.x + 30.0, y: at.y };
    perform(&mut ws, Edit::MoveShapes { view: view.clone(), moves: vec![moved] }, &mut ids).unwrap();
    let after = process_diagram(&ws, &view).unwrap();
    let patch = diagram_patch(&before, &after);
    assert_eq!(patch.shapes.iter().map(|s| &s.element.id).collect::<Vec<_>>(), vec![&added[1]]);
    assert!(patch.edges.is_empty() && patch.removed.is_empty() && patch.shape_order.is_none());
    assert_eq!(apply_patch(&before, &patch), after);
}

/// The random sequences above do reach process diagrams and change them (else the property would
/// hold of nothing).
#[test]
fn random_edits_change_process_diagrams() {
    let mut changed = 0;
    for seed in 0..40 {
        let _ = walk(seed, 0, 60, |_, _, old, new| {
            changed += usize::from(old != new);
            Ok::<(), ()>(())
        });
    }
    assert!(changed >= 20, "{changed} diagrams changed by an edit");
}
