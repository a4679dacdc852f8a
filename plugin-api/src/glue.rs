//! What [`export_analyzer!`](crate::export_analyzer) expands to: the
//! `extern "C"` entry points around an [`Analyzer`]. Every one catches
//! panics; buffers the plugin writes are freed by the plugin.

use std::ffi::c_void;
use std::marker::PhantomData;
use std::mem::size_of;
use std::panic::{AssertUnwindSafe, catch_unwind};

use serde::Serialize;

use crate::abi::{
    ABI_VERSION, MAGIC, PANIC_UNWIND, PluginFunctions, PluginHeader, RawBuf, RawCall, RawStr,
    STATUS_ERROR, STATUS_OK, STATUS_PANIC,
};
use crate::{Analyzer, AnalyzerError, AnalyzerInfo, CallView};

/// `describe`'s document: the analyzer's info and its config's schema.
#[derive(Serialize)]
struct Description {
    #[serde(flatten)]
    info: AnalyzerInfo,
    config_schema: schemars::Schema,
}

struct Entry<T>(PhantomData<T>);

impl<T: Analyzer> Entry<T> {
    const FUNCTIONS: PluginFunctions = PluginFunctions {
        size: size_of::<PluginFunctions>(),
        describe: describe::<T>,
        validate_config: validate_config::<T>,
        create: create::<T>,
        analyze: analyze::<T>,
        destroy: destroy::<T>,
        free_buf,
    };

    const HEADER: PluginHeader = PluginHeader {
        magic: MAGIC,
        abi_version: ABI_VERSION,
        header_size: size_of::<PluginHeader>() as u32,
        api_version: RawStr::new(crate::API_VERSION),
        rustc_version: RawStr::new(env!("CALLSIGHT_RUSTC_VERSION")),
        panic_strategy: PANIC_UNWIND,
        functions: &Self::FUNCTIONS,
    };
}

/// The header of `T`'s plugin, in static memory.
pub fn header<T: Analyzer>() -> *const PluginHeader {
    &Entry::<T>::HEADER
}

/// Runs `f`, writes its bytes (or its error, or the panic message) into
/// `out`, and returns the status.
///
/// # Safety
/// `out` is valid for writes.
unsafe fn guarded(out: *mut RawBuf, f: impl FnOnce() -> Result<Vec<u8>, AnalyzerError>) -> u32 {
    let (status, bytes) = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(bytes)) => (STATUS_OK, bytes),
        Ok(Err(err)) => (STATUS_ERROR, serde_json::to_vec(&err).unwrap_or_default()),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panicked".to_owned());
            (STATUS_PANIC, message.into_bytes())
        }
    };
    let mut bytes = std::mem::ManuallyDrop::new(bytes);
    // SAFETY: the caller guarantees `out` is valid for writes. The bytes
    // are not dropped here: the host hands them back to `free_buf`, which
    // rebuilds the Vec from this pointer, length and capacity.
    unsafe {
        out.write(RawBuf {
            ptr: bytes.as_mut_ptr(),
            len: bytes.len(),
            cap: bytes.capacity(),
        })
    };
    status
}

fn to_json(value: &impl Serialize) -> Result<Vec<u8>, AnalyzerError> {
    serde_json::to_vec(value)
        .map_err(|e| AnalyzerError::failed(format!("cannot encode the result: {e}")))
}

/// # Safety
/// `config` is a valid string from the host.
unsafe fn parse_config<T: Analyzer>(config: RawStr) -> Result<T::Config, AnalyzerError> {
    let text = if config.ptr.is_null() {
        "{}"
    } else {
        // SAFETY: per this function's contract, a non-null `ptr` points to
        // `len` bytes the host keeps alive for the call, UTF-8 because the
        // host lays them out from a Rust string.
        unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(config.ptr, config.len)) }
    };
    // An absent config is `{}`; a config type that is not a map (such as
    // `()`) reads it as `null` instead.
    let absent = text.trim().is_empty() || text.trim() == "null";
    let parsed = serde_json::from_str(if absent { "{}" } else { text });
    let config: T::Config = match parsed {
        Err(_) if absent => serde_json::from_str("null"),
        other => other,
    }
    .map_err(|e| AnalyzerError::invalid_config(e.to_string()))?;
    T::validate(&config)?;
    Ok(config)
}

unsafe extern "C" fn describe<T: Analyzer>(out: *mut RawBuf) -> u32 {
    // SAFETY: the host calls every entry point with `out` valid for writes.
    unsafe {
        guarded(out, || {
            to_json(&Description {
                info: T::info(),
                config_schema: schemars::schema_for!(T::Config),
            })
        })
    }
}

unsafe extern "C" fn validate_config<T: Analyzer>(config: RawStr, out: *mut RawBuf) -> u32 {
    // SAFETY: the host passes a config string valid for the call and an
    // `out` valid for writes.
    unsafe { guarded(out, || parse_config::<T>(config).map(|_| Vec::new())) }
}

unsafe extern "C" fn create<T: Analyzer>(
    config: RawStr,
    instance: *mut *mut c_void,
    out: *mut RawBuf,
) -> u32 {
    // SAFETY: the host passes a config string valid for the call, and an
    // `instance` slot and an `out` both valid for writes.
    unsafe {
        guarded(out, || {
            let analyzer = T::create(parse_config::<T>(config)?)?;
            instance.write(Box::into_raw(Box::new(analyzer)).cast());
            Ok(Vec::new())
        })
    }
}

unsafe extern "C" fn analyze<T: Analyzer>(
    instance: *const c_void,
    call: *const RawCall,
    out: *mut RawBuf,
) -> u32 {
    // SAFETY: `instance` is a `Box<T>` that `create::<T>` leaked and the
    // host has not destroyed; `call` is a layout valid, as `crate::abi`
    // describes it, until this returns; `out` is valid for writes.
    unsafe {
        guarded(out, || {
            let analyzer = &*instance.cast::<T>();
            let view = CallView::from_raw(&*call);
            to_json(&analyzer.analyze(&view)?)
        })
    }
}

unsafe extern "C" fn destroy<T: Analyzer>(instance: *mut c_void) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `instance` is the `Box<T>` that `create::<T>` leaked, and
        // the host destroys each instance once, after its last call.
        drop(unsafe { Box::from_raw(instance.cast::<T>()) })
    }));
}

unsafe extern "C" fn free_buf(buf: RawBuf) {
    if !buf.ptr.is_null() {
        // SAFETY: a non-null `buf` is the pointer, length and capacity of a
        // Vec<u8> that `guarded` leaked, and the host frees each one once.
        drop(unsafe { Vec::from_raw_parts(buf.ptr, buf.len, buf.cap) });
    }
}
