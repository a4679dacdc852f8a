//! The conversation-style KPIs of docs/metrics.md#conversation-style-kpis, as pure functions over a plain
//! list of [`Segment`]s, so every rule can be tested without the plugin host.
//!
//! All times are integer milliseconds. Every ratio is computed as one
//! division of exact integers (see `per`), so each floating-point result is
//! the exact value rounded once.

use callsight_plugin_api::Role;

use crate::text;

/// Rule 3: a same-role segment starting at most this long after the current
/// turn's end continues that turn. Defined in the plugin API because the
/// importers cut word-timed transcripts at the same pause.
pub use callsight_plugin_api::turns::G_MERGE_MS;
/// Rule 6: a pause longer than this before the seller speaks is not a pause
/// but a silence (the call was put on hold, a screen was shared, …), so it
/// stays out of the mean.
pub const G_CAP_MS: i64 = 10_000;
/// docs/metrics.md#backchannels: a backchannel ("mm-hmm", "right") lasts at most this long…
pub const BACKCHANNEL_MAX_MS: i64 = 1_000;
/// …and has at most this many words.
pub const BACKCHANNEL_MAX_WORDS: usize = 2;

const MS_PER_MINUTE: u64 = 60_000;
const MS_PER_HOUR: u64 = 3_600_000;

/// One segment of the call, as the KPI maths needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment<'a> {
    /// `Other` segments count only towards the duration (rule 9).
    pub role: Role,
    pub start_ms: i64,
    pub end_ms: i64,
    /// Number of words: the word-timing array's length when the source had
    /// word timings, else the UAX #29 words of `text` (rule 7).
    pub words: usize,
    /// Whether the source had word timings for this segment (even none).
    pub timed_words: bool,
    /// Empty for timing-only sources.
    pub text: &'a str,
}

impl<'a> Segment<'a> {
    /// A segment without word timings: its words are counted in `text`.
    pub fn new(role: Role, start_ms: i64, end_ms: i64, text: &'a str) -> Self {
        Self {
            role,
            start_ms,
            end_ms,
            words: text::word_count(text),
            timed_words: false,
            text,
        }
    }

    /// The same segment with `words` timed words, which then give its word
    /// count instead of its text (rule 7).
    pub fn with_timed_words(self, words: usize) -> Self {
        Self {
            words,
            timed_words: true,
            ..self
        }
    }

    pub fn duration_ms(&self) -> i64 {
        self.end_ms - self.start_ms
    }

    /// Seller and customer speech; everything else is ignored by rules 1–8.
    fn is_conversation(&self) -> bool {
        matches!(self.role, Role::Seller | Role::Customer)
    }

    /// A segment of no length is no speech: the importers drop them (docs/import.md#normalisation), and
    /// so does the analyzer, should a host pass one anyway.
    fn is_speech(&self) -> bool {
        self.end_ms > self.start_ms
    }

    /// Whether the segment has any text to count words in (rule 7): text, or
    /// a word-timing array.
    fn has_text(&self) -> bool {
        !self.text.is_empty() || self.timed_words
    }

    /// docs/metrics.md#backchannels: at most 1000 ms and at most 2 words. A segment with no text and no
    /// word timings has 0 words, so it is judged on its duration alone.
    pub fn is_backchannel(&self) -> bool {
        self.duration_ms() <= BACKCHANNEL_MAX_MS && self.words <= BACKCHANNEL_MAX_WORDS
    }
}

/// A stretch of one role's speech, possibly over several segments (rule 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turn {
    pub role: Role,
    pub start_ms: i64,
    pub end_ms: i64,
}

impl Turn {
    pub fn duration_ms(&self) -> i64 {
        self.end_ms - self.start_ms
    }
}

/// The KPIs of one call; `None` where the spec says null.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kpis {
    pub talk_to_listen_ratio: Option<f64>,
    pub switch_count: u64,
    pub switches_per_hour: Option<f64>,
    pub longest_customer_monologue_ms: i64,
    pub longest_seller_monologue_ms: i64,
    pub avg_pause_before_speaking_ms: Option<f64>,
    pub interruption_count: u64,
    pub talking_speed_wpm: Option<f64>,
    pub seller_question_count: u64,
    pub customer_question_count: u64,
    pub duration_ms: i64,
    pub seller_talk_ms: i64,
    pub customer_talk_ms: i64,
}

