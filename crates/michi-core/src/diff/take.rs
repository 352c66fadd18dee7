//! Taking one change back: the [`Restore`] edit that makes an element of the new side what the old
//! side has, for one change of the diff (old: the other version, new: the one edited).

use std::collections::HashMap;

use serde_json::Value;

use super::{Change, ChangeClass, Diff};
use crate::edit::Restore;
use crate::element::ElementData;
use crate::id::ElementId;
use crate::relation::{Relation, RelationKind};
use crate::workspace::Workspace;

/// The edit taking `change` (of `d`, the diff from `other` to `current`) back into `current`; `None`
/// when there is nothing to take (an element matched under another id keeps its id).
pub fn take_back(other: &Workspace, current: &Workspace, d: &Diff, change: &Change) -> Option<Restore> {
    let rematched: HashMap<&ElementId, &ElementId> = d.rematched.iter().map(|(o, n)| (o, n)).collect();
    let map = |id: &ElementId| rematched.get(id).map_or_else(|| id.clone(), |n| (*n).clone());
    let mapped = |r: Relation| Relation { from: map(&r.from), to: map(&r.to), ..r };
    let empty = |element: ElementId| Restore {
        element,
        data: None,
        gone: false,
        kinds: Vec::new(),
        relations: Vec::new(),
        ranks_only: false,
        placements: Vec::new(),
    };
    match change.class {
        ChangeClass::Added => Some(Restore { gone: true, ..empty(change.new.clone()?) }),
        ChangeClass::Removed => {
            let o = change.old.clone()?;
            let relations: Vec<Relation> = other.relations_of(&o).into_iter().map(mapped).collect();
            let mut kinds: Vec<RelationKind> = relations.iter().map(|r| r.kind).collect();
            kinds.sort();
            kinds.dedup();
            let placements = other
                .views()
                .filter(|v| current.view(&v.id).is_some())
                .filter_map(|v| v.placements.get(&o).map(|p| (v.id.clone(), p.clone())))
                .collect();
            Some(Restore { data: other.data(&o).cloned(), kinds, relations, placements, ..empty(map(&o)) })
        }
        ChangeClass::Renamed | ChangeClass::AttributeChanged => {
            let (o, n) = (change.old.as_ref()?, change.new.clone()?);
            let paths: Vec<&str> = change.attrs.iter().map(|a| a.path.as_str()).filter(|p| *p != "id").collect();
            if paths.is_empty() {
                return None;
            }
            let data = patched(current.data(&n)?, other.data(o)?, &paths);
            Some(Restore { data: Some(data), ..empty(n) })
        }
        ChangeClass::TypeChanged => {
            let (o, n) = (change.old.as_ref()?, change.new.clone()?);
            // The type only: the other side's type keys on this side's properties, where the kinds agree.
            let (od, nd) = (other.data(o)?, current.data(&n)?);
            let data =
                if od.kind() == nd.kind() { patched(nd, od, &["type", "position", "definitions"]) } else { od.clone() };
            Some(Restore { data: Some(data), ..empty(n) })
        }
        ChangeClass::Reordered => {
            // The order of the container's members as the other side has it (LIS names one of the
            // elements that moved, not necessarily the one whose rank changed).
            let (o, n) = (change.old.as_ref()?, change.new.clone()?);
            let kind = change
                .ends
                .iter()
                .find_map(|e| RelationKind::ALL.into_iter().find(|k| super::kind_name(*k) == e.relation))?;
            let container = other.container(o, kind)?;
            let relations = other.incoming(&container, kind).into_iter().map(mapped).collect();
            Some(Restore { kinds: vec![kind], relations, ranks_only: true, ..empty(n) })
        }
        ChangeClass::Reconnected | ChangeClass::Moved => {
            let (o, n) = (change.old.as_ref()?, change.new.clone()?);
            let kinds: Vec<RelationKind> = change
                .ends
                .iter()
                .filter_map(|e| RelationKind::ALL.into_iter().find(|k| super::kind_name(*k) == e.relation))
                .collect();
            // A card in another lane of the journey map has another kind there.
            let lane = change.ends.iter().any(|e| e.relation == "lane");
            let relations = other
                .relations_of(o)
                .into_iter()
                .filter(|r| kinds.contains(&r.kind) && &r.from == o)
                .map(mapped)
                .collect();
            let data = if lane { other.data(o).cloned() } else { None };
            Some(Restore { data, kinds, relations, ..empty(n) })
        }
        ChangeClass::LayoutChanged => {
            let (o, n) = (change.old.as_ref()?, change.new.clone()?);
            let placements = change
                .views
                .iter()
                .filter_map(|v| other.view(v).and_then(|view| view.placements.get(o)).map(|p| (v.clone(), p.clone())))
                .collect();
            Some(Restore { placements, ..empty(n) })
        }
    }
}

/// `mine` with the properties at `paths` (`definitions.0.raw`) as `theirs` has them.
fn patched(mine: &ElementData, theirs: &ElementData, paths: &[&str]) -> ElementData {
    let (Ok(mut m), Ok(t)) = (serde_json::to_value(mine), serde_json::to_value(theirs)) else {
        return theirs.clone();
    };
    for path in paths {
        let keys: Vec<&str> = path.split('.').collect();
        let value = keys.iter().try_fold(&t, |v, k| step(v, k)).cloned();
        set(&mut m, &keys, value);
    }
    serde_json::from_value(m).unwrap_or_else(|_| theirs.clone())
}

fn step<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Object(o) => o.get(key),
        Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    }
}

/// Sets (or, for `None`, removes) the value at `keys` in `v`.
fn set(v: &mut Value, keys: &[&str], value: Option<Value>) {
    let Some((last, parents)) = keys.split_last() else { return };
    let mut at = v;
    for k in parents {
        let next = match at {
            Value::Object(o) => o.get_mut(*k),
            Value::Array(a) => k.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
            _ => None,
        };
        match next {
            Some(n) => at = n,
            None => return,
        }
    }
    match (at, value) {
        (Value::Object(o), Some(x)) => {
            o.insert((*last).to_string(), x);
        }
        (Value::Object(o), None) => {
            o.remove(*last);
        }
        (Value::Array(a), Some(x)) => {
            if let Some(slot) = last.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                *slot = x;
            }
        }
        _ => {}
    }
}
