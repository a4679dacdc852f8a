//! The one normalisation every importer's output goes through, so that every
//! format yields a call with the same guarantees: times within
//! `0..=MAX_OFFSET_MS`, no empty speaker labels, segments with a positive
//! length sorted by (start, end), sane words, a participant for every
//! speaker, and a canonical BCP-47 language tag. Word-timed sources' segments
//! are also cut at pauses, so silences count as talk in no format.

use std::collections::HashSet;

use crate::domain::call::DEFAULT_LANGUAGE;
use crate::domain::language;
use crate::domain::{Call, Participant, Segment, SpeakerRole, Word};

use super::time::clock;
use super::words::split_at_pauses;
use super::{ImportError, Location, MAX_OFFSET_MS, MAX_SEGMENTS};

/// A parsed call before normalisation, with where its parts came from in
/// the source so that normalisation errors can point there.
#[derive(Debug)]
pub(crate) struct Draft {
    pub call: Call<Option<SpeakerRole>>,
    /// Where each segment (same index) is in the source.
    pub origins: Vec<Location>,
    /// Where the call's duration is in the source.
    pub duration_origin: Option<Location>,
    /// Whether segments are cut where their words pause (see
    /// [`split_at_pauses`]): a recogniser's segments, unlike the native
    /// format's, may hold silences longer than a turn's pause.
    pub cut_at_pauses: bool,
}

impl Draft {
    /// A call of these segments with nothing else known yet (default
    /// language, no participants listed); parsers fill in what they have.
    pub(crate) fn new(segments: Vec<Segment>, origins: Vec<Location>) -> Self {
        Self {
            call: Call {
                external_id: None,
                title: None,
                started_at: None,
                duration_ms: None,
                language: DEFAULT_LANGUAGE.to_owned(),
                direction: None,
                outcome: None,
                recording: None,
                participants: Vec::new(),
                segments,
            },
            origins,
            duration_origin: None,
            cut_at_pauses: false,
        }
    }

    /// [`Draft::new`] for a source whose segments carry word times from a
    /// recogniser: they are cut at pauses.
    pub(crate) fn word_timed(segments: Vec<Segment>, origins: Vec<Location>) -> Self {
        Self {
            cut_at_pauses: true,
            ..Self::new(segments, origins)
        }
    }
}

/// Origins `path[0]`, `path[1]`, … for `count` segments read from the JSON
/// array at `path`, one segment per element.
pub(crate) fn indexed_origins(path: &str, count: usize) -> Vec<Location> {
    (0..count)
        .map(|index| Location::JsonPath(format!("{path}[{index}]")))
        .collect()
}

/// Validates and normalises a parsed call (see the module doc). Limits are
/// checked on the segments as the source gives them, so an error's segment
/// number counts in source order.
pub(crate) fn normalise(draft: Draft) -> Result<Call<Option<SpeakerRole>>, ImportError> {
    let Draft {
        mut call,
        origins,
        duration_origin,
        cut_at_pauses,
    } = draft;
    if call.segments.len() > MAX_SEGMENTS {
        return Err(ImportError::new(format!(
            "the call has {} segments; at most {MAX_SEGMENTS} are accepted per call",
            call.segments.len()
        )));
    }
    if let Some(duration) = call.duration_ms {
        check_time(duration).map_err(|problem| ImportError {
            location: duration_origin,
            message: format!("the call's duration {problem}"),
        })?;
    }
    for (index, segment) in call.segments.iter_mut().enumerate() {
        check_segment(index, segment).map_err(|message| ImportError {
            location: origins.get(index).cloned(),
            message,
        })?;
        tidy_segment(segment);
    }
    if cut_at_pauses {
        call.segments = call
            .segments
            .into_iter()
            .flat_map(split_at_pauses)
            .collect();
    }
    call.segments
        .retain(|segment| segment.end_ms > segment.start_ms);
    call.segments
        .sort_by_key(|segment| (segment.start_ms, segment.end_ms));

    let mut listed = HashSet::new();
    for (index, participant) in call.participants.iter_mut().enumerate() {
        participant.speaker = participant.speaker.trim().to_owned();
        if participant.speaker.is_empty() {
            return Err(ImportError::new(format!(
                "participant {} has an empty speaker label",
                index + 1
            )));
        }
        if !listed.insert(participant.speaker.clone()) {
            return Err(ImportError::new(format!(
                "speaker `{}` is listed twice among the participants",
                participant.speaker
            )));
        }
    }
    add_missing_participants(&mut call.participants, &call.segments);
    call.language = canonical_language(&call.language);
    Ok(call)
}

