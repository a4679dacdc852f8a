//! Sentences and word tokens the way YAKE's reference implementation sees
//! them (it uses segtok's `split_multi` and `web_tokenizer` +
//! `split_contractions`). Which sentence a word is in drives two of YAKE's
//! features (position and spread), and which tokens are words decides the
//! candidates, so these rules follow segtok closely rather than UAX #29.
//!
//! Everything is a byte range into the text given, so a key phrase can be
//! traced back to where it was said.

use std::ops::Range;

/// segtok's sentence terminals.
fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '\u{203C}'
            | '\u{203D}'
            | '\u{2047}'
            | '\u{2048}'
            | '\u{2049}'
            | '\u{3002}'
            | '\u{FE52}'
            | '\u{FE57}'
            | '\u{FF01}'
            | '\u{FF0E}'
            | '\u{FF1F}'
            | '\u{FF61}'
    )
}

/// segtok's word-joining hyphens (not the en or em dash).
fn is_hyphen(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{AD}' | '\u{58A}' | '\u{5BE}' | '\u{F0C}' | '\u{1400}' | '\u{1806}' | '\u{2010}'
            ..='\u{2012}' | '\u{2E17}' | '\u{30A0}'
    )
}

/// Apostrophe-like marks other than the ASCII quote.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\u{B4}' | '\u{2B9}' | '\u{2BC}' | '\u{2019}' | '\u{2032}'
    )
}

fn is_alnum(c: char) -> bool {
    c.is_alphanumeric()
}

// ---------------------------------------------------------------------------
// Sentences

/// The sentences of `text` (trimmed, non-empty byte ranges), as segtok's
/// `split_multi` finds them: a terminal, an optional closing quote and
/// brackets, then whitespace ends a sentence, unless what comes before is an
/// abbreviation or an initial, or what follows plainly continues it.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    // Alternating spans: text, marker, text, marker, …, text.
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut last = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !is_terminal(c) {
            continue;
        }
        let mut end = at + c.len_utf8();
        let mut rest = text[end..].chars().peekable();
        if let Some(&q) = rest.peek()
            && matches!(q, '\'' | '\u{2019}' | '"' | '\u{201D}')
        {
            end += q.len_utf8();
            rest.next();
        }
        while let Some(&b) = rest.peek() {
            if b == ']' || b == ')' {
                end += 1;
                rest.next();
            } else {
                break;
            }
        }
        let space: usize = rest
            .take_while(|c| c.is_whitespace())
            .map(char::len_utf8)
            .sum();
        if space == 0 {
            continue;
        }
        end += space;
        spans.push(last..at);
        spans.push(at..end);
        last = end;
        while chars.peek().is_some_and(|&(i, _)| i < end) {
            chars.next();
        }
    }
    spans.push(last..text.len());

    // segtok's abbreviation joiner.
    let mut joined: Vec<Range<usize>> = Vec::new();
    let mut segment: Option<usize> = None;
    for pos in 0..spans.len() {
        if pos % 2 == 1 {
            let prev = &text[spans[pos - 1].clone()];
            let marker = &text[spans[pos].clone()];
            let next = spans.get(pos + 1).map(|r| &text[r.clone()]);
            let dot = marker.starts_with('.');
            let join = prev.chars().next_back().is_some_and(char::is_whitespace)
                || (dot && abbreviation_end(prev))
                || (dot
                    && next.is_some_and(|next| {
                        lone_word(next)
                            || (ends_in_date_digits(prev) && starts_with_month(next))
                            || (middle_initial_end(prev) && upper_word_start(next))
                    }));
            if !join {
                let start = spans[segment.unwrap_or(pos)].start;
                joined.push(start..spans[pos].end);
                segment = None;
            }
        } else if segment.is_none() {
            segment = Some(pos);
        }
    }
    if let Some(segment) = segment {
        joined.push(spans[segment].start..text.len());
    }

    // segtok's sentence joiner.
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for span in joined {
        let Some(last) = current.clone() else {
            current = Some(span);
            continue;
        };
        let (l, c) = (&text[last.clone()], &text[span.clone()]);
        let short = c.chars().count() < 55 || l.chars().count() < 55;
        let join = (before_lower(l) && lower_word(c))
            || (short
                && is_open(l, '(', ')')
                && (is_not_opened(c, '(', ')') || l.ends_with(" et al. ")))
            || (short
                && is_open(l, '[', ']')
                && (is_not_opened(c, '[', ']') || l.ends_with(" et al. ")))
            || continuation(c);
        if join {
            current = Some(last.start..span.end);
        } else {
            out.push(last);
            current = Some(span);
        }
    }
    out.extend(current);
    out.into_iter().filter_map(|r| trim(text, r)).collect()
}

