//! Hand-worked examples of each rule: cues, owners, dates, exclusions, and
//! the agreement of question signals with docs/metrics.md#questions.

use callsight_plugin_api::Role;
use callsight_plugin_api::names::signal::QUESTION;

use crate::support::{action_items, analyze, call, owners, questions, segment};

const S: Role = Role::Seller;
const C: Role = Role::Customer;

/// docs/metrics.md#questions, restated as conversation-style implements it: the
/// maximal runs of `? ？ ! ！` holding a question mark. (That crate cannot
/// be linked here: both export the plugin entry symbol.)
fn question_count(text: &str) -> usize {
    let mut count = 0;
    let mut run_has_question = false;
    for c in text.chars() {
        if matches!(c, '?' | '？') {
            run_has_question = true;
        } else if !matches!(c, '!' | '！') {
            count += usize::from(run_has_question);
            run_has_question = false;
        }
    }
    count + usize::from(run_has_question)
}

fn item(owner: &str, cue: &str, when: Option<&str>) -> (String, String, Option<String>) {
    (owner.into(), cue.into(), when.map(str::to_owned))
}

#[test]
fn commitments_belong_to_the_speaker() {
    assert_eq!(
        action_items(S, "I'll send you the deck by Friday."),
        [item("seller", "I'll send", Some("by Friday"))]
    );
    assert_eq!(
        action_items(C, "We're gonna review it next week."),
        [item("customer", "We're gonna review", Some("next week"))]
    );
    assert_eq!(
        action_items(S, "Let me check with legal and get back to you tomorrow."),
        [item("seller", "Let me check", Some("tomorrow"))]
    );
    assert_eq!(
        action_items(C, "Let's schedule the review on the 15th."),
        [item("customer", "Let's schedule", Some("on the 15th"))]
    );
    assert_eq!(
        action_items(S, "I can set up a call with our CTO."),
        [item("seller", "I can set", None)]
    );
}

#[test]
fn requests_belong_to_the_other_side() {
    assert_eq!(
        action_items(S, "Can you get me the org chart?"),
        [item("customer", "Can you get", None)]
    );
    assert_eq!(
        action_items(C, "Could you send over the MSA by EOD?"),
        [item("seller", "Could you send", Some("by EOD"))]
    );
    assert_eq!(owners(C, "Please loop in your CTO."), ["seller"]);
    assert_eq!(owners(S, "Okay, send me the redlines."), ["customer"]);
    assert_eq!(
        owners(S, "Would you mind forwarding the invite?"),
        ["customer"]
    );
    assert_eq!(
        owners(S, "I need you to confirm the seat count."),
        ["customer"]
    );
}

#[test]
fn one_item_per_owner_in_a_sentence() {
    assert_eq!(
        owners(S, "You'll check with Dana, and I'll send the quote."),
        ["customer", "seller"]
    );
    assert_eq!(owners(S, "I'll send it and I'll call you."), ["seller"]);
}

#[test]
fn weak_verbs_need_a_date() {
    assert_eq!(owners(S, "I'll see you on Monday."), ["seller"]);
    assert!(owners(S, "We'll see.").is_empty());
    assert_eq!(owners(C, "Talk to you Thursday."), ["customer"]);
    assert!(owners(C, "Let's talk about pricing.").is_empty());
}

#[test]
fn dates_with_an_action_and_meeting_nouns() {
    assert_eq!(
        action_items(S, "Contract goes out tomorrow."),
        [item("seller", "goes", Some("tomorrow"))]
    );
    assert_eq!(
        action_items(S, "Does Thursday work for a follow-up?"),
        [item("seller", "follow-up", Some("Thursday"))]
    );
    assert!(owners(C, "Our fiscal year ends in June.").is_empty());
}

#[test]
fn in_call_moves_are_not_action_items() {
    for text in [
        "Let me share my screen.",
        "Let me pull up your account.",
        "Let me ask you this.",
        "Let's dive in.",
        "Can you tell me about your team?",
        "Can you hear me?",
        "I'll be honest, it's pricey.",
    ] {
        assert!(owners(S, text).is_empty(), "{text}");
    }
}

#[test]
fn past_habits_refusals_and_hypotheticals_are_not_action_items() {
    for text in [
        "I sent the proposal on Monday.",
        "We already scheduled the kickoff for Thursday.",
        "I emailed you yesterday.",
        "We send the report every Monday.",
        "I won't be able to send it.",
        "We're not going to sign this month.",
        "I can't promise anything by Friday.",
        "If I'd known, I would have called.",
        "I would send it, but legal says no.",
        "We could in theory set up SSO.",
        "If we discounted it, would you sign?",
        "When would we need to sign?",
    ] {
        assert!(owners(C, text).is_empty(), "{text}");
    }
}

#[test]
fn question_sentences_are_split_and_kept_whole() {
    assert_eq!(
        questions("Great. What's the timeline?? And who signs?!"),
        ["What's the timeline??", "And who signs?!"]
    );
    assert_eq!(questions("価格は？ 了解。"), ["価格は？"]);
    assert_eq!(
        questions("Mr. Patel, is it live? Yes."),
        ["Mr. Patel, is it live?"]
    );
    assert!(questions("No questions here! Really.").is_empty());
}

#[test]
fn question_signals_match_rule_8_counts() {
    let texts = [
        "How is the rollout going?",
        "Really?! What do you think?? Great! And the price？ Ok?!?",
        "Seriously!? Fine. 価格は？本当！？",
        "So... what's next? e.g. the API? U.S. pricing?",
        "No question.\nStill none!",
        "He asked \"why?\" and left.",
    ];
    for text in texts {
        let output = analyze(&call(vec![segment(S, 0, 1_000, text)]));
        let signals = output.signals.iter().filter(|s| s.kind == QUESTION).count();
        assert_eq!(signals, question_count(text), "{text}");
    }
    // The documented differences: a run with no words before it, and
    // question marks joined by a full stop.
    assert_eq!(
        (questions("Really? ?").len(), question_count("Really? ?")),
        (1, 2)
    );
    assert_eq!(
        (questions("Sure?.?").len(), question_count("Sure?.?")),
        (1, 2)
    );
}
