//! Hand-worked examples of each rule of docs/metrics.md#conversation-style-kpis. Every expected value is
//! worked out in the comments; each test checks all thirteen KPIs at once,
//! so a rule cannot change another's numbers unnoticed.

use callsight_conversation_style::kpis::{self, Kpis, Segment, Turn};
use callsight_plugin_api::Role;

fn seller(start_ms: i64, end_ms: i64, text: &str) -> Segment<'_> {
    Segment::new(Role::Seller, start_ms, end_ms, text)
}

fn customer(start_ms: i64, end_ms: i64, text: &str) -> Segment<'_> {
    Segment::new(Role::Customer, start_ms, end_ms, text)
}

fn other(start_ms: i64, end_ms: i64, text: &str) -> Segment<'_> {
    Segment::new(Role::Other, start_ms, end_ms, text)
}

fn turn(role: Role, start_ms: i64, end_ms: i64) -> Turn {
    Turn {
        role,
        start_ms,
        end_ms,
    }
}

#[test]
fn backchannel_inside_a_seller_stretch_is_absorbed() {
    let segments = [
        // 8 words: Let me walk you through the pricing model
        seller(0, 10_000, "Let me walk you through the pricing model"),
        // 400 ms, 2 words (mm | hmm): a backchannel between two seller
        // segments, so it is skipped.
        customer(4_000, 4_400, "mm-hmm"),
        // 7 words; starts 500 ms after the turn's end (≤ 1000): same turn.
        seller(10_500, 20_000, "so the first tier covers ten seats"),
    ];
    assert_eq!(kpis::turns(&segments), [turn(Role::Seller, 0, 20_000)]);
    assert_eq!(
        kpis::compute(&segments, 20_000),
        Kpis {
            // seller 10 000 + 9 500 = 19 500; customer 400 (still talk time).
            talk_to_listen_ratio: Some(19_500.0 / 19_900.0),
            // One turn: nothing to switch between.
            switch_count: 0,
            switches_per_hour: Some(0.0),
            // The skipped backchannel is no turn.
            longest_customer_monologue_ms: 0,
            longest_seller_monologue_ms: 20_000,
            avg_pause_before_speaking_ms: None,
            interruption_count: 0,
            // 15 words / (19 500 / 60 000) min = 900 000 / 19 500 = 46.15…
            talking_speed_wpm: Some(900_000.0 / 19_500.0),
            seller_question_count: 0,
            customer_question_count: 0,
            duration_ms: 20_000,
            seller_talk_ms: 19_500,
            customer_talk_ms: 400,
        }
    );
}

#[test]
fn backchannel_followed_by_its_own_role_is_kept() {
    let segments = [
        // 5 words, 1 question.
        seller(0, 5_000, "Does that work for you?"),
        // 600 ms, 1 word: backchannel-sized, but the next non-backchannel
        // segment is the customer's own, so it is kept and opens a turn.
        customer(5_200, 5_800, "Yes."),
        // 6 words; 6 000 ≤ 5 800 + 1 000: continues the customer turn.
        customer(6_000, 9_000, "We also need an onboarding plan"),
        // 4 words: Sure | we | include | that.
        seller(9_500, 12_000, "Sure, we include that."),
    ];
    assert_eq!(
        kpis::turns(&segments),
        [
            turn(Role::Seller, 0, 5_000),
            turn(Role::Customer, 5_200, 9_000),
            turn(Role::Seller, 9_500, 12_000),
        ]
    );
    assert_eq!(
        kpis::compute(&segments, 0),
        Kpis {
            // seller 5 000 + 2 500 = 7 500; customer 600 + 3 000 = 3 600.
            talk_to_listen_ratio: Some(7_500.0 / 11_100.0),
            switch_count: 2,
            // 2 switches / (12 000 / 3 600 000 h) = 600 per hour.
            switches_per_hour: Some(600.0),
            longest_customer_monologue_ms: 3_800,
            longest_seller_monologue_ms: 5_000,
            // customer ends 9 000, seller starts 9 500: one pause of 500.
            avg_pause_before_speaking_ms: Some(500.0),
            interruption_count: 0,
            // (5 + 4) words / (7 500 / 60 000) min = 72.
            talking_speed_wpm: Some(72.0),
            seller_question_count: 1,
            customer_question_count: 0,
            // No duration from the source: the largest end.
            duration_ms: 12_000,
            seller_talk_ms: 7_500,
            customer_talk_ms: 3_600,
        }
    );
}