/// Computes every KPI of a call from its segments (any order, any roles)
/// and the duration the host reports (`0` when unknown).
pub fn compute(segments: &[Segment<'_>], call_duration_ms: i64) -> Kpis {
    let duration_ms = duration_ms(segments, call_duration_ms);
    let seller_talk_ms = talk_ms(segments, Role::Seller);
    let customer_talk_ms = talk_ms(segments, Role::Customer);
    let turns = turns(segments);
    let switch_count = switch_count(&turns);
    let pauses = pauses_before_speaking(&turns);
    Kpis {
        talk_to_listen_ratio: per(
            seller_talk_ms.unsigned_abs(),
            1,
            seller_talk_ms + customer_talk_ms,
        ),
        switch_count,
        switches_per_hour: per(switch_count, MS_PER_HOUR, duration_ms),
        longest_customer_monologue_ms: longest_turn_ms(&turns, Role::Customer),
        longest_seller_monologue_ms: longest_turn_ms(&turns, Role::Seller),
        avg_pause_before_speaking_ms: pauses.mean_ms(),
        interruption_count: pauses.interruptions,
        talking_speed_wpm: talking_speed_wpm(segments, seller_talk_ms),
        seller_question_count: question_count(segments, Role::Seller),
        customer_question_count: question_count(segments, Role::Customer),
        duration_ms,
        seller_talk_ms,
        customer_talk_ms,
    }
}

/// `numerator × scale / denominator`, rounded once; `None` when the
/// denominator is 0 (or negative, which no valid call produces).
///
/// The numerator is an exact integer (ms, words or switches scaled by a
/// power of ten fit in 2^53 for any real call), so this is the correctly
/// rounded quotient. Evaluating the spec's formulas literally in floating
/// point, e.g. `switches / (duration_ms / 3_600_000)`, rounds twice and can
/// differ from this in the last bit.
fn per(numerator: u64, scale: u64, denominator: i64) -> Option<f64> {
    let denominator = u64::try_from(denominator).ok().filter(|&d| d > 0)?;
    let numerator = u128::from(numerator) * u128::from(scale);
    // Both casts are exact below 2^53.
    Some(numerator as f64 / denominator as f64)
}

/// Rule 9: the host's duration (the source's, else the largest segment end),
/// but never 0 or shorter than the speech it contains: then the largest
/// segment end of any role (0 for a call with no segments).
pub fn duration_ms(segments: &[Segment<'_>], call_duration_ms: i64) -> i64 {
    let largest_end = segments
        .iter()
        .filter(|s| s.is_speech())
        .map(|s| s.end_ms)
        .max()
        .unwrap_or(0);
    call_duration_ms.max(largest_end).max(0)
}

/// Rule 1: the length of the union of `role`'s `[start, end)` intervals, so
/// a role's overlapping segments count once (and seller + customer may
/// exceed the duration when they talk over each other).
pub fn talk_ms(segments: &[Segment<'_>], role: Role) -> i64 {
    let mut intervals: Vec<(i64, i64)> = segments
        .iter()
        .filter(|s| s.role == role && s.is_conversation() && s.is_speech())
        .map(|s| (s.start_ms, s.end_ms))
        .collect();
    intervals.sort_unstable();
    let mut total = 0;
    let mut current: Option<(i64, i64)> = None;
    for (start, end) in intervals {
        current = match current {
            Some((from, to)) if start <= to => Some((from, to.max(end))),
            Some((from, to)) => {
                total += to - from;
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    total + current.map_or(0, |(from, to)| to - from)
}

/// The seller and customer segments in the order rule 3 walks them: by
/// start, then end; the sort is stable, so segments with equal times keep
/// the host's order.
fn conversation<'s, 'a>(segments: &'s [Segment<'a>]) -> Vec<&'s Segment<'a>> {
    let mut walk: Vec<_> = segments
        .iter()
        .filter(|s| s.is_conversation() && s.is_speech())
        .collect();
    walk.sort_by_key(|s| (s.start_ms, s.end_ms));
    walk
}

/// Rule 3: which segments of `walk` are skipped: backchannels whose nearest
/// preceding and nearest following non-backchannel segments both exist and
/// both belong to the other role — a customer's "mm-hmm" inside the seller's
/// explanation does not interrupt the seller's turn.
fn skipped(walk: &[&Segment<'_>]) -> Vec<bool> {
    let backchannel: Vec<bool> = walk.iter().map(|s| s.is_backchannel()).collect();
    // Role of the nearest non-backchannel segment before index i.
    let mut before = Vec::with_capacity(walk.len());
    let mut last = None;
    for (segment, &is_backchannel) in walk.iter().zip(&backchannel) {
        before.push(last);
        if !is_backchannel {
            last = Some(segment.role);
        }
    }
    // Walk back for the nearest non-backchannel segment after index i.
    let mut skip = vec![false; walk.len()];
    let mut next = None;
    for i in (0..walk.len()).rev() {
        if backchannel[i] {
            let other = Some(other_role(walk[i].role));
            skip[i] = before[i] == other && next == other;
        } else {
            next = Some(walk[i].role);
        }
    }
    skip
}

fn other_role(role: Role) -> Role {
    match role {
        Role::Seller => Role::Customer,
        _ => Role::Seller,
    }
}

/// Rule 3: the turns of the call, in order. A segment continues the current
/// turn when it has the turn's role and starts at most [`G_MERGE_MS`] after
/// the turn's end (which becomes the larger of the two ends); otherwise it
/// opens a new turn. Skipped backchannels take no part.
pub fn turns(segments: &[Segment<'_>]) -> Vec<Turn> {
    let walk = conversation(segments);
    let skip = skipped(&walk);
    let mut turns: Vec<Turn> = Vec::new();
    for (segment, _) in walk.iter().zip(skip).filter(|(_, skip)| !skip) {
        match turns.last_mut() {
            Some(turn)
                if turn.role == segment.role && segment.start_ms <= turn.end_ms + G_MERGE_MS =>
            {
                turn.end_ms = turn.end_ms.max(segment.end_ms);
            }
            _ => turns.push(Turn {
                role: segment.role,
                start_ms: segment.start_ms,
                end_ms: segment.end_ms,
            }),
        }
    }
    turns
}

/// Rule 4: adjacent turns with different roles. Two turns of one role in a
/// row (a pause longer than [`G_MERGE_MS`]) are not a switch.
pub fn switch_count(turns: &[Turn]) -> u64 {
    turns.windows(2).filter(|w| w[0].role != w[1].role).count() as u64
}

/// Rule 5: the longest turn of `role`, 0 when it has none.
pub fn longest_turn_ms(turns: &[Turn], role: Role) -> i64 {
    turns
        .iter()
        .filter(|t| t.role == role)
        .map(Turn::duration_ms)
        .max()
        .unwrap_or(0)
}

/// Rule 6's tally over the customer → seller turn changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pauses {
    /// Sum of the gaps in `0..=G_CAP_MS`.
    pub total_ms: i64,
    /// Number of gaps in `0..=G_CAP_MS`.
    pub counted: u64,
    /// Number of negative gaps: the seller started before the customer had
    /// finished.
    pub interruptions: u64,
}

impl Pauses {
    /// avg_pause_before_speaking_ms: the mean of the counted gaps, `None`
    /// when there is none.
    pub fn mean_ms(&self) -> Option<f64> {
        if self.counted == 0 {
            return None;
        }
        // Exact integers (each gap ≤ G_CAP_MS), one rounding.
        Some(self.total_ms as f64 / self.counted as f64)
    }
}

/// Rule 6: for each customer turn directly followed by a seller turn, the
/// gap from the customer's end to the seller's start. Seller → customer
/// changes are not looked at: the KPI coaches how the seller listens.
pub fn pauses_before_speaking(turns: &[Turn]) -> Pauses {
    let mut pauses = Pauses::default();
    for pair in turns.windows(2) {
        let [customer, seller] = pair else {
            continue;
        };
        if customer.role != Role::Customer || seller.role != Role::Seller {
            continue;
        }
        let gap = seller.start_ms - customer.end_ms;
        if gap < 0 {
            pauses.interruptions += 1;
        } else if gap <= G_CAP_MS {
            pauses.total_ms += gap;
            pauses.counted += 1;
        }
    }
    pauses
}

/// Rule 7: the seller's words per minute of seller talk (rule 1), over all
/// seller segments (backchannels included). `None` when no seller segment
/// has text or word timings (timing-only data) or the seller never talks.
pub fn talking_speed_wpm(segments: &[Segment<'_>], seller_talk_ms: i64) -> Option<f64> {
    let seller = || {
        segments
            .iter()
            .filter(|s| s.role == Role::Seller && s.is_speech())
    };
    if !seller().any(Segment::has_text) {
        return None;
    }
    let words: usize = seller().map(|s| s.words).sum();
    per(words as u64, MS_PER_MINUTE, seller_talk_ms)
}

/// Rule 8: question runs in `role`'s segment texts, counted per segment.
pub fn question_count(segments: &[Segment<'_>], role: Role) -> u64 {
    segments
        .iter()
        .filter(|s| s.role == role && s.is_conversation() && s.is_speech())
        .map(|s| text::question_count(s.text) as u64)
        .sum()
}
