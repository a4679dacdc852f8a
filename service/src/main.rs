//! The `callsight` command line: parses arguments and calls one function
//! per command.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};

use callsight::analysis::{Analysis, Plugin, report, spawn_workers};
use callsight::app::{self, App};
use callsight::config::{Config, Overrides, PluginsOverride};
use callsight::demo::{self, Demo, DemoSize};
use callsight::domain::{Email, OrgId, OrgSettings, Outcome, Scope, SpeakerRole};
use callsight::import::{self, Format};
use callsight::ingest::{self, ImportOptions};
use callsight::store::calls::Inserted;
use callsight::store::orgs::{self, Organization};
use callsight::store::{Store, users};
use callsight::{graphql, http, setup};

#[derive(Parser)]
#[command(
    name = "callsight",
    version,
    about = "Conversation intelligence for sales teams"
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Global {
    /// TOML configuration file.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Database URL (postgres://… or sqlite://…); default: the embedded
    /// SQLite file in the data folder. DATABASE_URL is honoured too.
    #[arg(long, global = true, value_name = "URL")]
    database: Option<String>,
    /// Folder of analyzer plugins; default: the folder of this executable.
    #[arg(long, global = true, value_name = "DIR")]
    plugins: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the GraphQL API.
    Serve {
        /// Create the demo organisation first (kept if it exists) and print tokens.
        #[arg(long)]
        demo: bool,
        /// Address to listen on (default 127.0.0.1:8000).
        #[arg(long, value_name = "ADDR")]
        bind: Option<std::net::SocketAddr>,
    },
    /// Import transcript files, one transaction per call.
    Import(ImportArgs),
    /// Run every loaded analyzer on one transcript, without a database, and
    /// print the results as JSON.
    Analyze {
        file: PathBuf,
        /// Default: `vtt` for a .vtt file, else `native`.
        #[arg(long)]
        format: Option<Format>,
        /// Speaker label that is the seller (repeatable).
        #[arg(long, value_name = "LABEL")]
        seller_speaker: Vec<String>,
    },
    /// Mint a token for an existing user.
    Token {
        #[arg(long)]
        email: String,
        #[arg(long, value_name = "ORG")]
        org: Option<String>,
    },
    /// First-run setup: create an organisation and its first admin.
    Init {
        #[arg(long, value_name = "NAME")]
        org: String,
        #[arg(long, value_name = "EMAIL")]
        admin_email: String,
        #[arg(long, value_name = "NAME", default_value = "Admin")]
        admin_name: String,
        /// IANA time zone date ranges are read in.
        #[arg(long, value_name = "TZ", default_value = "UTC")]
        time_zone: String,
    },
    /// Manage users.
    Users {
        #[command(subcommand)]
        command: UsersCommand,
    },
    /// Apply pending database migrations.
    Migrate,
    /// List the analyzer plugins that load, and why any did not.
    Plugins {
        #[command(subcommand)]
        command: Option<PluginsCommand>,
    },
    /// Print the GraphQL schema (SDL).
    Schema,
    /// Create the demo organisation and print ready tokens.
    Demo {
        #[arg(long, default_value_t = DemoSize::default().sellers)]
        sellers: usize,
        #[arg(long, default_value_t = DemoSize::default().calls)]
        calls: usize,
    },
}

#[derive(Subcommand)]
enum UsersCommand {
    /// Load users from CSV (email,name,role,manager_email) in one transaction.
    Import {
        file: PathBuf,
        #[arg(long, value_name = "ORG")]
        org: Option<String>,
    },
}

#[derive(Subcommand)]
enum PluginsCommand {
    /// Load one library, check it against the ABI and print its description.
    Check { file: PathBuf },
}

