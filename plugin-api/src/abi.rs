//! The binary interface between host and plugin. Everything here is
//! `#[repr(C)]` and frozen: fields are only ever appended, and each struct
//! that can grow starts with its own size.
//!
//! The header's first three fields (magic, ABI version, header size) never
//! change, so any host can read any plugin's header far enough to refuse it
//! with a clear message.

use std::ffi::c_void;
use std::mem::{offset_of, size_of};

/// First field of every plugin header: identifies a Callsight plugin.
pub const MAGIC: [u8; 8] = *b"CALLSGHT";

/// Version of the binary interface; the host accepts this one and the one
/// before it.
pub const ABI_VERSION: u32 = 1;

/// Name of the symbol every plugin exports (a function returning
/// `*const PluginHeader`).
pub const ENTRY_SYMBOL: &str = "callsight_plugin_entry";

/// `PluginHeader::panic_strategy` of a plugin that unwinds (the only one
/// accepted).
pub const PANIC_UNWIND: u32 = 1;

/// A call into the plugin succeeded; the buffer holds its JSON result.
pub const STATUS_OK: u32 = 0;
/// The analyzer returned an error; the buffer holds it as JSON.
pub const STATUS_ERROR: u32 = 1;
/// The analyzer panicked; the buffer holds the panic message as text.
pub const STATUS_PANIC: u32 = 2;

/// A borrowed UTF-8 string. A null `ptr` means "absent".
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct RawStr {
    /// The first byte; null when the string is absent.
    pub ptr: *const u8,
    /// Length in bytes.
    pub len: usize,
}

impl RawStr {
    /// An absent string (`None` on the Rust side), distinct from `""`.
    pub const NONE: Self = Self {
        ptr: std::ptr::null(),
        len: 0,
    };

    /// Borrows `s`; the result is valid only while `s` is.
    pub const fn new(s: &str) -> Self {
        Self {
            ptr: s.as_ptr(),
            len: s.len(),
        }
    }

    /// Borrows `s`, or [`RawStr::NONE`] when there is none.
    pub fn from_option(s: Option<&str>) -> Self {
        s.map_or(Self::NONE, Self::new)
    }
}

/// A borrowed array. `stride` is the size of one element as the host laid
/// it out, so elements with appended fields still step correctly.
#[repr(C)]
#[derive(Debug)]
pub struct RawSlice<T> {
    /// The first element; may be null when `len` is 0.
    pub ptr: *const T,
    /// Number of elements.
    pub len: usize,
    /// Bytes from one element to the next.
    pub stride: usize,
}

impl<T> Clone for RawSlice<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for RawSlice<T> {}

impl<T> RawSlice<T> {
    /// Borrows `items`, with the stride of `T` as this side built it.
    pub fn new(items: &[T]) -> Self {
        Self {
            ptr: items.as_ptr(),
            len: items.len(),
            stride: size_of::<T>(),
        }
    }

    /// No elements.
    pub const fn empty() -> Self {
        Self {
            ptr: std::ptr::null(),
            len: 0,
            stride: size_of::<T>(),
        }
    }
}

/// Bytes the plugin allocated and hands to the host; the host gives them
/// back through `free_buf`, never frees them itself.
#[repr(C)]
#[derive(Debug)]
pub struct RawBuf {
    /// The plugin's allocation; null when it wrote nothing.
    pub ptr: *mut u8,
    /// Bytes written.
    pub len: usize,
    /// Bytes allocated, which the plugin needs to free them.
    pub cap: usize,
}

impl RawBuf {
    /// The buffer the host passes in, before the plugin writes it.
    pub const EMPTY: Self = Self {
        ptr: std::ptr::null_mut(),
        len: 0,
        cap: 0,
    };
}

/// What the entry symbol returns.
#[repr(C)]
#[derive(Debug)]
pub struct PluginHeader {
    /// Always [`MAGIC`].
    pub magic: [u8; 8],
    /// The [`ABI_VERSION`] the plugin was built with.
    pub abi_version: u32,
    /// `size_of::<PluginHeader>()` as the plugin was built.
    pub header_size: u32,
    /// Version of `callsight-plugin-api` the plugin was built with.
    pub api_version: RawStr,
    /// `rustc --version` of the compiler that built the plugin.
    pub rustc_version: RawStr,
    /// [`PANIC_UNWIND`] for a plugin whose panics can be caught.
    pub panic_strategy: u32,
    /// The entry points, in the library's static memory.
    pub functions: *const PluginFunctions,
}

