//! The state layer: where cases are in a process (or accounts in a journey) at a moment.
//!
//! A snapshot is data imported or typed in a workshop: per activity or stage, the cases present
//! (with when they arrived), how many entered and completed, and how long a visit took. What is
//! *derived* from it is computed when read: which cases are stuck (over the threshold the element
//! carries now), the heat of each node, what moved between two snapshots.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::element::{ElementData, ElementKind, NodeState, PresentCase};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::workspace::Workspace;

pub const SECONDS_PER_DAY: f64 = 86_400.0;

/// One event of a case: it arrived at `element` at `at` (seconds since 1970, as the file's clock).
#[derive(Clone, Debug, PartialEq)]
pub struct CaseEvent {
    pub case: String,
    pub element: ElementId,
    pub at: f64,
    pub account: Option<String>,
}

/// The `p`-quantile (0..=1) of sorted values, nearest rank.
fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1])
}

/// Computes node states from case events, as of `as_of` (default: the last event). Events after
/// `as_of` are ignored. A visit lasts from its event to the case's next event.
pub fn compute(events: &[CaseEvent], as_of: Option<f64>) -> (f64, Vec<NodeState>) {
    let as_of = as_of.unwrap_or_else(|| events.iter().map(|e| e.at).fold(f64::NEG_INFINITY, f64::max));
    let as_of = if as_of.is_finite() { as_of } else { 0.0 };
    let mut by_case: HashMap<&str, Vec<&CaseEvent>> = HashMap::new();
    for e in events.iter().filter(|e| e.at <= as_of) {
        by_case.entry(&e.case).or_default().push(e);
    }
    #[derive(Default)]
    struct Acc {
        entered: u32,
        completed: u32,
        present: Vec<PresentCase>,
        hours: Vec<f64>,
    }
    let mut acc: BTreeMap<ElementId, Acc> = BTreeMap::new();
    for visits in by_case.values_mut() {
        // Stable: events at the same moment keep the file's order.
        visits.sort_by(|a, b| a.at.total_cmp(&b.at));
        for (i, visit) in visits.iter().enumerate() {
            let a = acc.entry(visit.element.clone()).or_default();
            a.entered += 1;
            match visits.get(i + 1) {
                Some(next) => {
                    a.completed += 1;
                    a.hours.push((next.at - visit.at) / 3600.0);
                }
                None => a.present.push(PresentCase {
                    case: visit.case.clone(),
                    account: visit.account.clone(),
                    since: visit.at,
                }),
            }
        }
    }
    let entries = acc
        .into_iter()
        .map(|(element, mut a)| {
            a.hours.sort_by(f64::total_cmp);
            a.present.sort_by(|x, y| x.since.total_cmp(&y.since).then_with(|| x.case.cmp(&y.case)));
            NodeState {
                element,
                carried: 0,
                entered: a.entered,
                completed: a.completed,
                present: a.present,
                present_count: None,
                median_hours: quantile(&a.hours, 0.5),
                p90_hours: quantile(&a.hours, 0.9),
            }
        })
        .collect();
    (as_of, entries)
}

/// An account at a journey stage, as an account snapshot has it.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountAt {
    pub account: String,
    pub name: Option<String>,
    pub stage: ElementId,
    /// Since when it is at the stage, if known.
    pub since: Option<f64>,
}

