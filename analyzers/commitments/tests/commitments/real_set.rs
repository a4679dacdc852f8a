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

const TSV: &str = include_str!("../data/real_sentences.tsv");

/// One labelled row.
struct Row {
    held_out: bool,
    case: Case,
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
            let [part, _source, _line, speaker, action, _due, question, text] = fields[..] else {
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
