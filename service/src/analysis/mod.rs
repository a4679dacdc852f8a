//! Analysis: the plugin host that loads analyzers behind the stable ABI of
//! `callsight-plugin-api`, and runs them on calls with every failure
//! contained to that analyzer on that call.

mod engine;
mod host;
mod plugin;
mod report;
mod run;
mod worker;

pub use engine::{Analysis, AnalyzerRun};
pub use host::{LoadFailure, PluginHost, PluginLimits, StartError};
pub use plugin::{Instance, LoadError, Plugin, PluginCallError};
pub use report::report;
pub use run::{SharedCall, layout_of, run_analyzer};
pub use worker::{WorkerSettings, Workers, spawn_workers};
