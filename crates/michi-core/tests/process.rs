//! Process diagram editing through `perform`, as the editor sends it.

use michi_core::element::{ActivityKind, ElementData, ElementKind, EventPosition, Gateway, Side};
use michi_core::process::edit::{NewPool, ShapeMove};
use michi_core::process::read::process_diagram;
use michi_core::view::Point;
use michi_core::{Edit, EditError, ElementId, IdGen, RelationKind, ViewId, Workspace, apply, perform};

struct Diagram {
    ws: Workspace,
    ids: IdGen,
    view: ViewId,
    pools: Vec<ElementId>,
    lanes: Vec<ElementId>,
}

/// A diagram with a customer pool (one lane) above a vendor pool (lanes 営業 and CS).
fn diagram() -> Diagram {
    let mut ws = Workspace::new();
    let mut ids = IdGen::sequential();
    let pools = vec![
        NewPool { name: "顧客".into(), side: Some(Side::Customer), lanes: vec!["現場担当".into()] },
        NewPool { name: "自社".into(), side: Some(Side::Vendor), lanes: vec!["営業".into(), "CS".into()] },
    ];
    let p = perform(&mut ws, Edit::CreateProcessDiagram { name: "導入プロセス".into(), pools }, &mut ids).unwrap();
    let view = p.created_views[0].clone();
    let kinds = |k| p.created.iter().filter(|id| ws.kind_of(id) == Some(k)).cloned().collect::<Vec<_>>();
    let (pools, lanes) = (kinds(ElementKind::Pool), kinds(ElementKind::Lane));
    Diagram { ws, ids, view, pools, lanes }
}

impl Diagram {
    fn run(&mut self, edit: Edit) -> Result<Vec<ElementId>, EditError> {
        perform(&mut self.ws, edit, &mut self.ids).map(|p| p.created)
    }

    fn add(&mut self, data: ElementData, x: f64, y: f64) -> ElementId {
        self.run(Edit::AddNode { view: self.view.clone(), data, at: Point { x, y } }).unwrap()[0].clone()
    }

    fn lane_of(&self, id: &ElementId) -> Option<ElementId> {
        self.ws.container(id, RelationKind::InLane)
    }

    fn bounds(&self, id: &ElementId) -> michi_core::view::Placement {
        self.ws.view(&self.view).unwrap().placements[id].clone()
    }

    fn activity(name: &str) -> ElementData {
        ElementData::new_with_label(ElementKind::Activity, name)
    }
}

#[test]
fn a_new_diagram_has_pools_with_processes_and_stacked_lanes() {
    let d = diagram();
    assert_eq!(d.pools.len(), 2);
    assert_eq!(d.lanes.len(), 3);
    let customer = d.bounds(&d.pools[0]);
    let vendor = d.bounds(&d.pools[1]);
    assert!(vendor.y >= customer.y + customer.height, "pools do not overlap");
    let (sales, cs) = (d.bounds(&d.lanes[1]), d.bounds(&d.lanes[2]));
    assert_eq!(sales.y + sales.height, cs.y, "lanes stack without gaps");
    let diagram = process_diagram(&d.ws, &d.view).unwrap();
    assert_eq!(diagram.name, "導入プロセス");
    assert_eq!(diagram.shapes[0].element.data.kind(), ElementKind::Pool, "pools are drawn first");
}

#[test]
fn a_node_belongs_to_the_pool_and_lane_it_lands_in() {
    let mut d = diagram();
    let cs = d.bounds(&d.lanes[2]);
    let task = d.add(Diagram::activity("オンボーディング会"), 300.0, cs.y + 60.0);
    assert_eq!(d.lane_of(&task).as_ref(), Some(&d.lanes[2]));
    let process = michi_core::process::process_of(&d.ws, &task).unwrap();
    assert_eq!(michi_core::process::pool_of_process(&d.ws, &process).as_ref(), Some(&d.pools[1]));
    // Outside every pool: refused, with a reason.
    let err =
        d.run(Edit::AddNode { view: d.view.clone(), data: Diagram::activity("x"), at: Point { x: 5000.0, y: 5000.0 } });
    assert!(matches!(err, Err(EditError::Process(michi_core::process::edit::ProcessError::OutsidePool))));
    // An annotation may stand outside pools.
    d.add(ElementData::new_with_label(ElementKind::Annotation, "メモ"), 5000.0, 5000.0);
}

