//! The rule comparing a version with the one it is compared with (the to-be with its as-is): it
//! needs both, so [`super::diagnosis_against`] checks it, not the engine's pass over one workspace.

use super::rule::{Category, Reach, Rule};
use crate::element::Severity;

pub static RULES: &[Rule] = &[Rule {
    id: "to-be-adds-errors",
    category: Category::CrossModel,
    documentation: Severity::Error,
    recommended: Severity::Off,
    title: ["比較先の版にないエラーを増やさない", "A version adds no error the version it is compared with lacks"],
    why: [
        "to-be は as-is の問題を解くためのものです。新しいエラーを持ち込んだ to-be は、どこかを壊しています。",
        "A to-be is there to solve the as-is's problems; one that brings in a new error has broken something.",
    ],
    fix: [
        "新たに生じたエラーの指摘を開いて直すか、差分ビューでその変更を取り込み直します。",
        "Open the new error's finding and fix it, or take the change back in the diff view.",
    ],
    ported: false,
    // Reported by `diagnosis_against`, not by a check.
    reach: Reach::Workspace(&[]),
    check: |_, _| {},
}];
