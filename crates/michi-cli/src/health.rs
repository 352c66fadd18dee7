//! `michi health`: an accounts file scored on the workspace's health model, nothing stored.

use std::path::Path;

use michi_core::health::read::{self, AccountLine};
use michi_core::health::{Bonfire, HealthModel, Quadrant, Verdict};
use michi_core::{Edit, ElementData, IdGen, perform};
use michi_store::Store;

pub fn run(file: &Path, accounts: &Path, format: &str, as_of: Option<&str>, japanese: bool) -> Result<(), String> {
    let snapshot = Store::read(file).map_err(|e| e.to_string())?;
    let mut ws = snapshot.workspace;
    let model: HealthModel = read::model(&ws).map(|(_, m)| m.clone()).unwrap_or_default();
    let bytes = std::fs::read(accounts).map_err(|e| format!("cannot read {}: {e}", accounts.display()))?;
    let table = michi_csv::read_table(&bytes).map_err(|e| format!("{}: {e}", accounts.display()))?;
    let mapping = michi_csv::account_preview(&table, Some(&model))
        .guess
        .ok_or_else(|| format!("{}: no column looks like an account id (顧客ID, account id…)", accounts.display()))?;
    let as_of = match as_of {
        Some(d) => michi_csv::parse_datetime(d).ok_or_else(|| format!("--as-of {d} is not a date"))?,
        None => {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
        }
    };
    let name = accounts.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (snap, _, _) =
        michi_csv::account_snapshot(&table, &mapping, &ws, None, Some(&model), name.clone(), name, as_of)
            .map_err(|e| format!("{}: {e}", accounts.display()))?;
    // Scored in memory, as the app would after importing: the workspace on disk is not touched.
    let mut ids = IdGen::random();
    if read::model(&ws).is_none() {
        perform(&mut ws, Edit::SetHealthModel { model: model.clone() }, &mut ids).map_err(|e| e.to_string())?;
    }
    perform(&mut ws, Edit::Create { data: ElementData::AccountSnapshot(snap) }, &mut ids).map_err(|e| e.to_string())?;
    let pick = |t: &michi_core::Text| if japanese { t.ja.clone() } else { t.en.clone() };
    let score = |x: Option<f64>| x.map(|v| format!("{:.0}", v)).unwrap_or_default();
    let verdict = |v: Verdict| match v {
        Verdict::Weak(l) => pick(&l.name()),
        Verdict::Unknown(l) => format!("{}?", pick(&l.name())),
        Verdict::Healthy => (if japanese { "なし" } else { "none" }).to_string(),
    };
    let quadrant = |q: Option<Quadrant>| {
        let (ja, en) = match q {
            Some(Quadrant::Success) => ("成功", "success"),
            Some(Quadrant::Kindling) => ("薪はあるが火が弱い", "kindling"),
            Some(Quadrant::AtRisk) => ("火はあるが薪が弱い", "at risk"),
            Some(Quadrant::ChurnRisk) => ("解約リスク", "churn risk"),
            None => ("", ""),
        };
        (if japanese { ja } else { en }).to_string()
    };
    if format == "json" {
        // Every account's page in one pass (explanations and next actions included).
        let mut pages = read::accounts(&ws);
        pages.sort_by(|a, b| a.line.id.cmp(&b.line.id));
        let rows: Vec<serde_json::Value> = pages
            .iter()
            .map(|p| {
                let l: &AccountLine = &p.line;
                serde_json::json!({
                    "id": l.id, "name": l.name, "segment": l.segment,
                    "stage": l.stage.as_ref().map(|s| s.name.clone()),
                    "scores": Bonfire::CHAIN.iter().map(|b| (format!("{b:?}").to_lowercase(), serde_json::json!(l.score.links[b.index()]))).collect::<serde_json::Map<_, _>>(),
                    "overall": l.score.overall,
                    "quadrant": l.quadrant,
                    "verdict": l.score.verdict,
                    "explanation": pick(&p.explanation),
                    "nextActions": p.next_actions.iter().map(|a| pick(&a.text)).collect::<Vec<_>>(),
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&rows).expect("JSON values serialise");
        return write_out(format!("{text}\n").as_bytes());
    }
    let query = read::TableQuery { limit: u32::MAX, ..Default::default() };
    let mut table = read::table(&ws, &query);
    // The file's ids in order, as a spreadsheet user sorts them.
    table.rows.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = csv::Writer::from_writer(Vec::new());
    let header: [&str; 12] = if japanese {
        [
            "顧客ID",
            "会社名",
            "セグメント",
            "ステージ",
            "薪",
            "種火",
            "送風",
            "焚き火の状態",
            "総合",
            "象限",
            "弱い環",
            "次の一手",
        ]
    } else {
        [
            "id",
            "name",
            "segment",
            "stage",
            "firewood",
            "ember",
            "wind",
            "fire",
            "overall",
            "quadrant",
            "weak link",
            "next action",
        ]
    };
    out.write_record(header).map_err(|e| e.to_string())?;
    for l in &table.rows {
        out.write_record([
            l.id.clone(),
            l.name.clone(),
            l.segment.clone(),
            l.stage.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
            score(l.score.links[0]),
            score(l.score.links[1]),
            score(l.score.links[2]),
            score(l.score.links[3]),
            score(l.score.overall),
            quadrant(l.quadrant),
            verdict(l.score.verdict),
            l.next_action.as_ref().map(pick).unwrap_or_default(),
        ])
        .map_err(|e| e.to_string())?;
    }
    let bytes = out.into_inner().map_err(|e| e.to_string())?;
    write_out(&bytes)
}

/// Writes to the standard output; a reader that stops early (`| head`) is not an error.
fn write_out(bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    match std::io::stdout().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("cannot write the output: {e}")),
        _ => Ok(()),
    }
}
