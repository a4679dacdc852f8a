//! Properties of the KPIs over random calls, and the turn rule checked
//! against a plain restatement of rule 3.

use std::collections::HashSet;

use callsight_conversation_style::kpis::{self, G_MERGE_MS, Segment, Turn};
use callsight_plugin_api::Role;
use proptest::prelude::*;

/// Texts of varied word and question counts, backchannels included.
const TEXTS: &[&str] = &[
    "",
    "yes",
    "mm-hmm",
    "okay sure?",
    "what about the price?!",
    "let me walk you through our pricing model",
    "你好吗？",
];

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![
        9 => Just(Role::Seller),
        9 => Just(Role::Customer),
        2 => Just(Role::Other),
    ]
}

fn segment() -> impl Strategy<Value = Segment<'static>> {
    (
        role(),
        0..60_000_i64,
        // Short segments often, so that backchannels are common.
        prop_oneof![1..1_500_i64, 1..12_000_i64],
        prop::sample::select(TEXTS),
        prop::option::of(0..5_usize),
    )
        .prop_map(|(role, start, length, text, timed)| {
            let segment = Segment::new(role, start, start + length, text);
            match timed {
                Some(words) => segment.with_timed_words(words),
                None => segment,
            }
        })
}

fn call() -> impl Strategy<Value = (Vec<Segment<'static>>, i64)> {
    (
        prop::collection::vec(segment(), 0..40),
        prop_oneof![Just(0_i64), 0..80_000_i64],
    )
}

/// A call whose segments all differ in (start, end), so that sorting fixes
/// their order completely, with the same segments shuffled.
fn shuffled_call() -> impl Strategy<Value = (Vec<Segment<'static>>, Vec<Segment<'static>>, i64)> {
    call().prop_flat_map(|(segments, duration)| {
        let mut seen = HashSet::new();
        let distinct: Vec<_> = segments
            .into_iter()
            .filter(|s| seen.insert((s.start_ms, s.end_ms)))
            .collect();
        (
            Just(distinct.clone()),
            Just(distinct).prop_shuffle(),
            Just(duration),
        )
    })
}

fn counts(segment: &Segment<'_>) -> bool {
    matches!(segment.role, Role::Seller | Role::Customer)
}

/// Talk time by brute force: the milliseconds some segment of `role` covers.
fn covered_ms(segments: &[Segment<'_>], role: Role) -> i64 {
    let mut covered = vec![false; 80_000];
    for s in segments.iter().filter(|s| s.role == role) {
        for ms in s.start_ms..s.end_ms {
            covered[ms as usize] = true;
        }
    }
    covered.iter().filter(|&&c| c).count() as i64
}

/// Rule 3 as the spec states it, quadratic and without shortcuts.
fn reference_turns(segments: &[Segment<'_>]) -> Vec<Turn> {
    let mut walk: Vec<&Segment<'_>> = segments.iter().filter(|s| counts(s)).collect();
    walk.sort_by_key(|s| (s.start_ms, s.end_ms));
    let mut turns: Vec<Turn> = Vec::new();
    for (i, s) in walk.iter().enumerate() {
        if s.is_backchannel() {
            let before = walk[..i].iter().rev().find(|n| !n.is_backchannel());
            let after = walk[i + 1..].iter().find(|n| !n.is_backchannel());
            if let (Some(before), Some(after)) = (before, after)
                && before.role != s.role
                && after.role != s.role
            {
                continue;
            }
        }
        let continues = turns
            .last()
            .is_some_and(|t| t.role == s.role && s.start_ms <= t.end_ms + G_MERGE_MS);
        if continues {
            let turn = turns.last_mut().expect("checked");
            turn.end_ms = turn.end_ms.max(s.end_ms);
        } else {
            turns.push(Turn {
                role: s.role,
                start_ms: s.start_ms,
                end_ms: s.end_ms,
            });
        }
    }
    turns
}

fn customer_to_seller_pairs(turns: &[Turn]) -> u64 {
    turns
        .windows(2)
        .filter(|w| w[0].role == Role::Customer && w[1].role == Role::Seller)
        .count() as u64
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn ratio_is_a_share((segments, duration) in call()) {
        let kpis = kpis::compute(&segments, duration);
        let talk = kpis.seller_talk_ms + kpis.customer_talk_ms;
        match kpis.talk_to_listen_ratio {
            Some(ratio) => prop_assert!((0.0..=1.0).contains(&ratio) && talk > 0),
            None => prop_assert_eq!(talk, 0),
        }
    }

    #[test]
    fn talk_times_fit_the_call((segments, duration) in call()) {
        let kpis = kpis::compute(&segments, duration);
        let (seller, customer) = (kpis.seller_talk_ms, kpis.customer_talk_ms);
        prop_assert!(seller <= kpis.duration_ms && customer <= kpis.duration_ms);
        let raw: i64 = segments.iter().filter(|s| counts(s)).map(Segment::duration_ms).sum();
        prop_assert!(seller + customer >= seller.max(customer));
        prop_assert!(seller + customer <= raw);
    }

    #[test]
    fn talk_time_is_the_covered_time((segments, duration) in call()) {
        let kpis = kpis::compute(&segments, duration);
        prop_assert_eq!(kpis.seller_talk_ms, covered_ms(&segments, Role::Seller));
        prop_assert_eq!(kpis.customer_talk_ms, covered_ms(&segments, Role::Customer));
    }

    #[test]
    fn duration_covers_every_segment((segments, duration) in call()) {
        let kpis = kpis::compute(&segments, duration);
        let largest_end = segments.iter().map(|s| s.end_ms).max().unwrap_or(0);
        prop_assert_eq!(kpis.duration_ms, duration.max(largest_end));
    }

    #[test]
    fn turns_follow_rule_3((segments, _duration) in call()) {
        prop_assert_eq!(kpis::turns(&segments), reference_turns(&segments));
    }

    #[test]
    fn switches_and_monologues_are_bounded((segments, duration) in call()) {
        let kpis = kpis::compute(&segments, duration);
        let turns = kpis::turns(&segments);
        prop_assert!(kpis.switch_count <= turns.len().saturating_sub(1) as u64);
        prop_assert!(kpis.longest_seller_monologue_ms <= kpis.duration_ms);
        prop_assert!(kpis.longest_customer_monologue_ms <= kpis.duration_ms);
    }

    #[test]
    fn pauses_and_interruptions_are_bounded((segments, duration) in call()) {
        let kpis = kpis::compute(&segments, duration);
        let pairs = customer_to_seller_pairs(&kpis::turns(&segments));
        prop_assert!(kpis.interruption_count <= pairs);
        if let Some(pause) = kpis.avg_pause_before_speaking_ms {
            prop_assert!((0.0..=kpis::G_CAP_MS as f64).contains(&pause));
            prop_assert!(kpis.interruption_count < pairs);
        }
    }

    #[test]
    fn input_order_does_not_matter((sorted, shuffled, duration) in shuffled_call()) {
        prop_assert_eq!(kpis::turns(&shuffled), kpis::turns(&sorted));
        prop_assert_eq!(kpis::compute(&shuffled, duration), kpis::compute(&sorted, duration));
    }
}
