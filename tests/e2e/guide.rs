//! The plugin author's guide (docs/plugin-guide.md), run literally: every
//! ```` ```sh ```` block marked `# step: NAME` is executed as written, in
//! order, against the `callsight` binary under test, so the guide cannot
//! drift from what the template, the CLI and the server really do.
//!
//! Only the `variables` block is replaced: the test sets those variables
//! itself, to a scratch folder and a free port.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read};
use std::net::{Ipv4Addr, TcpListener};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The guide's step markers, in the order the guide runs them.
const STEPS: &[&str] = &[
    "variables",
    "copy",
    "point-dependency",
    "test",
    "build",
    "install",
    "check",
    "init",
    "serve",
    "list-analyzers",
    "configure",
    "configure-invalid",
    "import",
    "metrics",
];

/// The step whose block this test replaces with its own variables.
const VARIABLES: &str = "variables";

/// The step that starts the long-running server.
const SERVE: &str = "serve";

/// What the server prints once every plugin has loaded and it accepts requests.
const SERVING: &str = "Callsight is serving http://";

/// How long the server may take to start (a wait, not a performance bound).
const SERVE_DEADLINE: Duration = Duration::from_secs(120);

/// The line that opens a step's block.
const MARKER: &str = "# step: ";

/// One runnable block of the guide.
#[derive(Debug)]
struct Step {
    name: String,
    script: String,
}

/// The fenced ```` ```sh ```` blocks whose first line is a step marker, in
/// the guide's order. Markers quoted in the prose are not steps, so only
/// fenced blocks count; `sh` blocks without a marker are illustrations.
fn steps(markdown: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut lines = markdown.lines();
    while let Some(line) = lines.next() {
        let fence = line.trim_start();
        if !fence.starts_with("```") {
            continue;
        }
        let is_sh = fence.trim_start_matches('`').trim() == "sh";
        let body: Vec<&str> = lines
            .by_ref()
            .take_while(|line| line.trim_start() != "```")
            .collect();
        if let Some(name) = body
            .first()
            .filter(|_| is_sh)
            .and_then(|first| first.trim().strip_prefix(MARKER))
        {
            steps.push(Step {
                name: name.trim().to_owned(),
                script: body.join("\n") + "\n",
            });
        }
    }
    steps
}

/// The environment the guide's first block would give a reader: the
/// checkout, a scratch `WORK` folder, its plugins folder, a free port and the
/// binary under test first on `PATH`.
struct Env {
    work: TempDir,
    vars: Vec<(&'static str, OsString)>,
}

impl Env {
    fn new() -> Self {
        let work = tempfile::tempdir().expect("temp dir for WORK");
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("service/ sits in the checkout")
            .to_path_buf();
        let bin = Path::new(env!("CARGO_BIN_EXE_callsight"))
            .parent()
            .expect("the binary has a folder")
            .to_path_buf();
        let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )))
        .expect("PATH entries join");
        let vars = vec![
            ("CALLSIGHT", checkout.into_os_string()),
            ("WORK", work.path().into()),
            ("PLUGINS", work.path().join("plugins").into_os_string()),
            ("BIND", format!("127.0.0.1:{}", free_port()).into()),
            ("PATH", path),
            ("CALLSIGHT_LOG", "warn".into()),
        ];
        Self { work, vars }
    }

    fn work(&self) -> &Path {
        self.work.path()
    }

    /// `bash -euo pipefail -c SCRIPT` in `WORK` with the guide's variables.
    /// The developer's own Callsight configuration is removed so the server
    /// uses the default data folder under `$WORK`, as on a reader's scratch
    /// installation; a `CARGO_TARGET_DIR` would move the plugin's build
    /// output away from the `target/release` the guide names.
    fn bash(&self, script: &str) -> Command {
        let mut command = Command::new("bash");
        command
            .args(["-euo", "pipefail", "-c", script])
            .current_dir(self.work())
            .stdin(Stdio::null());
        for (key, _) in std::env::vars_os() {
            if key.to_str().is_some_and(|key| {
                key.starts_with("CALLSIGHT_")
                    || matches!(
                        key,
                        "DATABASE_URL" | "CARGO_TARGET_DIR" | "CARGO_BUILD_TARGET_DIR"
                    )
            }) {
                command.env_remove(key);
            }
        }
        command.envs(self.vars.iter().map(|(key, value)| (key, value)));
        command
    }
}

/// A loopback port nothing listens on right now (the OS picks it).
fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .expect("a free loopback port")
        .port()
}

/// Runs a finished step, failing with its output unless it exits 0.
fn run(env: &Env, step: &Step, server: Option<&Server>) {
    let started = Instant::now();
    let Output {
        status,
        stdout,
        stderr,
    } = env.bash(&step.script).output().expect("bash runs");
    eprintln!(
        "guide step `{}`: {status} in {:.1?}",
        step.name,
        started.elapsed()
    );
    assert!(
        status.success(),
        "guide step `{}` failed ({status})\n--- script ---\n{}--- stdout ---\n{}\n--- stderr ---\n{}\n{}",
        step.name,
        step.script,
        String::from_utf8_lossy(&stdout),
        String::from_utf8_lossy(&stderr),
        server.map_or_else(String::new, |server| format!(
            "--- server output ---\n{}",
            server.output()
        )),
    );
}

