//! Diagrams as standalone SVG pictures, drawn from the same read models and the same look
//! (`michi_core::look`: lane names and colours, shape marks, the emotion curve) as the canvas:
//! - a process diagram: pools and lanes with their names, activities, events, gateways, data,
//!   systems and annotations at their places, connectors along their routes (hand-offs dashed,
//!   associations dotted), labels wrapped into their shapes;
//! - a journey map: stages as columns, the lanes shown as rows, each card with its text wrapped,
//!   and the emotion curve through each emotion card.
//!
//! Labels wrap as the screen wraps them: Latin text at spaces (a word too long for the line is cut),
//! Japanese between any two characters. The model's text is escaped.

use std::fmt::Write;

use michi_core::element::{DataKind, ElementData, EventPosition, Polarity, Trigger};
use michi_core::process::read::{ProcessDiagram, ShapeView};
use michi_core::read::{CardView, JourneyMap, StageColumn};
use michi_core::view::{Bounds, Lane, Point};
use michi_core::{ViewId, Workspace};

use crate::escape::esc;

const INK: &str = "#3a4556";
const FONT: &str = "'Noto Sans CJK JP','Hiragino Sans','Yu Gothic',sans-serif";

/// The advance of a character at `size` px: half a square for Latin text, a square for the rest.
fn advance(c: char, size: f64) -> f64 {
    if c.is_ascii() { size * 0.55 } else { size }
}

/// Lines of at most `width` px. Latin words stay whole unless one alone is wider than a line;
/// Japanese (and any character outside ASCII) may break anywhere; a space at a break is dropped.
pub fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        let mut used = 0.0;
        // Tokens: a run of ASCII non-space characters (a word), a space, or one other character.
        let mut tokens: Vec<String> = Vec::new();
        for c in para.chars() {
            let word_char = c.is_ascii() && !c.is_ascii_whitespace();
            match tokens.last_mut() {
                Some(t) if word_char && t.chars().last().is_some_and(|l| l.is_ascii() && !l.is_ascii_whitespace()) => {
                    t.push(c)
                }
                _ => tokens.push(c.to_string()),
            }
        }
        for token in tokens {
            let w: f64 = token.chars().map(|c| advance(c, size)).sum();
            if token == " " {
                if used + w <= width && !line.is_empty() {
                    line.push(' ');
                    used += w;
                }
                continue;
            }
            if used + w > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line).trim_end().to_string());
                used = 0.0;
            }
            if w > width {
                // A word wider than a whole line is cut where it reaches the edge.
                for c in token.chars() {
                    let cw = advance(c, size);
                    if used + cw > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        used = 0.0;
                    }
                    line.push(c);
                    used += cw;
                }
            } else {
                line.push_str(&token);
                used += w;
            }
        }
        lines.push(line.trim_end().to_string());
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

