//! Conversations from Markdown, as a consultant writes them up: a `#` heading per conversation, a
//! field list (`- 日付: 2026-09-10`, `- 顧客: 山田製作所`, …) and a `##` heading per perspective
//! (its number or its name, in Japanese or English) with the notes under it. A line starting with
//! `>` is a quote: its words stay in the note and are taken as a quote of that perspective. A file
//! with no `#` heading is one conversation. UTF-8 or CP932; every problem is named by its line;
//! nothing is half-read.
//!
//! ```markdown
//! # 山田製作所 2026-09-10
//! - 日付: 2026-09-10
//! - 顧客ID: C-1001
//! - 顧客: 山田製作所
//! - セグメント: 中堅製造業
//! - 規模: 中堅
//! - 聞き手: 佐藤
//! - 参加者: 山田 健一（生産管理課 課長・推進担当）、小林 誠（工場長・決裁者）
//!
//! ## 1. 顧客の課題と背景
//! 紙の点検表の回収と転記に毎日1時間かかっている。
//! ## 顧客の行動とつまずき
//! > 項目の分け方がわからず2週間止まっていた
//! ```

use michi_core::element::{Conversation, Person, PersonRole, Perspective, Quote};

use crate::dates::parse_datetime;
use crate::error::{CsvError, ProblemKind, Problems, RowProblem};

/// The most conversations one file may hold.
pub const MAX_CONVERSATIONS: usize = 10_000;

/// One conversation as the file gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConversationDoc {
    /// The line of its heading (1 for a file without one).
    pub line: u32,
    pub conversation: Conversation,
    /// The segment named by its field, if any (by the segment's name).
    pub segment: Option<String>,
    /// The quotes (`>` lines), in the file's order.
    pub quotes: Vec<Quote>,
}

enum Field {
    Date,
    AccountId,
    Account,
    Segment,
    Size,
    Industry,
    Motivation,
    Literacy,
    Interviewer,
    People,
}

fn field(key: &str) -> Option<Field> {
    let k = key.trim().to_lowercase();
    Some(match k.as_str() {
        "日付" | "日時" | "date" => Field::Date,
        "顧客id" | "アカウントid" | "account id" | "id" => Field::AccountId,
        "顧客" | "会社" | "顧客名" | "会社名" | "account" | "customer" | "company" => Field::Account,
        "セグメント" | "segment" => Field::Segment,
        "規模" | "企業規模" | "size" => Field::Size,
        "業種" | "industry" => Field::Industry,
        "意欲" | "モチベーション" | "motivation" => Field::Motivation,
        "リテラシー" | "literacy" => Field::Literacy,
        "聞き手" | "担当" | "インタビュアー" | "interviewer" => Field::Interviewer,
        "参加者" | "顧客側の参加者" | "people" | "participants" => Field::People,
        _ => return None,
    })
}

/// A perspective heading: `1`, `1.`, `1 顧客の課題と背景`, or a name (or a short form of one).
fn heading_perspective(text: &str) -> Option<Perspective> {
    let t = text.trim();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    Perspective::parse(if digits.is_empty() { t } else { &digits })
}

fn role(text: &str) -> Option<PersonRole> {
    let t = text.trim();
    PersonRole::ALL.into_iter().find(|r| {
        let name = r.name();
        t == name.ja || t.eq_ignore_ascii_case(&name.en) || t.eq_ignore_ascii_case(&format!("{r:?}"))
    })
}

/// `山田 健一（課長・推進担当）、小林 誠（工場長）`: names, titles and parts.
fn people(text: &str) -> Vec<Person> {
    text.split(['、', ';', '；'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (name, rest) = match p.find(['（', '(']) {
                Some(i) => {
                    let rest = &p[i..];
                    let open = rest.chars().next().map_or(0, char::len_utf8);
                    (p[..i].trim(), rest[open..].trim_end_matches([')', '）']))
                }
                None => (p, ""),
            };
            let mut person = Person { name: name.to_string(), ..Default::default() };
            let mut titles = Vec::new();
            for part in rest.split(['・', ',', '，', '/']).map(str::trim).filter(|s| !s.is_empty()) {
                match role(part) {
                    Some(r) if person.role.is_none() => person.role = Some(r),
                    _ => titles.push(part),
                }
            }
            person.title = titles.join("・");
            person
        })
        .collect()
}