#[test]
fn backchannel_without_a_preceding_segment_is_kept() {
    let segments = [
        // 500 ms, 1 word, but nothing before it: kept, opens the first turn.
        customer(0, 500, "Hi"),
        // 4 words: Hello | thanks | for | joining.
        seller(600, 5_000, "Hello, thanks for joining"),
    ];
    assert_eq!(
        kpis::compute(&segments, 0),
        Kpis {
            // 4 400 / (4 400 + 500)
            talk_to_listen_ratio: Some(4_400.0 / 4_900.0),
            switch_count: 1,
            // 1 × 3 600 000 / 5 000 = 720
            switches_per_hour: Some(720.0),
            longest_customer_monologue_ms: 500,
            longest_seller_monologue_ms: 4_400,
            // 600 − 500 = 100
            avg_pause_before_speaking_ms: Some(100.0),
            interruption_count: 0,
            // 4 words × 60 000 / 4 400 = 54.54…
            talking_speed_wpm: Some(240_000.0 / 4_400.0),
            seller_question_count: 0,
            customer_question_count: 0,
            duration_ms: 5_000,
            seller_talk_ms: 4_400,
            customer_talk_ms: 500,
        }
    );
}

#[test]
fn backchannel_neighbours_are_looked_up_past_other_backchannels() {
    let segments = [
        // 5 words.
        seller(0, 5_000, "I'll share the roadmap now"),
        // Backchannel; nearest non-backchannel before: the seller at 0;
        // after: not the seller's "okay so" (itself backchannel-sized) but
        // the seller at 6 000. Both the other role: skipped.
        customer(5_100, 5_400, "right"),
        // Backchannel-sized (400 ms, 2 words), but its nearest preceding
        // non-backchannel segment is the seller's own: kept. 5 500 ≤ 5 000 +
        // 1 000, so it continues the seller's turn (end 5 900).
        seller(5_500, 5_900, "okay so"),
        // 6 words; 6 000 ≤ 5 900 + 1 000: same turn.
        seller(6_000, 9_000, "the first milestone is in March"),
    ];
    assert_eq!(kpis::turns(&segments), [turn(Role::Seller, 0, 9_000)]);
    let kpis = kpis::compute(&segments, 9_000);
    assert_eq!(kpis.switch_count, 0);
    assert_eq!(kpis.longest_seller_monologue_ms, 9_000);
    assert_eq!(kpis.longest_customer_monologue_ms, 0);
    // seller 5 000 + 400 + 3 000 = 8 400; customer 300.
    assert_eq!((kpis.seller_talk_ms, kpis.customer_talk_ms), (8_400, 300));
}

#[test]
fn a_pause_of_exactly_g_merge_continues_the_turn_and_one_more_ms_does_not() {
    let segments = [
        seller(0, 2_000, "one two three"),
        // 3 000 − 2 000 = 1 000 ≤ G_merge: continues the turn.
        seller(3_000, 5_000, "four five six"),
        // 6 001 − 5 000 = 1 001 > G_merge: a new turn, of the same role.
        seller(6_001, 8_000, "seven eight nine"),
    ];
    assert_eq!(
        kpis::turns(&segments),
        [
            turn(Role::Seller, 0, 5_000),
            turn(Role::Seller, 6_001, 8_000)
        ]
    );
    assert_eq!(
        kpis::compute(&segments, 8_000),
        Kpis {
            // Nobody else talks.
            talk_to_listen_ratio: Some(1.0),
            // Two seller turns in a row are not a switch.
            switch_count: 0,
            switches_per_hour: Some(0.0),
            longest_customer_monologue_ms: 0,
            longest_seller_monologue_ms: 5_000,
            avg_pause_before_speaking_ms: None,
            interruption_count: 0,
            // 9 words × 60 000 / (2 000 + 2 000 + 1 999) = 540 000 / 5 999
            talking_speed_wpm: Some(540_000.0 / 5_999.0),
            seller_question_count: 0,
            customer_question_count: 0,
            duration_ms: 8_000,
            seller_talk_ms: 5_999,
            customer_talk_ms: 0,
        }
    );
}

