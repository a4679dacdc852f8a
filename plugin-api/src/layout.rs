//! Laying a call out as the ABI's borrowed structs. The host does this for
//! every call; authors do it in their tests with [`CallData`]. Text is never
//! copied: the layout points into the strings it was built from.

use std::marker::PhantomData;
use std::mem::size_of;

use serde::{Deserialize, Serialize};

use crate::abi::{RawCall, RawParticipant, RawSegment, RawSlice, RawStr, RawWord};
use crate::view::{CallView, Role};

/// A call laid out for `analyze`, borrowing its text for `'a`.
#[derive(Debug)]
pub struct CallLayout<'a> {
    call: RawCall,
    // Owned arrays the raw call points into; never modified after `finish`.
    _participants: Vec<RawParticipant>,
    _segments: Vec<RawSegment>,
    _words: Vec<RawWord>,
    _text: PhantomData<&'a str>,
}

impl<'a> CallLayout<'a> {
    /// Starts a layout; add participants and segments (sorted by start, then
    /// end), then [`CallLayoutBuilder::finish`].
    pub fn builder(
        language: &'a str,
        duration_ms: i64,
        started_at_ms: i64,
        context: &'a str,
    ) -> CallLayoutBuilder<'a> {
        CallLayoutBuilder {
            language,
            duration_ms,
            started_at_ms,
            context,
            participants: Vec::new(),
            segments: Vec::new(),
            word_starts: Vec::new(),
            words: Vec::new(),
        }
    }

    /// The view an analyzer receives.
    pub fn view(&self) -> CallView<'_> {
        // SAFETY: `call` points into this layout's arrays and into text
        // borrowed for 'a, all alive while `self` is.
        unsafe { CallView::from_raw(&self.call) }
    }

    /// The pointer handed across the ABI; valid while `self` is alive.
    pub fn as_raw(&self) -> *const RawCall {
        &self.call
    }
}

/// Collects a call's parts for a [`CallLayout`].
#[derive(Debug)]
pub struct CallLayoutBuilder<'a> {
    language: &'a str,
    duration_ms: i64,
    started_at_ms: i64,
    context: &'a str,
    participants: Vec<RawParticipant>,
    segments: Vec<RawSegment>,
    /// Index in `words` of each segment's first word; pointers are fixed in
    /// `finish`, once `words` no longer moves.
    word_starts: Vec<usize>,
    words: Vec<RawWord>,
}

impl<'a> CallLayoutBuilder<'a> {
    /// Reserves room for the call's parts, so laying out a long call does
    /// not reallocate as it goes.
    pub fn reserve(&mut self, participants: usize, segments: usize, words: usize) -> &mut Self {
        self.participants.reserve(participants);
        self.segments.reserve(segments);
        self.word_starts.reserve(segments);
        self.words.reserve(words);
        self
    }

    /// Adds a speaker; `name` is the person's name, when known.
    pub fn participant(
        &mut self,
        speaker: &'a str,
        name: Option<&'a str>,
        role: Role,
    ) -> &mut Self {
        self.participants.push(RawParticipant {
            size: size_of::<RawParticipant>(),
            speaker: RawStr::new(speaker),
            name: RawStr::from_option(name),
            role: role.code(),
        });
        self
    }

    /// Adds the next segment, with its words `(text, start_ms, end_ms)` when
    /// the source had word timings.
    pub fn segment<W>(
        &mut self,
        speaker: &'a str,
        role: Role,
        start_ms: i64,
        end_ms: i64,
        text: &'a str,
        words: Option<W>,
    ) -> &mut Self
    where
        W: IntoIterator<Item = (&'a str, i64, i64)>,
    {
        let first = self.words.len();
        let has_words = words.is_some();
        if let Some(words) = words {
            self.words
                .extend(words.into_iter().map(|(text, start_ms, end_ms)| RawWord {
                    size: size_of::<RawWord>(),
                    text: RawStr::new(text),
                    start_ms,
                    end_ms,
                }));
        }
        self.segments.push(RawSegment {
            size: size_of::<RawSegment>(),
            speaker: RawStr::new(speaker),
            role: role.code(),
            start_ms,
            end_ms,
            text: RawStr::new(text),
            has_words: u32::from(has_words),
            words: RawSlice {
                ptr: std::ptr::null(),
                len: self.words.len() - first,
                stride: size_of::<RawWord>(),
            },
        });
        self.word_starts.push(first);
        self
    }

    /// Fixes every pointer; nothing is added after this.
    pub fn finish(mut self) -> CallLayout<'a> {
        let words = self.words;
        for (segment, &first) in self.segments.iter_mut().zip(&self.word_starts) {
            segment.words.ptr = words[first..].as_ptr();
        }
        let call = RawCall {
            size: size_of::<RawCall>(),
            language: RawStr::new(self.language),
            duration_ms: self.duration_ms,
            started_at_ms: self.started_at_ms,
            participants: RawSlice::new(&self.participants),
            segments: RawSlice::new(&self.segments),
            context: RawStr::new(self.context),
        };
        CallLayout {
            call,
            _participants: self.participants,
            _segments: self.segments,
            _words: words,
            _text: PhantomData,
        }
    }
}

