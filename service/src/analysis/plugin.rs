//! One loaded plugin library: its checked header, its description, and the
//! calls into it (each guarded against panics, hangs and oversized output).

use std::ffi::c_void;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use callsight_plugin_api::abi::{
    ABI_VERSION, ENTRY_SYMBOL, HeaderPrefix, MAGIC, PANIC_UNWIND, PluginFunctions, PluginHeader,
    RawBuf, RawStr, STATUS_ERROR, STATUS_OK, STATUS_PANIC,
};
use callsight_plugin_api::{AnalyzerError, AnalyzerInfo, CallLayout, Output};
use serde::Deserialize;

/// Oldest ABI version the host still loads. The window is the current
/// version and the one before it; version 1 is the first there was.
pub const MIN_ABI_VERSION: u32 = if ABI_VERSION > 1 { ABI_VERSION - 1 } else { 1 };

/// Why a library was refused. Each message names what was found, what is
/// accepted, and the fix.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    #[error("cannot load the library: {0}")]
    Open(String),
    #[error(
        "the library exports no `{ENTRY_SYMBOL}` symbol, so it is not a Callsight plugin; build it with \
         `callsight_plugin_api::export_analyzer!(YourAnalyzer)`"
    )]
    NoEntrySymbol,
    #[error(
        "the library's header does not start with the Callsight magic: it is not a Callsight plugin"
    )]
    BadMagic,
    #[error(
        "plugin ABI version {found} is not supported: this Callsight accepts ABI versions {min} to {max}; \
         rebuild the plugin against callsight-plugin-api {api} (ABI {max})"
    )]
    AbiVersion {
        found: u32,
        min: u32,
        max: u32,
        api: &'static str,
    },
    #[error(
        "the plugin header is {found} bytes, smaller than ABI {abi} requires ({expected}); rebuild the plugin"
    )]
    HeaderSize {
        found: u32,
        expected: usize,
        abi: u32,
    },
    #[error(
        "the plugin's function table is incomplete ({found} bytes, {expected} expected); rebuild the plugin"
    )]
    FunctionTable { found: usize, expected: usize },
    #[error(
        "the plugin was built with panic = \"abort\"; rebuild it with the default panic = \"unwind\""
    )]
    PanicStrategy,
    #[error("describing the analyzer failed: {0}")]
    Describe(PluginCallError),
}

/// How one call into a plugin went wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PluginCallError {
    #[error("the analyzer panicked: {0}")]
    Panicked(String),
    #[error("{0}")]
    Failed(AnalyzerError),
    #[error("the analyzer did not answer within {} ms", .0.as_millis())]
    TimedOut(Duration),
    #[error("the analyzer's output is {bytes} bytes, over the {cap}-byte cap")]
    OutputTooLarge { bytes: usize, cap: usize },
    #[error("the analyzer returned unreadable output: {0}")]
    BadOutput(String),
}

/// What `describe` returns.
#[derive(Debug, Clone, Deserialize)]
struct Description {
    #[serde(flatten)]
    info: AnalyzerInfo,
    config_schema: serde_json::Value,
}

/// A loaded, checked plugin. Its library is never unloaded.
#[derive(Debug)]
pub struct Plugin {
    pub path: PathBuf,
    pub abi_version: u32,
    /// callsight-plugin-api version it was built with.
    pub api_version: String,
    pub rustc_version: String,
    pub info: AnalyzerInfo,
    pub config_schema: serde_json::Value,
    functions: &'static PluginFunctions,
    /// Calls running (or abandoned after a timeout) at once, at most.
    pub(crate) permits: Arc<tokio::sync::Semaphore>,
}

impl Plugin {
    /// Loads `path` with RTLD_NOW | RTLD_LOCAL, checks its header and asks
    /// it to describe itself (within `timeout`).
    pub fn load(path: &Path, timeout: Duration, concurrency: usize) -> Result<Self, LoadError> {
        let header = open(path)?;
        let functions = check_header(header)?;
        // SAFETY: check_header verified the magic, the ABI window and the
        // header's size, so these fields are the RawStrs the plugin's glue
        // made from `'static` strings of the library, which is never
        // unloaded.
        let (api_version, rustc_version) =
            unsafe { (string(header.api_version), string(header.rustc_version)) };
        let bytes = call_guarded(functions, timeout, usize::MAX, move |out| {
            // SAFETY: a checked function table; `out` is a fresh buffer.
            (unsafe { (functions.describe)(out) }, ())
        })
        .and_then(|(bytes, ())| {
            if bytes.is_empty() {
                return Err(PluginCallError::BadOutput(
                    "describe returned nothing".into(),
                ));
            }
            Ok(bytes)
        })
        .map_err(LoadError::Describe)?;
        let description: Description = serde_json::from_slice(&bytes)
            .map_err(|e| LoadError::Describe(PluginCallError::BadOutput(e.to_string())))?;
        Ok(Self {
            path: path.to_owned(),
            abi_version: header.abi_version,
            api_version,
            rustc_version,
            info: description.info,
            config_schema: description.config_schema,
            functions,
            permits: Arc::new(tokio::sync::Semaphore::new(concurrency.max(1))),
        })
    }

