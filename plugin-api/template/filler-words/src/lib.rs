//! `filler-words`: a Callsight analyzer that counts the seller's filler
//! words ("um", "uh", "you know", …) and reports them per minute of talk.
//!
//! This crate is the template of the plugin author's guide
//! (`docs/plugin-guide.md` in the Callsight repository). Everything a plugin
//! needs is here: a config type with a JSON Schema, `info`, `validate`,
//! `create`, `analyze`, the `export_analyzer!` line, and unit tests that run
//! the analyzer on a [`CallData`](callsight_plugin_api::CallData) without the
//! host. There is no `unsafe` and no `extern` code: the plugin API does that.
//!
//! Matching is case-insensitive and on word boundaries: a word is a run of
//! characters that are neither white space nor punctuation (Unicode-aware,
//! with `'` and `’` kept inside words such as "don't"), so "like" matches
//! "Like," but not "likely", and a phrase such as "you know" matches the two
//! words in a row. Scripts written without spaces between words (Chinese,
//! Japanese, Thai) are not split into words by this simple rule.

use std::collections::HashMap;

use callsight_plugin_api::schemars::JsonSchema;
use callsight_plugin_api::{
    Analyzer, AnalyzerError, AnalyzerInfo, CallView, Metric, Output, Role, SegmentView, Signal,
    Unit,
};
use serde::{Deserialize, Serialize};

/// The analyzer's name: unique among the plugins a Callsight loads.
pub const NAME: &str = "filler-words";
/// `kind` of the signal emitted for each filler word said.
pub const SIGNAL_KIND: &str = "filler_word";
/// Filler words per minute of the counted roles' talk time.
pub const METRIC_PER_MINUTE: &str = "filler_words_per_minute";
/// Filler words said in the call by the counted roles.
pub const METRIC_COUNT: &str = "filler_word_count";

/// The words and phrases counted when the organisation configures none.
pub const DEFAULT_WORDS: &[&str] = &[
    "um",
    "umm",
    "uh",
    "uhm",
    "erm",
    "er",
    "hmm",
    "like",
    "you know",
    "i mean",
    "kind of",
    "sort of",
    "basically",
    "actually",
    "literally",
];

/// Settings of the filler-words analyzer. Every field has a default, so `{}`
/// is a valid config; unknown fields are refused, so a typo such as `"word"`
/// is reported instead of ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(crate = "callsight_plugin_api::schemars")]
pub struct Config {
    /// Filler words and phrases to count, matched case-insensitively on word
    /// boundaries ("you know" matches "You know," but "like" does not match
    /// "likely").
    pub words: Vec<String>,
    /// Whose speech is counted; the seller's by default.
    pub roles: Vec<CountedRole>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            words: DEFAULT_WORDS.iter().map(|w| (*w).to_owned()).collect(),
            roles: vec![CountedRole::Seller],
        }
    }
}

// `Role` of the plugin API has no JSON Schema, so the config names roles
// with this enum of the same spelling. Doc comments on config types become
// the descriptions admins read in `configSchema`.
/// A role whose speech is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(crate = "callsight_plugin_api::schemars")]
pub enum CountedRole {
    Seller,
    Customer,
    Other,
}

impl From<CountedRole> for Role {
    fn from(role: CountedRole) -> Self {
        match role {
            CountedRole::Seller => Role::Seller,
            CountedRole::Customer => Role::Customer,
            CountedRole::Other => Role::Other,
        }
    }
}

/// A configured filler word or phrase, split into lower-case words.
#[derive(Debug, Clone, PartialEq)]
struct Phrase {
    /// How signals name it: its words joined by single spaces.
    name: String,
    words: Vec<String>,
}

/// The analyzer, built once per organisation from its [`Config`].
#[derive(Debug, Clone)]
pub struct FillerWords {
    /// Phrases by their first word, longest first, so the longest phrase
    /// starting at a word wins ("you know what" before "you know").
    by_first_word: HashMap<String, Vec<Phrase>>,
    roles: Vec<Role>,
}

impl Analyzer for FillerWords {
    type Config = Config;

