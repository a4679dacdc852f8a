//! Word-level helpers shared by the importers of word-timed sources (AWS,
//! Deepgram, AssemblyAI, Dynamics).

use callsight_plugin_api::turns::G_MERGE_MS;

use crate::domain::{Segment, Word};

use super::Location;

/// A timed word, who said it, and where the source has it (for errors).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SpokenWord {
    pub speaker: String,
    /// The source's own segment the word belongs to (AWS
    /// `speaker_labels.segments[n]`), when the source cuts its speech.
    pub span: Option<usize>,
    pub word: Word,
    pub origin: Location,
}

/// Attaches a punctuation mark to the word before it, without a space: AWS
/// gives punctuation as untimed items of its own, which are not words. A mark
/// with no word before it has nothing to attach to and is dropped.
pub(crate) fn attach_punctuation(previous: Option<&mut Word>, mark: &str) {
    if let Some(word) = previous {
        word.text.push_str(mark.trim());
    }
}

/// The words' texts joined with single spaces.
pub(crate) fn join_text(words: &[Word]) -> String {
    let texts: Vec<&str> = words.iter().map(|word| word.text.as_str()).collect();
    texts.join(" ")
}

/// Groups words into segments, one per maximal run of consecutive words by
/// the same speaker in the same source span: the segment spans the first
/// word's start to the run's latest end, its text is the words joined with
/// spaces, and it keeps its words. Each segment comes with the origin of its
/// first word. Pauses within a run are cut later, by [`split_at_pauses`].
pub(crate) fn group_runs(words: Vec<SpokenWord>) -> (Vec<Segment>, Vec<Location>) {
    let mut segments: Vec<Segment> = Vec::new();
    let mut spans: Vec<Option<usize>> = Vec::new();
    let mut origins = Vec::new();
    for SpokenWord {
        speaker,
        span,
        word,
        origin,
    } in words
    {
        match segments.last_mut() {
            Some(segment) if segment.speaker == speaker && spans.last() == Some(&span) => {
                segment.end_ms = segment.end_ms.max(word.end_ms);
                segment.words.get_or_insert_with(Vec::new).push(word);
            }
            _ => {
                segments.push(Segment {
                    speaker,
                    start_ms: word.start_ms,
                    end_ms: word.end_ms,
                    text: String::new(),
                    words: Some(vec![word]),
                });
                spans.push(span);
                origins.push(origin);
            }
        }
    }
    for segment in &mut segments {
        segment.text = join_text(segment.words.as_deref().unwrap_or_default());
    }
    (segments, origins)
}