#[test]
fn the_merge_gap_is_measured_from_the_turns_end_not_the_last_segments() {
    let segments = [
        // 7 words.
        seller(0, 10_000, "a long explanation of the contract terms"),
        // 3 words, inside the first: the turn's end stays 10 000.
        seller(2_000, 3_000, "as I said"),
        // 10 800 ≤ 10 000 + 1 000 (though 7 800 after the last segment's
        // end): same turn. 4 words, 1 question.
        seller(10_800, 12_000, "any questions so far?"),
    ];
    assert_eq!(kpis::turns(&segments), [turn(Role::Seller, 0, 12_000)]);
    let kpis = kpis::compute(&segments, 0);
    assert_eq!(kpis.longest_seller_monologue_ms, 12_000);
    // Union: [0, 10 000) ∪ [10 800, 12 000) = 11 200.
    assert_eq!(kpis.seller_talk_ms, 11_200);
    // 14 words × 60 000 / 11 200 = 75
    assert_eq!(kpis.talking_speed_wpm, Some(75.0));
    assert_eq!(kpis.seller_question_count, 1);
}

#[test]
fn overlapping_speech_counts_once_per_role_and_the_overlap_is_an_interruption() {
    let segments = [
        // 7 words.
        seller(0, 6_000, "let me explain how the integration works"),
        // 4 words, inside the first: no extra talk time, turn end stays 6 000.
        seller(1_000, 3_000, "and why it matters"),
        // 7 words, 1 question; starts while the seller talks: a new turn.
        customer(4_000, 9_000, "sorry, does that include the API access?"),
        // 6 words; starts 1 000 before the customer has finished.
        seller(8_000, 12_000, "yes it includes full API access"),
    ];
    assert_eq!(
        kpis::turns(&segments),
        [
            turn(Role::Seller, 0, 6_000),
            turn(Role::Customer, 4_000, 9_000),
            turn(Role::Seller, 8_000, 12_000),
        ]
    );
    assert_eq!(
        kpis::compute(&segments, 12_000),
        Kpis {
            // seller [0, 6 000) ∪ [8 000, 12 000) = 10 000; customer 5 000;
            // together 15 000 > the 12 000 ms call.
            talk_to_listen_ratio: Some(10_000.0 / 15_000.0),
            switch_count: 2,
            // 2 × 3 600 000 / 12 000
            switches_per_hour: Some(600.0),
            longest_customer_monologue_ms: 5_000,
            longest_seller_monologue_ms: 6_000,
            // 8 000 − 9 000 = −1 000: an interruption, not a pause.
            avg_pause_before_speaking_ms: None,
            interruption_count: 1,
            // (7 + 4 + 6) words × 60 000 / 10 000 = 102
            talking_speed_wpm: Some(102.0),
            seller_question_count: 0,
            customer_question_count: 1,
            duration_ms: 12_000,
            seller_talk_ms: 10_000,
            customer_talk_ms: 5_000,
        }
    );
}

#[test]
fn only_customer_to_seller_overlaps_are_interruptions() {
    let segments = [
        // 6 words.
        customer(0, 5_000, "we need to think about it"),
        // Seller starts 500 before the customer ends: gap −500.
        seller(4_500, 8_000, "I understand, but the offer ends Friday"),
        // Customer starts 1 000 before the seller ends: not counted (rule 6
        // looks at customer → seller changes only).
        customer(7_000, 10_000, "okay let me check with my team"),
    ];
    let kpis = kpis::compute(&segments, 10_000);
    assert_eq!(kpis.switch_count, 2);
    assert_eq!(kpis.interruption_count, 1);
    assert_eq!(kpis.avg_pause_before_speaking_ms, None);
}

