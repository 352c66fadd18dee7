//! The SVG pictures draw what the read models say, as the canvas draws them: every shape and
//! connector of a process diagram with its mark; on a journey map, each lane in the colour the read
//! model gives it and each emotion card as a point where the read model puts it.

use michi_core::element::ElementData;
use michi_core::process::read::process_diagram;
use michi_core::read::journey_map;
use michi_core::view::Lane;
use michi_core::{ElementKind, ViewKind};
use michi_render::svg;

fn texts(doc: &roxmltree::Document) -> String {
    doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect()
}

#[test]
fn a_process_diagram_is_well_formed_and_draws_every_shape_connector_and_mark() {
    let ws = michi_core::sample::sample();
    let view = ws.views().find(|v| matches!(v.kind, ViewKind::Process { .. })).unwrap().id.clone();
    let d = process_diagram(&ws, &view).unwrap();
    let picture = svg::process_diagram(&d, true);
    let doc = roxmltree::Document::parse(&picture).unwrap_or_else(|e| panic!("{e}\n{picture}"));
    let texts = texts(&doc);
    for s in &d.shapes {
        // Every label is drawn (wrapped lines joined back together).
        let label: String = s.element.data.label().chars().filter(|c| !c.is_whitespace()).collect();
        let drawn: String = texts.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(drawn.contains(&label), "{label} is missing");
        // The marks the canvas shows (a gateway's ×, a user task's 人).
        if let Some(mark) = &s.mark {
            assert!(texts.contains(&mark.ja), "the mark of {label}");
        }
    }
    assert!(d.shapes.iter().any(|s| s.mark.is_some()), "the sample has marked shapes");
    let lines = doc.descendants().filter(|n| n.has_tag_name("polyline")).count();
    assert_eq!(lines, d.edges.iter().filter(|e| e.waypoints.len() >= 2).count());
    let handoffs = d.edges.iter().filter(|e| matches!(e.element.data, ElementData::MessageFlow(_))).count();
    assert!(handoffs >= 1);
    assert_eq!(doc.descendants().filter(|n| n.attribute("stroke-dasharray") == Some("7 4")).count(), handoffs);
}

#[test]
fn a_data_object_is_a_sheet_with_a_folded_corner_not_a_box() {
    let ws = michi_core::sample::sample();
    let view = ws.views().find(|v| matches!(v.kind, ViewKind::Process { .. })).unwrap().id.clone();
    let d = process_diagram(&ws, &view).unwrap();
    let data = d.shapes.iter().find(|s| s.element.data.kind() == ElementKind::DataObject).expect("a data object");
    let alone =
        michi_core::process::read::ProcessDiagram { shapes: vec![data.clone()], edges: Vec::new(), ..d.clone() };
    let picture = svg::process_diagram(&alone, true);
    let doc = roxmltree::Document::parse(&picture).unwrap();
    // Two paths (the sheet and its fold), no rectangle but the background.
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("path") && n.attribute("d").is_some()).count(), 2 + 1);
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("rect")).count(), 1, "{picture}");
}

#[test]
fn english_labels_break_between_words() {
    for (text, width) in [("Configure access details", 100.0), ("Review the signed contract and kick off", 120.0)] {
        let lines = svg::wrap(text, width, 12.0);
        assert!(lines.len() > 1);
        // Joined back with spaces, the words are all there, none cut.
        assert_eq!(lines.join(" "), text, "{lines:?}");
    }
}

#[test]
fn a_journey_map_draws_the_lanes_and_the_emotion_curve_of_its_read_model() {
    let ws = michi_core::sample::sample();
    let view = ws.views().find(|v| matches!(v.kind, ViewKind::JourneyMap { .. })).unwrap().id.clone();
    let map = journey_map(&ws, &view).unwrap();
    let picture = svg::journey_map(&map, false);
    let doc = roxmltree::Document::parse(&picture).unwrap_or_else(|e| panic!("{e}\n{picture}"));
    let texts = texts(&doc);
    // Each lane shown: its English name and a band in its colour.
    for lane in map.lanes.iter().filter(|l| !l.hidden) {
        assert!(texts.contains(&lane.look.name.en), "{:?}", lane.lane);
        assert!(
            doc.descendants().any(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(lane.look.colour.as_str())),
            "{:?} in {}",
            lane.lane,
            lane.look.colour
        );
    }
    // One point per emotion card, in the read model's order and place: x in columns from the left
    // edge of the stages, y across the band.
    let points: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.attribute("data-card").is_some()).collect();
    assert_eq!(points.len(), map.emotion.points.len());
    let emotions = map
        .stages
        .iter()
        .flat_map(|s| s.cells.iter().filter(|c| c.lane == Lane::Emotion))
        .map(|c| c.cards.len())
        .sum::<usize>();
    assert_eq!(points.len(), emotions, "every emotion card is a point");
    let xs: Vec<f64> = points.iter().map(|n| n.attribute("cx").unwrap().parse().unwrap()).collect();
    for (p, x) in map.emotion.points.iter().zip(&xs) {
        assert_eq!(
            points
                .iter()
                .find(|n| n.attribute("cx").unwrap().parse::<f64>().unwrap() == *x)
                .unwrap()
                .attribute("data-card"),
            Some(p.card.as_str())
        );
    }
    // The columns are equal: the points' x differ as the read model's do.
    let col = (xs[1] - xs[0]) / (map.emotion.points[1].x - map.emotion.points[0].x);
    for (p, x) in map.emotion.points.iter().zip(&xs) {
        assert!((x - xs[0] - (p.x - map.emotion.points[0].x) * col).abs() < 0.1);
    }
    // Each point in its score's colour, as on screen.
    for (p, n) in map.emotion.points.iter().zip(&points) {
        assert_eq!(
            points.iter().find(|m| m.attribute("data-card") == Some(p.card.as_str())).unwrap().attribute("fill"),
            Some(p.colour.as_str())
        );
        let _ = n;
    }
    // Higher scores are drawn higher.
    let cy = |i: usize| -> f64 { points[i].attribute("cy").unwrap().parse().unwrap() };
    for i in 0..points.len() {
        for j in 0..points.len() {
            if map.emotion.points[i].score > map.emotion.points[j].score {
                assert!(cy(i) < cy(j));
            }
        }
    }
    assert!(doc.descendants().any(|n| n.attribute("class") == Some("emotion-curve")));
}
