//! A process diagram as a standalone SVG picture: pools and lanes with their names, activities,
//! events, gateways, data and annotations at their places, connectors along their routes (hand-offs
//! dashed, associations dotted), labels wrapped into their shapes. The model's text is escaped.

use std::fmt::Write;

use super::html::esc;
use crate::element::{ElementData, EventPosition, GatewayKind, Trigger};
use crate::process::read::{ProcessDiagram, ShapeView};
use crate::view::Bounds;

/// Lines of at most `width` pixels at `size` px per full-width character (half for ASCII).
fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        let mut used = 0.0;
        for c in para.chars() {
            let w = if c.is_ascii() { size * 0.55 } else { size };
            if used + w > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            line.push(c);
            used += w;
        }
        lines.push(line);
    }
    lines
}

fn text_block(svg: &mut String, text: &str, cx: f64, top: f64, width: f64, size: f64) {
    for (i, line) in wrap(text, width, size).iter().enumerate() {
        let y = top + size * (i as f64 + 1.0) * 1.2;
        let _ = writeln!(
            svg,
            r#"<text x="{cx:.1}" y="{y:.1}" font-size="{size}" text-anchor="middle">{}</text>"#,
            esc(line)
        );
    }
}

fn shape(svg: &mut String, s: &ShapeView) {
    let Bounds { x, y, width: w, height: h } = s.bounds;
    let (cx, cy) = (x + w / 2.0, y + h / 2.0);
    let label = s.element.data.label();
    match &s.element.data {
        ElementData::Pool(_) | ElementData::Lane(_) => {
            let band = 30.0;
            let _ = writeln!(svg, r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="none" stroke="#3a4556"/>"##);
            let _ = writeln!(
                svg,
                r##"<line x1="{}" y1="{y}" x2="{}" y2="{}" stroke="#3a4556"/>"##,
                x + band,
                x + band,
                y + h
            );
            let _ = writeln!(
                svg,
                r#"<text transform="translate({:.1} {cy:.1}) rotate(-90)" font-size="12" text-anchor="middle">{}</text>"#,
                x + band / 2.0 + 4.0,
                esc(label)
            );
        }
        ElementData::Activity(_) => {
            let _ = writeln!(
                svg,
                r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="10" fill="#fff" stroke="#3a4556" stroke-width="1.5"/>"##
            );
            let lines = wrap(label, w - 12.0, 12.0).len() as f64;
            let top = if s.expanded { y + 2.0 } else { cy - lines * 12.0 * 1.2 / 2.0 - 3.0 };
            text_block(svg, label, cx, top, w - 12.0, 12.0);
        }
        ElementData::Event(e) => {
            let r = w.min(h) / 2.0;
            let stroke = match e.position {
                EventPosition::End => 3.0,
                _ => 1.5,
            };
            let _ = writeln!(
                svg,
                r##"<circle cx="{cx}" cy="{cy}" r="{r}" fill="#fff" stroke="#3a4556" stroke-width="{stroke}"/>"##
            );
            if matches!(
                e.position,
                EventPosition::IntermediateCatch | EventPosition::IntermediateThrow | EventPosition::Boundary
            ) {
                let _ =
                    writeln!(svg, r##"<circle cx="{cx}" cy="{cy}" r="{}" fill="none" stroke="#3a4556"/>"##, r - 3.0);
            }
            if e.definitions.iter().any(|d| d.trigger == Trigger::Terminate) {
                let _ = writeln!(svg, r##"<circle cx="{cx}" cy="{cy}" r="{}" fill="#3a4556"/>"##, r - 6.0);
            }
            text_block(svg, label, cx, y + h + 2.0, 110.0, 11.0);
        }
        ElementData::Gateway(g) => {
            let _ = writeln!(
                svg,
                r##"<polygon points="{cx},{y} {},{cy} {cx},{} {x},{cy}" fill="#fff" stroke="#3a4556" stroke-width="1.5"/>"##,
                x + w,
                y + h
            );
            let mark = match g.kind {
                GatewayKind::Exclusive => "×",
                GatewayKind::Parallel => "+",
                GatewayKind::Inclusive => "○",
                GatewayKind::EventBased => "⬠",
                GatewayKind::Complex => "✱",
            };
            let _ = writeln!(
                svg,
                r#"<text x="{cx}" y="{:.1}" font-size="20" text-anchor="middle">{mark}</text>"#,
                cy + 7.0
            );
            text_block(svg, label, cx, y + h + 2.0, 130.0, 11.0);
        }
        ElementData::DataObject(_) | ElementData::System(_) => {
            let _ = writeln!(
                svg,
                r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="4" fill="#eef1f7" stroke="#3a4556"/>"##
            );
            text_block(svg, label, cx, y + h + 2.0, 110.0, 11.0);
        }
        ElementData::Annotation(_) => {
            let _ = writeln!(
                svg,
                r##"<path d="M{},{y} L{x},{y} L{x},{} L{},{}" fill="none" stroke="#3a4556"/>"##,
                x + 12.0,
                y + h,
                x + 12.0,
                y + h
            );
            text_block(svg, label, cx, y + 2.0, w - 8.0, 11.0);
        }
        _ => {
            let _ = writeln!(
                svg,
                r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="none" stroke="#3a4556" stroke-dasharray="6 3"/>"##
            );
        }
    }
}

/// The diagram as an SVG document sized to its content, with a margin.
pub fn process_diagram(d: &ProcessDiagram) -> String {
    let mut min = (f64::MAX, f64::MAX);
    let mut max = (f64::MIN, f64::MIN);
    let mut grow = |x: f64, y: f64| {
        min = (min.0.min(x), min.1.min(y));
        max = (max.0.max(x), max.1.max(y));
    };
    for s in &d.shapes {
        grow(s.bounds.x, s.bounds.y);
        grow(s.bounds.x + s.bounds.width, s.bounds.y + s.bounds.height + 30.0);
    }
    for e in &d.edges {
        for p in &e.waypoints {
            grow(p.x, p.y);
        }
    }
    if min.0 > max.0 {
        min = (0.0, 0.0);
        max = (100.0, 100.0);
    }
    let m = 20.0;
    let (vx, vy, vw, vh) = (min.0 - m, min.1 - m, max.0 - min.0 + 2.0 * m, max.1 - min.1 + 2.0 * m);
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{vx:.0} {vy:.0} {vw:.0} {vh:.0}" width="{vw:.0}" height="{vh:.0}" font-family="'Noto Sans CJK JP','Hiragino Sans','Yu Gothic',sans-serif" fill="#1d2433">"##
    );
    let _ = writeln!(svg, "<title>{}</title>", esc(&d.name));
    svg.push_str(r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#3a4556"/></marker></defs>"##);
    svg.push('\n');
    let _ = writeln!(svg, r##"<rect x="{vx:.0}" y="{vy:.0}" width="{vw:.0}" height="{vh:.0}" fill="#fff"/>"##);
    // Containers first, so that what sits in them is drawn on top (the read model's order).
    for s in &d.shapes {
        shape(&mut svg, s);
    }
    for e in &d.edges {
        if e.waypoints.len() < 2 {
            continue;
        }
        let points: Vec<String> = e.waypoints.iter().map(|p| format!("{:.1},{:.1}", p.x, p.y)).collect();
        let (dash, arrow) = match &e.element.data {
            ElementData::MessageFlow(_) => (r#" stroke-dasharray="7 4""#, true),
            ElementData::Association(_) | ElementData::DataAssociation(_) => (r#" stroke-dasharray="2 3""#, false),
            _ => ("", true),
        };
        let end = if arrow { r#" marker-end="url(#arrow)""# } else { "" };
        let _ = writeln!(
            svg,
            r##"<polyline points="{}" fill="none" stroke="#3a4556" stroke-width="1.5"{dash}{end}/>"##,
            points.join(" ")
        );
        let label = e.element.data.label();
        if !label.is_empty() {
            let mid = &e.waypoints[e.waypoints.len() / 2];
            let prev = &e.waypoints[e.waypoints.len() / 2 - 1];
            let (lx, ly) = ((mid.x + prev.x) / 2.0, (mid.y + prev.y) / 2.0 - 4.0);
            let _ = writeln!(
                svg,
                r#"<text x="{lx:.1}" y="{ly:.1}" font-size="11" text-anchor="middle">{}</text>"#,
                esc(label)
            );
        }
    }
    svg.push_str("</svg>\n");
    svg
}

/// The cards of a stage in a lane.
fn cards_of(stage: &crate::read::StageColumn, lane: crate::view::Lane) -> &[crate::read::CardView] {
    stage.cells.iter().find(|c| c.lane == lane).map(|c| c.cards.as_slice()).unwrap_or(&[])
}

/// A journey map's lane as people name it, and its colour (the app's).
fn lane_look(lane: crate::view::Lane, japanese: bool) -> (&'static str, &'static str) {
    use crate::view::Lane;
    let (ja, en, colour) = match lane {
        Lane::CustomerGoal => ("顧客のゴール", "Customer goal", "#5b6cc2"),
        Lane::CustomerAction => ("顧客の行動", "Customer actions", "#3d8bd4"),
        Lane::Touchpoint => ("タッチポイント", "Touchpoints", "#1f9d92"),
        Lane::Emotion => ("感情", "Emotion", "#c05f8a"),
        Lane::StumblingPoint => ("つまずきポイント", "Stumbling points", "#d9822b"),
        Lane::CsAction => ("CSアクション", "CS actions", "#3a9a63"),
        Lane::Metric => ("指標", "Metrics", "#8a5cc2"),
    };
    (if japanese { ja } else { en }, colour)
}

/// A journey map as a standalone SVG picture: stages as columns in journey order, the lanes shown
/// in the view as rows, each card with its text wrapped, and the emotion curve (each stage's mean
/// score) above the emotion cards. Lanes hidden in the view are left out.
pub fn journey_map(map: &crate::read::JourneyMap, japanese: bool) -> String {
    const LEFT: f64 = 150.0;
    const COL: f64 = 230.0;
    const TITLE: f64 = 40.0;
    const HEAD: f64 = TITLE + 58.0;
    const PAD: f64 = 10.0;
    const SIZE: f64 = 12.0;
    const LINE: f64 = 16.0;
    const CURVE: f64 = 70.0;
    let card_h = |text: &str| wrap(text, COL - 2.0 * PAD - 14.0, SIZE).len() as f64 * LINE + 14.0;
    let lanes: Vec<crate::view::Lane> = map.lanes.iter().filter(|l| !l.hidden).map(|l| l.lane).collect();
    let label_of = |card: &crate::read::CardView| -> String {
        match &card.element.data {
            ElementData::Emotion(e) => format!("{}{} {}", if e.score > 0 { "+" } else { "" }, e.score, e.text),
            d => d.label().to_string(),
        }
    };
    // Each row is as tall as its fullest stage.
    let heights: Vec<f64> = lanes
        .iter()
        .map(|&lane| {
            let fullest = map
                .stages
                .iter()
                .map(|s| cards_of(s, lane).iter().map(|c| card_h(&label_of(c)) + PAD).sum::<f64>())
                .fold(0.0, f64::max);
            let curve = if lane == crate::view::Lane::Emotion { CURVE } else { 0.0 };
            (fullest + PAD + curve).max(48.0)
        })
        .collect();
    let width = LEFT + COL * map.stages.len().max(1) as f64;
    let height = HEAD + heights.iter().sum::<f64>();
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" height="{height:.0}" font-family="'Noto Sans CJK JP','Hiragino Sans','Yu Gothic',sans-serif" fill="#1d2433">"##
    );
    let _ = writeln!(svg, "<title>{}</title>", esc(map.journey.data.label()));
    let _ = writeln!(svg, r##"<rect width="{width:.0}" height="{height:.0}" fill="#f6f7f9"/>"##);
    let _ = writeln!(
        svg,
        r#"<text x="14" y="27" font-size="16" font-weight="bold">{}</text>"#,
        esc(map.journey.data.label())
    );
    for (i, s) in map.stages.iter().enumerate() {
        let x = LEFT + COL * i as f64;
        let _ = writeln!(
            svg,
            r##"<rect x="{:.0}" y="{:.0}" width="{:.0}" height="{:.0}" rx="6" fill="#fff" stroke="#d9dde5"/>"##,
            x + 4.0,
            TITLE + 8.0,
            COL - 8.0,
            HEAD - TITLE - 14.0
        );
        let _ = writeln!(
            svg,
            r#"<text x="{:.0}" y="{:.0}" font-size="14" font-weight="bold">{}</text>"#,
            x + 14.0,
            TITLE + 30.0,
            esc(&wrap(s.stage.data.label(), COL - 28.0, 14.0).first().cloned().unwrap_or_default())
        );
        if let ElementData::Stage(st) = &s.stage.data
            && let Some(days) = st.ttv_target_days
        {
            let ttv =
                if japanese { format!("価値実感まで {days}日") } else { format!("Time to value {days} days") };
            let _ = writeln!(
                svg,
                r##"<text x="{:.0}" y="{:.0}" font-size="11" fill="#677385">{}</text>"##,
                x + 14.0,
                TITLE + 47.0,
                esc(&ttv)
            );
        }
    }
    let mut y = HEAD;
    for (&lane, &h) in lanes.iter().zip(&heights) {
        let (name, colour) = lane_look(lane, japanese);
        let _ = writeln!(svg, r##"<line x1="0" y1="{y:.0}" x2="{width:.0}" y2="{y:.0}" stroke="#d9dde5"/>"##);
        let _ = writeln!(svg, r#"<rect x="0" y="{y:.0}" width="4" height="{h:.0}" fill="{colour}"/>"#);
        let _ =
            writeln!(svg, r#"<text x="14" y="{:.0}" font-size="12" font-weight="bold">{}</text>"#, y + 22.0, esc(name));
        let mut top = y + PAD;
        if lane == crate::view::Lane::Emotion {
            // The curve: each stage's mean score, +2 at the top of the band, −2 at its bottom.
            let mid = top + CURVE / 2.0 - 6.0;
            let _ = writeln!(
                svg,
                r##"<line x1="{LEFT:.0}" y1="{mid:.1}" x2="{width:.0}" y2="{mid:.1}" stroke="#d9dde5" stroke-dasharray="3 3"/>"##
            );
            let points: Vec<String> = map
                .stages
                .iter()
                .enumerate()
                .filter_map(|(i, s)| {
                    let scores: Vec<f64> = cards_of(s, lane)
                        .iter()
                        .filter_map(|c| match &c.element.data {
                            ElementData::Emotion(e) => Some(e.score as f64),
                            _ => None,
                        })
                        .collect();
                    (!scores.is_empty()).then(|| {
                        let mean = scores.iter().sum::<f64>() / scores.len() as f64;
                        (LEFT + COL * i as f64 + COL / 2.0, mid - mean * (CURVE - 20.0) / 4.0)
                    })
                })
                .map(|(px, py)| format!("{px:.1},{py:.1}"))
                .collect();
            if points.len() > 1 {
                let _ = writeln!(
                    svg,
                    r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2.5"/>"#,
                    points.join(" ")
                );
            }
            for p in &points {
                let (px, py) = p.split_once(',').unwrap_or(("0", "0"));
                let _ = writeln!(svg, r#"<circle cx="{px}" cy="{py}" r="4" fill="{colour}"/>"#);
            }
            top += CURVE;
        }
        for (i, s) in map.stages.iter().enumerate() {
            let x = LEFT + COL * i as f64 + PAD;
            let mut cy = top;
            for card in cards_of(s, lane) {
                let text = label_of(card);
                let ch = card_h(&text);
                let fill = match &card.element.data {
                    ElementData::StumblingPoint(sp) if sp.polarity == crate::element::Polarity::Positive => "#f2fbf5",
                    ElementData::StumblingPoint(_) => "#fffaf4",
                    _ => "#fff",
                };
                let _ = writeln!(
                    svg,
                    r##"<rect x="{x:.0}" y="{cy:.0}" width="{:.0}" height="{ch:.0}" rx="6" fill="{fill}" stroke="#d9dde5"/>"##,
                    COL - 2.0 * PAD
                );
                let _ = writeln!(svg, r#"<rect x="{x:.0}" y="{cy:.0}" width="3" height="{ch:.0}" fill="{colour}"/>"#);
                for (n, line) in wrap(&text, COL - 2.0 * PAD - 14.0, SIZE).iter().enumerate() {
                    let _ = writeln!(
                        svg,
                        r#"<text x="{:.0}" y="{:.1}" font-size="{SIZE}">{}</text>"#,
                        x + 10.0,
                        cy + 7.0 + LINE * (n as f64 + 0.8),
                        esc(line)
                    );
                }
                cy += ch + PAD;
            }
        }
        y += h;
    }
    svg.push_str("</svg>\n");
    svg
}

/// Any diagram view as an SVG picture: a process diagram from its geometry, a journey map laid out
/// as the app lays it out. `None` for an unknown view.
pub fn view(ws: &crate::workspace::Workspace, view: &crate::id::ViewId, japanese: bool) -> Option<String> {
    if let Some(d) = crate::process::read::process_diagram(ws, view) {
        return Some(process_diagram(&d));
    }
    crate::read::journey_map(ws, view).map(|m| journey_map(&m, japanese))
}
