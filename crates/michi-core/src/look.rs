//! How the model is drawn: one table of lane names and colours, shape marks and the emotion curve's
//! geometry, read by the canvas (through the read models) and by the pictures Michi exports, so an
//! exported picture matches the screen.

use serde::Serialize;

use crate::element::{ActivityKind, GatewayKind};
use crate::text::Text;
use crate::view::{Lane, Point};

/// A journey map's lane as people name it, and its colour.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LaneLook {
    pub name: Text,
    /// A CSS colour (`#rrggbb`).
    pub colour: String,
}

pub fn lane(lane: Lane) -> LaneLook {
    let (ja, en, colour) = match lane {
        Lane::CustomerGoal => ("顧客のゴール", "Customer goal", "#5b6cc2"),
        Lane::CustomerAction => ("顧客の行動", "Customer actions", "#3d8bd4"),
        Lane::Touchpoint => ("タッチポイント", "Touchpoints", "#1f9d92"),
        Lane::Emotion => ("感情", "Emotion", "#c05f8a"),
        Lane::StumblingPoint => ("つまずきポイント", "Stumbling points", "#d9822b"),
        Lane::CsAction => ("CSアクション", "CS actions", "#3a9a63"),
        Lane::Metric => ("指標", "Metrics", "#8a5cc2"),
    };
    LaneLook { name: Text::new(ja, en), colour: colour.into() }
}

/// A stage's time-to-value target as its header shows it.
pub fn ttv(days: u32) -> Text {
    Text::new(format!("TTV {days}日"), format!("TTV {days} d"))
}

/// The mark drawn inside a gateway's diamond.
pub fn gateway_mark(kind: GatewayKind) -> &'static str {
    match kind {
        GatewayKind::Exclusive => "×",
        GatewayKind::Parallel => "+",
        GatewayKind::Inclusive => "○",
        GatewayKind::EventBased => "◇",
        GatewayKind::Complex => "✳",
    }
}

/// The word drawn in an activity's top-left corner for the task types people tell apart.
pub fn activity_mark(kind: ActivityKind) -> Option<Text> {
    let (ja, en) = match kind {
        ActivityKind::UserTask => ("人", "User"),
        ActivityKind::ServiceTask => ("自動", "Service"),
        ActivityKind::ManualTask => ("手作業", "Manual"),
        ActivityKind::SendTask => ("送信", "Send"),
        ActivityKind::ReceiveTask => ("受信", "Receive"),
        ActivityKind::ScriptTask => ("スクリプト", "Script"),
        ActivityKind::BusinessRuleTask => ("ルール", "Rule"),
        _ => return None,
    };
    Some(Text::new(ja, en))
}

/// One emotion card on the curve. `x` is in columns from the map's left edge (0.5 is the middle of
/// the first stage); `y` runs from 0 (score +2, the top of the band) to 1 (score −2).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EmotionPoint {
    pub card: crate::id::ElementId,
    pub stage: crate::id::ElementId,
    pub score: i8,
    pub text: String,
    pub x: f64,
    pub y: f64,
    /// The point's fill: red for an unhappy customer through grey to green for a happy one.
    pub colour: String,
}

/// The colour of an emotion's point, by its score.
pub fn emotion_colour(score: i8) -> &'static str {
    match score {
        ..=-2 => "#d2493b",
        -1 => "#ec9a4e",
        0 => "#98a2b3",
        1 => "#6cbf91",
        _ => "#2f9a5d",
    }
}

/// The y of a score on the curve (0 at +2, 1 at −2).
pub fn emotion_y(score: i8) -> f64 {
    let clamped = score.clamp(crate::element::Emotion::MIN_SCORE, crate::element::Emotion::MAX_SCORE);
    f64::from(crate::element::Emotion::MAX_SCORE - clamped) / 4.0
}

/// The x of the `i`th of `n` emotion cards of the stage in `column`: spread evenly in the column.
pub fn emotion_x(column: usize, i: usize, n: usize) -> f64 {
    column as f64 + (i + 1) as f64 / (n + 1) as f64
}

/// The curve through the points as SVG path data in the points' units, smoothed with horizontal
/// tangents (no overshoot past a point). Drawn scaled: x by the column width, y by the band's
/// height (`vector-effect: non-scaling-stroke` keeps the line's width).
pub fn emotion_curve(points: &[Point]) -> String {
    use std::fmt::Write;
    let Some((first, rest)) = points.split_first() else { return String::new() };
    let mut d = format!("M {} {}", first.x, first.y);
    let mut prev = first;
    for p in rest {
        let mid = (prev.x + p.x) / 2.0;
        let _ = write!(d, " C {mid} {} {mid} {} {} {}", prev.y, p.y, p.x, p.y);
        prev = p;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_map_to_the_band_top_to_bottom() {
        assert_eq!(emotion_y(2), 0.0);
        assert_eq!(emotion_y(0), 0.5);
        assert_eq!(emotion_y(-2), 1.0);
        assert_eq!(emotion_x(1, 0, 1), 1.5);
        assert_eq!(emotion_x(0, 1, 3), 0.5);
    }

    #[test]
    fn the_curve_passes_through_each_point_with_flat_tangents() {
        let p = |x, y| Point { x, y };
        assert_eq!(emotion_curve(&[]), "");
        assert_eq!(emotion_curve(&[p(0.5, 0.25)]), "M 0.5 0.25");
        assert_eq!(emotion_curve(&[p(0.5, 0.25), p(1.5, 1.0)]), "M 0.5 0.25 C 1 0.25 1 1 1.5 1");
    }
}
