//! The `callsight` command line: parses arguments and calls one function
//! per command.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};

use callsight::cli::import::ImportRequest;
use callsight::cli::{analyze, import, plugins, serve, setup};
use callsight::config::{Config, Overrides, PluginsOverride};
use callsight::demo::DemoSize;
use callsight::domain::Format;
use callsight::domain::{OrgSettings, Outcome};

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
        /// Switch conversation intelligence on from the start (it is off
        /// until an admin switches it on; imports need it).
        #[arg(long)]
        conversation_intelligence: bool,
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
    /// The calls' language (BCP-47, e.g. ko or en-US); without it, the
    /// source's, or the one detected from what was said.
    #[arg(long, value_name = "TAG")]
    language: Option<String>,
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
        Command::Schema => serve::schema(),
        Command::Serve { demo, bind } => serve::serve(config(bind)?, demo).await,
        Command::Analyze {
            file,
            format,
            seller_speaker,
        } => analyze::analyze_file(&config(None)?, &file, format, &seller_speaker).await,
        Command::Plugins { command: None } => plugins::list_plugins(&config(None)?),
        Command::Plugins {
            command: Some(PluginsCommand::Check { file }),
        } => plugins::check_plugin(&config(None)?, &file),
        Command::Migrate => setup::migrate(config(None)?).await,
        Command::Import(args) => {
            let request = ImportRequest {
                files: args.files,
                format: args.format,
                seller: args.seller,
                org: args.org,
                seller_speakers: args.seller_speaker,
                speakers: args.speaker,
                title: args.title,
                outcome: args.outcome,
                started_at: args.started_at,
                keywords: args.keyword,
                language: args.language,
            };
            import::import_files(config(None)?, request).await
        }
        Command::Token { email, org } => setup::token(config(None)?, &email, org.as_deref()).await,
        Command::Init {
            org,
            admin_email,
            admin_name,
            time_zone,
            conversation_intelligence,
        } => {
            let settings = OrgSettings {
                conversation_intelligence,
                ..OrgSettings::default()
            };
            setup::init(
                config(None)?,
                &org,
                &admin_email,
                &admin_name,
                &time_zone,
                &settings,
            )
            .await
        }
        Command::Users {
            command: UsersCommand::Import { file, org },
        } => setup::users_import(config(None)?, &file, org.as_deref()).await,
        Command::Demo { sellers, calls } => {
            serve::demo(config(None)?, DemoSize { sellers, calls }).await
        }
    }
}