/// Gives every speaker of `segments` that `participants` does not list a
/// participant without a role, in order of first speech.
pub(crate) fn add_missing_participants(
    participants: &mut Vec<Participant<Option<SpeakerRole>>>,
    segments: &[Segment],
) {
    let mut known: HashSet<String> = participants.iter().map(|p| p.speaker.clone()).collect();
    for segment in segments {
        if known.insert(segment.speaker.clone()) {
            participants.push(Participant {
                speaker: segment.speaker.clone(),
                name: None,
                email: None,
                role: None,
            });
        }
    }
}

/// Checks one segment's label and times; the message names the segment
/// (1-based, source order) and its speaker.
fn check_segment(index: usize, segment: &Segment) -> Result<(), String> {
    let speaker = segment.speaker.trim();
    if speaker.is_empty() {
        return Err(format!("segment {} has no speaker label", index + 1));
    }
    let name = format!("segment {} (speaker `{speaker}`)", index + 1);
    check_time(segment.start_ms).map_err(|problem| format!("{name}: start {problem}"))?;
    check_time(segment.end_ms).map_err(|problem| format!("{name}: end {problem}"))?;
    for (word_index, word) in segment.words.iter().flatten().enumerate() {
        let word_name = format!("{name}, word {} (`{}`)", word_index + 1, word.text.trim());
        check_time(word.start_ms).map_err(|problem| format!("{word_name}: start {problem}"))?;
        check_time(word.end_ms).map_err(|problem| format!("{word_name}: end {problem}"))?;
    }
    Ok(())
}

fn check_time(ms: i64) -> Result<(), String> {
    if ms < 0 {
        Err(format!("is negative ({ms} ms)"))
    } else if ms > MAX_OFFSET_MS {
        Err(format!(
            "is {}, beyond the 24-hour limit of a call",
            clock(ms)
        ))
    } else {
        Ok(())
    }
}

/// Trims labels and text; keeps only words with text and a non-negative
/// length (a zero-length word is a point timing, as AWS Post-Call Analytics
/// gives them, and still a word spoken), sorted by time.
fn tidy_segment(segment: &mut Segment) {
    segment.speaker = segment.speaker.trim().to_owned();
    segment.text = segment.text.trim().to_owned();
    if let Some(words) = segment.words.take() {
        let mut words: Vec<Word> = words
            .into_iter()
            .filter(|word| word.end_ms >= word.start_ms && !word.text.trim().is_empty())
            .map(|word| Word {
                text: word.text.trim().to_owned(),
                ..word
            })
            .collect();
        words.sort_by_key(|word| (word.start_ms, word.end_ms));
        segment.words = (!words.is_empty()).then_some(words);
    }
}