#[test]
fn pauses_up_to_g_cap_enter_the_mean_and_longer_ones_are_ignored() {
    let segments = [
        customer(0, 3_000, "what is the price"),
        // 13 000 − 3 000 = 10 000 = G_cap: counted.
        seller(13_000, 15_000, "it's ten dollars"),
        // 2 words but 2 000 ms: not a backchannel. 1 question.
        customer(16_000, 18_000, "per seat?"),
        // 28 001 − 18 000 = 10 001 > G_cap: ignored.
        seller(28_001, 30_000, "yes per seat"),
        customer(31_000, 33_000, "great thanks"),
        // 33 500 − 33 000 = 500: counted.
        seller(33_500, 35_000, "you're welcome"),
    ];
    assert_eq!(
        kpis::compute(&segments, 35_000),
        Kpis {
            // seller 2 000 + 1 999 + 1 500 = 5 499; customer 3 × 2 000 + 1 000 = 7 000
            talk_to_listen_ratio: Some(5_499.0 / 12_499.0),
            // C S C S C S
            switch_count: 5,
            // 5 × 3 600 000 / 35 000 = 514.28…
            switches_per_hour: Some(18_000_000.0 / 35_000.0),
            longest_customer_monologue_ms: 3_000,
            longest_seller_monologue_ms: 2_000,
            // (10 000 + 500) / 2
            avg_pause_before_speaking_ms: Some(5_250.0),
            interruption_count: 0,
            // it's | ten | dollars, yes | per | seat, you're | welcome:
            // 8 words × 60 000 / 5 499
            talking_speed_wpm: Some(480_000.0 / 5_499.0),
            seller_question_count: 0,
            customer_question_count: 1,
            duration_ms: 35_000,
            seller_talk_ms: 5_499,
            customer_talk_ms: 7_000,
        }
    );
}

#[test]
fn a_pause_of_zero_enters_the_mean() {
    let segments = [
        // 8 words: Können Sie mir den Preis nennen, Größe M; 1 question (？).
        seller(0, 30_000, "Können Sie mir den Preis nennen？ Größe M!"),
        // 3 words (one per ideograph), 1 000 ms: not a backchannel.
        customer(30_000, 31_000, "你好吗？"),
        // 1 word, 1 000 ms: backchannel-sized, but nothing follows it: kept.
        seller(31_000, 32_000, "Ja."),
    ];
    assert_eq!(
        kpis::compute(&segments, 0),
        Kpis {
            talk_to_listen_ratio: Some(31_000.0 / 32_000.0),
            switch_count: 2,
            // 2 × 3 600 000 / 32 000 = 225
            switches_per_hour: Some(225.0),
            longest_customer_monologue_ms: 1_000,
            longest_seller_monologue_ms: 30_000,
            // 31 000 − 31 000 = 0
            avg_pause_before_speaking_ms: Some(0.0),
            interruption_count: 0,
            // 9 words × 60 000 / 31 000 = 17.41…
            talking_speed_wpm: Some(540_000.0 / 31_000.0),
            seller_question_count: 1,
            customer_question_count: 1,
            duration_ms: 32_000,
            seller_talk_ms: 31_000,
            customer_talk_ms: 1_000,
        }
    );
}

#[test]
fn timing_only_calls_have_times_but_no_speed_or_questions() {
    let segments = [
        seller(0, 4_000, ""),
        // 700 ms without text: a backchannel on duration alone; between
        // two seller segments, so skipped.
        customer(4_200, 4_900, ""),
        // 5 000 ≤ 4 000 + 1 000: continues the seller's turn.
        seller(5_000, 9_000, ""),
        customer(9_500, 12_000, ""),
    ];
    assert_eq!(
        kpis::turns(&segments),
        [
            turn(Role::Seller, 0, 9_000),
            turn(Role::Customer, 9_500, 12_000)
        ]
    );
    assert_eq!(
        kpis::compute(&segments, 0),
        Kpis {
            // seller 4 000 + 4 000 = 8 000; customer 700 + 2 500 = 3 200.
            talk_to_listen_ratio: Some(8_000.0 / 11_200.0),
            switch_count: 1,
            // 1 × 3 600 000 / 12 000
            switches_per_hour: Some(300.0),
            longest_customer_monologue_ms: 2_500,
            longest_seller_monologue_ms: 9_000,
            // The only change is seller → customer.
            avg_pause_before_speaking_ms: None,
            interruption_count: 0,
            // No text: no speed.
            talking_speed_wpm: None,
            seller_question_count: 0,
            customer_question_count: 0,
            duration_ms: 12_000,
            seller_talk_ms: 8_000,
            customer_talk_ms: 3_200,
        }
    );
}