fn push_note(c: &mut Conversation, p: Perspective, line: &str) {
    let note = match p {
        Perspective::Problem => &mut c.notes.problem,
        Perspective::ProductOrOperation => &mut c.notes.product_or_operation,
        Perspective::Proposal => &mut c.notes.proposal,
        Perspective::Behaviour => &mut c.notes.behaviour,
        Perspective::Request => &mut c.notes.request,
    };
    if !note.is_empty() {
        note.push('\n');
    }
    note.push_str(line);
}

fn finish(doc: &mut ConversationDoc) {
    let n = &mut doc.conversation.notes;
    for note in [&mut n.problem, &mut n.product_or_operation, &mut n.proposal, &mut n.behaviour, &mut n.request] {
        *note = note.trim().to_string();
    }
    let c = &mut doc.conversation;
    if c.account.is_empty() {
        c.account = c.account_name.clone();
    }
}

pub fn conversations(bytes: &[u8]) -> Result<Vec<ConversationDoc>, CsvError> {
    if bytes.len() > crate::LIMITS.max_bytes {
        return Err(CsvError::TooLarge { what: "bytes", limit: crate::LIMITS.max_bytes });
    }
    let text = crate::table::decode(bytes)?.0;
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    let mut out: Vec<ConversationDoc> = Vec::new();
    let mut problems = Problems::default();
    let mut current: Option<ConversationDoc> = None;
    let mut perspective: Option<Perspective> = None;
    let mut fenced = false;
    let problem = |line: u32, column: &str, value: &str, message: String| RowProblem {
        line,
        column: column.to_string(),
        value: value.to_string(),
        kind: ProblemKind::BadValue,
        message,
    };
    for (i, raw) in text.lines().enumerate() {
        let n = i as u32 + 1;
        let line = raw.trim_end();
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if let Some(title) = line.strip_prefix("# ").filter(|_| !fenced) {
            if let Some(mut done) = current.take() {
                finish(&mut done);
                out.push(done);
            }
            if out.len() >= MAX_CONVERSATIONS {
                return Err(CsvError::Malformed(format!("more than {MAX_CONVERSATIONS} conversations in one file")));
            }
            let mut c = Conversation::default();
            // `# 山田製作所 2026-09-10` or `# 2026-09-10 山田製作所`: a date among the words dates it.
            let mut words = Vec::new();
            for w in title.split_whitespace() {
                match parse_datetime(w) {
                    Some(d) if c.date.is_none() => c.date = Some(d),
                    _ => words.push(w),
                }
            }
            c.account_name = words.join(" ");
            current = Some(ConversationDoc { line: n, conversation: c, segment: None, quotes: Vec::new() });
            perspective = None;
            continue;
        }
        let doc = current.get_or_insert_with(|| ConversationDoc {
            line: 1,
            conversation: Conversation::default(),
            segment: None,
            quotes: Vec::new(),
        });
        if let Some(h) = line.strip_prefix("## ").filter(|_| !fenced) {
            match heading_perspective(h) {
                Some(p) => perspective = Some(p),
                None => problems.push(problem(
                    n,
                    "##",
                    h,
                    format!(
                        "「{}」 is not one of the five perspectives (1–5, or a name such as 顧客の課題と背景)",
                        h.trim()
                    ),
                )),
            }
            continue;
        }
        match perspective {
            None => {
                let t = line.trim();
                if t.is_empty() {
                    continue;
                }
                let item = t.strip_prefix("- ").or_else(|| t.strip_prefix("* "));
                let Some((key, value)) = item.and_then(|it| it.split_once([':', '：'])) else {
                    problems.push(problem(
                        n,
                        "",
                        t,
                        "before the first perspective heading (##), only fields (- 日付: …) are read".into(),
                    ));
                    continue;
                };
                let value = value.trim();
                let c = &mut doc.conversation;
                match field(key) {
                    Some(Field::Date) => match parse_datetime(value) {
                        Some(d) => c.date = Some(d),
                        None => problems.push(RowProblem {
                            kind: ProblemKind::BadDate,
                            ..problem(n, key.trim(), value, format!("「{value}」 is not a date"))
                        }),
                    },
                    Some(Field::AccountId) => c.account = value.to_string(),
                    Some(Field::Account) => c.account_name = value.to_string(),
                    Some(Field::Segment) => doc.segment = Some(value.to_string()).filter(|s| !s.is_empty()),
                    Some(Field::Size) => match crate::accounts::parse_size(value) {
                        Ok(s) if s.is_some() => c.size = s,
                        _ => problems.push(problem(
                            n,
                            key.trim(),
                            value,
                            format!("「{value}」 is not a size (大手, 中堅, 中小)"),
                        )),
                    },
                    Some(Field::Industry) => c.industry = value.to_string(),
                    Some(f @ (Field::Motivation | Field::Literacy)) => match crate::accounts::parse_level(value) {
                        Ok(Some(l)) if matches!(f, Field::Motivation) => c.motivation = Some(l),
                        Ok(Some(l)) => c.literacy = Some(l),
                        _ => problems.push(problem(
                            n,
                            key.trim(),
                            value,
                            format!("「{value}」 is not a level (高, 中, 低)"),
                        )),
                    },
                    Some(Field::Interviewer) => c.interviewer = value.to_string(),
                    Some(Field::People) => c.people.extend(people(value)),
                    None => problems.push(problem(
                        n,
                        key.trim(),
                        value,
                        format!("「{}」 is not a field Michi knows", key.trim()),
                    )),
                }
            }
            Some(p) => {
                let t = line.trim_start();
                if let Some(q) = t.strip_prefix('>').filter(|_| !fenced) {
                    let q = q.trim();
                    if !q.is_empty() {
                        doc.quotes.push(Quote { text: q.to_string(), perspective: Some(p) });
                        push_note(&mut doc.conversation, p, q);
                    }
                } else {
                    push_note(&mut doc.conversation, p, line);
                }
            }
        }
    }
    if let Some(mut done) = current.take() {
        finish(&mut done);
        out.push(done);
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use michi_core::element::{CompanySize, Level};

    const TWO: &str = "# 山田製作所 2026-09-10\n- 顧客ID: C-1001\n- セグメント: 中堅製造業\n- 規模: 中堅\n- 意欲: 高\n- 聞き手: 佐藤\n- 参加者: 山田 健一（生産管理課 課長・推進担当）、小林 誠（工場長・決裁者）\n\n## 1. 顧客の課題と背景\n紙の点検表の回収に毎日1時間。\n\n## 顧客の行動とつまずき\n> 項目の分け方がわからず2週間止まっていた\nその後CSと一緒に作った。\n\n# 2026-10-01 B社\n## Requests\n> CSVで出したい\n";

    #[test]
    fn two_conversations_with_fields_notes_and_quotes() {
        let docs = conversations(TWO.as_bytes()).unwrap();
        assert_eq!(docs.len(), 2);
        let a = &docs[0];
        assert_eq!(
            (a.line, a.conversation.account.as_str(), a.conversation.account_name.as_str()),
            (1, "C-1001", "山田製作所")
        );
        assert_eq!(a.conversation.date.map(michi_core::derive::evidence::iso_date).as_deref(), Some("2026-09-10"));
        assert_eq!(a.segment.as_deref(), Some("中堅製造業"));
        assert_eq!((a.conversation.size, a.conversation.motivation), (Some(CompanySize::MidMarket), Some(Level::High)));
        assert_eq!(a.conversation.people.len(), 2);
        assert_eq!(
            (a.conversation.people[0].title.as_str(), a.conversation.people[0].role),
            ("生産管理課 課長", Some(PersonRole::Owner))
        );
        assert_eq!(a.conversation.notes.problem, "紙の点検表の回収に毎日1時間。");
        assert_eq!(a.conversation.notes.behaviour, "項目の分け方がわからず2週間止まっていた\nその後CSと一緒に作った。");
        assert_eq!(
            a.quotes,
            vec![Quote {
                text: "項目の分け方がわからず2週間止まっていた".into(),
                perspective: Some(Perspective::Behaviour)
            }]
        );
        let b = &docs[1];
        assert_eq!((b.line, b.conversation.account.as_str()), (16, "B社"));
        assert_eq!(b.quotes[0].perspective, Some(Perspective::Request));
    }

    #[test]
    fn problems_are_named_by_line_and_nothing_is_read() {
        let bad = "# A\n- 日付: 2026-13-40\n- 色: 赤\n## 6. その他\n";
        let CsvError::Rows { problems, total } = conversations(bad.as_bytes()).unwrap_err() else { panic!() };
        assert_eq!(total, 3);
        assert_eq!(problems.iter().map(|p| p.line).collect::<Vec<_>>(), [2, 3, 4]);
        assert_eq!(problems[0].kind, ProblemKind::BadDate);
        assert!(matches!(conversations(b"  \n"), Err(CsvError::Empty)));
    }

    #[test]
    fn cp932_reads_like_utf8() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(TWO);
        assert_eq!(conversations(&bytes).unwrap(), conversations(TWO.as_bytes()).unwrap());
    }
}
