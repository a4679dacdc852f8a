//! When two candidate phrases are one key phrase, and how many times it was
//! said. On a call the same topic comes back in many forms ("managers
//! joining live calls", "a manager joins live calls", "live calls"), which
//! YAKE's Levenshtein rule keeps apart; listing them all tells a manager the
//! same thing five times and counts one remark several times.
//!
//! Two phrases are variants when the stems of their content words (the
//! words that are not stopwords) are the same set or one set holds the
//! other: inflected, reordered and contained forms. A phrase gathers its
//! variants; its count is the number of places where one of them was said,
//! overlapping occurrences counting once. A single word inside a longer
//! phrase is folded into it without adding its own occurrences: "live" said
//! elsewhere is not a mention of "managers joining live calls".

/// A word's stem: lowercase with common English inflections removed
/// (`managers` → `manager`, `joining`/`joins` → `join`, `calls` → `call`),
/// enough to tell forms of one word apart from other words; not a full
/// stemmer.
pub fn stem(word: &str) -> String {
    let long = |s: &str, n: usize| s.chars().count() >= n;
    let mut w = word.to_lowercase();
    if let Some(s) = w.strip_suffix("ies").filter(|s| long(s, 2)) {
        w = format!("{s}y");
    } else if let Some(s) = w
        .strip_suffix('s')
        .filter(|s| long(s, 3) && !s.ends_with('s'))
    {
        w = s.to_owned();
    }
    if let Some(s) = ["ing", "ed"]
        .iter()
        .find_map(|suffix| w.strip_suffix(suffix).filter(|s| long(s, 3)))
    {
        // "running" → "run", "planned" → "plan"; not "calling" → "cal"
        let mut last = s.chars().rev();
        w = match (last.next(), last.next()) {
            (Some(a), Some(b)) if a == b && !"lsz".contains(a) => {
                s[..s.len() - a.len_utf8()].to_owned()
            }
            _ => s.to_owned(),
        };
    }
    if let Some(s) = w.strip_suffix('e').filter(|s| long(s, 3)) {
        w = s.to_owned();
    }
    w
}

/// Whether phrases with these content stems (sorted, each once) are
/// variants of one another.
pub fn are_variants(a: &[u32], b: &[u32]) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !small.is_empty() && small.iter().all(|s| large.binary_search(s).is_ok())
}

/// The places where a key phrase or one of its variants was said: spans of
/// word positions in the document.
#[derive(Debug, Default, Clone)]
pub struct Mentions {
    spans: Vec<(u32, u32)>,
}

impl Mentions {
    /// Adds the occurrence `[start, start + len)`.
    pub fn add(&mut self, start: u32, len: u32) {
        self.spans.push((start, start + len));
    }

    /// Adds the occurrences of `other`.
    pub fn absorb(&mut self, other: &Mentions) {
        self.spans.extend_from_slice(&other.spans);
    }

    /// Whether at least half of these occurrences lie inside occurrences
    /// of `other`: a phrase said mostly as part of a longer one.
    pub fn mostly_inside(&self, other: &Mentions) -> bool {
        let inside = self
            .spans
            .iter()
            .filter(|&&(start, end)| other.spans.iter().any(|&(s, e)| s <= start && end <= e))
            .count();
        !self.spans.is_empty() && 2 * inside >= self.spans.len()
    }

    /// How many places: overlapping occurrences are one place.
    pub fn count(&self) -> u32 {
        let mut spans = self.spans.clone();
        spans.sort_unstable();
        let mut places = 0;
        let mut reach = 0;
        for (start, end) in spans {
            if places == 0 || start >= reach {
                places += 1;
                reach = end;
            } else {
                reach = reach.max(end);
            }
        }
        places
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_share_a_stem() {
        for (forms, expected) in [
            (&["manager", "managers", "Managers"][..], "manager"),
            (&["join", "joins", "joining", "joined"][..], "join"),
            (&["call", "calls", "calling"][..], "call"),
            (
                &["record", "recorded", "recording", "recordings"][..],
                "record",
            ),
            (&["policy", "policies"][..], "policy"),
            (&["plan", "planned", "planning"][..], "plan"),
            (&["live", "lives"][..], "liv"),
            (&["price", "prices", "pricing"][..], "pric"),
        ] {
            for f in forms {
                assert_eq!(stem(f), expected, "{f}");
            }
        }
        assert_eq!(stem("process"), "process");
        assert_eq!(stem("bus"), "bus");
        assert_ne!(stem("sing"), stem("s"));
    }

    #[test]
    fn contained_and_reordered_phrases_are_variants() {
        assert!(are_variants(&[1, 2, 3], &[1, 2, 3]));
        assert!(are_variants(&[2, 3], &[1, 2, 3, 4]));
        assert!(are_variants(&[1, 2, 3, 4], &[3]));
        assert!(!are_variants(&[1, 2], &[2, 5]));
        assert!(!are_variants(&[], &[1]));
    }

    #[test]
    fn overlapping_occurrences_are_one_mention() {
        let mut m = Mentions::default();
        m.add(10, 4); // managers joining live calls
        m.add(12, 2); // live calls, inside it
        m.add(11, 3); // joining live calls, inside it
        m.add(40, 2); // live calls, elsewhere
        m.add(42, 2); // right after: another place
        assert_eq!(m.count(), 3);
        let mut word = Mentions::default();
        word.add(12, 1);
        word.add(90, 1);
        assert!(word.mostly_inside(&m));
        word.add(91, 1);
        assert!(!word.mostly_inside(&m));
        word.absorb(&m);
        assert_eq!(word.count(), 5);
    }
}
