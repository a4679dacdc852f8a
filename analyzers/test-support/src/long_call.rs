//! The benchmarks' 30-minute two-party call, and a words-per-second timer.

use std::hint::black_box;
use std::time::{Duration, Instant};

use callsight_plugin_api::{Analyzer, CallData, Role, SegmentData, WordData};

use crate::calls::participant;

/// The seller's lines of the canonical call.
pub const SELLER_LINES: &[&str] = &[
    "so the way most teams start is with a pilot for one group of reps",
    "what would success look like for you by the end of the quarter?",
    "we plug into your CRM in about a day and your managers see every call",
    "I'll send you the proposal by Friday, does that work for you?",
];
/// The customer's lines of the canonical call.
pub const CUSTOMER_LINES: &[&str] = &[
    "honestly the integration is the part I worry about the most",
    "we have about forty reps and onboarding takes three months right now",
    "that sounds reasonable, but I need to run it past finance first",
];

/// 30 minutes, in ms.
pub const THIRTY_MINUTES_MS: i64 = 30 * 60 * 1000;

/// Words that pad a line out to a turn's 15 words.
const FILLER: [&str; 5] = ["right", "okay", "yes", "sure", "so"];
const TURNS: usize = 300;
const WORDS_PER_TURN: usize = 15;
/// A word is said every 380 ms and lasts 320 ms.
const WORD_STEP_MS: i64 = 380;
const WORD_MS: i64 = 320;
/// Silence after each turn.
const PAUSE_MS: i64 = 400;

/// A 30-minute call: 300 alternating turns of 15 words (4 500 words), the
/// seller first. Turn `i` says line `i % len` of its role's lines, padded
/// with filler words and cut to 15; a word every 380 ms (320 ms long), a
/// 400 ms pause after each turn, so the last turn's pause ends at
/// 1 830 000 ms.
///
/// [`Default`] is the canonical call ([`thirty_minute_call`]); a benchmark
/// whose call differs names what differs with struct update syntax, so
/// each keeps measuring the call it always measured.
#[derive(Debug, Clone)]
pub struct ThirtyMinuteCall<'a> {
    pub seller_lines: &'a [&'a str],
    pub customer_lines: &'a [&'a str],
    /// Speaker labels of the seller and the customer.
    pub seller: &'a str,
    pub customer: &'a str,
    /// Whether the segments carry word timings.
    pub word_timings: bool,
    /// The call's stated duration; `None`: where the last turn's pause ends.
    pub duration_ms: Option<i64>,
    pub started_at_ms: i64,
    /// JSON object; empty means `{}`.
    pub context: &'a str,
}

impl Default for ThirtyMinuteCall<'_> {
    /// [`SELLER_LINES`] and [`CUSTOMER_LINES`] said by `rep` and `client`,
    /// with word timings, a stated duration of 30 minutes, started at 0 ms,
    /// no context.
    fn default() -> Self {
        Self {
            seller_lines: SELLER_LINES,
            customer_lines: CUSTOMER_LINES,
            seller: "rep",
            customer: "client",
            word_timings: true,
            duration_ms: Some(THIRTY_MINUTES_MS),
            started_at_ms: 0,
            context: "",
        }
    }
}

impl<'a> ThirtyMinuteCall<'a> {
    /// The call the keywords and competitors matching benchmarks measure:
    /// their own lines said by `S` and `C`, with word timings, lasting until
    /// the last turn's pause ends (1 830 000 ms), started at 0 ms, with
    /// `context`.
    pub fn matching(
        seller_lines: &'a [&'a str],
        customer_lines: &'a [&'a str],
        context: &'a str,
    ) -> Self {
        Self {
            seller_lines,
            customer_lines,
            seller: "S",
            customer: "C",
            duration_ms: None,
            context,
            ..Self::default()
        }
    }

    pub fn build(&self) -> CallData {
        let mut segments = Vec::with_capacity(TURNS);
        let mut at = 0i64;
        for i in 0..TURNS {
            let seller = i % 2 == 0;
            let lines = if seller {
                self.seller_lines
            } else {
                self.customer_lines
            };
            let text: Vec<&str> = lines[i % lines.len()]
                .split(' ')
                .chain(FILLER)
                .take(WORDS_PER_TURN)
                .collect();
            let start_ms = at;
            let words: Vec<WordData> = text
                .iter()
                .map(|word| {
                    let timed = WordData {
                        text: (*word).into(),
                        start_ms: at,
                        end_ms: at + WORD_MS,
                    };
                    at += WORD_STEP_MS;
                    timed
                })
                .collect();
            segments.push(SegmentData {
                speaker: if seller { self.seller } else { self.customer }.into(),
                role: if seller { Role::Seller } else { Role::Customer },
                start_ms,
                end_ms: at,
                text: text.join(" "),
                words: self.word_timings.then_some(words),
            });
            at += PAUSE_MS;
        }
        CallData {
            language: "en-US".into(),
            duration_ms: self.duration_ms.unwrap_or(at),
            started_at_ms: self.started_at_ms,
            participants: vec![
                participant(self.seller, Role::Seller),
                participant(self.customer, Role::Customer),
            ],
            segments,
            context: self.context.into(),
        }
    }
}

/// The canonical 30-minute call ([`ThirtyMinuteCall::default`]): 4 500
/// timed words between `rep` and `client`.
pub fn thirty_minute_call() -> CallData {
    ThirtyMinuteCall::default().build()
}

/// Runs `analyzer` on `call` (laid out once, as the host lays it out) for
/// about two seconds after a warm-up run, and prints the time per call and
/// the words per second under `name`.
pub fn words_per_second<A: Analyzer>(name: &str, analyzer: &A, call: &CallData) {
    let layout = call.layout();
    let view = layout.view();
    let words: usize = call
        .segments
        .iter()
        .map(|s| s.text.split_whitespace().count())
        .sum();
    let signals = analyzer.analyze(&view).expect("analyzes").signals.len();
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < Duration::from_secs(2) {
        black_box(analyzer.analyze(black_box(&view)).expect("analyzes"));
        runs += 1;
    }
    let per_call = start.elapsed().as_secs_f64() / f64::from(runs);
    println!(
        "{name:<22} {words} words, {signals} signals: {:>8.1} µs/call, {:>6.2} M words/s",
        per_call * 1e6,
        words as f64 / per_call / 1e6
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_canonical_call_has_4_500_timed_words_in_300_turns() {
        let call = thirty_minute_call();
        assert_eq!(call.segments.len(), 300);
        let words: usize = call
            .segments
            .iter()
            .map(|s| s.words.as_ref().map_or(0, Vec::len))
            .sum();
        assert_eq!(words, 4_500);
        assert_eq!(call.duration_ms, THIRTY_MINUTES_MS);
        assert_eq!(call.segments[299].end_ms, 1_829_600);
        let untimed = ThirtyMinuteCall {
            word_timings: false,
            duration_ms: None,
            ..ThirtyMinuteCall::default()
        }
        .build();
        assert!(untimed.segments.iter().all(|s| s.words.is_none()));
        assert_eq!(untimed.duration_ms, 1_830_000);
    }
}
