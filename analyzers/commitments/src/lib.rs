//! `commitments`: the built-in analyzer of action items and questions
//! (docs/metrics.md#action-items).
//!
//! Each seller and customer segment is split into sentences. A sentence
//! that asks something (a question mark, or the wording of a question) is a
//! `question` signal; a sentence in which
//! someone commits to a task, asks the other side for one, schedules a
//! meeting or ties an action to a date is an `action_item` signal, with who
//! owns the task, the words that made it one and the date mentioned.
//!
//! Choices the spec leaves open:
//!
//! - the *owner* is who has to do the task, not who spoke: "can you send me
//!   the org chart?" said by the seller is the customer's item. The signal's
//!   `role` is still the speaker's; the `*_action_item_count` metrics count
//!   by owner, so `customer_action_item_count` measures the customer's
//!   commitments and the tasks the seller secured from them;
//! - a sentence holding a commitment of each side ("you'll check with Dana
//!   and I'll send the quote") gives two action items, one per owner; a
//!   sentence gives at most one per owner;
//! - a request phrased as a question is both a `question` and an
//!   `action_item`;
//! - `data.when` is the first day or date ahead in the sentence, `null`
//!   when there is none; `duration_ms` spans the sentence's timed words and
//!   is absent without word timings.
//!
//! - [`sentences`]: sentence boundaries and question marks, consistent with
//!   the question count of docs/metrics.md#questions;
//! - [`questions`]: whether a sentence asks something;
//! - [`endings`]: questions and action items of Korean and Japanese
//!   sentences, from their endings;
//! - [`due`]: a date phrase as the day it names;
//! - [`words`]: the normalised words the rules read;
//! - [`when`]: dates and days ahead ("by Friday", "on the 15th", "EOD");
//! - [`detect`]: the action-item rules;
//! - [`timing`]: a sentence's moment from the word timings;
//! - this module: the [`Analyzer`], its config and its output.
//!
//! The rules are hand-written over words rather than regular expressions or
//! a model: they run at several million words per second, and each decision
//! can be traced to a rule a sales manager can read. Their precision and
//! recall are checked by the tests, on written sales-call utterances and on
//! real sentences from public recordings (`tests/data/real_sentences.tsv`).

pub mod detect;
pub mod due;
pub mod endings;
pub mod questions;
pub mod sentences;
pub mod timing;
pub mod when;
pub mod words;

use aho_corasick::{AhoCorasick, MatchKind};
use callsight_plugin_api::names::{analyzer, metric, signal};
use callsight_plugin_api::schemars::JsonSchema;
use callsight_plugin_api::{
    Analyzer, AnalyzerError, AnalyzerInfo, CallView, Direction, Metric, Output, Role, SegmentView,
    Signal, Unit,
};
use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::detect::Party;
use crate::timing::{Placement, Timing};
use crate::words::Words;

/// Limits on the extra phrases, so that a config stays a list of cues and
/// not a document.
const MAX_PHRASES: usize = 500;
const MAX_PHRASE_CHARS: usize = 200;

/// Settings of the commitments analyzer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(crate = "callsight_plugin_api::schemars")]
pub struct Config {
    /// More phrases that mark a sentence as an action item owned by its
    /// speaker (e.g. "action item", "I'll have legal", "pencil you in"),
    /// matched case-insensitively on whole words, apostrophes and
    /// contractions normalised ("we'll" matches "we will"). They add to the
    /// built-in rules and apply where those found nothing.
    pub extra_phrases: Vec<String>,
}

/// The analyzer: the extra phrases' automaton, built once per config.
#[derive(Debug, Clone, Default)]
pub struct Commitments {
    extra: Option<ExtraPhrases>,
}

/// The organisation's extra phrases, normalised like sentences are.
#[derive(Debug, Clone)]
struct ExtraPhrases {
    automaton: AhoCorasick,
}

impl ExtraPhrases {
    fn new(phrases: &[String]) -> Result<Option<Self>, AnalyzerError> {
        let mut words = Words::default();
        let normalized: Vec<String> = phrases
            .iter()
            .map(|phrase| {
                words.fill(phrase);
                words.normalized().to_owned()
            })
            .filter(|p| !p.is_empty())
            .collect();
        if normalized.is_empty() {
            return Ok(None);
        }
        // Standard semantics, so that every overlapping match can be tried
        // against the word boundaries.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&normalized)
            .map_err(|e| AnalyzerError::invalid_config(format!("extra_phrases: {e}")))?;
        Ok(Some(Self { automaton }))
    }