#[test]
fn moving_a_node_changes_its_lane_and_lanes_grow_to_hold_it() {
    let mut d = diagram();
    let (sales, cs) = (d.bounds(&d.lanes[1]), d.bounds(&d.lanes[2]));
    let task = d.add(Diagram::activity("提案"), 300.0, sales.y + 60.0);
    assert_eq!(d.lane_of(&task).as_ref(), Some(&d.lanes[1]));
    let vendor_before = d.bounds(&d.pools[1]);
    // Into the CS lane, low enough that the lane must grow.
    let target_y = cs.y + cs.height - 30.0;
    d.run(Edit::MoveShapes {
        view: d.view.clone(),
        moves: vec![ShapeMove { id: task.clone(), x: 250.0, y: target_y }],
    })
    .unwrap();
    assert_eq!(d.lane_of(&task).as_ref(), Some(&d.lanes[2]), "the node is now done by the CS role");
    let cs_after = d.bounds(&d.lanes[2]);
    let node = d.bounds(&task);
    assert!(cs_after.y + cs_after.height >= node.y + node.height, "the lane grew to hold the node");
    let vendor_after = d.bounds(&d.pools[1]);
    assert!(vendor_after.height > vendor_before.height, "and so did the pool");
    // To the right, beyond the pool: the pool and its lanes widen.
    d.run(Edit::MoveShapes { view: d.view.clone(), moves: vec![ShapeMove { id: task.clone(), x: 1200.0, y: node.y }] })
        .unwrap();
    let (pool, lane) = (d.bounds(&d.pools[1]), d.bounds(&d.lanes[2]));
    assert!(pool.x + pool.width >= 1200.0 + node.width);
    assert_eq!(lane.x + lane.width, pool.x + pool.width, "lanes span their pool");
}

#[test]
fn moving_a_pool_brings_its_lanes_and_contents() {
    let mut d = diagram();
    let sales = d.bounds(&d.lanes[1]);
    let task = d.add(Diagram::activity("提案"), 300.0, sales.y + 60.0);
    let (pool, node) = (d.bounds(&d.pools[1]), d.bounds(&task));
    d.run(Edit::MoveShapes {
        view: d.view.clone(),
        moves: vec![ShapeMove { id: d.pools[1].clone(), x: pool.x + 100.0, y: pool.y + 50.0 }],
    })
    .unwrap();
    assert_eq!(d.bounds(&task).x, node.x + 100.0);
    assert_eq!(d.bounds(&d.lanes[1]).y, sales.y + 50.0);
    assert_eq!(d.lane_of(&task).as_ref(), Some(&d.lanes[1]));
}

