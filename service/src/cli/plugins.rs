//! `callsight plugins`: which analyzer plugins load and why any did not, and
//! a check of one library against the ABI.

use std::path::Path;
use std::process::ExitCode;

use crate::analysis::Plugin;
use crate::app;
use crate::config::Config;

/// Lists the plugins in the configured folder that load, and why any were refused.
pub fn list_plugins(config: &Config) -> anyhow::Result<ExitCode> {
    let host = app::load_plugins(config)?;
    println!("Plugins folder: {}", host.dir().display());
    for plugin in host.plugins() {
        println!(
            "  loaded   {} {} (ABI {}, plugin-api {}) from {}",
            plugin.name(),
            plugin.info.version,
            plugin.abi_version,
            plugin.api_version,
            plugin.path.display()
        );
    }
    for failure in host.refused() {
        println!("  refused  {}: {}", failure.path.display(), failure.error);
    }
    if host.plugins().is_empty() && host.refused().is_empty() {
        println!("  no plugin libraries found");
    }
    Ok(ExitCode::SUCCESS)
}

/// Loads one plugin library, checks it against the ABI and prints its description.
pub fn check_plugin(config: &Config, file: &Path) -> anyhow::Result<ExitCode> {
    let limits = config.plugins.limits();
    match Plugin::load(file, limits.timeout(), limits.concurrency) {
        Ok(plugin) => {
            let description = serde_json::json!({
                "name": plugin.info.name,
                "version": plugin.info.version,
                "description": plugin.info.description,
                "abiVersion": plugin.abi_version,
                "pluginApiVersion": plugin.api_version,
                "rustcVersion": plugin.rustc_version,
                "signalKinds": plugin.info.signal_kinds,
                "metrics": plugin.info.metrics,
                "configSchema": plugin.config_schema,
            });
            println!("{} is a valid Callsight plugin:", file.display());
            println!("{}", serde_json::to_string_pretty(&description)?);
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            eprintln!("{}: refused: {err}", file.display());
            Ok(ExitCode::FAILURE)
        }
    }
}