/// Cuts a segment wherever the silence between one word and the next is
/// longer than [`G_MERGE_MS`], the pause that ends a turn in the KPI
/// definitions: a silence inside a segment would otherwise count as talk.
/// The pieces keep the segment's outer bounds, take their own words'
/// inner bounds and their words' text. A segment without such a pause
/// (or without words) is returned as it is.
pub(crate) fn split_at_pauses(segment: Segment) -> Vec<Segment> {
    let Some(words) = segment.words.as_deref() else {
        return vec![segment];
    };
    let mut cuts = Vec::new();
    let mut latest_end = i64::MIN;
    for (index, pair) in words.windows(2).enumerate() {
        latest_end = latest_end.max(pair[0].end_ms);
        // A point timing (AWS Post-Call Analytics) says when a word began,
        // not when it ended, so no pause can be measured after it.
        let measured = pair[0].end_ms > pair[0].start_ms;
        if measured && pair[1].start_ms - latest_end > G_MERGE_MS {
            cuts.push(index + 1);
        }
    }
    if cuts.is_empty() {
        return vec![segment];
    }
    let Segment {
        speaker,
        start_ms,
        end_ms,
        words,
        ..
    } = segment;
    let mut words = words.unwrap_or_default();
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    for &cut in cuts.iter().rev() {
        pieces.push(words.split_off(cut));
    }
    pieces.push(words);
    pieces.reverse();
    let last = pieces.len() - 1;
    pieces
        .into_iter()
        .enumerate()
        .map(|(index, words)| {
            let first_start = words.first().map_or(start_ms, |word| word.start_ms);
            let latest_end = words.iter().map(|word| word.end_ms).max().unwrap_or(end_ms);
            Segment {
                speaker: speaker.clone(),
                start_ms: if index == 0 {
                    start_ms.min(first_start)
                } else {
                    first_start
                },
                end_ms: if index == last {
                    end_ms.max(latest_end)
                } else {
                    latest_end
                },
                text: join_text(&words),
                words: Some(words),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::test_support::segment_spans;

    fn spoken(speaker: &str, text: &str, start_ms: i64, end_ms: i64, item: usize) -> SpokenWord {
        SpokenWord {
            speaker: speaker.into(),
            span: None,
            word: Word {
                text: text.into(),
                start_ms,
                end_ms,
            },
            origin: Location::JsonPath(format!("items[{item}]")),
        }
    }

    #[test]
    fn runs_of_one_speaker_become_one_segment() {
        let mut words = vec![
            spoken("spk_0", "Hello", 0, 400, 0),
            spoken("spk_0", "there", 450, 800, 1),
            spoken("spk_1", "Hi", 900, 1_100, 3),
            spoken("spk_0", "So", 1_200, 1_300, 4),
        ];
        attach_punctuation(words.get_mut(1).map(|w| &mut w.word), ".");
        let (segments, origins) = group_runs(words);
        assert_eq!(
            segment_spans(&segments),
            [
                ("spk_0", 0, 800, "Hello there."),
                ("spk_1", 900, 1_100, "Hi"),
                ("spk_0", 1_200, 1_300, "So"),
            ]
        );
        assert_eq!(segments[0].words.as_ref().map(Vec::len), Some(2));
        assert_eq!(origins[1], Location::JsonPath("items[3]".into()));
    }

    fn word(text: &str, start_ms: i64, end_ms: i64) -> Word {
        Word {
            text: text.into(),
            start_ms,
            end_ms,
        }
    }

    fn timed(start_ms: i64, end_ms: i64, words: Vec<Word>) -> Segment {
        Segment {
            speaker: "spk_0".into(),
            start_ms,
            end_ms,
            text: "as the source wrote it".into(),
            words: Some(words),
        }
    }

    #[test]
    fn a_pause_longer_than_a_turns_pause_cuts_the_segment() {
        let segment = timed(
            900,
            9_000,
            vec![
                word("We", 1_000, 1_200),
                word("ended.", 1_100, 2_000),
                // 1 001 ms after the latest end: cut.
                word("And", 3_001, 3_200),
                // exactly 1 000 ms: the same turn.
                word("then", 4_200, 4_500),
                word("finally.", 8_000, 8_500),
            ],
        );
        let pieces = split_at_pauses(segment);
        assert_eq!(
            segment_spans(&pieces),
            [
                ("spk_0", 900, 2_000, "We ended."),
                ("spk_0", 3_001, 4_500, "And then"),
                ("spk_0", 8_000, 9_000, "finally."),
            ]
        );
        assert_eq!(pieces[1].words.as_ref().map(Vec::len), Some(2));
    }

    #[test]
    fn segments_without_a_measurable_pause_stay_whole() {
        let close = timed(
            0,
            2_000,
            vec![word("One", 0, 500), word("two", 1_500, 2_000)],
        );
        assert_eq!(split_at_pauses(close.clone()), [close]);
        // Point timings give no word ends, so no pause to measure.
        let points = timed(0, 9_000, vec![word("One", 0, 0), word("two", 5_000, 5_000)]);
        assert_eq!(split_at_pauses(points.clone()), [points]);
        let untimed = Segment {
            words: None,
            ..timed(0, 9_000, Vec::new())
        };
        assert_eq!(split_at_pauses(untimed.clone()), [untimed]);
    }

    #[test]
    fn a_new_source_span_starts_a_new_segment() {
        let mut first = spoken("spk_0", "Right.", 0, 400, 0);
        first.span = Some(0);
        let mut second = spoken("spk_0", "Next", 500, 800, 1);
        second.span = Some(1);
        let (segments, _) = group_runs(vec![first, second]);
        assert_eq!(
            segment_spans(&segments),
            [("spk_0", 0, 400, "Right."), ("spk_0", 500, 800, "Next")]
        );
    }
}