#[test]
fn connecting_picks_the_connector_and_refuses_what_bpmn_forbids() {
    let mut d = diagram();
    let (customer_lane, sales) = (d.bounds(&d.lanes[0]), d.bounds(&d.lanes[1]));
    let start = d.add(ElementData::new_with_label(ElementKind::Event, "依頼"), 100.0, sales.y + 60.0);
    let task = d.add(Diagram::activity("見積"), 300.0, sales.y + 60.0);
    let end = d.add(
        ElementData::Event(michi_core::element::Event { position: EventPosition::End, ..Default::default() }),
        500.0,
        sales.y + 60.0,
    );
    let customer_task = d.add(Diagram::activity("検討"), 300.0, customer_lane.y + 60.0);
    let doc = d.add(ElementData::new_with_label(ElementKind::DataObject, "見積書"), 400.0, sales.y + 110.0);
    let note = d.add(ElementData::new_with_label(ElementKind::Annotation, "2営業日以内"), 700.0, sales.y + 40.0);
    let connect = |d: &mut Diagram, from: &ElementId, to: &ElementId| {
        d.run(Edit::Connect { view: d.view.clone(), from: from.clone(), to: to.clone() })
    };
    let kind_of = |d: &Diagram, ids: Vec<ElementId>| d.ws.kind_of(&ids[0]).unwrap();
    let flow = connect(&mut d, &start, &task).unwrap();
    assert_eq!(kind_of(&d, flow.clone()), ElementKind::SequenceFlow);
    let route = d.bounds(&flow[0]).extra.unwrap().waypoints;
    assert!(route.len() >= 2, "a route is computed");
    for (from, to, expected) in [
        (&task, &customer_task, ElementKind::MessageFlow),
        (&task, &doc, ElementKind::DataAssociation),
        (&note, &task, ElementKind::Association),
    ] {
        let made = connect(&mut d, from, to).unwrap();
        assert_eq!(kind_of(&d, made), expected);
    }
    for (from, to, key) in
        [(&end, &task, "connectFromEnd"), (&task, &start, "connectIntoStart"), (&task, &task, "connectItself")]
    {
        match connect(&mut d, from, to) {
            Err(EditError::Process(e)) => assert_eq!(e.reason_key(), key),
            other => panic!("expected a refusal {key}, got {other:?}"),
        }
    }
}

#[test]
fn deleting_a_lane_gives_its_area_and_members_to_the_lane_above() {
    let mut d = diagram();
    let cs = d.bounds(&d.lanes[2]);
    let task = d.add(Diagram::activity("定着支援"), 300.0, cs.y + 60.0);
    let before = d.ws.clone();
    let deleted = perform(&mut d.ws, Edit::Delete { ids: vec![d.lanes[2].clone()] }, &mut d.ids).unwrap();
    assert!(d.ws.contains(&task), "the lane's activities stay");
    assert_eq!(d.lane_of(&task).as_ref(), Some(&d.lanes[1]), "and move to the lane above");
    let sales = d.bounds(&d.lanes[1]);
    assert_eq!(sales.y + sales.height, cs.y + cs.height, "which now covers the deleted lane's area");
    apply(&mut d.ws, deleted.inverse).unwrap();
    assert_eq!(d.ws, before, "undo is exact");
}

#[test]
fn deleting_a_pool_takes_its_process_contents_and_hand_offs() {
    let mut d = diagram();
    let (customer_lane, sales) = (d.bounds(&d.lanes[0]), d.bounds(&d.lanes[1]));
    let ours = d.add(Diagram::activity("見積"), 300.0, sales.y + 60.0);
    let theirs = d.add(Diagram::activity("検討"), 300.0, customer_lane.y + 60.0);
    let hand_off = d.run(Edit::Connect { view: d.view.clone(), from: ours.clone(), to: theirs.clone() }).unwrap();
    d.run(Edit::Delete { ids: vec![d.pools[0].clone()] }).unwrap();
    assert!(!d.ws.contains(&theirs) && !d.ws.contains(&hand_off[0]) && !d.ws.contains(&d.lanes[0]));
    assert!(d.ws.contains(&ours));
    assert!(process_diagram(&d.ws, &d.view).unwrap().shapes.iter().all(|s| s.element.id != d.pools[0]));
}