fn trim(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end().len();
    (start < end).then_some(start..end)
}

/// The last word of `s` (after its last non-word character).
fn last_word(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

const ABBREVIATIONS: &[&str] = &[
    "approx", "Capt", "cf", "Col", "Dr", "fe", "f.e", "fig", "figs", "Gen", "eg", "e.g", "ie",
    "i.e", "iv", "i.v", "Mag", "med", "Mr", "Mrs", "Mt", "nat", "No", "nr", "p.e", "phil", "prof",
    "rer", "sci", "Sgt", "Sr", "Sra", "Srta", "St", "univ", "vol", "vs", "z.B", "Jän", "Jan",
    "Ene", "Feb", "Mär", "Mar", "Apr", "Abr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Okt", "Nov", "Dic", "Dez", "Dec", "E.U", "U.K", "U.S",
    // Capitalised forms of the lower-case ones.
    "Approx", "Cf", "Fe", "F.e", "Fig", "Figs", "Eg", "E.g", "Ie", "I.e", "Iv", "I.v", "Med", "Nat",
    "Nr", "P.e", "Phil", "Prof", "Rer", "Sci", "Univ", "Vol", "Vs", "Z.b",
];

/// segtok's ABBREVIATIONS pattern at the end of the text before a dot.
fn abbreviation_end(prev: &str) -> bool {
    // 1. a known abbreviation (dots inside it, as in "e.g", are part of it)
    if ABBREVIATIONS.iter().any(|a| {
        prev.ends_with(a) && {
            let before = &prev[..prev.len() - a.len()];
            before
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
        }
    }) {
        return true;
    }
    // 2. a one-character "sentence", 3. a number "sentence"
    let mut chars = prev.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && !c.is_whitespace()
    {
        return true;
    }
    if !prev.is_empty() && prev.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    // 4. an initial after "by", a title, a comma, "and" or a bracket
    let Some(initial) = prev.chars().next_back() else {
        return false;
    };
    if !initial.is_uppercase() {
        return false;
    }
    let mut rest = &prev[..prev.len() - initial.len_utf8()];
    // optional "A." or "A.-" before it
    let mut tail = rest.chars().rev();
    let stripped = match (tail.next(), tail.next(), tail.next()) {
        (Some(h), Some('.'), Some(u)) if is_hyphen(h) && u.is_uppercase() => 3,
        (Some('.'), Some(u), _) if u.is_uppercase() => 2,
        _ => 0,
    };
    if stripped > 0 {
        let cut: usize = rest.chars().rev().take(stripped).map(char::len_utf8).sum();
        rest = &rest[..rest.len() - cut];
    }
    if rest.ends_with('(') || rest.ends_with('[') {
        return true;
    }
    let Some(space) = rest.chars().next_back().filter(|c| c.is_whitespace()) else {
        return false;
    };
    let before = &rest[..rest.len() - space.len_utf8()];
    if before.ends_with(',') || before.ends_with(", and") || before.ends_with(" and") {
        return true;
    }
    let word = last_word(before);
    [
        "by",
        "captain",
        "commander",
        "doctor",
        "doktor",
        "general",
        "mister",
        "miss",
        "magister",
        "magiss",
        "professor",
        "señor",
        "señora",
        "señorita",
    ]
    .iter()
    .any(|t| {
        let mut w = word.chars();
        let mut c = t.chars();
        // first letter either case, the rest lower case
        matches!((w.next(), c.next()), (Some(a), Some(b)) if a.to_ascii_lowercase() == b)
            && w.as_str() == c.as_str()
    })
}

/// segtok's LONE_WORD: the whole span is one lower-case word.
fn lone_word(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_lowercase)
        && chars.all(|c| c.is_lowercase() || c.is_ascii_digit() || is_hyphen(c))
}

/// segtok's ENDS_IN_DATE_DIGITS: `\b[0123]?[0-9]$`.
fn ends_in_date_digits(s: &str) -> bool {
    let word = last_word(s);
    let b = word.as_bytes();
    match b {
        [d] => d.is_ascii_digit(),
        [a, d] => (b'0'..=b'3').contains(a) && d.is_ascii_digit(),
        _ => false,
    }
}

