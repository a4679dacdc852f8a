//! The stable ABI that Callsight analyzer plugins are built against.
//!
//! An analyzer is a native library the service loads at start-up. Authors
//! implement [`Analyzer`] and export it with [`export_analyzer!`]; they write
//! no `unsafe` and no `extern` code. The call reaches the analyzer as a
//! borrowed, read-only [`CallView`] into the host's memory, so a long
//! transcript is never serialised per plugin; configuration and results
//! cross as small JSON documents (docs/architecture.md#analysis-host-and-plugins).
//!
//! ```ignore
//! use callsight_plugin_api::{Analyzer, AnalyzerError, AnalyzerInfo, CallView, Output};
//!
//! #[derive(Default)]
//! struct Silence;
//!
//! impl Analyzer for Silence {
//!     type Config = ();
//!     fn info() -> AnalyzerInfo { AnalyzerInfo::new("silence", env!("CARGO_PKG_VERSION"), "…") }
//!     fn create(_: ()) -> Result<Self, AnalyzerError> { Ok(Silence) }
//!     fn analyze(&self, call: &CallView<'_>) -> Result<Output, AnalyzerError> { Ok(Output::default()) }
//! }
//!
//! callsight_plugin_api::export_analyzer!(Silence);
//! ```

// The crate is the contract authors read: every public item says why it is there.
#![deny(missing_docs)]

pub mod abi;
mod analyzer;
#[doc(hidden)]
pub mod glue;
mod layout;
pub mod names;
mod output;
pub mod turns;
mod view;

pub use analyzer::{Analyzer, AnalyzerError, AnalyzerInfo, ErrorKind, MetricSpec};
pub use layout::{CallData, CallLayout, CallLayoutBuilder, ParticipantData, SegmentData, WordData};
pub use names::{Direction, Unit};
pub use output::{Metric, Output, Signal};
pub use view::{CallView, ParticipantView, Role, SegmentView, WordView};

/// Re-exported so plugins derive `JsonSchema` for their config with the
/// same version the host reads.
pub use schemars;

/// Version of this crate, carried in every plugin's header.
pub const API_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Exports `$ty` (an [`Analyzer`]) as a Callsight plugin: defines the entry
/// symbol the host looks up. A crate built with `panic = "abort"` fails to
/// compile, because the host contains plugin panics by unwinding.
#[macro_export]
macro_rules! export_analyzer {
    ($ty:ty) => {
        #[cfg(panic = "abort")]
        compile_error!(
            "Callsight plugins must unwind on panic so the host can contain them: \
             remove `panic = \"abort\"` from this crate's profile"
        );

        /// The entry point the Callsight host looks up.
        #[unsafe(no_mangle)]
        pub extern "C" fn callsight_plugin_entry() -> *const $crate::abi::PluginHeader {
            $crate::glue::header::<$ty>()
        }
    };
}