    /// The words `first..=last` of the first phrase found on word
    /// boundaries in `words`.
    fn find(&self, words: &Words) -> Option<(usize, usize)> {
        let text = words.normalized();
        self.automaton.find_overlapping_iter(text).find_map(|m| {
            Some((
                words.word_starting_at(m.start())?,
                words.word_ending_at(m.end())?,
            ))
        })
    }
}

/// The metrics, in the order `analyze` emits them; both are counts.
const METRICS: [(&str, Direction, &str); 2] = [
    (
        metric::SELLER_ACTION_ITEM_COUNT,
        Direction::HigherIsBetter,
        "Action items the seller owns: the seller's commitments and the customer's requests \
         to the seller.",
    ),
    (
        metric::CUSTOMER_ACTION_ITEM_COUNT,
        Direction::HigherIsBetter,
        "Action items the customer owns: the customer's commitments and the seller's \
         requests to the customer.",
    ),
];

/// What the rules read from the call besides its segments.
struct CallFacts {
    /// The words of the participants' names, lowercase, normalised like
    /// sentences: a sentence of only these is a hand-off, not a question.
    names: Vec<String>,
    /// The local day the call started on, which due dates count from: in
    /// the time zone of the context's `time_zone` (an IANA name), UTC
    /// without one.
    day: NaiveDate,
}

/// The part of the call's context this analyzer reads.
#[derive(Deserialize)]
struct Context {
    time_zone: Option<String>,
}

impl CallFacts {
    fn of(call: &CallView<'_>) -> Self {
        let mut words = Words::default();
        let mut names = Vec::new();
        for name in call.participants().filter_map(|p| p.name()) {
            words.fill(name);
            names.extend((0..words.len()).map(|i| words.get(i).to_owned()));
        }
        let zone = serde_json::from_str::<Context>(call.context())
            .ok()
            .and_then(|c| c.time_zone)
            .and_then(|name| name.parse::<Tz>().ok())
            .unwrap_or(Tz::UTC);
        let day = DateTime::from_timestamp_millis(call.started_at_ms())
            .unwrap_or_default()
            .with_timezone(&zone)
            .date_naive();
        Self { names, day }
    }
}

/// The role on the other side of a two-party sales call.
fn other_side(role: Role) -> Role {
    match role {
        Role::Seller => Role::Customer,
        _ => Role::Seller,
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Seller => "seller",
        Role::Customer => "customer",
        Role::Other => "other",
    }
}

/// One segment's reading: the reusable word buffer, and the word timings,
/// aligned only once a signal needs them.
struct SegmentReader<'a> {
    segment: SegmentView<'a>,
    timing: Option<Option<Timing>>,
}

impl SegmentReader<'_> {
    fn place(&mut self, range: std::ops::Range<usize>) -> Placement {
        let segment = &self.segment;
        self.timing
            .get_or_insert_with(|| Timing::of(segment))
            .as_ref()
            .and_then(|timing| timing.place(segment.text(), range))
            .unwrap_or(Placement {
                offset_ms: segment.start_ms(),
                duration_ms: None,
            })
    }

    fn signal(&mut self, kind: &str, value: &str, range: std::ops::Range<usize>) -> Signal {
        let placement = self.place(range);
        let mut signal = Signal::new(kind, value);
        signal.role = Some(self.segment.role());
        signal.segment = u32::try_from(self.segment.index()).ok();
        signal.offset_ms = Some(placement.offset_ms);
        signal.duration_ms = placement.duration_ms;
        signal
    }
}

