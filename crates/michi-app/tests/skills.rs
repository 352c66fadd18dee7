//! The skill matrix through the application layer, on real workspace files: assessments exported
//! as CSV and imported back (long and wide, UTF-8 and CP932) as one undoable step, a bad file
//! refused whole with its lines and columns, and what a relaunch reads.

use std::path::PathBuf;

use michi_app::skills::{self, parse_day};
use michi_app::{ErrorCode, Language, Screen, ScreenData, Session, Show};
use michi_core::derive::skills::{AssessmentShape, SkillMatrix};
use michi_core::{Edit, ElementKind};

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn screen() -> Show {
    Show::screen(Screen::Skills { as_of: None, compare: None, person: None })
}

/// A person's name, a skill's key, current, target, N/A.
type CellKey = (String, String, Option<u8>, Option<u8>, bool);

/// Each person's cells, by name and skill key: what two matrices are compared by.
fn cells(m: &SkillMatrix) -> Vec<CellKey> {
    let mut out = Vec::new();
    for p in &m.people {
        for (s, c) in m.skills.iter().zip(&p.cells) {
            out.push((p.person.name.clone(), s.key.clone(), c.current, c.target, c.not_applicable));
        }
    }
    out
}

fn without_team(s: &mut Session) {
    let people: Vec<_> = s.workspace().elements_of_kind(ElementKind::TeamMember).map(|e| e.id.clone()).collect();
    s.edit(Edit::Delete { ids: people }, &screen()).unwrap();
    assert!(s.skills(None).people.is_empty());
}

#[test]
fn long_csv_round_trips_the_whole_history_in_one_undoable_step() {
    let f = Fixture::new();
    let a = Session::create(&f.path("a.michi"), true, false).unwrap();
    let csv = f.path("assessments.csv");
    a.export_assessments(AssessmentShape::Long, None, Language::Ja, &csv).unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{feff}名前,役割,スキル,日付,現在,目標,評価者,根拠\r\n"), "{text}");
    assert_eq!(text.lines().count(), 1 + 22, "a row per assessment, the history included");

    let mut b = Session::create(&f.path("b.michi"), true, false).unwrap();
    without_team(&mut b);
    let r = b.import_assessments_csv(&csv, &screen()).unwrap();
    assert_eq!(r.state.undo.as_ref().unwrap().en, "import assessments");
    let ScreenData::Skills { matrix, .. } = &r.shown.screen else { panic!("the skills screen") };
    assert_eq!(cells(matrix), cells(&a.skills(None)));
    // The earlier day reads the same too: the history came with it.
    let spring = parse_day("2026-05-01").unwrap();
    assert_eq!(cells(&b.skills(Some(spring))), cells(&a.skills(Some(spring))));
    assert_eq!(matrix.functions[0].qualified.len(), 1);

    // Relaunch: the file holds it.
    let path = b.path().unwrap().to_path_buf();
    drop(b);
    let mut b = Session::open(&path).unwrap();
    assert_eq!(cells(&b.skills(None)), cells(&a.skills(None)));
    // One undo takes the whole file back.
    b.undo(&screen()).unwrap();
    assert!(b.skills(None).people.is_empty());
}

#[test]
fn a_wide_cp932_matrix_from_excel_is_read_with_targets_and_na() {
    let f = Fixture::new();
    let mut s = Session::create(&f.path("w.michi"), true, false).unwrap();
    let text = "氏名,役割,日付,リスクの把握,Renewal,expansion\r\n\
                鈴木 健太,アカウントマネージャー,2026/11/20,3→4,3,\r\n\
                伊藤 花,アカウントマネージャー,2026/11/20,2/3,N/A,対象外\r\n";
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable);
    let path = f.path("matrix.csv");
    std::fs::write(&path, &bytes).unwrap();
    let r = s.import_assessments_csv(&path, &screen()).unwrap();
    let ScreenData::Skills { matrix, .. } = &r.shown.screen else { panic!() };
    let row = |name: &str| matrix.people.iter().find(|p| p.person.name == name).unwrap();
    let at = |key: &str| matrix.skills.iter().position(|s| s.key == key).unwrap();
    let suzuki = &row("鈴木 健太").cells[at("risk")];
    assert_eq!((suzuki.current, suzuki.target), (Some(3), Some(4)));
    let ito = row("伊藤 花");
    assert_eq!((ito.cells[at("risk")].current, ito.cells[at("risk")].target), (Some(2), Some(3)));
    assert!(ito.cells[at("renewal")].not_applicable && ito.cells[at("expansion")].not_applicable);
    assert_eq!(matrix.as_of, Some(parse_day("2026-11-20").unwrap()));
    // 鈴木 now meets Account Management: two do, the marks go.
    assert_eq!(matrix.functions[0].qualified.len(), 2);
    assert!(matrix.plays.iter().all(|p| !p.marked));
}

