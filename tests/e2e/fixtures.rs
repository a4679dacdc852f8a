//! Analyzer plugins for the tests: real shared libraries, built from the
//! cargo projects in tests/fixtures/ (each outside the service's workspace,
//! as a plugin author's would be).
//!
//! They build into their own target folders under target/, so the build
//! never waits on the lock of the `cargo test` that is running it.

use std::env::consts::{DLL_PREFIX, DLL_SUFFIX};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use tempfile::TempDir;

/// The repository's root (the service crate's parent folder).
fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the service crate lives inside the repository")
}

/// `cargo build` of the project at `project` (relative to the repository)
/// into `target/<target_dir>`, with the cargo that is running the tests.
fn cargo_build(project: &str, target_dir: &str) -> Output {
    let root = repo_root();
    Command::new(option_env!("CARGO").unwrap_or("cargo"))
        .args(["build", "--workspace", "--manifest-path"])
        .arg(root.join(project).join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target").join(target_dir))
        .output()
        .expect("cannot run cargo")
}

/// Builds the fixture workspace (tests/fixtures/plugins) once per test
/// process and returns the folder holding its libraries.
pub fn plugin_fixtures() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let output = cargo_build("tests/fixtures/plugins", "plugin-fixtures");
        assert!(
            output.status.success(),
            "building the plugin fixtures failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        repo_root().join("target/plugin-fixtures/debug")
    })
}

/// File name of a library called `stem` on this platform (`libstem.so`).
fn library_file_name(stem: &str) -> String {
    format!("{DLL_PREFIX}{stem}{DLL_SUFFIX}")
}

/// The built library of a fixture package, e.g. `fixture-good`.
pub fn plugin_file(package: &str) -> PathBuf {
    let path = plugin_fixtures().join(library_file_name(&package.replace('-', "_")));
    assert!(
        path.is_file(),
        "no plugin fixture {package}: {} is missing",
        path.display()
    );
    path
}

/// A fresh plugins folder holding copies of exactly these fixtures, so each
/// test decides which plugins its server sees.
pub fn plugins_dir(packages: &[&str]) -> TempDir {
    let dir = tempfile::tempdir().expect("cannot create a plugins folder");
    for package in packages {
        let source = plugin_file(package);
        let file_name = source.file_name().expect("a library has a file name");
        std::fs::copy(&source, dir.path().join(file_name)).expect("cannot copy a plugin fixture");
    }
    dir
}

/// Copies a fixture into `dir` as library `stem` (`libstem.so`) and returns
/// the copy. A copy is a separate file, so the loader maps it again rather
/// than handing back the first: that is how the "same analyzer in two
/// libraries" case is made.
pub fn copy_plugin_as(dir: &Path, package: &str, stem: &str) -> PathBuf {
    let target = dir.join(library_file_name(stem));
    std::fs::copy(plugin_file(package), &target).expect("cannot copy a plugin fixture");
    target
}

/// Tries to build tests/fixtures/plugin-abort, a plugin with
/// `panic = "abort"`; the build must fail, and its stderr say why.
pub fn build_abort_fixture() -> Output {
    cargo_build("tests/fixtures/plugin-abort", "plugin-fixtures-abort")
}