fn shape(svg: &mut String, s: &ShapeView, japanese: bool) {
    let Bounds { x, y, width: w, height: h } = s.bounds;
    let (cx, cy) = (x + w / 2.0, y + h / 2.0);
    let label = s.element.data.label();
    let mark = s.mark.as_ref().map(|m| m.pick(japanese).to_string());
    match &s.element.data {
        ElementData::Pool(_) | ElementData::Lane(_) => {
            let band = 30.0;
            let _ = writeln!(svg, r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="none" stroke="{INK}"/>"#);
            let _ =
                writeln!(svg, r#"<line x1="{}" y1="{y}" x2="{}" y2="{}" stroke="{INK}"/>"#, x + band, x + band, y + h);
            let _ = writeln!(
                svg,
                r#"<text transform="translate({:.1} {cy:.1}) rotate(-90)" font-size="12" text-anchor="middle">{}</text>"#,
                x + band / 2.0 + 4.0,
                esc(label)
            );
        }
        ElementData::Activity(a) => {
            let call = a.kind == michi_core::element::ActivityKind::CallActivity;
            let stroke = if call { 3.5 } else { 1.5 };
            let _ = writeln!(
                svg,
                r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="10" fill="#fff" stroke="{INK}" stroke-width="{stroke}"/>"##
            );
            if let Some(mark) = mark {
                let _ = writeln!(
                    svg,
                    r##"<text x="{:.1}" y="{:.1}" font-size="9.5" fill="#677385">{}</text>"##,
                    x + 6.0,
                    y + 13.0,
                    esc(&mark)
                );
            }
            let lines = wrap(label, w - 12.0, 12.0).len() as f64;
            let top = if s.expanded { y + 2.0 } else { cy - lines * 12.0 * 1.2 / 2.0 - 3.0 };
            text_block(svg, label, cx, top, w - 12.0, 12.0);
        }
        ElementData::Event(e) => {
            let r = w.min(h) / 2.0;
            // The canvas's colours: a start in green, an end in red and heavy, the rest in ink.
            let (stroke, width) = match e.position {
                EventPosition::Start => ("#2e8b57", 1.8),
                EventPosition::End => ("#a33a2e", 3.5),
                _ => (INK, 1.5),
            };
            let _ = writeln!(
                svg,
                r##"<circle cx="{cx}" cy="{cy}" r="{r}" fill="#fff" stroke="{stroke}" stroke-width="{width}"/>"##
            );
            if matches!(
                e.position,
                EventPosition::IntermediateCatch | EventPosition::IntermediateThrow | EventPosition::Boundary
            ) {
                let _ = writeln!(svg, r#"<circle cx="{cx}" cy="{cy}" r="{}" fill="none" stroke="{INK}"/>"#, r - 3.5);
            }
            if e.definitions.iter().any(|d| d.trigger == Trigger::Terminate) {
                let _ = writeln!(svg, r#"<circle cx="{cx}" cy="{cy}" r="{}" fill="{INK}"/>"#, r - 6.0);
            }
            text_block(svg, label, cx, y + h + 2.0, 140.0, 11.5);
        }
        ElementData::Gateway(_) => {
            let _ = writeln!(
                svg,
                r##"<polygon points="{cx},{y} {},{cy} {cx},{} {x},{cy}" fill="#fff" stroke="{INK}" stroke-width="1.5"/>"##,
                x + w,
                y + h
            );
            if let Some(mark) = mark {
                let _ = writeln!(
                    svg,
                    r#"<text x="{cx}" y="{:.1}" font-size="20" font-weight="700" text-anchor="middle" fill="{INK}">{}</text>"#,
                    cy + 7.0,
                    esc(&mark)
                );
            }
            text_block(svg, label, cx, y + h + 2.0, 140.0, 11.5);
        }
        ElementData::DataObject(d) if d.kind == DataKind::Store => {
            // A cylinder, as the canvas draws a data store.
            let ry = h * 0.16;
            let _ = writeln!(
                svg,
                r##"<path d="M{x},{} A{},{ry} 0 0 1 {},{} L{},{} A{},{ry} 0 0 1 {x},{} Z" fill="#fff" stroke="{INK}" stroke-width="1.4"/>"##,
                y + ry,
                w / 2.0,
                x + w,
                y + ry,
                x + w,
                y + h - ry,
                w / 2.0,
                y + h - ry
            );
            let _ = writeln!(
                svg,
                r#"<path d="M{x},{} A{},{ry} 0 0 0 {},{}" fill="none" stroke="{INK}" stroke-width="1.4"/>"#,
                y + ry,
                w / 2.0,
                x + w,
                y + ry
            );
            text_block(svg, label, cx, y + h + 2.0, 140.0, 11.5);
        }
        ElementData::DataObject(_) => {
            // A sheet with its top-right corner folded, as the canvas draws a data object.
            let fold = (w * 0.28).min(h * 0.24);
            let _ = writeln!(
                svg,
                r##"<path d="M{x},{y} L{},{y} L{},{} L{},{} L{x},{} Z" fill="#fff" stroke="{INK}" stroke-width="1.4"/>"##,
                x + w - fold,
                x + w,
                y + fold,
                x + w,
                y + h,
                y + h
            );
            let _ = writeln!(
                svg,
                r#"<path d="M{},{y} L{},{} L{},{}" fill="none" stroke="{INK}" stroke-width="1.4"/>"#,
                x + w - fold,
                x + w - fold,
                y + fold,
                x + w,
                y + fold
            );
            text_block(svg, label, cx, y + h + 2.0, 140.0, 11.5);
        }
        ElementData::System(_) => {
            let _ = writeln!(
                svg,
                r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{:.1}" ry="{:.1}" fill="#f1f4fa" stroke="#51607a" stroke-width="1.4"/>"##,
                w / 2.0,
                h * 0.14
            );
            text_block(svg, label, cx, y + h + 2.0, 140.0, 11.5);
        }
        ElementData::Annotation(_) => {
            let _ = writeln!(
                svg,
                r##"<path d="M{},{y} L{x},{y} L{x},{} L{},{}" fill="none" stroke="#7c8797" stroke-width="1.4"/>"##,
                x + 12.0,
                y + h,
                x + 12.0,
                y + h
            );
            for (i, line) in wrap(label, w - 12.0, 11.5).iter().enumerate() {
                let _ = writeln!(
                    svg,
                    r#"<text x="{:.1}" y="{:.1}" font-size="11.5">{}</text>"#,
                    x + 8.0,
                    y + 4.0 + 11.5 * 1.2 * (i as f64 + 1.0),
                    esc(line)
                );
            }
        }
        _ => {
            let _ = writeln!(
                svg,
                r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="10" fill="none" stroke="#7c8797" stroke-width="1.5" stroke-dasharray="6 3"/>"##
            );
            if !label.is_empty() {
                let _ = writeln!(
                    svg,
                    r#"<text x="{cx}" y="{:.1}" font-size="12" text-anchor="middle">{}</text>"#,
                    y + 16.0,
                    esc(label)
                );
            }
        }
    }
}

/// A process diagram as an SVG document sized to its content, with a margin. Marks (a user task's
/// 人, "User") are in `japanese` or English.
pub fn process_diagram(d: &ProcessDiagram, japanese: bool) -> String {
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
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{vx:.0} {vy:.0} {vw:.0} {vh:.0}" width="{vw:.0}" height="{vh:.0}" font-family="{FONT}" fill="#1d2433">"##
    );
    let _ = writeln!(svg, "<title>{}</title>", esc(&d.name));
    let _ = writeln!(
        svg,
        r#"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker></defs>"#
    );
    let _ = writeln!(svg, r##"<rect x="{vx:.0}" y="{vy:.0}" width="{vw:.0}" height="{vh:.0}" fill="#fff"/>"##);
    // Containers first, so that what sits in them is drawn on top (the read model's order).
    for s in &d.shapes {
        shape(&mut svg, s, japanese);
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
            r#"<polyline points="{}" fill="none" stroke="{INK}" stroke-width="1.5"{dash}{end}/>"#,
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
fn cards_of(stage: &StageColumn, lane: Lane) -> &[CardView] {
    stage.cells.iter().find(|c| c.lane == lane).map(|c| c.cards.as_slice()).unwrap_or(&[])
}

/// The height of the emotion lane's curve band, and the space kept above and below the points (the
/// canvas's `EMOTION_HEIGHT` and `PAD`).
pub const EMOTION_BAND: f64 = 170.0;
pub const EMOTION_PAD: f64 = 28.0;

/// A journey map as a standalone SVG picture: stages as columns in journey order, the lanes shown
/// in the view as rows (named and coloured as on screen), each card with its text wrapped, and in
/// the emotion lane the curve through every emotion card. Lanes hidden in the view are left out.
pub fn journey_map(map: &JourneyMap, japanese: bool) -> String {
    const LEFT: f64 = 150.0;
    const COL: f64 = 230.0;
    const TITLE: f64 = 40.0;
    const HEAD: f64 = TITLE + 58.0;
    const PAD: f64 = 10.0;
    const SIZE: f64 = 12.0;
    const LINE: f64 = 16.0;
    let card_h = |text: &str| wrap(text, COL - 2.0 * PAD - 14.0, SIZE).len() as f64 * LINE + 14.0;
    let lanes: Vec<&michi_core::read::LaneState> = map.lanes.iter().filter(|l| !l.hidden).collect();
    // The emotion lane shows the curve; its cards are its points.
    let row_cards = |lane: Lane| lane != Lane::Emotion;
    let heights: Vec<f64> = lanes
        .iter()
        .map(|l| {
            if !row_cards(l.lane) {
                return EMOTION_BAND;
            }
            let fullest = map
                .stages
                .iter()
                .map(|s| cards_of(s, l.lane).iter().map(|c| card_h(c.element.data.label()) + PAD).sum::<f64>())
                .fold(0.0, f64::max);
            (fullest + PAD).max(48.0)
        })
        .collect();
    let width = LEFT + COL * map.stages.len().max(1) as f64;
    let height = HEAD + heights.iter().sum::<f64>();
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" height="{height:.0}" font-family="{FONT}" fill="#1d2433">"##
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
        if let Some(ttv) = &s.ttv {
            let _ = writeln!(
                svg,
                r##"<text x="{:.0}" y="{:.0}" font-size="11" fill="#677385">{}</text>"##,
                x + 14.0,
                TITLE + 47.0,
                esc(ttv.pick(japanese))
            );
        }
    }
    let mut y = HEAD;
    for (lane, &h) in lanes.iter().zip(&heights) {
        let (name, colour) = (lane.look.name.pick(japanese), lane.look.colour.as_str());
        let _ = writeln!(svg, r##"<line x1="0" y1="{y:.0}" x2="{width:.0}" y2="{y:.0}" stroke="#d9dde5"/>"##);
        let _ = writeln!(svg, r#"<rect x="0" y="{y:.0}" width="4" height="{h:.0}" fill="{colour}"/>"#);
        let _ =
            writeln!(svg, r#"<text x="14" y="{:.0}" font-size="12" font-weight="bold">{}</text>"#, y + 22.0, esc(name));
        if !row_cards(lane.lane) {
            emotion_band(&mut svg, map, LEFT, y, COL, colour);
            y += h;
            continue;
        }
        for (i, s) in map.stages.iter().enumerate() {
            let x = LEFT + COL * i as f64 + PAD;
            let mut cy = y + PAD;
            for card in cards_of(s, lane.lane) {
                let text = card.element.data.label();
                let ch = card_h(text);
                let fill = match &card.element.data {
                    ElementData::StumblingPoint(sp) if sp.polarity == Polarity::Positive => "#f2fbf5",
                    ElementData::StumblingPoint(_) => "#fffaf4",
                    _ => "#fff",
                };
                let _ = writeln!(
                    svg,
                    r##"<rect x="{x:.0}" y="{cy:.0}" width="{:.0}" height="{ch:.0}" rx="6" fill="{fill}" stroke="#d9dde5"/>"##,
                    COL - 2.0 * PAD
                );
                let _ = writeln!(svg, r#"<rect x="{x:.0}" y="{cy:.0}" width="3" height="{ch:.0}" fill="{colour}"/>"#);
                for (n, line) in wrap(text, COL - 2.0 * PAD - 14.0, SIZE).iter().enumerate() {
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

/// The emotion lane as the canvas draws it: score lines from +2 to −2, the curve through every
/// emotion card (the read model's path, scaled: x by the column, y by the band), and each card as a
/// point with its text.
fn emotion_band(svg: &mut String, map: &JourneyMap, left: f64, top: f64, col: f64, colour: &str) {
    let span = EMOTION_BAND - 2.0 * EMOTION_PAD;
    let y_of = |y: f64| top + EMOTION_PAD + y * span;
    for level in &map.emotion.levels {
        let y = y_of(level.y);
        let dash = if level.score == 0 { "" } else { r#" stroke-dasharray="3 3""# };
        let _ = writeln!(
            svg,
            r##"<line x1="{left:.0}" y1="{y:.1}" x2="{:.0}" y2="{y:.1}" stroke="#d9dde5"{dash}/>"##,
            left + col * map.stages.len() as f64
        );
    }
    // The read model's curve, through the points scaled to this picture (the same rule: resvg and
    // other viewers do not all honour a non-scaling stroke on a scaled path).
    let scaled: Vec<Point> = map.emotion.points.iter().map(|p| Point { x: left + p.x * col, y: y_of(p.y) }).collect();
    let path = michi_core::look::emotion_curve(&scaled);
    if !path.is_empty() {
        let _ = writeln!(
            svg,
            r#"<path class="emotion-curve" d="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>"#
        );
    }
    for p in &map.emotion.points {
        let (px, py) = (left + p.x * col, y_of(p.y));
        let _ = writeln!(
            svg,
            r##"<circle cx="{px:.1}" cy="{py:.1}" r="8" fill="{}" stroke="#fff" stroke-width="2.5" data-card="{}"/>"##,
            p.colour,
            esc(p.card.as_str())
        );
        let label: String =
            if p.text.chars().count() > 13 { p.text.chars().take(12).chain(['…']).collect() } else { p.text.clone() };
        let ly = if p.score < 0 { py - 14.0 } else { py + 22.0 };
        let _ = writeln!(
            svg,
            r#"<text x="{px:.1}" y="{ly:.1}" font-size="11" text-anchor="middle">{}</text>"#,
            esc(&label)
        );
    }
}

/// Any diagram view as an SVG picture: a process diagram from its geometry, a journey map laid out
/// as the app lays it out. `None` for an unknown view.
pub fn view(ws: &Workspace, view: &ViewId, japanese: bool) -> Option<String> {
    if let Some(d) = michi_core::process::read::process_diagram(ws, view) {
        return Some(process_diagram(&d, japanese));
    }
    michi_core::read::journey_map(ws, view).map(|m| journey_map(&m, japanese))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_labels_break_between_words_and_japanese_anywhere() {
        assert_eq!(wrap("Configure access details", 100.0, 12.0), ["Configure", "access details"]);
        assert_eq!(wrap("契約更新の準備をする", 60.0, 12.0), ["契約更新の", "準備をする"]);
        // A word longer than the line is cut; nothing is lost.
        let long = wrap("Supercalifragilistic", 60.0, 12.0);
        assert_eq!(long.concat(), "Supercalifragilistic");
        assert!(long.len() > 1);
        assert!(wrap("", 60.0, 12.0).is_empty());
    }
}
