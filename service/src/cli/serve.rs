//! `callsight serve`, `demo` and `schema`: the GraphQL API, served with its
//! analysis workers, the demo organisation with ready tokens, and the SDL.

use std::process::ExitCode;

use anyhow::Context;
use chrono::Utc;

use crate::analysis::spawn_workers;
use crate::app::App;
use crate::config::Config;
use crate::demo::{self, Demo, DemoSize};
use crate::mail::spawn_outbox_worker;
use crate::{graphql, http};

/// Serves the GraphQL API and runs the analysis workers (and the e-mail
/// outbox worker when SMTP is configured), with the demo organisation if asked.
pub async fn serve(config: Config, with_demo: bool) -> anyhow::Result<ExitCode> {
    let app = App::open_with_plugins(config).await?;
    if with_demo {
        let demo = demo::ensure(
            &app.store,
            Some(&app.analysis),
            DemoSize::default(),
            Utc::now(),
        )
        .await?;
        print_demo(&app, &demo)?;
    }
    // Before announcing the server: a bad [smtp] section stops start-up.
    let mailer = match (&app.config.smtp, &app.outbox) {
        (Some(smtp), Some(outbox)) => Some(
            spawn_outbox_worker(
                app.store.clone(),
                smtp,
                outbox.clone(),
                app.config.outbox.settings(),
            )
            .context("cannot start sending e-mail")?,
        ),
        _ => None,
    };
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
    if let Some(mailer) = mailer {
        mailer.shutdown().await;
    }
    served?;
    Ok(ExitCode::SUCCESS)
}

/// Creates the demo organisation (kept if it exists) and prints ready tokens.
pub async fn demo(config: Config, size: DemoSize) -> anyhow::Result<ExitCode> {
    let app = App::open_with_plugins(config).await?;
    let demo = demo::ensure(&app.store, Some(&app.analysis), size, Utc::now()).await?;
    print_demo(&app, &demo)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the GraphQL schema (SDL) so clients can generate code without a server.
pub fn schema() -> anyhow::Result<ExitCode> {
    print!("{}", graphql::sdl());
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
    let ttl = app.config.auth.token_ttl();
    // The same people and tokens on every start: the first manager by
    // e-mail and the first of their sellers, with tokens issued at the
    // start of the current half-TTL window (so each is valid for at least
    // half its TTL, and unchanged across restarts within the window).
    let window = i64::try_from(ttl.as_secs() / 2).unwrap_or(i64::MAX).max(1);
    let now = Utc::now().timestamp();
    let issued_at = now - now.rem_euclid(window);
    let manager = demo.managers.iter().min_by_key(|m| m.email.as_str());
    let seller = demo
        .sellers
        .iter()
        .filter(|s| manager.is_none_or(|m| s.manager == Some(m.id)))
        .min_by_key(|s| s.email.as_str());
    let mut people = vec![("admin", &demo.admin)];
    people.extend(manager.map(|m| ("manager", m)));
    people.extend(seller.map(|s| ("seller", s)));
    for (label, user) in people {
        println!(
            "  {label:<8} {} <{}>\n  token:   {}",
            user.name,
            user.email,
            app.keys.mint_issued_at(user, issued_at, ttl)?
        );
    }
    println!(
        "More tokens: callsight token --email EMAIL --org \"{}\"",
        demo.org.name
    );
    Ok(())
}
