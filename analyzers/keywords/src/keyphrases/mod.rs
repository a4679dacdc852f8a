//! Automatic key phrases: YAKE (Campos et al., "YAKE! Keyword extraction
//! from single documents using multiple local features", Information
//! Sciences 509, 2020), as the reference implementation (`yake` 0.7.3 on
//! PyPI, its defaults: n-grams up to 3 words, co-occurrence window 1,
//! deduplication threshold 0.9) computes it.
//!
//! YAKE needs no corpus and no model: what makes a word important is read
//! off the document itself, which suits a single call.
//!
//! 1. The text is cut into sentences and tokens ([`tokenize`]); punctuation
//!    splits a sentence into blocks of words, and a candidate is a run of
//!    1–3 consecutive words of one block.
//! 2. Each word (lowercased, a final `s` dropped) gets five features:
//!    **casing** (how often it is capitalised or an acronym), **position**
//!    (the median index of the sentences it occurs in: early is better),
//!    **frequency** (normalised by the mean and deviation of all content
//!    words), **relatedness to context** (how many different words it
//!    follows and precedes, relative to how often: a word that goes with
//!    anything is stopword-like) and **different sentences** (the share of
//!    sentences it occurs in). They combine into a score, lower = more
//!    important: `S(w) = pos·rel / (case + freq/rel + sentences/rel)`.
//! 3. A candidate's score is `Π S(w) / ((1 + Σ S(w)) · tf(candidate))`, a
//!    stopword inside it weighing by how likely its neighbours are to occur
//!    next to it; candidates starting or ending with a stopword, or holding
//!    a number or an odd token, are dropped.
//! 4. Candidates are taken best first, skipping any whose Levenshtein
//!    similarity to one already taken exceeds the threshold.
//!
//! On calls ([`Yake::spoken`]) the vocabulary of speech is added
//! ([`spoken`]: greetings, fillers, names and generic words are never key
//! phrases), and the forms of one phrase are merged into one, shown in up
//! to 4 words ([`variants`]).

pub mod spoken;
mod stopwords;
pub mod tokenize;
pub mod variants;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub use stopwords::ENGLISH_STOPWORDS;

use variants::Mentions;

/// The longest candidate any extractor considers, in words.
const MAX_WORDS: usize = 4;

/// How many phrases of several words are grouped per key phrase asked for
/// when variants merge.
const GROUPS_PER_PHRASE: usize = 3;

/// One extracted key phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPhrase {
    /// As first written (its case kept; words joined by single spaces).
    pub phrase: String,
    /// YAKE's score: lower is more relevant (not bounded above; it can drop
    /// below zero in rare stopword-heavy phrases).
    pub score: f64,
    /// How many times the phrase occurs (on calls, it or one of its
    /// variants, each place once).
    pub count: u32,
    /// Where it first occurs: index of the text among those given, and the
    /// byte range in that text.
    pub part: usize,
    pub range: Range<usize>,
}

/// A YAKE extractor with its stopword list and parameters.
#[derive(Debug, Clone)]
pub struct Yake {
    stopwords: HashSet<&'static str>,
    /// Stems of the words never a key phrase alone or only with each other.
    generic: HashSet<String>,
    /// Whether the variants of a phrase merge into one key phrase.
    merge_variants: bool,
    /// Longest candidate, in words.
    max_words: usize,
    /// Longest form of a phrase, in words: longer candidates than
    /// `max_words` never are key phrases of their own (they would crowd out
    /// the shorter ones: F1 on Inspec drops from 0.175 to 0.133 with 4-word
    /// candidates) but show a phrase said in full ("managers joining live
    /// calls" of "joining live calls").
    longest_form: usize,
    /// How many preceding words count as a word's context.
    window: usize,
    /// Candidates more similar than this to a better one are dropped.
    dedup_threshold: f64,
}

impl Default for Yake {
    fn default() -> Self {
        Self::english()
    }
}

/// The tag YAKE gives a token from its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// A number.
    Digit,
    /// Letters mixed with digits, no letter at all, or several punctuation
    /// marks: not keyword material.
    Unusual,
    /// All capitals.
    Acronym,
    /// Capitalised, not at the start of its sentence.
    Proper,
    Plain,
}