/// The `serve` step, running in the background. Dropping it stops the
/// server, so a failing later step does not leave it behind.
struct Server {
    child: Child,
    output: Arc<Mutex<String>>,
    readers: Vec<JoinHandle<()>>,
}

impl Server {
    /// Starts the step and waits until the server says it is serving.
    fn start(env: &Env, step: &Step) -> Self {
        let mut child = env
            .bash(&step.script)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Its own process group, so SIGTERM reaches the server even if
            // bash does not `exec` it.
            .process_group(0)
            .spawn()
            .expect("bash runs");
        let output = Arc::new(Mutex::new(String::new()));
        let (lines, serving) = mpsc::channel();
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().expect("piped stderr");
        let readers = vec![
            collect(stdout, Arc::clone(&output), Some(lines)),
            collect(stderr, Arc::clone(&output), None),
        ];
        let mut server = Self {
            child,
            output,
            readers,
        };
        let deadline = Instant::now() + SERVE_DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match serving.recv_timeout(left) {
                Ok(line) if line.starts_with(SERVING) => break,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => panic!(
                    "the server did not print `{SERVING}…` within {SERVE_DEADLINE:?}:\n{}",
                    server.output()
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "the server stopped before serving ({:?}):\n--- script ---\n{}--- output ---\n{}",
                    server.child.wait(),
                    step.script,
                    server.output()
                ),
            }
        }
        server
    }

    /// Everything the step printed so far, stdout and stderr interleaved.
    fn output(&self) -> String {
        self.output.lock().expect("output lock").clone()
    }

    /// Sends SIGTERM to the step's process group and waits for it to end.
    fn stop(&mut self) -> ExitStatus {
        let pgid = i32::try_from(self.child.id()).expect("pid fits a pid_t");
        if self.child.try_wait().expect("child status").is_none() {
            // SAFETY: signals the process group of a child we spawned with
            // `process_group(0)` and have not reaped, so its id is still ours.
            unsafe { libc::kill(-pgid, libc::SIGTERM) };
        }
        let status = self.child.wait().expect("wait for the server");
        for reader in self.readers.drain(..) {
            reader.join().expect("output reader");
        }
        status
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Copies a child's stream into `output` on a thread (so the pipe never
/// fills), forwarding each line to `lines` while someone listens.
fn collect(
    stream: impl Read + Send + 'static,
    output: Arc<Mutex<String>>,
    lines: Option<mpsc::Sender<String>>,
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            {
                let mut output = output.lock().expect("output lock");
                output.push_str(&line);
                output.push('\n');
            }
            if let Some(lines) = &lines {
                let _ = lines.send(line);
            }
        }
    })
}

/// Runs the guide from the template copy to reading the plugin's metric off
/// an imported call. Builds the template in release mode: minutes, not seconds.
#[test]
fn the_plugin_guide_runs_as_written() {
    let guide_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/plugin-guide.md");
    let guide = std::fs::read_to_string(&guide_path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", guide_path.display()));
    let steps = steps(&guide);
    let names: Vec<&str> = steps.iter().map(|step| step.name.as_str()).collect();
    for expected in STEPS {
        assert!(
            names.contains(expected),
            "{} has no ```sh block marked `{MARKER}{expected}`; its steps are {names:?}",
            guide_path.display()
        );
    }
    assert_eq!(
        names,
        STEPS,
        "{} must have exactly these steps, once each, in this order",
        guide_path.display()
    );

    let env = Env::new();
    let started = Instant::now();
    let mut server: Option<Server> = None;
    for step in steps.iter().filter(|step| step.name != VARIABLES) {
        if step.name == SERVE {
            let starting = Instant::now();
            server = Some(Server::start(&env, step));
            eprintln!(
                "guide step `{SERVE}`: serving after {:.1?}",
                starting.elapsed()
            );
        } else {
            run(&env, step, server.as_ref());
        }
    }
    let mut server = server.expect("the guide starts a server");
    let status = server.stop();
    eprintln!(
        "guide: server stopped ({status}); all steps ran in {:.1?}",
        started.elapsed()
    );
}

/// The parser takes marked ```` ```sh ```` blocks only: a marker quoted in
/// the prose or in another language's block is not a step.
#[test]
fn only_marked_sh_blocks_are_steps() {
    let markdown = "Blocks start with `# step: NAME`.\n\
        # step: prose\n\
        ```sh\n# step: first\necho one\n```\n\
        ```json\n# step: json\n{}\n```\n\
        ```sh\necho unmarked\n```\n\
        ```sh\n# step: second\necho two\n```\n";
    let steps = steps(markdown);
    let found: Vec<(&str, &str)> = steps
        .iter()
        .map(|step| (step.name.as_str(), step.script.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("first", "# step: first\necho one\n"),
            ("second", "# step: second\necho two\n"),
        ]
    );
}
