//! Precision and recall on real conversational sentences: the earnings21
//! call, the AWS call-analytics sample and two ELITR project meetings,
//! labelled before the rules were tuned on them (`tests/data/
//! real_sentences.tsv`, one sentence a row with its source). About 30 % of
//! the rows are a held-out part that the rules were never tuned on.
//!
//! ```text
//! cargo test -p callsight-commitments --test commitments real_set -- --nocapture
//! ```

use callsight_plugin_api::Role;

use crate::labelled::{Scores, evaluate};
use crate::labelled_set::Case;
use crate::support::action_items;

const TSV: &str = include_str!("../data/real_sentences.tsv");

/// One labelled row.
struct Row {
    held_out: bool,
    case: Case,
    /// The due phrase the labeller marked, if any.
    due: Option<&'static str>,
}

fn role(name: &str) -> Option<Role> {
    match name {
        "seller" => Some(Role::Seller),
        "customer" => Some(Role::Customer),
        "-" => None,
        other => panic!("unknown role {other:?}"),
    }
}

fn rows() -> Vec<Row> {
    TSV.lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&'static str> = line.split('\t').collect();
            let [part, _source, _line, speaker, action, due, question, text] = fields[..] else {
                panic!("a row has 8 fields: {line:?}");
            };
            Row {
                held_out: part == "held_out",
                case: Case {
                    role: role(speaker).expect("a known speaker"),
                    text,
                    action: role(action),
                    question: question == "yes",
                },
                due: (due != "-").then_some(due),
            }
        })
        .collect()
}

fn part(held_out: bool) -> Vec<Case> {
    rows()
        .into_iter()
        .filter(|row| row.held_out == held_out)
        .map(|row| row.case)
        .collect()
}

fn print_and_score(name: &str, held_out: bool) -> Scores {
    let cases = part(held_out);
    evaluate(name, &cases)
}

#[test]
fn the_real_set_is_big_enough() {
    let rows = rows();
    let actions = rows.iter().filter(|r| r.case.action.is_some()).count();
    let questions = rows.iter().filter(|r| r.case.question).count();
    let held_out = rows.iter().filter(|r| r.held_out).count();
    assert!(rows.len() >= 300, "{} rows", rows.len());
    assert!(actions >= 60, "{actions} action items");
    assert!(questions >= 60, "{questions} questions");
    assert!(held_out * 10 >= rows.len() * 3 - 10, "{held_out} held out");
}

#[test]
fn precision_and_recall_on_the_real_tuning_part() {
    let scores = print_and_score("real sentences, tuning part", false);
    assert!(scores.actions.precision() >= 0.85, "{:?}", scores.actions);
    assert!(scores.actions.recall() >= 0.75, "{:?}", scores.actions);
    assert!(
        scores.questions.precision() >= 0.9,
        "{:?}",
        scores.questions
    );
    assert!(scores.questions.recall() >= 0.85, "{:?}", scores.questions);
}

#[test]
fn precision_and_recall_on_the_real_held_out_part() {
    let scores = print_and_score("real sentences, held-out part", true);
    // Floors a little below the figures of the rules tuned on the other
    // part (action items precision 0.611, recall 0.550; questions
    // precision 1.0, recall 0.944): the action-item targets are not met on
    // sentences the rules were not tuned on.
    assert!(scores.actions.precision() >= 0.55, "{:?}", scores.actions);
    assert!(scores.actions.recall() >= 0.50, "{:?}", scores.actions);
    assert!(
        scores.questions.precision() >= 0.95,
        "{:?}",
        scores.questions
    );
    assert!(scores.questions.recall() >= 0.9, "{:?}", scores.questions);
}

/// Of the labelled due phrases that name a day ("by tomorrow", "next
/// week", not "soon" or "after the exam period"), how many the action
/// items carry, over both parts (a measure, not tuned on).
#[test]
fn action_items_carry_the_labelled_due_day() {
    let rows = rows();
    let dated: Vec<&Row> = rows
        .iter()
        .filter(|r| {
            r.due
                .is_some_and(|d| d.split(' ').any(|w| DAY_WORDS.contains(&w)))
        })
        .collect();
    let carried = dated
        .iter()
        .filter(|r| {
            action_items(r.case.role, r.case.text)
                .iter()
                .any(|(_, _, when)| when.is_some())
        })
        .count();
    println!("due days carried: {carried} of {}", dated.len());
    assert!(dated.len() >= 10, "{} dated rows", dated.len());
    // 10 of 15 when measured: the misses are sentences whose action item
    // is not found at all ("a replay will be made available later today").
    assert!(
        carried * 10 >= dated.len() * 6,
        "{carried} of {}",
        dated.len()
    );
}

const DAY_WORDS: &[&str] = &[
    "today",
    "tomorrow",
    "week",
    "Monday",
    "Wednesday",
    "Friday",
    "afternoon",
    "March",
];