impl Tag {
    fn of(word: &str, position_in_sentence: usize) -> Self {
        let numeric = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        let no_commas: String = word.chars().filter(|&c| c != ',').collect();
        if numeric(&no_commas) || numeric(&no_commas.replacen('.', "", 1)) {
            return Self::Digit;
        }
        let (mut digits, mut letters, mut punct, mut upper, mut lower) = (0, 0, 0, 0, 0);
        for c in word.chars() {
            digits += usize::from(c.is_numeric());
            letters += usize::from(c.is_alphabetic());
            punct += usize::from(c.is_ascii_punctuation());
            upper += usize::from(c.is_uppercase());
            lower += usize::from(c.is_lowercase());
        }
        if (digits > 0 && letters > 0) || (digits == 0 && letters == 0) || punct > 1 {
            return Self::Unusual;
        }
        if upper > 0 && lower == 0 {
            return Self::Acronym;
        }
        if position_in_sentence > 0
            && word.chars().count() > 1
            && word.chars().next().is_some_and(char::is_uppercase)
            && upper == 1
        {
            return Self::Proper;
        }
        Self::Plain
    }

    fn discarded(self) -> bool {
        matches!(self, Self::Digit | Self::Unusual)
    }
}

/// A word of the document (YAKE's "single word"): the lowercased token with
/// a plural `s` dropped.
#[derive(Debug, Default)]
struct Term {
    stopword: bool,
    generic: bool,
    /// Id of its stem (see [`variants::stem`]).
    stem: u32,
    tf: f64,
    tf_acronym: f64,
    tf_proper: f64,
    /// Sentences it occurs in, ascending, each once.
    sentences: Vec<u32>,
    /// Distinct words right after it, and co-occurrences with them.
    right_distinct: f64,
    right_total: f64,
    /// Distinct words right before it, and co-occurrences with them.
    left_distinct: f64,
    left_total: f64,
    score: f64,
}

/// A candidate phrase: 1 to [`MAX_WORDS`] consecutive words of a block.
#[derive(Debug)]
struct Candidate {
    terms: [u32; MAX_WORDS],
    len: u8,
    tf: f64,
    /// Some occurrence has no number or odd token in it.
    clean: bool,
    /// Word position (in the document) where each occurrence starts.
    starts: Vec<u32>,
    /// First occurrence: part and byte range.
    part: usize,
    range: Range<usize>,
    /// The words as first written, joined by single spaces.
    phrase: String,
}

/// A word in the current block.
#[derive(Clone)]
struct BlockWord {
    tag: Tag,
    /// Position among the document's words.
    position: u32,
    surface: u32,
    term: u32,
    range: Range<usize>,
}

/// The document model YAKE scores: terms, their co-occurrence graph, the
/// candidates.
#[derive(Default)]
struct Document {
    /// Lowercased token → (surface id, term id).
    surfaces: HashMap<String, (u32, u32)>,
    /// Term key (lowercased, plural `s` dropped) → term id.
    term_ids: HashMap<String, u32>,
    terms: Vec<Term>,
    stem_ids: HashMap<String, u32>,
    /// Co-occurrence counts, (left term, right term) → times.
    edges: HashMap<(u32, u32), f64>,
    /// Surface ids of the words (up to [`MAX_WORDS`]) → candidate.
    candidate_ids: HashMap<[u32; MAX_WORDS], u32>,
    candidates: Vec<Candidate>,
    sentences: u32,
    words: u32,
}

impl Yake {
    /// YAKE with the English stopword list and the reference defaults.
    pub fn english() -> Self {
        Self {
            stopwords: ENGLISH_STOPWORDS.iter().copied().collect(),
            generic: HashSet::new(),
            merge_variants: false,
            max_words: 3,
            longest_form: 3,
            window: 1,
            dedup_threshold: 0.9,
        }
    }