/// segtok's MONTH at the start of the next span.
fn starts_with_month(s: &str) -> bool {
    const MONTHS: &[&str] = &[
        "Jän", "Jan", "Ene", "Feb", "Mär", "Mar", "Apr", "Abr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Okt", "Nov", "Dec", "Dez", "Dic", "Diz",
    ];
    if MONTHS.iter().any(|m| s.starts_with(m)) {
        return true;
    }
    let b = s.as_bytes();
    matches!(b.first(), Some(b'1'..=b'9')) || matches!(b, [b'0', b'1'..=b'9', ..])
}

/// segtok's MIDDLE_INITIAL_END: `\b\p{Lu}\p{Ll}+\W+\p{Lu}$`.
fn middle_initial_end(s: &str) -> bool {
    let mut rev = s.chars().rev().peekable();
    if !rev.next().is_some_and(char::is_uppercase) {
        return false;
    }
    let mut gap = 0;
    while rev
        .peek()
        .is_some_and(|c| !(c.is_alphanumeric() || *c == '_'))
    {
        rev.next();
        gap += 1;
    }
    let mut lower = 0;
    while rev.peek().is_some_and(|c| c.is_lowercase()) {
        rev.next();
        lower += 1;
    }
    gap > 0
        && lower > 0
        && rev.next().is_some_and(char::is_uppercase)
        && rev
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
}

/// segtok's UPPER_WORD_START: `^\p{Lu}\p{Ll}+\b`.
fn upper_word_start(s: &str) -> bool {
    let mut chars = s.chars().peekable();
    if !chars.next().is_some_and(char::is_uppercase) {
        return false;
    }
    let mut lower = 0;
    while chars.peek().is_some_and(|c| c.is_lowercase()) {
        chars.next();
        lower += 1;
    }
    lower > 0
        && chars
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
}

/// segtok's BEFORE_LOWER: the span ends with a terminal inside quotes or
/// brackets, or with a short abbreviation like "al." or "spp.", then spaces.
fn before_lower(s: &str) -> bool {
    let t = s.trim_end();
    if t.len() == s.len() {
        return false;
    }
    let mut rev = t.chars().rev().peekable();
    let mut brackets = 0;
    while rev.peek().is_some_and(|&c| c == ')' || c == ']') {
        rev.next();
        brackets += 1;
    }
    match rev.next() {
        Some('"') if rev.next().is_some_and(is_terminal) => return true,
        Some(c) if brackets > 0 && is_terminal(c) => return true,
        Some('.') if brackets == 0 => {}
        _ => return false,
    }
    let word = last_word(&t[..t.len() - 1]);
    let mut chars = word.chars();
    word == "spp"
        || match (chars.next(), chars.next(), chars.next()) {
            (Some(a), None, None) => a.is_alphabetic(),
            (Some(a), Some(b), None) => a.is_alphabetic() && b.is_lowercase(),
            _ => false,
        }
}

/// segtok's LOWER_WORD: the span starts with a lower-case word.
fn lower_word(s: &str) -> bool {
    let mut chars = s.chars().peekable();
    if !chars.peek().is_some_and(|c| c.is_lowercase()) {
        return false;
    }
    while chars.peek().is_some_and(|c| c.is_lowercase()) {
        chars.next();
    }
    if chars.peek().is_some_and(|&c| is_hyphen(c)) {
        chars.next();
        while chars.peek().is_some_and(|c| c.is_lowercase()) {
            chars.next();
        }
    }
    chars
        .next()
        .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
}

/// segtok's CONTINUATIONS: words that rarely start a sentence.
fn continuation(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "and", "are", "between", "by", "from", "has", "into", "is", "of", "or", "than", "that",
        "through", "via", "was", "were", "whether", "with",
    ];
    WORDS.iter().any(|w| {
        s.starts_with(w)
            && s[w.len()..]
                .chars()
                .next()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
    })
}

/// Whether `s` ends inside an unclosed `open` bracket (segtok's `_is_open`).
fn is_open(s: &str, open: char, close: char) -> bool {
    let Some(first) = s.find(open) else {
        return false;
    };
    let mut nesting = 0i32;
    for c in s[first..].chars() {
        if c == open {
            nesting += 1;
        } else if c == close {
            nesting -= 1;
        }
    }
    nesting > 0
}