    fn info() -> AnalyzerInfo {
        AnalyzerInfo::new(
            NAME,
            env!("CARGO_PKG_VERSION"),
            "Counts filler words and phrases (um, uh, you know, …) in the seller's speech (or the configured \
             roles'), per minute of their talk time, and marks each one in the transcript.",
        )
        .signal_kind(SIGNAL_KIND)
        .metric(
            METRIC_PER_MINUTE,
            Unit::PerMinute,
            "Filler words per minute of talk time of the counted roles (the union of each role's segments); \
             empty when they did not talk or have no transcribed words.",
        )
        .metric(METRIC_COUNT, Unit::Count, "Filler words said by the counted roles; empty when they have no transcribed words.")
    }

    fn validate(config: &Config) -> Result<(), AnalyzerError> {
        if config.words.is_empty() {
            return Err(AnalyzerError::invalid_config(
                "`words` is empty: list at least one filler word or phrase to count, e.g. {\"words\": [\"um\", \"uh\"]}",
            ));
        }
        if let Some((index, word)) = config
            .words
            .iter()
            .enumerate()
            .find(|(_, word)| words_of(word).next().is_none())
        {
            return Err(AnalyzerError::invalid_config(format!(
                "`words[{index}]` ({word:?}) has no letters or digits, so it can never match: remove it or write the word"
            )));
        }
        if config.roles.is_empty() {
            return Err(AnalyzerError::invalid_config(
                "`roles` is empty: list whose speech to count (\"seller\", \"customer\", \"other\"), e.g. {\"roles\": [\"seller\"]}",
            ));
        }
        Ok(())
    }