/// The journeys' node states of an account snapshot at `as_of`, in the window since `previous`
/// (where the same accounts were at the previous snapshot), or since the start when there is none.
/// Journeys are walked forward: an account at stage *k* of a journey that was at stage *j* < *k*
/// (or, with no earlier place known, came from the journey's start) entered every stage after *j*
/// up to *k* and completed every one before *k*; one that stayed was carried over; one that went
/// back entered its stage again. So at every stage `completed ≤ carried + entered`, and the
/// conversion to the next stage (completed over reached) is never above 100%.
pub fn from_accounts(
    ws: &Workspace,
    current: &[AccountAt],
    previous: Option<&[AccountAt]>,
    as_of: f64,
) -> Vec<NodeState> {
    // Each stage's journey and place in it.
    let mut place: HashMap<&ElementId, (ElementId, usize)> = HashMap::new();
    let journeys: Vec<ElementId> = ws.elements_of_kind(ElementKind::Journey).map(|e| e.id.clone()).collect();
    let mut orders: HashMap<ElementId, Vec<ElementId>> = HashMap::new();
    for j in &journeys {
        orders.insert(j.clone(), ws.ordered_members(j, RelationKind::InJourney));
    }
    for (j, order) in &orders {
        for (i, s) in order.iter().enumerate() {
            place.entry(s).or_insert((j.clone(), i));
        }
    }
    let before: HashMap<&str, &ElementId> =
        previous.unwrap_or_default().iter().map(|a| (a.account.as_str(), &a.stage)).collect();
    let mut acc: BTreeMap<ElementId, NodeState> = BTreeMap::new();
    fn node<'a>(acc: &'a mut BTreeMap<ElementId, NodeState>, id: &ElementId) -> &'a mut NodeState {
        acc.entry(id.clone()).or_insert_with(|| NodeState::empty(id.clone()))
    }
    fn walk(acc: &mut BTreeMap<ElementId, NodeState>, order: &[ElementId], from: usize, to: usize) {
        for (k, stage) in order.iter().enumerate().take(to + 1).skip(from) {
            let n = node(acc, stage);
            n.entered += 1;
            if k < to {
                n.completed += 1;
            }
        }
    }
    for a in current {
        let prev = before.get(a.account.as_str()).copied();
        match (prev, place.get(&a.stage), prev.and_then(|p| place.get(p))) {
            (Some(p), _, _) if p == &a.stage => node(&mut acc, p).carried += 1,
            (Some(p), Some((j, k)), Some((pj, i))) if j == pj => {
                node(&mut acc, p).carried += 1;
                if i < k {
                    // Moved on: completed where it was, walked through to where it is.
                    node(&mut acc, p).completed += 1;
                    walk(&mut acc, &orders[j], i + 1, *k);
                } else {
                    // Went back: entered its stage again.
                    node(&mut acc, &a.stage).entered += 1;
                }
            }
            (prev, Some((j, k)), _) => {
                // New to this journey: it came through the journey from its start.
                if let Some(p) = prev {
                    node(&mut acc, p).carried += 1;
                }
                walk(&mut acc, &orders[j], 0, *k);
            }
            (prev, None, _) => {
                if let Some(p) = prev {
                    node(&mut acc, p).carried += 1;
                }
                node(&mut acc, &a.stage).entered += 1;
            }
        }
        node(&mut acc, &a.stage).present.push(PresentCase {
            case: a.account.clone(),
            account: a.name.clone(),
            since: a.since.unwrap_or(as_of),
        });
    }
    // Accounts no longer in the data were there when the window opened, and left.
    let now: std::collections::HashSet<&str> = current.iter().map(|a| a.account.as_str()).collect();
    for a in previous.unwrap_or_default().iter().filter(|a| !now.contains(a.account.as_str())) {
        node(&mut acc, &a.stage).carried += 1;
    }
    acc.into_values()
        .map(|mut n| {
            n.present.sort_by(|x, y| x.since.total_cmp(&y.since).then_with(|| x.case.cmp(&y.case)));
            n
        })
        .collect()
}

/// A case that has stayed at a node longer than the node's threshold.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StuckCase {
    pub case: String,
    pub account: Option<String>,
    pub days: f64,
}

/// What the overlay draws on one node.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NodeOverlay {
    pub element: ElementId,
    pub present: u32,
    pub carried: u32,
    pub entered: u32,
    pub completed: u32,
    pub median_hours: Option<f64>,
    pub p90_hours: Option<f64>,
    /// The element's threshold, in days, if it has one.
    pub stuck_after_days: Option<f64>,
    pub stuck: Vec<StuckCase>,
    /// Present cases relative to the busiest node of the snapshot, 0 to 1.
    pub heat: f64,
    /// Present now minus present in the compared snapshot.
    pub moved: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StateOverlay {
    pub snapshot: ElementId,
    pub as_of: f64,
    pub compared_with: Option<ElementId>,
    pub nodes: Vec<NodeOverlay>,
    pub stuck_total: u32,
}

fn threshold(ws: &Workspace, id: &ElementId) -> Option<f64> {
    match ws.data(id)? {
        ElementData::Activity(a) => a.stuck_after_days,
        ElementData::Stage(s) => s.stuck_after_days,
        _ => None,
    }
}