#[test]
fn the_sources_duration_wins_unless_it_is_missing_or_too_short() {
    let segments = [seller(0, 4_000, ""), customer(9_500, 12_000, "")];
    // Given and longer than the speech: kept. 1 switch × 3 600 000 / 15 000.
    let kpis = kpis::compute(&segments, 15_000);
    assert_eq!(kpis.duration_ms, 15_000);
    assert_eq!(kpis.switches_per_hour, Some(240.0));
    // Shorter than the largest end, or missing: the largest end.
    assert_eq!(kpis::compute(&segments, 10_000).duration_ms, 12_000);
    assert_eq!(kpis::compute(&segments, 0).duration_ms, 12_000);
    // Other roles' segments count towards it (and only towards it).
    let with_other = [seller(0, 4_000, ""), other(3_000, 20_000, "")];
    let kpis = kpis::compute(&with_other, 0);
    assert_eq!(kpis.duration_ms, 20_000);
    assert_eq!(kpis.seller_talk_ms, 4_000);
    assert_eq!(kpis.talk_to_listen_ratio, Some(1.0));
}

#[test]
fn a_call_where_the_customer_never_speaks() {
    let segments = [seller(0, 30_000, "hello is anyone there I cannot hear you")];
    assert_eq!(
        kpis::compute(&segments, 60_000),
        Kpis {
            // 30 000 / (30 000 + 0)
            talk_to_listen_ratio: Some(1.0),
            switch_count: 0,
            switches_per_hour: Some(0.0),
            longest_customer_monologue_ms: 0,
            longest_seller_monologue_ms: 30_000,
            avg_pause_before_speaking_ms: None,
            interruption_count: 0,
            // 8 words (hello is anyone there I cannot hear you) × 60 000 / 30 000
            talking_speed_wpm: Some(16.0),
            seller_question_count: 0,
            customer_question_count: 0,
            duration_ms: 60_000,
            seller_talk_ms: 30_000,
            customer_talk_ms: 0,
        }
    );
}

#[test]
fn a_call_where_the_seller_never_speaks() {
    let segments = [customer(0, 5_000, "hello?")];
    let kpis = kpis::compute(&segments, 0);
    // 0 / (0 + 5 000)
    assert_eq!(kpis.talk_to_listen_ratio, Some(0.0));
    // No seller text at all: no speed.
    assert_eq!(kpis.talking_speed_wpm, None);
    assert_eq!(kpis.longest_seller_monologue_ms, 0);
    assert_eq!(kpis.customer_question_count, 1);
}

#[test]
fn a_call_without_seller_or_customer_speech() {
    let empty = kpis::compute(&[], 0);
    assert_eq!(
        empty,
        Kpis {
            // 0 / 0
            talk_to_listen_ratio: None,
            switch_count: 0,
            // duration 0
            switches_per_hour: None,
            longest_customer_monologue_ms: 0,
            longest_seller_monologue_ms: 0,
            avg_pause_before_speaking_ms: None,
            interruption_count: 0,
            talking_speed_wpm: None,
            seller_question_count: 0,
            customer_question_count: 0,
            duration_ms: 0,
            seller_talk_ms: 0,
            customer_talk_ms: 0,
        }
    );
    // Only an `Other` speaker, with a question: it only makes the duration.
    let kpis = kpis::compute(&[other(0, 5_000, "Is this recorded?")], 0);
    assert_eq!(
        kpis,
        Kpis {
            duration_ms: 5_000,
            switches_per_hour: Some(0.0),
            ..empty
        }
    );
}