    /// YAKE for transcribed speech: the English stopwords and those of
    /// speech, generic words never alone, variants merged, and a phrase
    /// shown in up to 4 words (spoken phrases run longer: "managers joining
    /// live calls").
    pub fn spoken() -> Self {
        let english = Self::english();
        Self {
            stopwords: english
                .stopwords
                .into_iter()
                .chain(spoken::SPOKEN_STOPWORDS.iter().copied())
                .collect(),
            generic: spoken::GENERIC_WORDS
                .iter()
                .map(|w| variants::stem(w))
                .collect(),
            merge_variants: true,
            longest_form: MAX_WORDS,
            ..english
        }
    }

    /// The `top` key phrases of `text`, best first.
    pub fn extract(&self, text: &str, top: usize) -> Vec<KeyPhrase> {
        self.extract_parts([text], top)
    }

    /// The `top` key phrases of a document made of `parts` (e.g. the
    /// segments of one speaker), best first. A sentence never spans two
    /// parts.
    pub fn extract_parts<'a, I>(&self, parts: I, top: usize) -> Vec<KeyPhrase>
    where
        I: IntoIterator<Item = &'a str>,
    {
        self.extract_parts_excluding(parts, top, &HashSet::new())
    }

    /// [`Self::extract_parts`] with `excluded` (lowercase words, e.g. the
    /// participants' names) as stopwords of this document.
    pub fn extract_parts_excluding<'a, I>(
        &self,
        parts: I,
        top: usize,
        excluded: &HashSet<String>,
    ) -> Vec<KeyPhrase>
    where
        I: IntoIterator<Item = &'a str>,
    {
        let mut doc = Document::default();
        let mut tokens = Vec::new();
        let mut block: Vec<BlockWord> = Vec::new();
        let mut lower = String::new();
        for (part, text) in parts.into_iter().enumerate() {
            for sentence in tokenize::sentences(text) {
                let sentence_id = doc.sentences;
                doc.sentences += 1;
                tokenize::tokens(text, sentence, &mut tokens);
                block.clear();
                for (position, range) in tokens.iter().enumerate() {
                    let word = &text[range.clone()];
                    if word.chars().all(|c| c.is_ascii_punctuation()) {
                        block.clear();
                        continue;
                    }
                    let tag = Tag::of(word, position);
                    lower.clear();
                    lower.extend(word.chars().flat_map(char::to_lowercase));
                    let (surface, term) = self.intern(&mut doc, &lower, excluded);
                    doc.occur(term, tag, sentence_id);
                    let position = doc.words;
                    doc.words += 1;
                    if !tag.discarded() {
                        let from = block.len().saturating_sub(self.window);
                        for left in &block[from..] {
                            if !left.tag.discarded() {
                                doc.cooccur(left.term, term);
                            }
                        }
                    }
                    block.push(BlockWord {
                        tag,
                        position,
                        surface,
                        term,
                        range: range.clone(),
                    });
                    let from = block.len().saturating_sub(self.longest_form);
                    for start in (from..block.len()).rev() {
                        doc.candidate(&block[start..], part, text);
                    }
                }
            }
        }
        self.rank(doc, top)
    }

    /// The surface and term ids of a lowercased token, creating them.
    fn intern(&self, doc: &mut Document, lower: &str, excluded: &HashSet<String>) -> (u32, u32) {
        if let Some(&ids) = doc.surfaces.get(lower) {
            return ids;
        }
        let stopword = self.stopwords.contains(lower) || excluded.contains(lower);
        let key = match lower.strip_suffix('s') {
            Some(singular) if lower.chars().count() > 3 => singular,
            _ => lower,
        };
        let term = match doc.term_ids.get(key) {
            Some(&term) => term,
            None => {
                let bare_len = key.chars().filter(|c| !c.is_ascii_punctuation()).count();
                let term = doc.terms.len() as u32;
                let stem = variants::stem(key);
                let generic = self.generic.contains(&stem);
                let next_stem = doc.stem_ids.len() as u32;
                let stem = *doc.stem_ids.entry(stem).or_insert(next_stem);
                doc.terms.push(Term {
                    stopword: stopword || self.stopwords.contains(key) || bare_len < 3,
                    generic,
                    stem,
                    ..Term::default()
                });
                doc.term_ids.insert(key.to_owned(), term);
                term
            }
        };
        let ids = (doc.surfaces.len() as u32, term);
        doc.surfaces.insert(lower.to_owned(), ids);
        ids
    }

    fn rank(&self, mut doc: Document, top: usize) -> Vec<KeyPhrase> {
        let content: Vec<f64> = doc
            .terms
            .iter()
            .filter(|t| !t.stopword)
            .map(|t| t.tf)
            .collect();
        if content.is_empty() || top == 0 {
            return Vec::new();
        }
        let mean = content.iter().sum::<f64>() / content.len() as f64;
        let deviation = (content.iter().map(|tf| (tf - mean).powi(2)).sum::<f64>()
            / content.len() as f64)
            .sqrt();
        let max_tf = doc.terms.iter().map(|t| t.tf).fold(0.0, f64::max);
        let sentences = f64::from(doc.sentences);
        for term in &mut doc.terms {
            term.score = term_score(term, max_tf, mean + deviation, sentences);
        }

        let mut ranked: Vec<(f64, &Candidate)> = doc
            .candidates
            .iter()
            .filter(|c| {
                c.clean
                    && !doc.terms[c.terms[0] as usize].stopword
                    && !doc.terms[c.terms[usize::from(c.len) - 1] as usize].stopword
                    && !doc.content(c).all(|t| t.generic)
            })
            .map(|c| (doc.candidate_score(c), c))
            .collect();
        // Stable: ties keep the order of first occurrence, as the reference.
        ranked.sort_by(|a, b| a.0.total_cmp(&b.0));

        if self.merge_variants {
            return self.merge(&doc, ranked, top);
        }
        let mut taken: Vec<(f64, &Candidate, Vec<char>)> = Vec::new();
        for (score, candidate) in ranked {
            let folded = fold(&candidate.phrase);
            if taken
                .iter()
                .any(|(_, _, other)| similarity(&folded, other) > self.dedup_threshold)
            {
                continue;
            }
            taken.push((score, candidate, folded));
            if taken.len() == top {
                break;
            }
        }
        taken
            .into_iter()
            .map(|(score, c, _)| KeyPhrase {
                phrase: c.phrase.clone(),
                score,
                count: c.tf as u32,
                part: c.part,
                range: c.range.clone(),
            })
            .collect()
    }

    /// The `top` key phrases of ranked candidates with their variants
    /// merged ([`variants`]): phrases of several content words are grouped
    /// first ([`Self::group_phrases`]), then single words join them or
    /// stand alone ([`Self::add_words`]).
    fn merge(&self, doc: &Document, ranked: Vec<(f64, &Candidate)>, top: usize) -> Vec<KeyPhrase> {
        let (phrases, words): (Vec<_>, Vec<_>) = ranked
            .into_iter()
            .map(|(score, c)| (score, c, doc.stems(c)))
            .partition(|(_, _, stems)| stems.len() > 1);
        let mut taken = self.group_phrases(phrases, top.saturating_mul(GROUPS_PER_PHRASE));
        self.add_words(doc, &mut taken, words, top);
        // Stable: ties keep the order in which they were taken.
        taken.sort_by(|a, b| a.score.total_cmp(&b.score));
        taken
            .into_iter()
            .take(top)
            .map(|t| {
                let form = t.form();
                KeyPhrase {
                    phrase: form.phrase.clone(),
                    score: t.score,
                    count: t.mentions.count(),
                    part: form.part,
                    range: form.range.clone(),
                }
            })
            .collect()
    }

    /// Groups ranked phrases of several content words, best first, into at
    /// most `groups` key phrases (more than asked for: a single word is
    /// told a part of a phrase only if that phrase was grouped). A phrase
    /// holding the forms of several groups ("managers joining live calls"
    /// of "live calls" and "managers joining") joins them into one when it
    /// is said more than once or holds most of their occurrences; a phrase
    /// said once with whatever followed it ("forecast accuracy matters
    /// because") is no proof that two groups are one.
    fn group_phrases<'d>(
        &self,
        phrases: Vec<(f64, &'d Candidate, Vec<u32>)>,
        groups: usize,
    ) -> Vec<Taken<'d>> {
        let mut taken: Vec<Taken<'d>> = Vec::new();
        for (score, candidate, stems) in phrases {
            let variants_of: Vec<usize> = (0..taken.len())
                .filter(|&i| taken[i].has_variant(&stems))
                .collect();
            let Some((&first, others)) = variants_of.split_first() else {
                if taken.len() < groups && usize::from(candidate.len) <= self.max_words {
                    self.take(&mut taken, Taken::new(score, candidate, stems));
                }
                continue;
            };
            let said = Mentions::of(candidate);
            let others: Vec<usize> = others
                .iter()
                .copied()
                .filter(|&i| candidate.tf >= 2.0 || taken[i].mentions.mostly_inside(&said))
                .collect();
            for &i in others.iter().rev() {
                let other = taken.remove(i);
                taken[first].join(other);
            }
            taken[first].add(candidate, stems);
        }
        taken
    }

    /// Adds ranked single words to the grouped phrases: as a form of the
    /// same word, as a part of phrases, or as a key phrase of its own (at
    /// most `top`).
    fn add_words<'d>(
        &self,
        doc: &Document,
        taken: &mut Vec<Taken<'d>>,
        words: Vec<(f64, &'d Candidate, Vec<u32>)>,
        top: usize,
    ) {
        let mut single = 0;
        for (score, candidate, stems) in words {
            if let Some(word) = taken.iter_mut().find(|t| t.stems == stems) {
                word.add(candidate, stems);
                continue;
            }
            let holding: Vec<usize> = (0..taken.len())
                .filter(|&i| taken[i].stems.binary_search(&stems[0]).is_ok())
                .collect();
            // A name or an acronym ("Salesforce", "CRM") is a topic: the
            // phrases said once around it ("moved to Salesforce") join it,
            // and it is part only of phrases said again that hold most of
            // its occurrences. A plain word ("network") said mostly inside
            // phrases is part of them; said once, it tells less than any.
            let term = &doc.terms[candidate.terms[0] as usize];
            let named = term.tf_proper + term.tf_acronym > 0.0;
            let (again, once): (Vec<usize>, Vec<usize>) = holding
                .into_iter()
                .partition(|&i| !named || taken[i].mentions.count() > 1);
            let mut phrases = Mentions::default();
            for &i in &again {
                phrases.absorb(&taken[i].mentions);
            }
            if !again.is_empty() && Mentions::of(candidate).mostly_inside(&phrases) {
                continue;
            }
            if (candidate.tf < 2.0 && !named) || single == top {
                continue;
            }
            let mut word = Taken::new(score, candidate, stems);
            for &i in once.iter().rev() {
                word.mentions.absorb(&taken.remove(i).mentions);
            }
            if self.take(taken, word) {
                single += 1;
            }
        }
    }

    /// Takes `phrase` unless the Levenshtein rule finds it too close to one
    /// already taken; says whether it did.
    fn take<'d>(&self, taken: &mut Vec<Taken<'d>>, phrase: Taken<'d>) -> bool {
        let folded = fold(&phrase.forms[0].0.phrase);
        let close = taken
            .iter()
            .any(|t| similarity(&folded, &fold(&t.forms[0].0.phrase)) > self.dedup_threshold);
        if !close {
            taken.push(phrase);
        }
        !close
    }
}