    pub fn name(&self) -> &str {
        &self.info.name
    }

    /// Asks the plugin whether `config` (JSON) is valid.
    pub fn validate_config(
        &self,
        config: &serde_json::Value,
        timeout: Duration,
    ) -> Result<(), PluginCallError> {
        let text = config.to_string();
        let functions = self.functions;
        call_guarded(functions, timeout, usize::MAX, move |out| {
            // SAFETY: a checked function table; `text` outlives the call
            // because the closure owns it.
            (
                unsafe { (functions.validate_config)(RawStr::new(&text), out) },
                (),
            )
        })
        .map(drop)
    }

    /// Creates an instance configured with `config` (JSON).
    pub fn create(
        self: &Arc<Self>,
        config: &serde_json::Value,
        timeout: Duration,
    ) -> Result<Instance, PluginCallError> {
        let text = config.to_string();
        let functions = self.functions;
        let (_, ptr) = call_guarded(functions, timeout, usize::MAX, move |out| {
            let mut instance: *mut c_void = std::ptr::null_mut();
            // SAFETY: a checked function table; `instance` is a writable slot.
            let status = unsafe { (functions.create)(RawStr::new(&text), &mut instance, out) };
            (status, SendPtr(instance))
        })?;
        if ptr.0.is_null() {
            return Err(PluginCallError::BadOutput(
                "create returned no instance".into(),
            ));
        }
        Ok(Instance {
            plugin: Arc::clone(self),
            ptr,
        })
    }
}

/// An analyzer instance inside a plugin, destroyed when dropped.
#[derive(Debug)]
pub struct Instance {
    pub plugin: Arc<Plugin>,
    ptr: SendPtr,
}

impl Instance {
    /// Analyses a laid-out call on this thread, reading at most `cap` bytes
    /// of output. Callers bound the time (see [`super::run_analyzer`]).
    pub fn analyze_blocking(
        &self,
        call: &CallLayout<'_>,
        cap: usize,
    ) -> Result<Output, PluginCallError> {
        let functions = self.plugin.functions;
        let raw = call.as_raw();
        let (bytes, ()) = read_call(functions, cap, |out| {
            // SAFETY: `ptr` was created by this plugin and `self` keeps it
            // alive; `raw` points into `call`, alive for the whole call.
            (unsafe { (functions.analyze)(self.ptr.0, raw, out) }, ())
        })?;
        serde_json::from_slice(&bytes).map_err(|e| PluginCallError::BadOutput(e.to_string()))
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        // SAFETY: `ptr` came from this plugin's `create` and is destroyed once.
        unsafe { (self.plugin.functions.destroy)(self.ptr.0) }
    }
}

/// A pointer the plugin made, moved between threads: analyzers are `Send +
/// Sync` by the `Analyzer` trait's bounds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SendPtr(pub *mut c_void);

// SAFETY: the pointee is an `Analyzer` instance, which the trait's bounds
// make Send; the pointer itself is only passed back to its plugin.
unsafe impl Send for SendPtr {}
// SAFETY: the pointee is an `Analyzer` instance, which the trait's bounds
// make Sync, so the plugin may analyse on it from several threads at once.
unsafe impl Sync for SendPtr {}

/// dlopen with RTLD_NOW | RTLD_LOCAL and the entry symbol's header.
fn open(path: &Path) -> Result<&'static PluginHeader, LoadError> {
    use libloading::os::unix::{Library, RTLD_LOCAL, RTLD_NOW};
    // SAFETY: loading runs the library's initialisers; plugins are code the
    // operator chose to install, and this is the documented risk.
    let library = unsafe { Library::open(Some(path), RTLD_NOW | RTLD_LOCAL) }
        .map_err(|e| LoadError::Open(e.to_string()))?;
    // Never unloaded: instances, buffers and panics may refer to its code.
    let library: &'static Library = Box::leak(Box::new(library));
    // SAFETY: the symbol is declared by the ABI as `extern "C" fn() -> *const PluginHeader`.
    let entry =
        unsafe { library.get::<extern "C" fn() -> *const PluginHeader>(ENTRY_SYMBOL.as_bytes()) }
            .map_err(|_| LoadError::NoEntrySymbol)?;
    let header = std::panic::catch_unwind(|| entry()).map_err(|_| LoadError::NoEntrySymbol)?;
    if header.is_null() {
        return Err(LoadError::NoEntrySymbol);
    }
    // SAFETY: the header lives in the never-unloaded library's static memory.
    Ok(unsafe { &*header })
}

