//! From a byte offset in a segment's text to the time the word there was
//! spoken. Sources give word timings as a list of (word, start) pairs, not as
//! offsets into the text, so the words are first found in the text, in order.

/// The spoken words of one segment, located in its text.
#[derive(Debug, Clone, Default)]
pub struct WordClock {
    /// Byte range of each located word in the text, and its start time;
    /// ascending and non-overlapping.
    words: Vec<(usize, usize, i64)>,
}

impl WordClock {
    /// Locates `words` (each with its start in ms) in `text`, in order. A
    /// word found neither as given nor without its surrounding punctuation
    /// (transcribers differ on `Hello,` vs `Hello`) is skipped, so one odd
    /// word costs its own timing, not the rest of the segment's.
    pub fn new<'a, I>(text: &str, words: I) -> Self
    where
        I: IntoIterator<Item = (&'a str, i64)>,
    {
        let mut located = Vec::new();
        let mut cursor = 0;
        for (word, start_ms) in words {
            let word = word.trim();
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            let rest = &text[cursor..];
            let found = [word, bare]
                .into_iter()
                .filter(|w| !w.is_empty())
                .find_map(|w| rest.find(w).map(|at| (cursor + at, cursor + at + w.len())));
            if let Some((start, end)) = found {
                located.push((start, end, start_ms));
                cursor = end;
            }
        }
        Self { words: located }
    }

    /// Start time of the word at byte `at`: the word that contains it, or,
    /// between words, the next one (or the last, past the end). `None` when
    /// no word could be located.
    pub fn start_ms(&self, at: usize) -> Option<i64> {
        let after = self.words.partition_point(|&(start, _, _)| start <= at);
        if after > 0 {
            let (_, end, ms) = self.words[after - 1];
            if at < end || after == self.words.len() {
                return Some(ms);
            }
        }
        self.words.get(after).map(|&(_, _, ms)| ms)
    }
}

#[cfg(test)]
mod tests {
    use super::WordClock;

    #[test]
    fn word_containing_or_next() {
        let text = "We use Zoom, mostly.";
        let clock = WordClock::new(
            text,
            [("We", 0), ("use", 300), ("Zoom,", 600), ("mostly.", 900)],
        );
        assert_eq!(clock.start_ms(text.find("Zoom").unwrap()), Some(600));
        assert_eq!(clock.start_ms(0), Some(0));
        assert_eq!(clock.start_ms(2), Some(300)); // the space before "use"
        assert_eq!(clock.start_ms(text.len()), Some(900));
    }

    #[test]
    fn words_without_punctuation_and_unknown_words() {
        let text = "Hello, 가격이 얼마예요?";
        let clock = WordClock::new(
            text,
            [
                ("hello", 0),
                ("Hello", 10),
                ("가격이", 500),
                ("얼마예요", 900),
            ],
        );
        // "hello" is not in the text and is skipped; the rest align.
        assert_eq!(clock.start_ms(0), Some(10));
        assert_eq!(clock.start_ms(text.find("가격").unwrap()), Some(500));
        assert_eq!(clock.start_ms(text.find("얼마").unwrap()), Some(900));
        assert_eq!(WordClock::new(text, []).start_ms(3), None);
    }
}