#[test]
fn lanes_and_pools_are_added_below() {
    let mut d = diagram();
    let vendor = d.bounds(&d.pools[1]);
    let lane =
        d.run(Edit::AddLane { view: d.view.clone(), pool: d.pools[1].clone(), name: "サポート".into() }).unwrap();
    let new_lane = d.bounds(&lane[0]);
    assert_eq!(new_lane.y, vendor.y + vendor.height);
    assert_eq!(d.bounds(&d.pools[1]).height, vendor.height + new_lane.height);
    let pool = d
        .run(Edit::AddPool {
            view: d.view.clone(),
            pool: NewPool { name: "販売代理店".into(), side: Some(Side::Partner), lanes: vec!["担当".into()] },
        })
        .unwrap();
    let pool_id = pool.iter().find(|id| d.ws.kind_of(id) == Some(ElementKind::Pool)).unwrap();
    assert!(d.bounds(pool_id).y > d.bounds(&d.pools[1]).y + d.bounds(&d.pools[1]).height - 1.0);
}

#[test]
fn copy_and_paste_keep_inner_links_and_settle_where_they_land() {
    let mut d = diagram();
    let (customer_lane, cs) = (d.bounds(&d.lanes[0]), d.bounds(&d.lanes[2]));
    let a = d.add(Diagram::activity("説明会"), 200.0, cs.y + 60.0);
    let g = d.add(ElementData::Gateway(Gateway { name: "参加?".into(), ..Default::default() }), 350.0, cs.y + 60.0);
    d.run(Edit::Connect { view: d.view.clone(), from: a.clone(), to: g.clone() }).unwrap();
    let clip = michi_core::process::clip::copy(&d.ws, &d.view, &[a.clone(), g.clone()]);
    assert_eq!(clip.elements.len(), 3, "the two nodes and the flow between them");
    let pasted =
        d.run(Edit::Paste { view: d.view.clone(), clip, at: Point { x: 200.0, y: customer_lane.y + 30.0 } }).unwrap();
    assert_eq!(pasted.len(), 3);
    let new_a = pasted.iter().find(|id| d.ws.data(id).is_some_and(|x| x.label() == "説明会")).unwrap();
    assert_eq!(d.lane_of(new_a).as_ref(), Some(&d.lanes[0]), "pasted into the customer's lane");
    let flow = pasted.iter().find(|id| d.ws.kind_of(id) == Some(ElementKind::SequenceFlow)).unwrap();
    assert_eq!(d.ws.container(flow, RelationKind::Source).as_ref(), Some(new_a), "the copy's flow joins the copies");
}

#[test]
fn a_sub_process_gets_a_diagram_to_drill_into() {
    let mut d = diagram();
    let sales = d.bounds(&d.lanes[1]);
    let data = ElementData::Activity(michi_core::element::Activity {
        name: "導入支援".into(),
        kind: ActivityKind::SubProcess,
        ..Default::default()
    });
    let p = perform(
        &mut d.ws,
        Edit::AddNode { view: d.view.clone(), data, at: Point { x: 300.0, y: sales.y + 60.0 } },
        &mut d.ids,
    )
    .unwrap();
    let child = &p.created_views[0];
    let shape =
        process_diagram(&d.ws, &d.view).unwrap().shapes.into_iter().find(|s| s.element.id == p.created[0]).unwrap();
    assert_eq!(shape.diagram.as_ref(), Some(child));
    // Inside it, nodes belong to the sub-process.
    let inner = d
        .run(Edit::AddNode {
            view: child.clone(),
            data: Diagram::activity("初期設定"),
            at: Point { x: 100.0, y: 100.0 },
        })
        .unwrap();
    assert_eq!(d.ws.container(&inner[0], RelationKind::ChildOf).as_ref(), Some(&p.created[0]));
    let child_diagram = process_diagram(&d.ws, child).unwrap();
    assert_eq!(child_diagram.parents.len(), 1, "the breadcrumb leads back to the collaboration");
    assert_eq!(child_diagram.parents[0].view, d.view);
}