/// The plugin's entry points; appended to, never reordered.
#[repr(C)]
#[derive(Debug)]
pub struct PluginFunctions {
    /// `size_of::<PluginFunctions>()` as the plugin was built.
    pub size: usize,
    /// Writes the [`AnalyzerInfo`](crate::AnalyzerInfo) with the config's
    /// JSON Schema as JSON.
    pub describe: unsafe extern "C" fn(out: *mut RawBuf) -> u32,
    /// Checks a JSON config; writes nothing on success.
    pub validate_config: unsafe extern "C" fn(config: RawStr, out: *mut RawBuf) -> u32,
    /// Creates an instance from a JSON config into `*instance`.
    pub create:
        unsafe extern "C" fn(config: RawStr, instance: *mut *mut c_void, out: *mut RawBuf) -> u32,
    /// Analyses one call; writes the [`Output`](crate::Output) as JSON.
    pub analyze: unsafe extern "C" fn(
        instance: *const c_void,
        call: *const RawCall,
        out: *mut RawBuf,
    ) -> u32,
    /// Drops an instance `create` made.
    pub destroy: unsafe extern "C" fn(instance: *mut c_void),
    /// Frees a buffer the plugin wrote.
    pub free_buf: unsafe extern "C" fn(buf: RawBuf),
}

/// The call, as the host lays it out for the duration of one `analyze`.
#[repr(C)]
#[derive(Debug)]
pub struct RawCall {
    /// `size_of::<RawCall>()` as the host was built.
    pub size: usize,
    /// BCP-47 language tag.
    pub language: RawStr,
    /// Length of the call in ms.
    pub duration_ms: i64,
    /// Start of the call, Unix milliseconds.
    pub started_at_ms: i64,
    /// The call's speakers.
    pub participants: RawSlice<RawParticipant>,
    /// Sorted by start, then end.
    pub segments: RawSlice<RawSegment>,
    /// Per-call context as a JSON object (e.g. keywords tracked for this
    /// call); `{}` when there is none.
    pub context: RawStr,
}

/// Role code of the seller, in [`RawParticipant::role`] and
/// [`RawSegment::role`].
pub const ROLE_SELLER: u32 = 0;
/// Role code of the customer.
pub const ROLE_CUSTOMER: u32 = 1;
/// Role code of anyone else; a code a plugin does not know reads as this.
pub const ROLE_OTHER: u32 = 2;

/// A speaker of the call.
#[repr(C)]
#[derive(Debug)]
pub struct RawParticipant {
    /// `size_of::<RawParticipant>()` as the host was built.
    pub size: usize,
    /// The speaker label segments refer to.
    pub speaker: RawStr,
    /// The person's name; absent when the source has none.
    pub name: RawStr,
    /// One of the `ROLE_*` codes.
    pub role: u32,
}

/// A stretch of one speaker's speech.
#[repr(C)]
#[derive(Debug)]
pub struct RawSegment {
    /// `size_of::<RawSegment>()` as the host was built.
    pub size: usize,
    /// The speaker label, as in [`RawParticipant::speaker`].
    pub speaker: RawStr,
    /// One of the `ROLE_*` codes.
    pub role: u32,
    /// Start, ms from the call's start.
    pub start_ms: i64,
    /// End, ms from the call's start.
    pub end_ms: i64,
    /// What was said; empty for timing-only sources.
    pub text: RawStr,
    /// Whether the source had word timings (`words` may still be empty).
    pub has_words: u32,
    /// The timed words, when `has_words` is non-zero.
    pub words: RawSlice<RawWord>,
}

/// A word with its timing.
#[repr(C)]
#[derive(Debug)]
pub struct RawWord {
    /// `size_of::<RawWord>()` as the host was built.
    pub size: usize,
    /// The word as transcribed.
    pub text: RawStr,
    /// Start, ms from the call's start.
    pub start_ms: i64,
    /// End, ms from the call's start.
    pub end_ms: i64,
}

// The layout is part of the contract: these fail to compile if it moves.
#[cfg(target_pointer_width = "64")]
const _: () = {
    assert!(offset_of!(PluginHeader, magic) == 0);
    assert!(offset_of!(PluginHeader, abi_version) == 8);
    assert!(offset_of!(PluginHeader, header_size) == 12);
    assert!(offset_of!(PluginHeader, api_version) == 16);
    assert!(offset_of!(PluginHeader, rustc_version) == 32);
    assert!(offset_of!(PluginHeader, panic_strategy) == 48);
    assert!(offset_of!(PluginHeader, functions) == 56);
    assert!(size_of::<PluginHeader>() == 64);
    assert!(size_of::<PluginFunctions>() == 56);
    assert!(size_of::<RawStr>() == 16);
    assert!(size_of::<RawSlice<RawWord>>() == 24);
    assert!(size_of::<RawBuf>() == 24);
    assert!(offset_of!(RawCall, segments) == 64);
    assert!(size_of::<RawCall>() == 104);
    assert!(size_of::<RawParticipant>() == 48);
    assert!(size_of::<RawSegment>() == 96);
    assert!(size_of::<RawWord>() == 40);
};

/// Reads the header's frozen prefix; used by the host before it trusts
/// anything else in the header.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct HeaderPrefix {
    /// [`PluginHeader::magic`].
    pub magic: [u8; 8],
    /// [`PluginHeader::abi_version`].
    pub abi_version: u32,
    /// [`PluginHeader::header_size`].
    pub header_size: u32,
}

const _: () = assert!(size_of::<HeaderPrefix>() == 16);
