//! Word-level helpers shared by the importers of word-timed sources (AWS).

use crate::domain::{Segment, Word};

use super::Location;

/// A timed word, who said it, and where the source has it (for errors).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SpokenWord {
    pub speaker: String,
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
/// the same speaker: the segment spans the first word's start to the run's
/// latest end, its text is the words joined with spaces, and it keeps its
/// words. Each segment comes with the origin of its first word.
pub(crate) fn group_runs(words: Vec<SpokenWord>) -> (Vec<Segment>, Vec<Location>) {
    let mut segments: Vec<Segment> = Vec::new();
    let mut origins = Vec::new();
    for SpokenWord {
        speaker,
        word,
        origin,
    } in words
    {
        match segments.last_mut() {
            Some(segment) if segment.speaker == speaker => {
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
                origins.push(origin);
            }
        }
    }
    for segment in &mut segments {
        segment.text = join_text(segment.words.as_deref().unwrap_or_default());
    }
    (segments, origins)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::test_support::segment_spans;

    fn spoken(speaker: &str, text: &str, start_ms: i64, end_ms: i64, item: usize) -> SpokenWord {
        SpokenWord {
            speaker: speaker.into(),
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
}