/// A phrase lowercased, as the Levenshtein rule compares it.
fn fold(phrase: &str) -> Vec<char> {
    phrase.chars().flat_map(char::to_lowercase).collect()
}

/// A key phrase being selected: the forms it gathers, best first, and
/// where they were said.
struct Taken<'d> {
    /// The best score of its forms.
    score: f64,
    /// Each form with the stems of its content words (sorted, each once).
    forms: Vec<(&'d Candidate, Vec<u32>)>,
    /// The distinct stem sets of its forms.
    shapes: Vec<Vec<u32>>,
    /// The stems of all its forms, sorted, each once.
    stems: Vec<u32>,
    mentions: Mentions,
}

impl<'d> Taken<'d> {
    fn new(score: f64, candidate: &'d Candidate, stems: Vec<u32>) -> Self {
        let mut taken = Self {
            score,
            forms: Vec::new(),
            shapes: Vec::new(),
            stems: Vec::new(),
            mentions: Mentions::default(),
        };
        taken.add(candidate, stems);
        taken
    }

    /// Whether a phrase with these stems is a variant of one of its forms.
    fn has_variant(&self, stems: &[u32]) -> bool {
        stems.iter().any(|s| self.stems.binary_search(s).is_ok())
            && self
                .shapes
                .iter()
                .any(|shape| variants::are_variants(shape, stems))
    }