    fn create(config: Config) -> Result<Self, AnalyzerError> {
        let mut by_first_word: HashMap<String, Vec<Phrase>> = HashMap::new();
        for word in &config.words {
            let words: Vec<String> = words_of(word).collect();
            let Some(first) = words.first().cloned() else {
                continue;
            };
            let phrase = Phrase {
                name: words.join(" "),
                words,
            };
            let phrases = by_first_word.entry(first).or_default();
            if !phrases.contains(&phrase) {
                phrases.push(phrase);
            }
        }
        for phrases in by_first_word.values_mut() {
            phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        }
        let mut roles: Vec<Role> = Vec::new();
        for role in config.roles {
            let role = Role::from(role);
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        Ok(Self {
            by_first_word,
            roles,
        })
    }

    fn analyze(&self, call: &CallView<'_>) -> Result<Output, AnalyzerError> {
        let mut output = Output::default();
        let mut transcribed = false;
        let mut intervals: HashMap<Role, Vec<(i64, i64)>> = HashMap::new();
        for segment in call.segments() {
            let role = segment.role();
            if !self.roles.contains(&role) {
                continue;
            }
            intervals
                .entry(role)
                .or_default()
                .push((segment.start_ms(), segment.end_ms()));
            let words = timed_words(&segment);
            transcribed |= !words.is_empty();
            self.find(&segment, &words, &mut output.signals);
        }
        let talk_ms: i64 = intervals.into_values().map(union_ms).sum();
        let count = output.signals.len() as f64;
        let per_minute = (transcribed && talk_ms > 0).then(|| count / (talk_ms as f64 / 60_000.0));
        output
            .metrics
            .push(Metric::new(METRIC_PER_MINUTE, per_minute, Unit::PerMinute));
        output.metrics.push(Metric::new(
            METRIC_COUNT,
            transcribed.then_some(count),
            Unit::Count,
        ));
        Ok(output)
    }
}

callsight_plugin_api::export_analyzer!(FillerWords);

/// A lower-case word of a segment and when it starts (and ends, when the
/// source had word timings).
#[derive(Debug, Clone, PartialEq)]
struct TimedWord {
    word: String,
    start_ms: i64,
    end_ms: Option<i64>,
}

impl FillerWords {
    /// Appends a signal for each filler phrase in `words`, leftmost and
    /// longest first, never overlapping.
    fn find(&self, segment: &SegmentView<'_>, words: &[TimedWord], signals: &mut Vec<Signal>) {
        let mut at = 0;
        while at < words.len() {
            let found = self.by_first_word.get(&words[at].word).and_then(|phrases| {
                phrases.iter().find(|p| {
                    words[at..]
                        .iter()
                        .map(|w| &w.word)
                        .take(p.words.len())
                        .eq(p.words.iter())
                })
            });
            let Some(phrase) = found else {
                at += 1;
                continue;
            };
            let (first, last) = (&words[at], &words[at + phrase.words.len() - 1]);
            signals.push(Signal {
                role: Some(segment.role()),
                segment: u32::try_from(segment.index()).ok(),
                offset_ms: Some(first.start_ms),
                duration_ms: last.end_ms.map(|end| (end - first.start_ms).max(0)),
                ..Signal::new(SIGNAL_KIND, phrase.name.clone())
            });
            at += phrase.words.len();
        }
    }
}

/// The segment's words: from its word timings when the source had them
/// (each word starting at its own time), else from its text (every word
/// starting at the segment's start).
fn timed_words(segment: &SegmentView<'_>) -> Vec<TimedWord> {
    let mut words = Vec::new();
    if let Some(timed) = segment.words() {
        for timed in timed {
            words.extend(words_of(timed.text()).map(|word| TimedWord {
                word,
                start_ms: timed.start_ms(),
                end_ms: Some(timed.end_ms()),
            }));
        }
    }
    if words.is_empty() {
        words.extend(words_of(segment.text()).map(|word| TimedWord {
            word,
            start_ms: segment.start_ms(),
            end_ms: None,
        }));
    }
    words
}

/// Length of the union of `intervals` (sorted or not) in ms.
fn union_ms(mut intervals: Vec<(i64, i64)>) -> i64 {
    intervals.sort_unstable();
    let mut total = 0;
    let mut current: Option<(i64, i64)> = None;
    for (start, end) in intervals {
        match current {
            Some((s, e)) if start <= e => current = Some((s, e.max(end))),
            _ => {
                total += current.map_or(0, |(s, e)| (e - s).max(0));
                current = Some((start, end));
            }
        }
    }
    total + current.map_or(0, |(s, e)| (e - s).max(0))
}

/// The words of `text`, lower-cased: runs of
/// characters that are neither white space nor punctuation and contain a
/// letter or digit. An apostrophe between two letters stays inside the word
/// ("don't", "don’t" both read as "don't").
fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        loop {
            let first = chars.next()?;
            if !is_word_char(first) {
                continue;
            }
            let mut word = String::new();
            push_lower(&mut word, first);
            let mut has_alphanumeric = first.is_alphanumeric();
            while let Some(&c) = chars.peek() {
                if is_word_char(c) {
                    has_alphanumeric |= c.is_alphanumeric();
                    push_lower(&mut word, c);
                    chars.next();
                } else if is_apostrophe(c) && word.chars().last().is_some_and(char::is_alphanumeric)
                {
                    // Keep it only when a letter or digit follows.
                    let mut ahead = chars.clone();
                    ahead.next();
                    if !ahead.peek().is_some_and(|next| next.is_alphanumeric()) {
                        break;
                    }
                    word.push('\'');
                    chars.next();
                } else {
                    break;
                }
            }
            if has_alphanumeric {
                return Some(word);
            }
        }
    })
}

