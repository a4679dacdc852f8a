//! The plugin host: loads every library in the plugins folder at start-up,
//! keeps the ones that pass the ABI checks, and says why others did not.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::plugin::{LoadError, Plugin};

/// Bounds on every call into a plugin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PluginLimits {
    /// Longest an analyzer may take on one call, in ms.
    pub timeout_ms: u64,
    /// Largest result an analyzer may return for one call.
    pub max_output_bytes: usize,
    /// Calls of one analyzer running at once.
    pub concurrency: usize,
}

impl Default for PluginLimits {
    fn default() -> Self {
        Self {
            timeout_ms: 10_000,
            max_output_bytes: 16 * 1024 * 1024,
            concurrency: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

impl PluginLimits {
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms)
    }
}

/// A library that was refused, and why.
#[derive(Debug, Clone)]
pub struct LoadFailure {
    pub path: PathBuf,
    pub error: LoadError,
}

/// What stops the service from starting.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot read the plugins folder {}: {error}", .dir.display())]
    Folder { dir: PathBuf, error: std::io::Error },
    #[error(
        "two libraries declare the analyzer `{name}`: {} and {}; remove one of them from the plugins folder",
        .first.display(), .second.display()
    )]
    Duplicate {
        name: String,
        first: PathBuf,
        second: PathBuf,
    },
}

/// The loaded analyzers.
#[derive(Debug)]
pub struct PluginHost {
    dir: PathBuf,
    plugins: Vec<Arc<Plugin>>,
    refused: Vec<LoadFailure>,
    limits: PluginLimits,
}

impl PluginHost {
    /// The default plugins folder: the one holding the running `callsight`
    /// executable, so the workspace's own build output loads unconfigured.
    pub fn default_dir() -> std::io::Result<PathBuf> {
        let exe = std::env::current_exe()?;
        Ok(exe.parent().map(Path::to_owned).unwrap_or_default())
    }

    /// Loads every `*.so` (`*.dylib` on macOS) in `dir`, in name order. A
    /// refused library is kept in [`Self::refused`]; two libraries with one
    /// analyzer name stop the start.
    pub fn load(dir: &Path, limits: PluginLimits) -> Result<Self, StartError> {
        let folder_error = |error| StartError::Folder {
            dir: dir.to_owned(),
            error,
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(folder_error)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| {
                path.is_file()
                    && path
                        .extension()
                        .is_some_and(|ext| ext == std::env::consts::DLL_EXTENSION)
            })
            .collect();
        files.sort();
        let mut plugins: Vec<Arc<Plugin>> = Vec::new();
        let mut refused = Vec::new();
        let mut by_name: HashMap<String, PathBuf> = HashMap::new();
        for path in files {
            match Plugin::load(&path, limits.timeout(), limits.concurrency) {
                Ok(plugin) => {
                    if let Some(first) = by_name.insert(plugin.name().to_owned(), path.clone()) {
                        return Err(StartError::Duplicate {
                            name: plugin.name().to_owned(),
                            first,
                            second: path,
                        });
                    }
                    tracing::info!(analyzer = plugin.name(), version = %plugin.info.version, file = %path.display(), "analyzer loaded");
                    plugins.push(Arc::new(plugin));
                }
                Err(error) => {
                    tracing::warn!(file = %path.display(), %error, "plugin refused");
                    refused.push(LoadFailure { path, error });
                }
            }
        }
        Ok(Self {
            dir: dir.to_owned(),
            plugins,
            refused,
            limits,
        })
    }

    /// A host with no analyzers, for commands that analyse nothing.
    pub fn none(limits: PluginLimits) -> Self {
        Self {
            dir: PathBuf::new(),
            plugins: Vec::new(),
            refused: Vec::new(),
            limits,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Loaded analyzers, in file-name order.
    pub fn plugins(&self) -> &[Arc<Plugin>] {
        &self.plugins
    }

    pub fn refused(&self) -> &[LoadFailure] {
        &self.refused
    }

    pub fn get(&self, name: &str) -> Option<&Arc<Plugin>> {
        self.plugins.iter().find(|p| p.name() == name)
    }

    pub fn limits(&self) -> PluginLimits {
        self.limits
    }
}