    /// Adds a form, ranked after those it has, and counts where it was said.
    fn add(&mut self, form: &'d Candidate, stems: Vec<u32>) {
        self.mentions.absorb(&Mentions::of(form));
        if !self.shapes.contains(&stems) {
            self.stems.extend_from_slice(&stems);
            self.stems.sort_unstable();
            self.stems.dedup();
            self.shapes.push(stems.clone());
        }
        self.forms.push((form, stems));
    }

    /// Gathers the forms of `other`, a phrase ranked after this one.
    fn join(&mut self, other: Taken<'d>) {
        self.score = self.score.min(other.score);
        for (form, stems) in other.forms {
            self.add(form, stems);
        }
    }

    /// The form shown: of those said more than once, the one with the most
    /// content words, best first ("managers joining live calls" rather
    /// than its part "live calls", but not a one-off "forecast accuracy
    /// matters because"); the best form when none recurs.
    fn form(&self) -> &'d Candidate {
        let mut shown = self.forms[0].0;
        let mut words = 0;
        for (form, stems) in &self.forms {
            if form.tf >= 2.0 && stems.len() > words {
                (shown, words) = (form, stems.len());
            }
        }
        shown
    }
}

impl Mentions {
    /// Where a candidate was said.
    fn of(candidate: &Candidate) -> Self {
        let mut mentions = Self::default();
        for &start in &candidate.starts {
            mentions.add(start, u32::from(candidate.len));
        }
        mentions
    }
}