/// Checks the frozen prefix first, then what this ABI version promises.
fn check_header(header: &'static PluginHeader) -> Result<&'static PluginFunctions, LoadError> {
    // SAFETY: every header starts with the frozen prefix.
    let prefix = unsafe { *(header as *const PluginHeader).cast::<HeaderPrefix>() };
    if prefix.magic != MAGIC {
        return Err(LoadError::BadMagic);
    }
    if !(MIN_ABI_VERSION..=ABI_VERSION).contains(&prefix.abi_version) {
        return Err(LoadError::AbiVersion {
            found: prefix.abi_version,
            min: MIN_ABI_VERSION,
            max: ABI_VERSION,
            api: callsight_plugin_api::API_VERSION,
        });
    }
    let expected = std::mem::size_of::<PluginHeader>();
    if (prefix.header_size as usize) < expected {
        return Err(LoadError::HeaderSize {
            found: prefix.header_size,
            expected,
            abi: prefix.abi_version,
        });
    }
    if header.panic_strategy != PANIC_UNWIND {
        return Err(LoadError::PanicStrategy);
    }
    if header.functions.is_null() {
        return Err(LoadError::FunctionTable {
            found: 0,
            expected: std::mem::size_of::<PluginFunctions>(),
        });
    }
    // SAFETY: non-null, in the library's static memory.
    let functions = unsafe { &*header.functions };
    let expected = std::mem::size_of::<PluginFunctions>();
    if functions.size < expected {
        return Err(LoadError::FunctionTable {
            found: functions.size,
            expected,
        });
    }
    Ok(functions)
}

/// # Safety
/// `raw` is null or `len` bytes of UTF-8 in static memory.
unsafe fn string(raw: RawStr) -> String {
    if raw.ptr.is_null() {
        return String::new();
    }
    // SAFETY: per the function's contract.
    String::from_utf8_lossy(unsafe { std::slice::from_raw_parts(raw.ptr, raw.len) }).into_owned()
}

/// Runs one plugin entry point on its own thread, waits at most `timeout`,
/// and reads (then frees, with the plugin's `free_buf`) the buffer it
/// wrote. A call that times out is abandoned: its thread finishes on its
/// own and frees its buffer.
pub(crate) fn call_guarded<F, T>(
    functions: &'static PluginFunctions,
    timeout: Duration,
    cap: usize,
    call: F,
) -> Result<(Vec<u8>, T), PluginCallError>
where
    F: FnOnce(*mut RawBuf) -> (u32, T) + Send + 'static,
    T: Send + 'static,
{
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("callsight-plugin".into())
        .spawn(move || {
            let _ = tx.send(read_call(functions, cap, call));
        })
        .map_err(|e| PluginCallError::BadOutput(format!("cannot start a plugin thread: {e}")))?;
    rx.recv_timeout(timeout)
        .map_err(|_| PluginCallError::TimedOut(timeout))?
}

/// Calls, classifies the status, copies what is needed and hands the
/// buffer back to the plugin.
fn read_call<F, T>(
    functions: &'static PluginFunctions,
    cap: usize,
    call: F,
) -> Result<(Vec<u8>, T), PluginCallError>
where
    F: FnOnce(*mut RawBuf) -> (u32, T),
{
    let mut out = RawBuf::EMPTY;
    let (status, value) = call(&mut out);
    let copy = |max: usize| -> Vec<u8> {
        if out.ptr.is_null() {
            return Vec::new();
        }
        // SAFETY: the plugin wrote `len` readable bytes at `ptr`.
        unsafe { std::slice::from_raw_parts(out.ptr, out.len.min(max)) }.to_vec()
    };
    let result = match status {
        STATUS_OK if out.len > cap => Err(PluginCallError::OutputTooLarge {
            bytes: out.len,
            cap,
        }),
        STATUS_OK => Ok((copy(cap), value)),
        STATUS_ERROR => Err(
            match serde_json::from_slice::<AnalyzerError>(&copy(1 << 20)) {
                Ok(err) => PluginCallError::Failed(err),
                Err(_) => PluginCallError::BadOutput("an error the host cannot read".into()),
            },
        ),
        STATUS_PANIC => Err(PluginCallError::Panicked(
            String::from_utf8_lossy(&copy(64 * 1024)).into_owned(),
        )),
        other => Err(PluginCallError::BadOutput(format!(
            "unknown status {other}"
        ))),
    };
    if !out.ptr.is_null() {
        // SAFETY: the buffer is the plugin's and is returned exactly once.
        unsafe { (functions.free_buf)(out) };
    }
    result
}