/// Whether `s` starts inside a bracket it closes (segtok's `_is_not_opened`).
fn is_not_opened(s: &str, open: char, close: char) -> bool {
    let Some(last) = s.rfind(close) else {
        return false;
    };
    let mut nesting = 0i32;
    for c in s[..=last].chars().rev() {
        if c == close {
            nesting += 1;
        } else if c == open {
            nesting -= 1;
        }
    }
    nesting > 0
}

// ---------------------------------------------------------------------------
// Words

/// One step of segtok's word pattern at the start of `s`: how many bytes it
/// takes, or `None` where no word character starts.
fn word_step(s: &str) -> Option<usize> {
    let mut it = s.chars();
    let c = it.next()?;
    let n1 = it.next();
    let n2 = it.next();
    let n3 = it.next();
    let cl = c.len_utf8();
    if is_alnum(c) {
        // a dot after a letter or digit, unless it starts an ellipsis
        if n1 == Some('.') && !s[cl + 1..].starts_with("..") {
            return Some(cl + 1);
        }
        // a comma between alphanumerics
        if n1 == Some(',') && n2.is_some_and(is_alnum) {
            return Some(cl + 1);
        }
        // a colon between digits
        if c.is_numeric() && n1 == Some(':') && n2.is_some_and(char::is_numeric) {
            return Some(cl + 1);
        }
        // an inner hyphen, optionally after an apostrophe
        if let Some(h) = n1
            && is_hyphen(h)
            && n2.is_some_and(is_alnum)
        {
            return Some(cl + h.len_utf8());
        }
        if let (Some(a), Some(h)) = (n1, n2)
            && is_apostrophe(a)
            && is_hyphen(h)
            && n3.is_some_and(is_alnum)
        {
            return Some(cl + a.len_utf8() + h.len_utf8());
        }
    }
    // a (non-ASCII) apostrophe, not doubled
    if is_apostrophe(c) {
        return (!n1.is_some_and(is_apostrophe)).then_some(cl);
    }
    if is_alnum(c) {
        // an ASCII quote between alphanumerics, or after a final s
        if n1 == Some('\'') && (n2.is_some_and(is_alnum) || (c == 's' && n2.is_none())) {
            return Some(cl + 1);
        }
        return Some(cl);
    }
    None
}

/// Whether a whitespace-delimited span is a URL or an e-mail address, which
/// segtok's web tokenizer keeps whole.
fn is_web(span: &str) -> bool {
    if let Some(scheme) = span.find("://") {
        return scheme > 0
            && span[..scheme].chars().all(|c| c.is_ascii_alphabetic())
            && span[scheme + 3..].contains('.');
    }
    match span.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.ends_with('.')
                && domain
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == '_')
        }
        None => false,
    }
}