impl Document {
    /// The candidate's words that are not stopwords.
    fn content<'a>(&'a self, c: &'a Candidate) -> impl Iterator<Item = &'a Term> + 'a {
        c.terms[..usize::from(c.len)]
            .iter()
            .map(|&id| &self.terms[id as usize])
            .filter(|t| !t.stopword)
    }

    /// Stems of the candidate's content words, sorted, each once.
    fn stems(&self, c: &Candidate) -> Vec<u32> {
        let mut stems: Vec<u32> = self.content(c).map(|t| t.stem).collect();
        stems.sort_unstable();
        stems.dedup();
        stems
    }

    fn occur(&mut self, term: u32, tag: Tag, sentence: u32) {
        let t = &mut self.terms[term as usize];
        t.tf += 1.0;
        t.tf_acronym += f64::from(u8::from(tag == Tag::Acronym));
        t.tf_proper += f64::from(u8::from(tag == Tag::Proper));
        if t.sentences.last() != Some(&sentence) {
            t.sentences.push(sentence);
        }
    }

    fn cooccur(&mut self, left: u32, right: u32) {
        let count = self.edges.entry((left, right)).or_insert(0.0);
        let new = *count == 0.0;
        *count += 1.0;
        let l = &mut self.terms[left as usize];
        l.right_total += 1.0;
        l.right_distinct += f64::from(u8::from(new));
        let r = &mut self.terms[right as usize];
        r.left_total += 1.0;
        r.left_distinct += f64::from(u8::from(new));
    }

    /// Counts one occurrence of the candidate made of `words`.
    fn candidate(&mut self, words: &[BlockWord], part: usize, text: &str) {
        let mut key = [u32::MAX; MAX_WORDS];
        let mut terms = [0; MAX_WORDS];
        for (i, w) in words.iter().enumerate() {
            key[i] = w.surface;
            terms[i] = w.term;
        }
        let clean = words.iter().all(|w| !w.tag.discarded());
        let id = match self.candidate_ids.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.candidates.len() as u32;
                let phrase = words
                    .iter()
                    .map(|w| &text[w.range.clone()])
                    .collect::<Vec<_>>()
                    .join(" ");
                self.candidates.push(Candidate {
                    terms,
                    len: words.len() as u8,
                    tf: 0.0,
                    clean: false,
                    starts: Vec::new(),
                    part,
                    range: words[0].range.start..words[words.len() - 1].range.end,
                    phrase,
                });
                self.candidate_ids.insert(key, id);
                id
            }
        };
        let c = &mut self.candidates[id as usize];
        c.tf += 1.0;
        c.clean |= clean;
        c.starts.push(words[0].position);
    }

    fn edge(&self, left: u32, right: u32) -> f64 {
        self.edges.get(&(left, right)).copied().unwrap_or(0.0)
    }

    /// YAKE's candidate score; a stopword inside weighs by the probability
    /// of its neighbours around it.
    fn candidate_score(&self, c: &Candidate) -> f64 {
        let terms = &c.terms[..usize::from(c.len)];
        let (mut sum, mut product) = (0.0, 1.0);
        for (i, &id) in terms.iter().enumerate() {
            let term = &self.terms[id as usize];
            if !term.stopword {
                sum += term.score;
                product *= term.score;
                continue;
            }
            let before = match i.checked_sub(1).map(|p| terms[p]) {
                Some(prev) => self.edge(prev, id) / self.terms[prev as usize].tf,
                None => 0.0,
            };
            let after = match terms.get(i + 1) {
                Some(&next) => self.edge(id, next) / self.terms[next as usize].tf,
                None => 0.0,
            };
            let probability = before * after;
            product *= 2.0 - probability;
            sum -= 1.0 - probability;
        }
        product / ((sum + 1.0) * c.tf)
    }
}