/// The overlay of `snapshot`, compared with `compare` if given. `None` if they are not snapshots.
pub fn overlay(ws: &Workspace, snapshot: &ElementId, compare: Option<&ElementId>) -> Option<StateOverlay> {
    let ElementData::StateSnapshot(s) = ws.data(snapshot)? else { return None };
    let before: Option<HashMap<&ElementId, u32>> = match compare.map(|c| ws.data(c)) {
        Some(Some(ElementData::StateSnapshot(c))) => {
            Some(c.entries.iter().map(|e| (&e.element, e.present_total())).collect())
        }
        Some(_) => return None,
        None => None,
    };
    let busiest = s.entries.iter().map(NodeState::present_total).max().unwrap_or(0).max(1) as f64;
    let mut nodes: Vec<NodeOverlay> = s
        .entries
        .iter()
        .filter(|e| ws.contains(&e.element))
        .map(|e| {
            let limit = threshold(ws, &e.element);
            let stuck = match limit {
                Some(days) => e
                    .present
                    .iter()
                    .map(|c| (c, (s.as_of - c.since) / SECONDS_PER_DAY))
                    .filter(|(_, d)| *d > days)
                    .map(|(c, d)| StuckCase { case: c.case.clone(), account: c.account.clone(), days: d })
                    .collect(),
                None => Vec::new(),
            };
            NodeOverlay {
                element: e.element.clone(),
                present: e.present_total(),
                carried: e.carried,
                entered: e.entered,
                completed: e.completed,
                median_hours: e.median_hours,
                p90_hours: e.p90_hours,
                stuck_after_days: limit,
                stuck,
                heat: e.present_total() as f64 / busiest,
                moved: before.as_ref().map(|b| e.present_total() as i32 - *b.get(&e.element).unwrap_or(&0) as i32),
            }
        })
        .collect();
    // Nodes the earlier snapshot had and this one has not: everyone left them.
    if let (Some(b), Some(ElementData::StateSnapshot(c))) = (&before, compare.and_then(|c| ws.data(c))) {
        for e in &c.entries {
            if ws.contains(&e.element) && !nodes.iter().any(|n| n.element == e.element) {
                nodes.push(NodeOverlay {
                    element: e.element.clone(),
                    present: 0,
                    carried: 0,
                    entered: 0,
                    completed: 0,
                    median_hours: None,
                    p90_hours: None,
                    stuck_after_days: threshold(ws, &e.element),
                    stuck: Vec::new(),
                    heat: 0.0,
                    moved: Some(-(b[&e.element] as i32)),
                });
            }
        }
    }
    let stuck_total = nodes.iter().map(|n| n.stuck.len() as u32).sum();
    Some(StateOverlay {
        snapshot: snapshot.clone(),
        as_of: s.as_of,
        compared_with: compare.cloned(),
        nodes,
        stuck_total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::element::StateSnapshot;

    fn id(s: &str) -> ElementId {
        ElementId::new(s).unwrap()
    }

    fn ev(case: &str, element: &str, day: f64) -> CaseEvent {
        CaseEvent {
            case: case.into(),
            element: id(element),
            at: day * SECONDS_PER_DAY,
            account: Some(format!("acct-{case}")),
        }
    }

    #[test]
    fn visits_are_counted_timed_and_left_present() {
        // Case 1: a on day 0, b on day 2, c on day 3. Case 2: a on day 1, b on day 5. Case 3: a on day 4.
        let events = vec![
            ev("1", "a", 0.0),
            ev("1", "b", 2.0),
            ev("1", "c", 3.0),
            ev("2", "a", 1.0),
            ev("2", "b", 5.0),
            ev("3", "a", 4.0),
        ];
        let (as_of, states) = compute(&events, None);
        assert_eq!(as_of, 5.0 * SECONDS_PER_DAY);
        let get = |e: &str| states.iter().find(|s| s.element == id(e)).unwrap();
        let a = get("a");
        assert_eq!((a.entered, a.completed, a.present.len()), (3, 2, 1));
        assert_eq!(a.present[0].case, "3");
        // Visits at a lasted 48 h and 96 h: nearest-rank median 48, p90 96.
        assert_eq!((a.median_hours, a.p90_hours), (Some(48.0), Some(96.0)));
        let b = get("b");
        assert_eq!((b.entered, b.completed, b.present.len()), (2, 1, 1));
        assert_eq!(get("c").present[0].since, 3.0 * SECONDS_PER_DAY);
    }

    #[test]
    fn a_snapshot_date_ignores_later_events() {
        let events = vec![ev("1", "a", 0.0), ev("1", "b", 2.0), ev("1", "c", 9.0)];
        let (_, states) = compute(&events, Some(3.0 * SECONDS_PER_DAY));
        assert!(states.iter().all(|s| s.element != id("c")));
        let b = states.iter().find(|s| s.element == id("b")).unwrap();
        assert_eq!(b.present.len(), 1, "as of day 3 the case is still at b");
    }

    fn snapshot(ws: &mut Workspace, ids: &mut crate::id::IdGen, events: &[CaseEvent], name: &str) -> ElementId {
        let (as_of, entries) = compute(events, None);
        let data = ElementData::StateSnapshot(StateSnapshot {
            name: name.into(),
            as_of,
            source: "test.csv".into(),
            manual: false,
            entries,
        });
        crate::edit::perform(ws, crate::edit::Edit::Create { data }, ids).unwrap().created[0].clone()
    }

    #[test]
    fn the_overlay_finds_stuck_cases_by_the_current_threshold_and_what_moved() {
        use crate::edit::{Edit, perform};
        use crate::element::ElementKind;
        let mut ws = crate::sample::sample();
        let mut ids = crate::id::IdGen::sequential();
        let activities: Vec<ElementId> = ws.elements_of_kind(ElementKind::Activity).map(|e| e.id.clone()).collect();
        let (a, b) = (activities[0].clone(), activities[1].clone());
        let at = |case: &str, e: &ElementId, day: f64| CaseEvent {
            case: case.into(),
            element: e.clone(),
            at: day * SECONDS_PER_DAY,
            account: None,
        };
        let first = snapshot(
            &mut ws,
            &mut ids,
            &[at("1", &a, 0.0), at("2", &a, 8.0), at("3", &b, 9.0), at("4", &a, 10.0)],
            "11月",
        );
        // No threshold yet: nothing is stuck.
        let o = overlay(&ws, &first, None).unwrap();
        assert_eq!(o.stuck_total, 0);
        let node = o.nodes.iter().find(|n| n.element == a).unwrap();
        assert_eq!((node.present, node.heat), (3, 1.0));
        // A 5-day threshold on `a`: case 1 (10 days) is stuck, 2 (2 days) and 4 (0 days) are not.
        let Some(ElementData::Activity(mut activity)) = ws.data(&a).cloned() else { panic!() };
        activity.stuck_after_days = Some(5.0);
        perform(&mut ws, Edit::Update { id: a.clone(), data: ElementData::Activity(activity) }, &mut ids).unwrap();
        let o = overlay(&ws, &first, None).unwrap();
        let node = o.nodes.iter().find(|n| n.element == a).unwrap();
        assert_eq!(node.stuck.iter().map(|c| c.case.as_str()).collect::<Vec<_>>(), ["1"]);
        assert_eq!(node.stuck[0].days, 10.0);
        assert_eq!(o.stuck_total, 1);
        // A later snapshot: two cases moved from a to b.
        let second = snapshot(
            &mut ws,
            &mut ids,
            &[at("1", &b, 11.0), at("2", &b, 12.0), at("3", &b, 9.0), at("4", &a, 10.0)],
            "12月",
        );
        let o = overlay(&ws, &second, Some(&first)).unwrap();
        let moved = |e: &ElementId| o.nodes.iter().find(|n| &n.element == e).unwrap().moved;
        assert_eq!((moved(&a), moved(&b)), (Some(-2), Some(2)));
    }

    #[test]
    fn counts_typed_in_a_workshop() {
        use crate::edit::{Edit, perform};
        let mut ws = crate::sample::sample();
        let mut ids = crate::id::IdGen::sequential();
        let a = ws.elements_of_kind(crate::element::ElementKind::Activity).next().unwrap().id.clone();
        let data = ElementData::StateSnapshot(StateSnapshot {
            name: "ワークショップ".into(),
            manual: true,
            ..Default::default()
        });
        let snap = perform(&mut ws, Edit::Create { data }, &mut ids).unwrap().created[0].clone();
        perform(
            &mut ws,
            Edit::SetManualCount { snapshot: snap.clone(), element: a.clone(), present: Some(7) },
            &mut ids,
        )
        .unwrap();
        let o = overlay(&ws, &snap, None).unwrap();
        assert_eq!(o.nodes[0].present, 7);
        perform(&mut ws, Edit::SetManualCount { snapshot: snap.clone(), element: a, present: None }, &mut ids).unwrap();
        assert!(overlay(&ws, &snap, None).unwrap().nodes.is_empty());
    }

    #[test]
    fn an_empty_log_gives_an_empty_snapshot() {
        let (as_of, states) = compute(&[], None);
        assert_eq!((as_of, states.len()), (0.0, 0));
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.5), Some(2.0));
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.9), Some(4.0));
    }
}