#[test]
fn a_bad_file_is_refused_whole_naming_lines_and_columns() {
    let f = Fixture::new();
    let mut s = Session::create(&f.path("e.michi"), true, false).unwrap();
    let before = s.workspace().clone();
    let path = f.path("bad.csv");
    std::fs::write(
        &path,
        "name,skill,date,current,target\n\
         伊藤 花,renewal,2026-11-01,3,4\n\
         伊藤 花,juggling,2026-11-01,7,\n\
         ,risk,someday,2,9\n",
    )
    .unwrap();
    let e = s.import_assessments_csv(&path, &screen()).unwrap_err();
    assert_eq!(e.code, ErrorCode::BadCsv, "{e:?}");
    let at: Vec<(u32, &str)> = e.problems.iter().map(|p| (p.line, p.column.as_str())).collect();
    assert_eq!(at, [(3, "skill"), (3, "current"), (4, "name"), (4, "date"), (4, "target")]);
    assert!(e.problems[0].message.contains("「juggling」 is not a skill"), "{:?}", e.problems[0]);
    assert_eq!(s.workspace(), &before, "nothing was read");

    std::fs::write(&path, "name,date,Juggling\nA,2026-11-01,3\n").unwrap();
    let e = s.import_assessments_csv(&path, &screen()).unwrap_err();
    assert!(e.message.contains("column 「Juggling」 is not a skill"), "{e:?}");
    std::fs::write(&path, "name,skill,current\nA,risk,3\n").unwrap();
    assert!(s.import_assessments_csv(&path, &screen()).unwrap_err().message.contains("no date column"));
}

#[test]
fn the_screen_compares_two_days_and_the_gaps_export_in_every_format() {
    let f = Fixture::new();
    let s = Session::create(&f.path("c.michi"), true, false).unwrap();
    let spring = parse_day("2026-05-01").unwrap();
    let shown = s.show(&Show::screen(Screen::Skills { as_of: None, compare: Some(spring), person: None })).unwrap();
    let ScreenData::Skills { changes, roles, .. } = shown.screen else { panic!() };
    let changes = changes.unwrap();
    assert!(changes.iter().any(|c| c.person.name == "鈴木 健太" && c.from == Some(1) && c.to == Some(2)));
    assert_eq!(roles.len(), 1);
    assert_eq!(roles[0].function_name.en, "Account management");

    for (name, needle) in [
        ("gaps.md", "| アカウントマネジメント"),
        ("gaps.html", "<table"),
        ("gaps.csv", "機能,必要な人数,要件を満たす人"),
        ("gaps.json", "\"qualified\""),
    ] {
        let path = f.path(name);
        s.export_skill_gaps(None, Language::Ja, &path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(needle), "{name}: {text}");
    }
    // The CLI's bytes are the app's.
    let file = s.path().unwrap().to_path_buf();
    let ws = s.workspace().clone();
    drop(s);
    let md = skills::skills_file(
        &file,
        None,
        None,
        michi_app::outputs::TableFormat::Document(michi_app::outputs::Format::Markdown),
        Language::En,
    )
    .unwrap();
    let direct = skills::gaps_bytes(
        &ws,
        None,
        michi_app::outputs::TableFormat::Document(michi_app::outputs::Format::Markdown),
        Language::En,
    )
    .unwrap();
    assert_eq!(md, direct);
    assert!(String::from_utf8(md).unwrap().contains("| Account management <!-- function-"));
}
