//! Builds the built-in analyzers (every crate in ../analyzers) as plugin
//! libraries and puts them next to the `callsight` executable, the host's
//! default plugins folder. So `cargo run --release -- serve` alone builds and
//! loads them, through the same ABI as any customer's plugin: nothing links
//! them into the service.
//!
//! They are built by a nested cargo with a target folder of its own, so it
//! never waits on the lock of the build that runs this script.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let manifest_dir =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest_dir
        .parent()
        .expect("service/ sits in the workspace")
        .to_owned();
    let analyzers = root.join("analyzers");
    println!("cargo:rerun-if-changed={}", analyzers.display());
    println!(
        "cargo:rerun-if-changed={}",
        root.join("plugin-api").display()
    );

    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    // OUT_DIR is <target>/<profile>/build/callsight-<hash>/out.
    let Some(exe_dir) = out_dir.ancestors().nth(3).map(Path::to_owned) else {
        return;
    };
    let Some(target) = exe_dir.parent().map(Path::to_owned) else {
        return;
    };
    let release = std::env::var("PROFILE").is_ok_and(|p| p == "release");

    let packages = analyzer_packages(&analyzers);
    if packages.is_empty() {
        return;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .current_dir(&root)
        .arg("build")
        .arg("--target-dir")
        .arg(target.join("analyzers"))
        .args(packages.iter().flat_map(|p| ["-p", p.as_str()]));
    if release {
        command.arg("--release");
    }
    // Cargo's variables for this build script must not steer the nested build.
    for (key, _) in std::env::vars() {
        if (key.starts_with("CARGO_") && key != "CARGO_HOME")
            || key.starts_with("RUSTC")
            || key == "RUSTFLAGS"
        {
            command.env_remove(key);
        }
    }
    let status = command
        .status()
        .expect("cannot run cargo to build the built-in analyzers");
    assert!(status.success(), "building the built-in analyzers failed");

    let built = target
        .join("analyzers")
        .join(if release { "release" } else { "debug" });
    for package in &packages {
        let file = format!(
            "{}{}{}",
            std::env::consts::DLL_PREFIX,
            package.replace('-', "_"),
            std::env::consts::DLL_SUFFIX
        );
        // Copy, then rename over: a fresh file, never a write into one the
        // running service (or cargo's own output) has mapped.
        let staging = exe_dir.join(format!(".{file}.new"));
        std::fs::copy(built.join(&file), &staging).expect("cannot copy a built-in analyzer");
        std::fs::rename(&staging, exe_dir.join(&file)).expect("cannot install a built-in analyzer");
    }
}

/// Package names of the plugin crates (`cdylib`) under `analyzers/`; their
/// shared libraries (`rlib` only) are built as their dependencies.
fn analyzer_packages(analyzers: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(analyzers) else {
        return Vec::new();
    };
    let mut packages: Vec<String> = entries
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path().join("Cargo.toml")).ok())
        .filter(|manifest| manifest.contains("cdylib"))
        .filter_map(|manifest| {
            let line = manifest
                .lines()
                .find(|line| line.trim_start().starts_with("name"))?;
            Some(line.split('"').nth(1)?.to_owned())
        })
        .collect();
    packages.sort();
    packages
}