/// The tokens of one sentence (byte ranges into `text`, which `sentence`
/// indexes): segtok's word tokens with contractions split off and the
/// sentence's final terminal separated; ASCII-quote clitics (`'s`, `'ll`)
/// dropped, as YAKE drops them.
pub fn tokens(text: &str, sentence: Range<usize>, out: &mut Vec<Range<usize>>) {
    out.clear();
    let s = &text[sentence.clone()];
    let base = sentence.start;
    for span in s.split(char::is_whitespace) {
        if span.is_empty() {
            continue;
        }
        // Offset of the span in the sentence (separators vary in width).
        let start = span.as_ptr() as usize - s.as_ptr() as usize;
        if is_web(span) {
            out.push(base + start..base + start + span.len());
            continue;
        }
        let mut i = 0;
        let mut other: Option<usize> = None; // start of a run of non-word chars
        while i < span.len() {
            let mut j = i;
            while let Some(step) = word_step(&span[j..]) {
                j += step;
            }
            if j > i {
                if let Some(o) = other.take() {
                    out.push(base + start + o..base + start + i);
                }
                out.push(base + start + i..base + start + j);
                i = j;
            } else {
                other.get_or_insert(i);
                i += span[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
        if let Some(o) = other {
            out.push(base + start + o..base + start + span.len());
        }
    }
    split_final_terminal(text, out);
    split_dangling(text, out);
    split_contractions(text, out);
    out.retain(|r| {
        let t = &text[r.clone()];
        // what YAKE keeps: non-empty, not a clitic like 's
        !(t.is_empty() || (t.starts_with('\'') && t.len() > 1))
    });
}

/// segtok separates the sentence terminal from the word it ends, looking at
/// the last three tokens for the one that carries it.
fn split_final_terminal(text: &str, out: &mut Vec<Range<usize>>) {
    let n = out.len();
    for k in (n.saturating_sub(3)..n).rev() {
        let r = out[k].clone();
        let word = &text[r.clone()];
        let wordlike = word_step(word).is_some() && !word.starts_with(is_apostrophe);
        if !(wordlike || word.contains(is_terminal)) {
            continue;
        }
        let mut chars = word.chars();
        let (first, last) = (chars.next(), chars.next_back());
        if last.is_none() || word == "..." {
            // one character, or an ellipsis: left as it is
        } else if last.is_some_and(is_terminal) {
            let cut = r.end - last.map_or(0, char::len_utf8);
            out[k] = r.start..cut;
            out.insert(k + 1, cut..r.end);
        } else if first.is_some_and(is_terminal) {
            let cut = r.start + first.map_or(0, char::len_utf8);
            out[k] = r.start..cut;
            out.insert(k + 1, cut..r.end);
        }
        break;
    }
}

/// Commas, semicolons and colons dangling at the end of a token are tokens
/// of their own.
fn split_dangling(text: &str, out: &mut Vec<Range<usize>>) {
    let mut k = 0;
    while k < out.len() {
        let r = out[k].clone();
        let word = &text[r.clone()];
        if word.len() > 1 && word.ends_with([',', ';', ':']) {
            out[k] = r.start..r.end - 1;
            out.insert(k + 1, r.end - 1..r.end);
            continue; // the shortened token may dangle again
        }
        k += 1;
    }
}

/// segtok's `split_contractions`: `don't` → `do` `n't`, `it's` → `it` `'s`.
fn split_contractions(text: &str, out: &mut Vec<Range<usize>>) {
    let mut k = 0;
    while k < out.len() {
        let r = out[k].clone();
        if let Some(at) = contraction_split(&text[r.clone()]) {
            out[k] = r.start..r.start + at;
            out.insert(k + 1, r.start + at..r.end);
            k += 1;
        }
        k += 1;
    }
}

/// Where a contraction splits `word` (segtok's IS_CONTRACTION), if it is one.
fn contraction_split(word: &str) -> Option<usize> {
    const ENDINGS: &[&str] = &["d", "ll", "m", "re", "s", "t", "ve"];
    let (apo, c) = word
        .char_indices()
        .rev()
        .find(|&(_, c)| c == '\'' || is_apostrophe(c))?;
    let ending = &word[apo + c.len_utf8()..];
    let stem = &word[..apo];
    if !ENDINGS.contains(&ending) || stem.is_empty() {
        return None;
    }
    // stem: alphanumerics, hyphens only between them
    let mut prev_alnum = false;
    for ch in stem.chars() {
        if is_alnum(ch) {
            prev_alnum = true;
        } else if is_hyphen(ch) && prev_alnum {
            prev_alnum = false;
        } else {
            return None;
        }
    }
    if !prev_alnum {
        return None;
    }
    if ending == "t" && stem.ends_with('n') && stem.len() > 1 {
        return Some(apo - 1);
    }
    Some(apo)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    fn toks(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokens(text, 0..text.len(), &mut out);
        out.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentence_rules() {
        assert_eq!(
            sents("It works. We tried it e.g. twice. And (see Fig. 2) it held. Dr. Who came."),
            [
                "It works.",
                "We tried it e.g. twice.",
                "And (see Fig. 2) it held.",
                "Dr. Who came."
            ]
        );
        assert_eq!(
            sents("Price is high! is it? Yes. by J. Smith, then."),
            ["Price is high! is it?", "Yes. by J. Smith, then."]
        );
    }

    #[test]
    fn token_rules() {
        assert_eq!(
            toks("Web-based tools (e.g. U.S. ones) don't cost $3.50, it's users' choice."),
            [
                "Web-based",
                "tools",
                "(",
                "e.g.",
                "U.S.",
                "ones",
                ")",
                "do",
                "n't",
                "cost",
                "$",
                "3.50",
                ",",
                "it",
                "users'",
                "choice",
                "."
            ]
        );
        assert_eq!(
            toks("mail me@example.com now…"),
            ["mail", "me@example.com", "now", "…"]
        );
    }
}