/// YAKE's word score from its five features.
fn term_score(t: &Term, max_tf: f64, mean_plus_deviation: f64, sentences: f64) -> f64 {
    let per = |distinct: f64, total: f64| if total == 0.0 { 0.0 } else { distinct / total };
    let relatedness = (0.5 + per(t.left_distinct, t.left_total) * (t.tf / max_tf))
        + (0.5 + per(t.right_distinct, t.right_total) * (t.tf / max_tf));
    let frequency = t.tf / mean_plus_deviation;
    let spread = t.sentences.len() as f64 / sentences;
    let casing = t.tf_acronym.max(t.tf_proper) / (1.0 + t.tf.ln());
    let position = (3.0 + median(&t.sentences)).ln().ln();
    position * relatedness / (casing + frequency / relatedness + spread / relatedness)
}

/// Median of an ascending, non-empty list.
fn median(sorted: &[u32]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        f64::from(sorted[n / 2])
    } else {
        (f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0
    }
}

/// Levenshtein similarity: 1 − distance / length of the longer string.
fn similarity(a: &[char], b: &[char]) -> f64 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    1.0 - levenshtein(a, b) as f64 / longer as f64
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levenshtein_distances() {
        let d = |a: &str, b: &str| {
            levenshtein(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
            )
        };
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("flaw", "lawn"), 2);
        assert_eq!(d("가격", "가격이"), 1);
    }

    #[test]
    fn tags() {
        assert_eq!(Tag::of("1,000.5", 3), Tag::Digit);
        assert_eq!(Tag::of("B2B", 3), Tag::Unusual);
        assert_eq!(Tag::of("U.S.", 3), Tag::Unusual);
        assert_eq!(Tag::of("CRM", 0), Tag::Acronym);
        assert_eq!(Tag::of("Salesforce", 2), Tag::Proper);
        assert_eq!(Tag::of("Salesforce", 0), Tag::Plain);
        assert_eq!(Tag::of("HubSpot", 2), Tag::Plain);
        assert_eq!(Tag::of("web-based", 2), Tag::Plain);
    }
}
