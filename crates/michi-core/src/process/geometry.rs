//! Geometry of process diagrams: default sizes, containment, routes between shapes.

use crate::element::{DataKind, ElementData};
use crate::view::{Bounds, Placement, Point};

/// Width of the band holding a pool's or lane's name.
pub const HEADER: f64 = 30.0;
/// Space kept between content and the edge of its lane or pool.
pub const PAD: f64 = 20.0;
pub const LANE_MIN_HEIGHT: f64 = 140.0;
pub const POOL_DEFAULT_WIDTH: f64 = 1000.0;

/// The size a new shape of this kind gets (BPMN's customary sizes).
pub fn default_size(data: &ElementData) -> (f64, f64) {
    match data {
        ElementData::Activity(a) if a.kind.is_container() => (120.0, 90.0),
        ElementData::Activity(_) => (110.0, 80.0),
        ElementData::Event(_) => (36.0, 36.0),
        ElementData::Gateway(_) => (50.0, 50.0),
        ElementData::DataObject(d) if d.kind == DataKind::Store => (50.0, 50.0),
        ElementData::DataObject(_) => (36.0, 50.0),
        ElementData::System(_) => (70.0, 60.0),
        ElementData::Annotation(_) => (120.0, 40.0),
        ElementData::Group(_) => (300.0, 200.0),
        _ => (100.0, 80.0),
    }
}

pub fn bounds(p: &Placement) -> Bounds {
    Bounds { x: p.x, y: p.y, width: p.width, height: p.height }
}

pub fn center(b: &Bounds) -> Point {
    Point { x: b.x + b.width / 2.0, y: b.y + b.height / 2.0 }
}

pub fn contains(b: &Bounds, p: Point) -> bool {
    p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height
}

pub fn right(b: &Bounds) -> f64 {
    b.x + b.width
}

pub fn bottom(b: &Bounds) -> f64 {
    b.y + b.height
}

/// The smallest box holding all of `boxes`.
pub fn union(boxes: impl IntoIterator<Item = Bounds>) -> Option<Bounds> {
    boxes.into_iter().fold(None, |acc: Option<Bounds>, b| {
        Some(match acc {
            None => b,
            Some(a) => {
                let (x, y) = (a.x.min(b.x), a.y.min(b.y));
                Bounds { x, y, width: right(&a).max(right(&b)) - x, height: bottom(&a).max(bottom(&b)) - y }
            }
        })
    })
}

/// An orthogonal route from `from` to `to`: out of the side facing the target, one or two bends.
pub fn route(from: &Bounds, to: &Bounds) -> Vec<Point> {
    let (a, b) = (center(from), center(to));
    let horizontal_gap = to.x > right(from) || from.x > right(to);
    if horizontal_gap {
        let (start, end) = if b.x >= a.x {
            (Point { x: right(from), y: a.y }, Point { x: to.x, y: b.y })
        } else {
            (Point { x: from.x, y: a.y }, Point { x: right(to), y: b.y })
        };
        if (start.y - end.y).abs() < 1.0 {
            return vec![start, Point { x: end.x, y: start.y }];
        }
        let mid = (start.x + end.x) / 2.0;
        return vec![start, Point { x: mid, y: start.y }, Point { x: mid, y: end.y }, end];
    }
    let (start, end) = if b.y >= a.y {
        (Point { x: a.x, y: bottom(from) }, Point { x: b.x, y: to.y })
    } else {
        (Point { x: a.x, y: from.y }, Point { x: b.x, y: bottom(to) })
    };
    if (start.x - end.x).abs() < 1.0 {
        return vec![start, Point { x: start.x, y: end.y }];
    }
    let mid = (start.y + end.y) / 2.0;
    vec![start, Point { x: start.x, y: mid }, Point { x: end.x, y: mid }, end]
}

/// A placement for a connector along `waypoints` (its bounds are the route's box).
pub fn edge_placement(waypoints: Vec<Point>) -> Placement {
    let b = union(waypoints.iter().map(|p| Bounds { x: p.x, y: p.y, width: 0.0, height: 0.0 })).unwrap_or_default();
    let mut placement = Placement::rect(b.x, b.y, b.width, b.height);
    placement.extra_mut().waypoints = waypoints;
    placement
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(x: f64, y: f64, w: f64, h: f64) -> Bounds {
        Bounds { x, y, width: w, height: h }
    }

    #[test]
    fn routes_leave_the_side_facing_the_target() {
        // Side by side, aligned: one straight segment.
        let r = route(&b(0.0, 0.0, 100.0, 80.0), &b(200.0, 0.0, 100.0, 80.0));
        assert_eq!(r, vec![Point { x: 100.0, y: 40.0 }, Point { x: 200.0, y: 40.0 }]);
        // Offset: two bends at the middle.
        let r = route(&b(0.0, 0.0, 100.0, 80.0), &b(200.0, 200.0, 100.0, 80.0));
        assert_eq!(r.len(), 4);
        assert_eq!(r[0], Point { x: 100.0, y: 40.0 });
        assert_eq!(r[3], Point { x: 200.0, y: 240.0 });
        assert_eq!(r[1].x, r[2].x);
        // Stacked: out of the bottom into the top.
        let r = route(&b(0.0, 0.0, 100.0, 80.0), &b(0.0, 200.0, 100.0, 80.0));
        assert_eq!(r, vec![Point { x: 50.0, y: 80.0 }, Point { x: 50.0, y: 200.0 }]);
        // Backwards: out of the left side.
        let r = route(&b(300.0, 0.0, 100.0, 80.0), &b(0.0, 0.0, 100.0, 80.0));
        assert_eq!(r[0], Point { x: 300.0, y: 40.0 });
    }

    #[test]
    fn union_and_containment() {
        let u = union([b(0.0, 0.0, 10.0, 10.0), b(20.0, -5.0, 10.0, 10.0)]).unwrap();
        assert_eq!(u, b(0.0, -5.0, 30.0, 15.0));
        assert!(contains(&u, Point { x: 15.0, y: 0.0 }));
        assert!(!contains(&u, Point { x: 31.0, y: 0.0 }));
        assert_eq!(union(std::iter::empty()), None);
    }
}