#[test]
fn other_speakers_do_not_break_or_make_turns() {
    let segments = [
        seller(0, 3_000, "let me add my colleague"),
        // A long `Other` segment between the two seller segments.
        other(3_100, 9_000, "hi everyone this is Sam from support"),
        // 3 500 ≤ 3 000 + 1 000: the seller's turn goes on.
        seller(3_500, 6_000, "Sam knows the product best"),
    ];
    assert_eq!(kpis::turns(&segments), [turn(Role::Seller, 0, 6_000)]);
    assert_eq!(kpis::compute(&segments, 0).duration_ms, 9_000);
}

#[test]
fn questions_are_runs_of_marks_counted_per_segment_and_role() {
    let segments = [
        // "？" (1)
        seller(0, 2_000, "Is it？"),
        // "?!?" (1), "!" (0)
        seller(2_000, 4_000, "What?!? Really!"),
        // "Right?" ends this segment and "?" starts the next: 2, not 1.
        seller(4_000, 6_000, "Right?"),
        seller(6_000, 8_000, "? ok"),
        // "!" (0), then "！？" (1)
        customer(8_000, 10_000, "Great! 本当！？"),
        // Not seller or customer: ignored.
        other(10_000, 12_000, "Any questions?"),
    ];
    let kpis = kpis::compute(&segments, 0);
    assert_eq!(kpis.seller_question_count, 4);
    assert_eq!(kpis.customer_question_count, 1);
}

#[test]
fn word_timings_give_the_word_count_when_present() {
    // 5 words in the text, 3 timed words: the timings win.
    let text = "Hello there, how are you?";
    let timed = seller(0, 60_000, text).with_timed_words(3);
    assert_eq!(timed.words, 3);
    // 3 words in one minute.
    assert_eq!(kpis::compute(&[timed], 0).talking_speed_wpm, Some(3.0));
    // The same segment without timings: 5 words in one minute.
    let untimed = seller(0, 60_000, text);
    assert_eq!(untimed.words, 5);
    assert_eq!(kpis::compute(&[untimed], 0).talking_speed_wpm, Some(5.0));
    // An empty timing array is still word data: 0 wpm, not null.
    let no_words = seller(0, 60_000, "").with_timed_words(0);
    assert_eq!(kpis::compute(&[no_words], 0).talking_speed_wpm, Some(0.0));
}

#[test]
fn backchannels_are_judged_on_duration_and_word_count() {
    // 1 000 ms and 2 words: the limits themselves are backchannels.
    assert!(customer(0, 1_000, "mm-hmm").is_backchannel());
    // 1 001 ms is too long.
    assert!(!customer(0, 1_001, "yes").is_backchannel());
    // 3 words is too many: oh | I | see.
    assert!(!customer(0, 900, "oh I see").is_backchannel());
    // Timed words decide over the text: 3 words of text, 2 timed.
    assert!(
        customer(0, 900, "oh I see")
            .with_timed_words(2)
            .is_backchannel()
    );
    // No text, no words: duration alone.
    assert!(customer(0, 1_000, "").is_backchannel());
    assert!(!customer(0, 1_001, "").is_backchannel());
    // Unicode: 你 | 好 | 吗 is 3 words.
    assert!(!customer(0, 500, "你好吗").is_backchannel());
    assert!(customer(0, 500, "はい").is_backchannel());
}

#[test]
fn input_order_does_not_matter() {
    let sorted = [
        seller(0, 10_000, "Let me walk you through the pricing model"),
        customer(4_000, 4_400, "mm-hmm"),
        seller(10_500, 20_000, "so the first tier covers ten seats?"),
        customer(19_000, 25_000, "what about support?"),
    ];
    let mut reversed = sorted;
    reversed.reverse();
    assert_eq!(kpis::compute(&reversed, 0), kpis::compute(&sorted, 0));
    assert_eq!(kpis::turns(&reversed), kpis::turns(&sorted));
}