#[test]
fn an_arrangement_keeps_every_node_in_its_lane_and_lanes_grow_downwards() {
    let mut d = diagram();
    let (sales, cs) = (d.bounds(&d.lanes[1]), d.bounds(&d.lanes[2]));
    let a = d.add(Diagram::activity("提案"), 300.0, sales.y + 60.0);
    let b = d.add(Diagram::activity("見積"), 500.0, sales.y + 60.0);
    let c = d.add(Diagram::activity("キックオフ"), 300.0, cs.y + 60.0);
    let c_before = d.bounds(&c);
    // The layout stacks b under a, deeper than the sales lane is tall.
    let deep = sales.y + sales.height + 40.0;
    let p = perform(
        &mut d.ws,
        Edit::Arrange {
            view: d.view.clone(),
            moves: vec![
                ShapeMove { id: a.clone(), x: 200.0, y: sales.y + 20.0 },
                ShapeMove { id: b.clone(), x: 200.0, y: deep },
            ],
        },
        &mut d.ids,
    )
    .unwrap();
    assert_eq!(d.lane_of(&b).as_ref(), Some(&d.lanes[1]), "b stays with sales, although it lies below");
    let sales_after = d.bounds(&d.lanes[1]);
    let bb = d.bounds(&b);
    assert!(sales_after.y + sales_after.height >= bb.y + bb.height, "the sales lane grew to hold b");
    let cs_after = d.bounds(&d.lanes[2]);
    assert_eq!(cs_after.y, sales_after.y + sales_after.height, "the CS lane moved down, no gap");
    assert_eq!(d.bounds(&c).y - c_before.y, cs_after.y - cs.y, "and took its content along");
    assert_eq!(d.lane_of(&c).as_ref(), Some(&d.lanes[2]));
    // One undo step restores everything.
    apply(&mut d.ws, p.inverse).unwrap();
    assert_eq!(d.bounds(&d.lanes[1]), sales);
    assert_eq!(d.bounds(&c), c_before);
}

#[test]
fn reconnecting_moves_one_end_reroutes_and_keeps_the_connector_kind() {
    let mut d = diagram();
    let (customer_lane, sales, cs) = (d.bounds(&d.lanes[0]), d.bounds(&d.lanes[1]), d.bounds(&d.lanes[2]));
    let quote = d.add(Diagram::activity("見積"), 300.0, sales.y + 60.0);
    let review = d.add(Diagram::activity("検討"), 300.0, customer_lane.y + 60.0);
    let order = d.add(Diagram::activity("発注"), 600.0, customer_lane.y + 60.0);
    let kickoff = d.add(Diagram::activity("キックオフ"), 600.0, cs.y + 60.0);
    let hand_off =
        d.run(Edit::Connect { view: d.view.clone(), from: quote.clone(), to: review.clone() }).unwrap()[0].clone();
    let before = d.bounds(&hand_off).extra.unwrap().waypoints;
    let reconnect = |d: &mut Diagram, source: bool, to: &ElementId| {
        d.run(Edit::Reconnect { view: d.view.clone(), flow: hand_off.clone(), source, to: to.clone() })
    };
    // The hand-off now lands on 発注: same element, same kind, a new route.
    reconnect(&mut d, false, &order).unwrap();
    assert_eq!(d.ws.container(&hand_off, RelationKind::Target), Some(order.clone()));
    assert_eq!(d.ws.kind_of(&hand_off), Some(ElementKind::MessageFlow));
    let after = d.bounds(&hand_off).extra.unwrap().waypoints;
    assert_ne!(before.last(), after.last(), "routed to the new target");
    // Its source moved to キックオフ: still between two pools.
    reconnect(&mut d, true, &kickoff).unwrap();
    assert_eq!(d.ws.container(&hand_off, RelationKind::Source), Some(kickoff.clone()));
    // Both ends in one pool would make it a sequence flow: refused, nothing changed.
    match reconnect(&mut d, false, &quote) {
        Err(EditError::Process(e)) => assert_eq!(e.reason_key(), "connectKinds"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(d.ws.container(&hand_off, RelationKind::Target), Some(order));
}
