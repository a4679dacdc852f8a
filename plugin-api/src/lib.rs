//! The stable ABI that Callsight analyzer plugins are built against.
//!
//! An analyzer is a native library the service loads at start-up. This
//! crate fixes what the service and a plugin agree on; the trait authors
//! implement, the borrowed call view and the export macro build on these
//! constants (DESIGN §6).

/// First field of every plugin header: identifies a Callsight plugin.
pub const MAGIC: [u8; 8] = *b"CALLSGHT";

/// Version of the binary interface; the host accepts this one and the one
/// before it.
pub const ABI_VERSION: u32 = 1;