impl Commitments {
    /// Appends the signals of one seller or customer segment to `signals`;
    /// returns the number of action items it found per owner (seller,
    /// customer). `words` is the buffer reused across sentences.
    fn read_segment(
        &self,
        segment: SegmentView<'_>,
        call: &CallFacts,
        words: &mut Words,
        signals: &mut Vec<Signal>,
    ) -> [u32; 2] {
        let mut counts = [0; 2];
        let text = segment.text();
        let role = segment.role();
        let mut reader = SegmentReader {
            segment,
            timing: None,
        };
        for sentence in sentences::split(text) {
            let range = sentence.range;
            let value = &text[range.clone()];
            words.fill(value);
            let mut spoken_date = None;
            let (asked, mut detection) = match endings::read(value, sentence.question) {
                Some(reading) => {
                    spoken_date = reading.date;
                    (
                        reading.question,
                        detect::Detection {
                            items: reading.item.into_iter().collect(),
                            when: None,
                        },
                    )
                }
                None => {
                    let asked = questions::is_question(words, sentence.question, |w| {
                        call.names.iter().any(|name| name == w)
                    });
                    (asked, detect::detect(words, asked))
                }
            };
            if asked {
                signals.push(reader.signal(signal::QUESTION, value, range.clone()));
            }
            if detection.items.is_empty()
                && let Some((first, last)) = self.extra.as_ref().and_then(|e| e.find(words))
            {
                detection.items.push(detect::Item {
                    owner: Party::Speaker,
                    cue: words.span(first, last),
                });
            }
            let (when, due) = match spoken_date {
                // A Korean or Japanese date, resolved as its English words.
                Some((range, english)) => {
                    words.fill(english);
                    let due = when::scan(words)
                        .when
                        .and_then(|when| due::resolve(words, when, call.day));
                    (Some(&value[range]), due)
                }
                None => (
                    detection.when.map(|when| &value[when.span(words)]),
                    detection
                        .when
                        .and_then(|when| due::resolve(words, when, call.day)),
                ),
            };
            let due = due.map(|day| day.to_string());
            for item in detection.items {
                let owner = match item.owner {
                    Party::Speaker => role,
                    Party::Other => other_side(role),
                };
                counts[usize::from(owner == Role::Customer)] += 1;
                let mut signal = reader.signal(signal::ACTION_ITEM, value, range.clone());
                signal.data = Some(serde_json::json!({
                    "owner": role_name(owner),
                    "cue": &value[item.cue],
                    "when": when,
                    "due": due,
                }));
                signals.push(signal);
            }
        }
        counts
    }
}

impl Analyzer for Commitments {
    type Config = Config;

    fn info() -> AnalyzerInfo {
        METRICS.iter().fold(
            AnalyzerInfo::new(
                analyzer::COMMITMENTS,
                env!("CARGO_PKG_VERSION"),
                "Action items (commitments, requests, scheduling, dated tasks) with their owner \
                 and due date, and every question sentence, of the seller and the customer.",
            )
            .signal_kind(signal::QUESTION)
            .signal_kind(signal::ACTION_ITEM),
            |info, (name, direction, description)| {
                info.ranked_metric(name, Unit::Count, *direction, description)
            },
        )
    }

    fn validate(config: &Config) -> Result<(), AnalyzerError> {
        if config.extra_phrases.len() > MAX_PHRASES {
            return Err(AnalyzerError::invalid_config(format!(
                "extra_phrases: at most {MAX_PHRASES} phrases, got {}",
                config.extra_phrases.len()
            )));
        }
        for (i, phrase) in config.extra_phrases.iter().enumerate() {
            if !phrase.chars().any(char::is_alphanumeric) {
                return Err(AnalyzerError::invalid_config(format!(
                    "extra_phrases[{i}]: a phrase needs at least one letter or digit"
                )));
            }
            if phrase.chars().count() > MAX_PHRASE_CHARS {
                return Err(AnalyzerError::invalid_config(format!(
                    "extra_phrases[{i}]: at most {MAX_PHRASE_CHARS} characters"
                )));
            }
        }
        Ok(())
    }

    fn create(config: Config) -> Result<Self, AnalyzerError> {
        Self::validate(&config)?;
        Ok(Self {
            extra: ExtraPhrases::new(&config.extra_phrases)?,
        })
    }

    fn analyze(&self, call: &CallView<'_>) -> Result<Output, AnalyzerError> {
        let mut words = Words::default();
        let mut signals = Vec::new();
        let mut counts = [0_u32; 2];
        let facts = CallFacts::of(call);
        for segment in call.segments() {
            if !matches!(segment.role(), Role::Seller | Role::Customer) {
                continue;
            }
            let [seller, customer] = self.read_segment(segment, &facts, &mut words, &mut signals);
            counts[0] += seller;
            counts[1] += customer;
        }
        let metrics = METRICS
            .iter()
            .zip(counts)
            .map(|((name, ..), count)| Metric::new(name, Some(f64::from(count)), Unit::Count))
            .collect();
        Ok(Output { signals, metrics })
    }
}

callsight_plugin_api::export_analyzer!(Commitments);