#[derive(Args)]
struct ImportArgs {
    /// Transcript files. For `dynamics`, name either file of each pair
    /// (`X.json` and `X.transcript.json`).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// native, vtt, aws-transcribe, aws-call-analytics, dynamics, deepgram, assemblyai.
    #[arg(long)]
    format: Format,
    /// E-mail of the seller whose calls these are.
    #[arg(long, value_name = "EMAIL")]
    seller: String,
    #[arg(long, value_name = "ORG")]
    org: Option<String>,
    /// Speaker label that is the seller (repeatable).
    #[arg(long, value_name = "LABEL")]
    seller_speaker: Vec<String>,
    /// Speaker label and role, as LABEL=ROLE (repeatable).
    #[arg(long, value_name = "LABEL=ROLE")]
    speaker: Vec<String>,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    outcome: Option<Outcome>,
    /// Keyword to track in these calls only (repeatable).
    #[arg(long, value_name = "TERM")]
    keyword: Vec<String>,
    /// Start of the call (RFC 3339) when the source does not say.
    #[arg(long, value_name = "RFC3339")]
    started_at: Option<DateTime<Utc>>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    match run(cli).await {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CALLSIGHT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let Cli { global, command } = cli;
    let overrides = Overrides {
        database: global.database,
        bind: None,
        plugins: global.plugins.map(|dir| PluginsOverride { dir }),
    };
    let config = |bind| {
        Config::load(
            global.config.as_deref(),
            &Overrides {
                bind,
                ..overrides.clone()
            },
        )
    };
    match command {
        Command::Schema => {
            print!("{}", graphql::sdl());
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { demo, bind } => {
            serve(App::open_with_plugins(config(bind)?).await?, demo).await
        }
        Command::Analyze {
            file,
            format,
            seller_speaker,
        } => analyze_file(&config(None)?, &file, format, &seller_speaker).await,
        Command::Plugins { command: None } => list_plugins(&config(None)?),
        Command::Plugins {
            command: Some(PluginsCommand::Check { file }),
        } => check_plugin(&config(None)?, &file),
        Command::Migrate => {
            App::open(config(None)?).await?;
            println!("migrations applied");
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(args) => import_files(&App::open(config(None)?).await?, args).await,
        Command::Token { email, org } => {
            token(&App::open(config(None)?).await?, &email, org.as_deref()).await
        }
        Command::Init {
            org,
            admin_email,
            admin_name,
            time_zone,
        } => {
            init(
                &App::open(config(None)?).await?,
                &org,
                &admin_email,
                &admin_name,
                &time_zone,
            )
            .await
        }
        Command::Users {
            command: UsersCommand::Import { file, org },
        } => users_import(&App::open(config(None)?).await?, &file, org.as_deref()).await,
        Command::Demo { sellers, calls } => {
            let app = App::open(config(None)?).await?;
            let demo = demo::ensure(&app.store, DemoSize { sellers, calls }, Utc::now()).await?;
            print_demo(&app, &demo)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn serve(app: App, with_demo: bool) -> anyhow::Result<ExitCode> {
    if with_demo {
        let demo = demo::ensure(&app.store, DemoSize::default(), Utc::now()).await?;
        print_demo(&app, &demo)?;
    }
    let listener = tokio::net::TcpListener::bind(app.config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", app.config.bind))?;
    println!(
        "Callsight is serving http://{}/graphql",
        listener.local_addr()?
    );
    let workers = spawn_workers(
        app.store.clone(),
        app.analysis.clone(),
        app.config.analysis.settings(),
    );
    let served = http::serve(app, listener).await;
    workers.shutdown().await;
    served?;
    Ok(ExitCode::SUCCESS)
}

fn print_demo(app: &App, demo: &Demo) -> anyhow::Result<()> {
    if demo.calls_created > 0 {
        println!(
            "Created the demo organisation \"{}\" with {} calls.",
            demo.org.name, demo.calls_created
        );
    } else {
        println!(
            "The demo organisation \"{}\" exists already; it was kept as it is.",
            demo.org.name
        );
    }
    let ttl = app.config.auth.token_ttl_hours;
    let mut people = vec![("admin", &demo.admin)];
    people.extend(demo.managers.first().map(|m| ("manager", m)));
    people.extend(demo.sellers.first().map(|s| ("seller", s)));
    for (label, user) in people {
        println!(
            "  {label:<8} {} <{}>\n  token:   {}",
            user.name,
            user.email,
            app.keys.mint(user, ttl)?
        );
    }
    println!(
        "More tokens: callsight token --email EMAIL --org \"{}\"",
        demo.org.name
    );
    Ok(())
}

async fn analyze_file(
    config: &Config,
    file: &Path,
    format: Option<Format>,
    seller_speakers: &[String],
) -> anyhow::Result<ExitCode> {
    let format = format.unwrap_or(
        if file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("vtt"))
        {
            Format::Vtt
        } else {
            Format::Native
        },
    );
    let parsed = match dynamics_pairs(&[file.to_owned()]).pop() {
        Some((metadata, Some(transcript))) if format == Format::Dynamics => {
            let read = |path: &Path| {
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
            };
            import::parse_dynamics_pair(&read(&metadata)?, &read(&transcript)?)
        }
        _ => import::parse(
            format,
            &std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?,
        ),
    }
    .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let mapping: HashMap<String, SpeakerRole> = seller_speakers
        .iter()
        .map(|label| (label.clone(), SpeakerRole::Seller))
        .collect();
    let call = import::assign_roles(parsed, &mapping)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let started_at_ms = call.started_at.map_or(0, |t| t.timestamp_millis());
    let analysis = Analysis::new(app::load_plugins(config)?);
    // No database: every loaded analyzer runs with its default config.
    let org = Organization {
        id: OrgId(0),
        name: "local".to_owned(),
        time_zone: chrono_tz::UTC,
        settings: OrgSettings::default(),
    };
    let runs = analysis
        .analyze(
            &org,
            std::sync::Arc::new(call),
            started_at_ms,
            std::sync::Arc::from("{}"),
        )
        .await;
    println!("{}", serde_json::to_string_pretty(&report(&runs))?);
    Ok(ExitCode::SUCCESS)
}

fn list_plugins(config: &Config) -> anyhow::Result<ExitCode> {
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

fn check_plugin(config: &Config, file: &Path) -> anyhow::Result<ExitCode> {
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

/// The organisation a CLI command acts on: the named one, or the only one.
async fn pick_org(store: &Store, name: Option<&str>) -> anyhow::Result<Organization> {
    if let Some(name) = name {
        return orgs::find_by_name(store.db(), name)
            .await?
            .with_context(|| format!("no organisation named `{name}`"));
    }
    let all = orgs::list(store.db()).await?;
    match all.as_slice() {
        [only] => Ok(only.clone()),
        [] => bail!(
            "there is no organisation yet: run `callsight init --org NAME --admin-email EMAIL` first"
        ),
        many => bail!(
            "several organisations exist; pick one with --org ({})",
            many.iter()
                .map(|o| o.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

async fn token(app: &App, email: &str, org: Option<&str>) -> anyhow::Result<ExitCode> {
    let org = pick_org(&app.store, org).await?;
    let email = Email::parse(email).map_err(anyhow::Error::msg)?;
    let user = users::by_email_in_org(app.store.db(), org.id, &email)
        .await?
        .with_context(|| format!("no user {email} in {}", org.name))?;
    println!("{}", app.keys.mint(&user, app.config.auth.token_ttl_hours)?);
    Ok(ExitCode::SUCCESS)
}

async fn init(
    app: &App,
    org: &str,
    admin_email: &str,
    admin_name: &str,
    time_zone: &str,
) -> anyhow::Result<ExitCode> {
    let email = Email::parse(admin_email).map_err(anyhow::Error::msg)?;
    let tz: chrono_tz::Tz = time_zone
        .parse()
        .map_err(|_| anyhow::anyhow!("unknown time zone `{time_zone}`"))?;
    let (org, admin) = setup::init(
        &app.store,
        org,
        &email,
        admin_name,
        tz,
        &OrgSettings::default(),
    )
    .await?;
    println!(
        "Created organisation \"{}\" ({}) with admin {}.",
        org.name,
        org.time_zone.name(),
        admin.email
    );
    println!(
        "Admin token: {}",
        app.keys.mint(&admin, app.config.auth.token_ttl_hours)?
    );
    println!(
        "Conversation intelligence is off until you switch it on:\n  \
         mutation {{ updateOrganizationSettings(input: {{conversationIntelligence: true}}) {{ id }} }}"
    );
    Ok(ExitCode::SUCCESS)
}

async fn users_import(app: &App, file: &Path, org: Option<&str>) -> anyhow::Result<ExitCode> {
    let org = pick_org(&app.store, org).await?;
    let text = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let created = setup::import_users_csv(&app.store, &Scope::local_operator(org.id), &text)
        .await
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    println!("Imported {} users into {}.", created.len(), org.name);
    Ok(ExitCode::SUCCESS)
}

async fn import_files(app: &App, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let org = pick_org(&app.store, args.org.as_deref()).await?;
    let scope = Scope::local_operator(org.id);
    let seller = Email::parse(&args.seller).map_err(anyhow::Error::msg)?;
    let mut speakers: HashMap<String, SpeakerRole> = args
        .seller_speaker
        .iter()
        .map(|label| (label.clone(), SpeakerRole::Seller))
        .collect();
    for pair in &args.speaker {
        let (label, role) = pair
            .rsplit_once('=')
            .with_context(|| format!("--speaker `{pair}` is not LABEL=ROLE"))?;
        speakers.insert(label.to_owned(), role.parse().map_err(anyhow::Error::msg)?);
    }
    let options = ImportOptions {
        seller: Some(seller),
        speakers,
        title: args.title,
        outcome: args.outcome,
        started_at: args.started_at,
        external_id: None,
        keywords: args.keyword,
    };
    let sources = if args.format == Format::Dynamics {
        dynamics_pairs(&args.files)
    } else {
        args.files.iter().map(|f| (f.clone(), None)).collect()
    };
    let (mut created, mut existing, mut failed) = (0, 0, 0);
    for (file, transcript) in sources {
        let outcome = import_one(
            app,
            &scope,
            args.format,
            &file,
            transcript.as_deref(),
            options.clone(),
        )
        .await;
        match outcome {
            Ok(Inserted::Created(id)) => {
                created += 1;
                println!("{}: imported as call {id}", file.display());
            }
            Ok(Inserted::Existing(id)) => {
                existing += 1;
                println!(
                    "{}: already imported as call {id}; nothing written",
                    file.display()
                );
            }
            Err(err) => {
                failed += 1;
                eprintln!("{}: {err:#}", file.display());
            }
        }
    }
    println!("{created} imported, {existing} already present, {failed} failed");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

async fn import_one(
    app: &App,
    scope: &Scope,
    format: Format,
    file: &Path,
    transcript: Option<&Path>,
    options: ImportOptions,
) -> anyhow::Result<Inserted> {
    let read = |path: &Path| {
        std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
    };
    let parsed = match transcript {
        Some(transcript) => {
            let (metadata, transcript) = (read(file)?, read(transcript)?);
            tokio::task::spawn_blocking(move || import::parse_dynamics_pair(&metadata, &transcript))
                .await??
        }
        None => ingest::parse(format, read(file)?).await?,
    };
    Ok(ingest::store_call(&app.store, scope, format, parsed, options).await?)
}

/// Pairs each Dynamics metadata file `X.json` with `X.transcript.json`,
/// whichever of the two was named.
fn dynamics_pairs(files: &[PathBuf]) -> Vec<(PathBuf, Option<PathBuf>)> {
    let mut pairs: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    for file in files {
        let name = file.to_string_lossy();
        let pair = match name.strip_suffix(".transcript.json") {
            Some(stem) => (PathBuf::from(format!("{stem}.json")), file.clone()),
            None => {
                let stem = name.strip_suffix(".json").unwrap_or(&name);
                (
                    file.clone(),
                    PathBuf::from(format!("{stem}.transcript.json")),
                )
            }
        };
        if !pairs.iter().any(|(metadata, _)| *metadata == pair.0) {
            pairs.push((pair.0, Some(pair.1)));
        }
    }
    pairs
}