/// An owned call, for tests and benchmarks of an analyzer outside the host.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CallData {
    /// BCP-47 language tag, e.g. `en-US`.
    pub language: String,
    /// Length of the call in ms.
    pub duration_ms: i64,
    /// Start of the call, Unix milliseconds.
    pub started_at_ms: i64,
    /// The call's speakers.
    pub participants: Vec<ParticipantData>,
    /// Sorted by start, then end, as the host sorts them.
    pub segments: Vec<SegmentData>,
    /// JSON object; empty means `{}`.
    pub context: String,
}

/// An owned speaker of a [`CallData`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantData {
    /// The label segments refer to.
    pub speaker: String,
    /// The person's name, when the source has one.
    #[serde(default)]
    pub name: Option<String>,
    /// The part they play.
    pub role: Role,
}

/// An owned segment of a [`CallData`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentData {
    /// The speaker label.
    pub speaker: String,
    /// The speaker's role, as the host resolves it from the participants.
    pub role: Role,
    /// Start, ms from the call's start.
    pub start_ms: i64,
    /// End, ms from the call's start.
    pub end_ms: i64,
    /// What was said; empty for timing-only sources.
    #[serde(default)]
    pub text: String,
    /// The timed words, when the source had word timings.
    #[serde(default)]
    pub words: Option<Vec<WordData>>,
}

/// An owned timed word of a [`SegmentData`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WordData {
    /// The word as transcribed.
    pub text: String,
    /// Start, ms from the call's start.
    pub start_ms: i64,
    /// End, ms from the call's start.
    pub end_ms: i64,
}

impl CallData {
    /// Lays this call out as the host would.
    pub fn layout(&self) -> CallLayout<'_> {
        let context = if self.context.is_empty() {
            "{}"
        } else {
            &self.context
        };
        let mut builder = CallLayout::builder(
            &self.language,
            self.duration_ms,
            self.started_at_ms,
            context,
        );
        for p in &self.participants {
            builder.participant(&p.speaker, p.name.as_deref(), p.role);
        }
        for s in &self.segments {
            let words = s.words.as_ref().map(|words| {
                words
                    .iter()
                    .map(|w| (w.text.as_str(), w.start_ms, w.end_ms))
            });
            builder.segment(&s.speaker, s.role, s.start_ms, s.end_ms, &s.text, words);
        }
        builder.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_read_back_what_was_laid_out() {
        let call = CallData {
            language: "en-US".into(),
            duration_ms: 9_000,
            started_at_ms: 1_700_000_000_000,
            participants: vec![
                ParticipantData {
                    speaker: "A".into(),
                    name: Some("Ann".into()),
                    role: Role::Seller,
                },
                ParticipantData {
                    speaker: "B".into(),
                    name: None,
                    role: Role::Customer,
                },
            ],
            segments: vec![
                SegmentData {
                    speaker: "A".into(),
                    role: Role::Seller,
                    start_ms: 0,
                    end_ms: 1_500,
                    text: "Hello there".into(),
                    words: Some(vec![
                        WordData {
                            text: "Hello".into(),
                            start_ms: 0,
                            end_ms: 700,
                        },
                        WordData {
                            text: "there".into(),
                            start_ms: 800,
                            end_ms: 1_500,
                        },
                    ]),
                },
                SegmentData {
                    speaker: "B".into(),
                    role: Role::Customer,
                    start_ms: 2_000,
                    end_ms: 3_000,
                    text: String::new(),
                    words: None,
                },
            ],
            context: String::new(),
        };
        let layout = call.layout();
        let view = layout.view();
        assert_eq!(
            (view.language(), view.duration_ms(), view.context()),
            ("en-US", 9_000, "{}")
        );
        let people: Vec<_> = view
            .participants()
            .map(|p| (p.speaker(), p.name(), p.role()))
            .collect();
        assert_eq!(
            people,
            [
                ("A", Some("Ann"), Role::Seller),
                ("B", None, Role::Customer)
            ]
        );
        let first = view.segment(0).unwrap();
        assert_eq!(
            (first.index(), first.speaker(), first.text(), first.end_ms()),
            (0, "A", "Hello there", 1_500)
        );
        let words: Vec<_> = first
            .words()
            .unwrap()
            .map(|w| (w.text(), w.start_ms(), w.end_ms()))
            .collect();
        assert_eq!(words, [("Hello", 0, 700), ("there", 800, 1_500)]);
        let second = view.segment(1).unwrap();
        assert_eq!(
            (second.role(), second.text(), second.words().is_none()),
            (Role::Customer, "", true)
        );
        assert!(view.segment(2).is_none());
        assert_eq!(view.segments().len(), 2);
    }
}