fn push_lower(word: &mut String, c: char) {
    word.extend(c.to_lowercase());
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Neither white space nor punctuation; letters, digits, combining marks
/// and symbols belong to words.
fn is_word_char(c: char) -> bool {
    !(c.is_whitespace() || c.is_control() || is_punctuation(c))
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || (!c.is_alphanumeric()
            && matches!(c,
                '\u{00A1}'..='\u{00BF}'       // Latin-1 punctuation: ¡ « » ¿ …
                | '\u{055A}'..='\u{055F}'     // Armenian
                | '\u{0589}'..='\u{058A}'
                | '\u{05BE}' | '\u{05C0}' | '\u{05C3}' | '\u{05F3}'..='\u{05F4}' // Hebrew
                | '\u{060C}'..='\u{060D}' | '\u{061B}'..='\u{061F}' | '\u{066A}'..='\u{066D}' | '\u{06D4}' // Arabic
                | '\u{0964}'..='\u{0965}'     // Devanagari danda
                | '\u{0E4F}' | '\u{0E5A}'..='\u{0E5B}' // Thai
                | '\u{2010}'..='\u{2027}'     // General Punctuation: dashes, quotes, …
                | '\u{2030}'..='\u{205E}'
                | '\u{2E00}'..='\u{2E5D}'     // Supplemental Punctuation
                | '\u{3000}'..='\u{303F}'     // CJK: 、 。 「 」 …
                | '\u{FE10}'..='\u{FE19}' | '\u{FE30}'..='\u{FE6B}'
                | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' // full-width ！ ， ？ …
                | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}'))
}

#[cfg(test)]
mod tests {
    use callsight_plugin_api::{CallData, ErrorKind, ParticipantData, SegmentData, WordData};

    use super::*;

    fn segment(role: Role, start_ms: i64, end_ms: i64, text: &str) -> SegmentData {
        let speaker = if role == Role::Seller { "S" } else { "C" };
        SegmentData {
            speaker: speaker.into(),
            role,
            start_ms,
            end_ms,
            text: text.into(),
            words: None,
        }
    }

    fn call(segments: Vec<SegmentData>) -> CallData {
        CallData {
            language: "en-US".into(),
            duration_ms: segments.iter().map(|s| s.end_ms).max().unwrap_or(0),
            started_at_ms: 1_700_000_000_000,
            participants: vec![
                ParticipantData {
                    speaker: "S".into(),
                    name: Some("Sam Seller".into()),
                    role: Role::Seller,
                },
                ParticipantData {
                    speaker: "C".into(),
                    name: None,
                    role: Role::Customer,
                },
            ],
            segments,
            context: String::new(),
        }
    }

    /// Runs the analyzer on `call` as the host would, minus the ABI.
    fn run(config: Config, call: &CallData) -> Output {
        FillerWords::validate(&config).expect("valid config");
        let analyzer = FillerWords::create(config).expect("created");
        let layout = call.layout();
        analyzer.analyze(&layout.view()).expect("analysed")
    }

    fn metric(output: &Output, name: &str) -> Option<f64> {
        output
            .metrics
            .iter()
            .find(|m| m.name == name)
            .unwrap_or_else(|| panic!("no metric {name}"))
            .value
    }

    fn found(output: &Output) -> Vec<(&str, Option<u32>, Option<i64>)> {
        output
            .signals
            .iter()
            .map(|s| (s.value.as_str(), s.segment, s.offset_ms))
            .collect()
    }

    #[test]
    fn counts_the_sellers_fillers_per_minute_of_talk() {
        let call = call(vec![
            segment(
                Role::Seller,
                0,
                30_000,
                "Um, so, you know, this is basically it.",
            ),
            segment(
                Role::Customer,
                30_000,
                40_000,
                "Uh, like, I mean, um, okay.",
            ),
            segment(
                Role::Seller,
                40_000,
                70_000,
                "Uh… Actually I'd LIKE to show you the dashboard.",
            ),
        ]);
        let output = run(Config::default(), &call);
        assert_eq!(
            found(&output),
            [
                ("um", Some(0), Some(0)),
                ("you know", Some(0), Some(0)),
                ("basically", Some(0), Some(0)),
                ("uh", Some(2), Some(40_000)),
                ("actually", Some(2), Some(40_000)),
                ("like", Some(2), Some(40_000)),
            ]
        );
        assert!(
            output
                .signals
                .iter()
                .all(|s| s.kind == SIGNAL_KIND && s.role == Some(Role::Seller))
        );
        // 6 fillers in 60 s of seller talk.
        assert_eq!(metric(&output, METRIC_COUNT), Some(6.0));
        assert_eq!(metric(&output, METRIC_PER_MINUTE), Some(6.0));
        let units: Vec<_> = output
            .metrics
            .iter()
            .map(|m| (m.name.as_str(), m.unit.as_str()))
            .collect();
        assert_eq!(
            units,
            [(METRIC_PER_MINUTE, "per_minute"), (METRIC_COUNT, "count")]
        );
    }

    #[test]
    fn matches_whole_words_only_and_ignores_case() {
        let call = call(vec![segment(
            Role::Seller,
            0,
            60_000,
            "Likely unlike UMBRELLA; kind-of, KIND OF, sort\nof, you-know, don't, like.",
        )]);
        let output = run(Config::default(), &call);
        let words: Vec<_> = output.signals.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(words, ["kind of", "kind of", "sort of", "you know", "like"]);
    }

    #[test]
    fn word_timings_give_each_filler_its_own_offset() {
        let mut timed = segment(Role::Seller, 1_000, 5_000, "Um, you know, it works.");
        timed.words = Some(vec![
            WordData {
                text: "Um,".into(),
                start_ms: 1_000,
                end_ms: 1_300,
            },
            WordData {
                text: "you".into(),
                start_ms: 1_500,
                end_ms: 1_700,
            },
            WordData {
                text: "know,".into(),
                start_ms: 1_700,
                end_ms: 2_000,
            },
            WordData {
                text: "it".into(),
                start_ms: 2_200,
                end_ms: 2_400,
            },
            WordData {
                text: "works.".into(),
                start_ms: 2_400,
                end_ms: 3_000,
            },
        ]);
        let output = run(Config::default(), &call(vec![timed]));
        assert_eq!(
            found(&output),
            [
                ("um", Some(0), Some(1_000)),
                ("you know", Some(0), Some(1_500))
            ]
        );
        let durations: Vec<_> = output.signals.iter().map(|s| s.duration_ms).collect();
        assert_eq!(durations, [Some(300), Some(500)]);
    }

    #[test]
    fn talk_time_is_the_union_of_the_roles_segments() {
        // Two overlapping seller segments (0–40 s and 20–60 s) are 60 s of talk.
        let call = call(vec![
            segment(Role::Seller, 0, 40_000, "um uh"),
            segment(Role::Seller, 20_000, 60_000, "erm"),
            segment(Role::Customer, 60_000, 120_000, "um um um um"),
        ]);
        let output = run(Config::default(), &call);
        assert_eq!(metric(&output, METRIC_COUNT), Some(3.0));
        assert_eq!(metric(&output, METRIC_PER_MINUTE), Some(3.0));
    }

    #[test]
    fn configured_words_and_roles_replace_the_defaults() {
        let call = call(vec![
            segment(Role::Seller, 0, 60_000, "Um, right, so to speak, like."),
            segment(Role::Customer, 60_000, 120_000, "Right. So to speak!"),
        ]);
        let config = Config {
            words: vec!["Right".into(), "so  to speak".into(), "right".into()],
            roles: vec![CountedRole::Seller, CountedRole::Customer],
        };
        let output = run(config, &call);
        assert_eq!(
            found(&output),
            [
                ("right", Some(0), Some(0)),
                ("so to speak", Some(0), Some(0)),
                ("right", Some(1), Some(60_000)),
                ("so to speak", Some(1), Some(60_000))
            ]
        );
        assert_eq!(output.signals[2].role, Some(Role::Customer));
        // 4 fillers in 120 s of seller and customer talk.
        assert_eq!(metric(&output, METRIC_PER_MINUTE), Some(2.0));
    }

    #[test]
    fn the_longest_phrase_wins() {
        let config = Config {
            words: vec!["you".into(), "you know what".into(), "you know".into()],
            ..Config::default()
        };
        let output = run(
            config,
            &call(vec![segment(
                Role::Seller,
                0,
                60_000,
                "You know what? You know. You.",
            )]),
        );
        let words: Vec<_> = output.signals.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(words, ["you know what", "you know", "you"]);
    }

    #[test]
    fn words_are_split_the_unicode_way() {
        let config = Config {
            words: vec!["ÄHM".into(), "genau".into(), "ну".into(), "don’t".into()],
            ..Config::default()
        };
        let call = call(vec![segment(
            Role::Seller,
            0,
            30_000,
            "Ähm… «Genau»! Ну, ähm — Genauigkeit. Don't.",
        )]);
        let output = run(config, &call);
        let words: Vec<_> = output.signals.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(words, ["ähm", "genau", "ну", "ähm", "don't"]);
        assert_eq!(metric(&output, METRIC_PER_MINUTE), Some(10.0));
    }

    #[test]
    fn no_talk_or_no_text_has_no_value() {
        let customer_only = call(vec![segment(Role::Customer, 0, 60_000, "um um")]);
        let output = run(Config::default(), &customer_only);
        assert!(output.signals.is_empty());
        assert_eq!(
            (
                metric(&output, METRIC_PER_MINUTE),
                metric(&output, METRIC_COUNT)
            ),
            (None, None)
        );

        // Timing-only transcript: the seller talked, but there is nothing to count.
        let timing_only = call(vec![segment(Role::Seller, 0, 60_000, "")]);
        let output = run(Config::default(), &timing_only);
        assert_eq!(
            (
                metric(&output, METRIC_PER_MINUTE),
                metric(&output, METRIC_COUNT)
            ),
            (None, None)
        );

        // A clean speaker: zero fillers is a value.
        let clean = call(vec![segment(
            Role::Seller,
            0,
            60_000,
            "Thanks for your time today.",
        )]);
        let output = run(Config::default(), &clean);
        assert_eq!(
            (
                metric(&output, METRIC_PER_MINUTE),
                metric(&output, METRIC_COUNT)
            ),
            (Some(0.0), Some(0.0))
        );
    }

    #[test]
    fn config_comes_from_json_with_defaults() {
        let config: Config = serde_json::from_str("{}").unwrap();
        assert_eq!(config, Config::default());
        let config: Config = serde_json::from_str(r#"{"words": ["um", "uh"]}"#).unwrap();
        assert_eq!(
            (config.words.len(), config.roles.as_slice()),
            (2, [CountedRole::Seller].as_slice())
        );
        let typo = serde_json::from_str::<Config>(r#"{"word": ["um"]}"#).unwrap_err();
        assert!(typo.to_string().contains("unknown field `word`"), "{typo}");
    }

    #[test]
    fn validate_refuses_what_cannot_work() {
        let empty = Config {
            words: Vec::new(),
            ..Config::default()
        };
        let err = FillerWords::validate(&empty).unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidConfig);
        assert!(err.message.contains("`words` is empty"), "{err}");

        let blank = Config {
            words: vec!["um".into(), " ?! ".into()],
            ..Config::default()
        };
        let err = FillerWords::validate(&blank).unwrap_err();
        assert!(err.message.contains("`words[1]`"), "{err}");

        let nobody = Config {
            roles: Vec::new(),
            ..Config::default()
        };
        assert!(
            FillerWords::validate(&nobody)
                .unwrap_err()
                .message
                .contains("`roles` is empty")
        );

        assert_eq!(FillerWords::validate(&Config::default()), Ok(()));
    }

    #[test]
    fn info_and_schema_describe_the_analyzer() {
        let info = FillerWords::info();
        assert_eq!(
            (info.name.as_str(), info.signal_kinds.as_slice()),
            (NAME, [SIGNAL_KIND.to_owned()].as_slice())
        );
        let metrics: Vec<_> = info
            .metrics
            .iter()
            .map(|m| (m.name.as_str(), m.unit.as_str()))
            .collect();
        assert_eq!(
            metrics,
            [(METRIC_PER_MINUTE, "per_minute"), (METRIC_COUNT, "count")]
        );

        let schema =
            serde_json::to_value(callsight_plugin_api::schemars::schema_for!(Config)).unwrap();
        assert_eq!(schema["properties"]["words"]["type"], "array");
        assert_eq!(schema["properties"]["words"]["default"][0], "um");
        assert_eq!(schema["additionalProperties"], false);
    }
}
