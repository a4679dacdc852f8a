//! Safe borrowed views over the host's call layout: no copy, no unsafe for
//! the analyzer author.

use serde::{Deserialize, Serialize};

use crate::abi::{
    ROLE_CUSTOMER, ROLE_SELLER, RawCall, RawParticipant, RawSegment, RawSlice, RawStr, RawWord,
};

/// The part a speaker plays in a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Someone of the organisation that uses Callsight, whose calls are
    /// coached.
    Seller,
    /// The person sold to.
    Customer,
    /// Anyone else: a colleague, an assistant, a speaker the source did not
    /// place.
    Other,
}

impl Role {
    pub(crate) fn from_code(code: u32) -> Self {
        match code {
            ROLE_SELLER => Self::Seller,
            ROLE_CUSTOMER => Self::Customer,
            _ => Self::Other,
        }
    }

    pub(crate) fn code(self) -> u32 {
        match self {
            Self::Seller => ROLE_SELLER,
            Self::Customer => ROLE_CUSTOMER,
            Self::Other => crate::abi::ROLE_OTHER,
        }
    }
}

/// # Safety
/// `raw` points to `len` bytes of UTF-8 valid for `'a`, or is null.
unsafe fn text<'a>(raw: RawStr) -> Option<&'a str> {
    if raw.ptr.is_null() {
        return None;
    }
    // SAFETY: the layout's creator guarantees the bytes live for 'a and are
    // UTF-8 (they come from Rust `str`s).
    Some(unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(raw.ptr, raw.len)) })
}

/// # Safety
/// `slice` describes `len` elements `stride` bytes apart, valid for `'a`.
unsafe fn element<'a, T>(slice: RawSlice<T>, index: usize) -> Option<&'a T> {
    if index >= slice.len {
        return None;
    }
    // SAFETY: index < len, and the layout's creator guarantees the elements.
    Some(unsafe { &*slice.ptr.cast::<u8>().add(index * slice.stride).cast::<T>() })
}

/// A read-only view of the call being analysed, valid for one `analyze`.
#[derive(Clone, Copy)]
pub struct CallView<'a> {
    raw: &'a RawCall,
}

impl std::fmt::Debug for CallView<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallView")
            .field("language", &self.language())
            .field("duration_ms", &self.duration_ms())
            .field("segments", &self.segment_count())
            .finish()
    }
}

impl<'a> CallView<'a> {
    /// # Safety
    /// Everything `raw` points to is valid, laid out as [`crate::abi`]
    /// says, for `'a`; [`crate::CallLayout`] builds such a value.
    #[doc(hidden)]
    pub unsafe fn from_raw(raw: &'a RawCall) -> Self {
        Self { raw }
    }

    /// BCP-47 language tag, e.g. `en-US`.
    pub fn language(&self) -> &'a str {
        // SAFETY: guaranteed by `from_raw`'s contract.
        unsafe { text(self.raw.language) }.unwrap_or("")
    }

    /// Length of the call in ms.
    pub fn duration_ms(&self) -> i64 {
        self.raw.duration_ms
    }

    /// Start of the call as Unix milliseconds.
    pub fn started_at_ms(&self) -> i64 {
        self.raw.started_at_ms
    }

    /// Per-call context as a JSON object; `{}` when there is none.
    pub fn context(&self) -> &'a str {
        // SAFETY: guaranteed by `from_raw`'s contract.
        unsafe { text(self.raw.context) }.unwrap_or("{}")
    }

    /// The call's speakers, in the source's order.
    pub fn participants(&self) -> impl ExactSizeIterator<Item = ParticipantView<'a>> + 'a {
        let slice = self.raw.participants;
        (0..slice.len).map(move |i| ParticipantView {
            // SAFETY: `from_raw`'s contract makes `slice` valid for 'a, and
            // `element` checks `i` against its length.
            raw: unsafe { element(slice, i) }.expect("in range"),
        })
    }

    /// Number of segments.
    pub fn segment_count(&self) -> usize {
        self.raw.segments.len
    }

    /// The segment at `index` in the sorted segment list.
    pub fn segment(&self, index: usize) -> Option<SegmentView<'a>> {
        // SAFETY: `from_raw`'s contract makes the segments valid for 'a, and
        // `element` checks `index` against their length.
        unsafe { element(self.raw.segments, index) }.map(|raw| SegmentView { raw, index })
    }

    /// Segments sorted by start, then end.
    pub fn segments(&self) -> impl ExactSizeIterator<Item = SegmentView<'a>> + 'a {
        let this = *self;
        (0..self.segment_count()).map(move |i| this.segment(i).expect("in range"))
    }
}

/// A voice in the call.
#[derive(Clone, Copy, Debug)]
pub struct ParticipantView<'a> {
    raw: &'a RawParticipant,
}

impl<'a> ParticipantView<'a> {
    /// The speaker label as the source names it.
    pub fn speaker(&self) -> &'a str {
        // SAFETY: part of a layout valid for 'a.
        unsafe { text(self.raw.speaker) }.unwrap_or("")
    }

    /// The person's name, when the source has one.
    pub fn name(&self) -> Option<&'a str> {
        // SAFETY: part of a layout valid for 'a.
        unsafe { text(self.raw.name) }
    }

    /// The part the speaker plays.
    pub fn role(&self) -> Role {
        Role::from_code(self.raw.role)
    }
}

/// A stretch of one speaker's speech; times in ms from the call's start.
#[derive(Clone, Copy, Debug)]
pub struct SegmentView<'a> {
    raw: &'a RawSegment,
    index: usize,
}

impl<'a> SegmentView<'a> {
    /// Position in the sorted segment list.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The speaker label, as in [`ParticipantView::speaker`].
    pub fn speaker(&self) -> &'a str {
        // SAFETY: part of a layout valid for 'a.
        unsafe { text(self.raw.speaker) }.unwrap_or("")
    }

    /// The speaker's role, resolved by the host from the participants.
    pub fn role(&self) -> Role {
        Role::from_code(self.raw.role)
    }

    /// Start, ms from the call's start.
    pub fn start_ms(&self) -> i64 {
        self.raw.start_ms
    }

    /// End, ms from the call's start.
    pub fn end_ms(&self) -> i64 {
        self.raw.end_ms
    }

    /// May be empty for timing-only sources.
    pub fn text(&self) -> &'a str {
        // SAFETY: part of a layout valid for 'a.
        unsafe { text(self.raw.text) }.unwrap_or("")
    }

    /// Word timings, when the source had them.
    pub fn words(&self) -> Option<impl ExactSizeIterator<Item = WordView<'a>> + 'a> {
        let slice = self.raw.words;
        (self.raw.has_words != 0).then(move || {
            (0..slice.len).map(move |i| WordView {
                // SAFETY: part of a layout valid for 'a, and `element` checks
                // `i` against the slice's length.
                raw: unsafe { element(slice, i) }.expect("in range"),
            })
        })
    }
}

/// A timed word.
#[derive(Clone, Copy, Debug)]
pub struct WordView<'a> {
    raw: &'a RawWord,
}

impl<'a> WordView<'a> {
    /// The word as transcribed.
    pub fn text(&self) -> &'a str {
        // SAFETY: part of a layout valid for 'a.
        unsafe { text(self.raw.text) }.unwrap_or("")
    }

    /// Start, ms from the call's start.
    pub fn start_ms(&self) -> i64 {
        self.raw.start_ms
    }

    /// End, ms from the call's start.
    pub fn end_ms(&self) -> i64 {
        self.raw.end_ms
    }
}