/// A source's language tag in canonical form; empty → the default language.
fn canonical_language(tag: &str) -> String {
    let canonical = language::canonical(tag);
    if canonical.is_empty() {
        DEFAULT_LANGUAGE.to_owned()
    } else {
        canonical
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::test_support::{roles, spans, word_texts};

    fn segment(speaker: &str, start_ms: i64, end_ms: i64, text: &str) -> Segment {
        Segment {
            speaker: speaker.into(),
            start_ms,
            end_ms,
            text: text.into(),
            words: None,
        }
    }

    fn draft(segments: Vec<Segment>) -> Draft {
        let origins = (0..segments.len()).map(Location::Line).collect();
        let mut draft = Draft::new(segments, origins);
        draft.call.language = "en_us".into();
        draft.call.participants.push(Participant {
            speaker: " Silent Sam ".into(),
            name: Some("Sam".into()),
            email: None,
            role: Some(SpeakerRole::Other),
        });
        draft.duration_origin = Some(Location::JsonPath("durationMs".into()));
        draft
    }

    #[test]
    fn sorts_drops_empty_spans_and_lists_every_speaker() {
        let mut call = draft(vec![
            segment("B", 5_000, 6_000, " later "),
            segment("A", 1_000, 1_000, "zero length"),
            segment("A", 1_000, 3_000, "first"),
            segment("C", 4_000, 3_500, "negative length"),
            segment("A", 1_000, 2_000, "shorter first"),
        ]);
        call.call.segments[2].words = Some(vec![
            Word {
                text: "first".into(),
                start_ms: 1_500,
                end_ms: 1_900,
            },
            Word {
                text: "backwards".into(),
                start_ms: 1_400,
                end_ms: 1_300,
            },
            Word {
                text: "point".into(),
                start_ms: 1_000,
                end_ms: 1_000,
            },
            Word {
                text: " ".into(),
                start_ms: 1_000,
                end_ms: 1_200,
            },
        ]);
        let call = normalise(call).unwrap();
        assert_eq!(
            spans(&call),
            [
                ("A", 1_000, 2_000, "shorter first"),
                ("A", 1_000, 3_000, "first"),
                ("B", 5_000, 6_000, "later"),
            ]
        );
        assert_eq!(word_texts(&call.segments[1]), ["point", "first"]);
        // Listed participants keep their place and role; a speaker seen only in
        // a dropped segment gets no entry.
        assert_eq!(
            roles(&call),
            [
                ("Silent Sam", Some(SpeakerRole::Other)),
                ("A", None),
                ("B", None)
            ]
        );
        assert_eq!(call.language, "en-US");
    }

    #[test]
    fn times_beyond_a_day_name_the_segment_and_its_origin() {
        let err = normalise(draft(vec![
            segment("A", 0, 1_000, "fine"),
            segment("B", 1_000, MAX_OFFSET_MS + 1, "too long"),
        ]))
        .unwrap_err();
        assert_eq!(err.location, Some(Location::Line(1)));
        assert_eq!(
            err.message,
            "segment 2 (speaker `B`): end is 24:00:00.001, beyond the 24-hour limit of a call"
        );

        let mut negative_word = draft(vec![segment("A", 0, 1_000, "hi")]);
        negative_word.call.segments[0].words = Some(vec![Word {
            text: "hi".into(),
            start_ms: -5,
            end_ms: 300,
        }]);
        let err = normalise(negative_word).unwrap_err();
        assert_eq!(
            err.message,
            "segment 1 (speaker `A`), word 1 (`hi`): start is negative (-5 ms)"
        );

        let mut long = draft(Vec::new());
        long.call.duration_ms = Some(MAX_OFFSET_MS + 1);
        let err = normalise(long).unwrap_err();
        assert_eq!(err.location, Some(Location::JsonPath("durationMs".into())));
        assert!(
            err.message
                .starts_with("the call's duration is 24:00:00.001")
        );
    }

    #[test]
    fn too_many_segments_are_refused() {
        let segments = vec![segment("A", 0, 1, ""); MAX_SEGMENTS + 1];
        let err = normalise(draft(segments)).unwrap_err();
        assert_eq!(err.location, None);
        assert_eq!(
            err.message,
            "the call has 100001 segments; at most 100000 are accepted per call"
        );
        assert!(normalise(draft(vec![segment("A", 0, 1, ""); MAX_SEGMENTS])).is_ok());
    }

    #[test]
    fn labels_must_be_present_and_unique() {
        let err = normalise(draft(vec![segment(" ", 0, 1_000, "who?")])).unwrap_err();
        assert_eq!(err.message, "segment 1 has no speaker label");
        let mut twice = draft(Vec::new());
        let again = twice.call.participants[0].clone();
        twice.call.participants.push(again);
        let err = normalise(twice).unwrap_err();
        assert_eq!(
            err.message,
            "speaker `Silent Sam` is listed twice among the participants"
        );
    }

    #[test]
    fn language_tags_are_canonical() {
        assert_eq!(canonical_language("en_us"), "en-US");
        assert_eq!(canonical_language("ZH-hant-tw"), "zh-Hant-TW");
        assert_eq!(canonical_language("es-419"), "es-419");
        assert_eq!(canonical_language(" "), "en-US");
    }
}
