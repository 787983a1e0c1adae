//! The `timelines` command: `serve` (the default), `user add`, `import wordpress`,
//! `export wordpress|json`, `reindex`, `copy-store`, `backup`, `restore`, `generate`,
//! `search-bench` and `media-bench`.
//!
//! Over 400 lines: clap's declaration of each subcommand and one short function per subcommand
//! that reads its flags and calls the server code (the two benchmarks are in `cli/bench.rs`).

use super::{clock, config, generate, http, media, newsroom, store, AppState};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

mod bench;
use bench::{media_bench, search_bench};

#[derive(Debug, Parser)]
#[command(name = "timelines", about = "Timelines news portal server")]
struct Cli {
    /// Runtime configuration file.
    #[arg(long, default_value = config::DEFAULT_FILE, env = "TIMELINES_CONFIG")]
    config: PathBuf,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the portal (the default).
    Serve,
    /// Newsroom staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Move a site in from elsewhere.
    Import {
        #[command(subcommand)]
        from: ImportCommand,
    },
    /// Write the whole site to a file, to move it elsewhere or keep it.
    Export {
        #[command(subcommand)]
        to: ExportCommand,
    },
    /// Rebuild the full-text search index from the articles table.
    Reindex,
    /// Copy a whole site from one database to another (SQLite to PostgreSQL or back): the
    /// target is emptied first, so running it again gives the same target. Media files stay
    /// where `media.dir` keeps them. Every table is counted on both sides at the end.
    CopyStore {
        /// The database to copy from (sqlite://… or postgres://…).
        #[arg(long)]
        from: String,
        /// The database to copy into; what it holds is replaced.
        #[arg(long)]
        to: String,
    },
    /// Back the site up into DIR (new or empty) while it serves and writes: the database as
    /// an SQLite file read in one snapshot (SQLite or PostgreSQL alike), the media folder, and
    /// backup.json saying what it holds. Restore it with `timelines restore DIR`.
    Backup {
        /// The folder to write; it must not exist or be empty.
        dir: PathBuf,
    },
    /// Bring a backup back into the configured database and media folder (a new location, or
    /// with --replace the site there), checking every table against backup.json.
    Restore {
        /// A folder `timelines backup` made.
        dir: PathBuf,
        /// Replace the site the configured database holds (articles or staff accounts);
        /// without it such a database is left alone.
        #[arg(long)]
        replace: bool,
    },
    /// Add N synthetic articles (English and Arabic) to the configured database, for scale work.
    Generate {
        /// How many articles to add.
        #[arg(long)]
        articles: u64,
        /// Seed for the generator: the same seed gives the same articles.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Time the search behind the results page (all of its queries, no HTTP) over a fixed
    /// query set; prints one JSON line of latencies in milliseconds, and per-query medians on
    /// standard error.
    SearchBench {
        /// A file with one query per line (blank lines and lines starting with # are skipped).
        #[arg(long)]
        queries: PathBuf,
        /// How many times the whole set runs (after one warm-up round).
        #[arg(long, default_value_t = 20)]
        rounds: u32,
    },
    /// Time the making of every variant of one picture (decoding, resizing, WebP and JPEG, the
    /// share card; no disk, no HTTP); prints one JSON line with the times in milliseconds.
    MediaBench {
        /// The picture (JPEG, PNG, WebP or GIF); without it, a 4000×3000 (12-megapixel) JPEG is
        /// drawn first.
        file: Option<PathBuf>,
        /// How many times the variants are made (after one warm-up run).
        #[arg(long, default_value_t = 5)]
        rounds: u32,
    },
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// Import a WordPress export (Tools → Export → All content): authors, categories, tags,
    /// pictures, posts and pages, keeping the old addresses as redirects. Importing the same
    /// file again changes nothing; a newer export updates what changed.
    Wordpress {
        /// The export file (WXR, .xml).
        file: PathBuf,
        /// A copy of the old site's wp-content/uploads folder, where pictures are taken from
        /// (nothing is fetched from the internet).
        #[arg(long)]
        uploads: Option<PathBuf>,
        /// Only print what would be created, updated and skipped, and why.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ExportCommand {
    /// A WordPress export (WXR 1.2) of every article, page, picture, category, tag and
    /// author, which WordPress's importer and `timelines import wordpress` accept.
    Wordpress {
        /// Where to write it (.xml).
        out: PathBuf,
    },
    /// Everything as one JSON document (no passwords); its shape is described in
    /// src/server/export/json.rs and README.md.
    Json {
        /// Where to write it (.json).
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add a staff account. The password is read from standard input (its first line) or from
    /// --password-file, never from the command line.
    Add {
        #[arg(long)]
        email: String,
        /// The name the account's articles are signed with.
        #[arg(long)]
        name: String,
        /// admin, editor, author or contributor.
        #[arg(long)]
        role: newsroom::Role,
        /// A file whose first line is the password.
        #[arg(long)]
        password_file: Option<PathBuf>,
    },
}

pub async fn main() -> ExitCode {
    crate::server::logging::install();
    http::panic::install_hook();
    let cli = Cli::parse();
    let run = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&cli.config).await,
        Command::User { command } => user(&cli.config, command).await,
        Command::Import { from } => import(&cli.config, from).await,
        Command::Export { to } => export(&cli.config, to).await,
        Command::Reindex => reindex(&cli.config).await,
        Command::CopyStore { from, to } => copy_store(&from, &to).await,
        Command::Backup { dir } => backup(&cli.config, &dir).await,
        Command::Restore { dir, replace } => restore(&cli.config, &dir, replace).await,
        Command::Generate { articles, seed } => {
            generate_articles(&cli.config, articles, seed).await
        }
        Command::SearchBench { queries, rounds } => {
            search_bench(&cli.config, &queries, rounds).await
        }
        Command::MediaBench { file, rounds } => media_bench(&cli.config, file.as_deref(), rounds),
    };
    match run {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("timelines: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config_path: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let config = config::Config::load(config_path)?;
    let (state, demo_loaded) = AppState::open_noting_demo(config).await?;
    state.start_mail();
    if demo_loaded {
        // Before listening, so the demo is never seen half pictured.
        let started = std::time::Instant::now();
        tracing::info!("drawing the demo newsroom's pictures and making their sizes");
        let n = crate::server::demo::pictures::attach(&state.media).await?;
        tracing::info!(
            "the demo newsroom's {n} pictures are ready ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
    }
    if let Some(link) = newsroom::setup::offer_link(&state).await? {
        // Printed, not only logged: it is what a new owner needs to read on the console.
        println!(
            "\nNo newsroom admin exists yet. To create the first account, open this link \
             (it works once, for 24 hours; a restart prints a new one):\n\n    {link}\n"
        );
        tracing::warn!("no newsroom admin yet: a setup link was printed on standard output");
    }
    if state.assets.newsroom.is_none() {
        tracing::warn!(
            "the newsroom bundle is not built (make newsroom-bundle): the editor works as a plain form, without autosave or slug follow"
        );
    }
    tokio::spawn(newsroom::going_live::run(state.store.clone()));
    let resumed = state.media.resume().await?;
    if resumed > 0 {
        tracing::info!("making the variants of {resumed} pictures left unfinished");
    }
    let metrics_address = state.config.server.metrics_address.clone();
    if !metrics_address.is_empty() {
        http::metrics_endpoint::listen(state.clone(), &metrics_address).await?;
    }
    let addr = state.config.server.address.clone();
    let limits = http::serve::Limits::from_config(&state.config.server);
    let shutting_down = state.shutting_down.clone();
    let app = http::router(state);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!("West Timelines listening on http://{addr}");
    let stop = async move {
        shutdown_signal().await;
        // `/readyz` answers 503 from now on, while in-flight requests finish.
        shutting_down.store(true, std::sync::atomic::Ordering::Release);
    };
    http::serve::serve_on(listener, app, limits, stop).await;
    Ok(())
}

/// `timelines user add`.
async fn user(
    config_path: &std::path::Path,
    command: UserCommand,
) -> Result<(), Box<dyn std::error::Error>> {
    let UserCommand::Add {
        email,
        name,
        role,
        password_file,
    } = command;
    let config = config::Config::load(config_path)?;
    let store = store::Store::open(&config.server.database_url).await?;
    let password = newsroom::users::read_password(password_file.as_deref())?;
    let staff = newsroom::users::add(&store, &email, &name, role, &password).await?;
    println!("added {} <{}> as {}", staff.name, staff.email, staff.role);
    store.settle().await;
    Ok(())
}

/// `timelines import wordpress`: imports into the configured database (the demo newsroom is
/// not loaded first), makes the pictures' variants before it returns, and prints the report.
async fn import(
    config_path: &std::path::Path,
    from: ImportCommand,
) -> Result<(), Box<dyn std::error::Error>> {
    let ImportCommand::Wordpress {
        file,
        uploads,
        dry_run,
    } = from;
    let config = config::Config::load(config_path)?;
    let store = store::Store::open(&config.server.database_url).await?;
    let library = media::MediaLibrary::new(store.clone(), &config.media);
    let options = crate::server::import::Options {
        uploads,
        dry_run,
        now: clock::now().unix_timestamp(),
    };
    let mut progress = crate::server::import::progress::Progress::for_terminal();
    let report = crate::server::import::import(
        &store,
        &library,
        &crate::server::import::Source::File(file),
        &options,
        &mut progress,
    )
    .await?;
    if !dry_run {
        progress.phase("Making the pictures' sizes");
        library.settled().await;
    }
    print!("{report}");
    store.settle().await;
    Ok(())
}

/// `timelines export wordpress|json OUT`: writes the configured site to `OUT` (through a
/// file beside it, renamed when complete, so a failed export leaves no half file).
async fn export(
    config_path: &std::path::Path,
    to: ExportCommand,
) -> Result<(), Box<dyn std::error::Error>> {
    let config = config::Config::load(config_path)?;
    let store = store::Store::open(&config.server.database_url).await?;
    let site = crate::server::export::Site::new(&store, &config);
    let out = match &to {
        ExportCommand::Wordpress { out } | ExportCommand::Json { out } => out.clone(),
    };
    let partial = out.with_extension("partial");
    let file = std::io::BufWriter::new(
        std::fs::File::create(&partial)
            .map_err(|e| format!("cannot write {}: {e}", partial.display()))?,
    );
    let started = std::time::Instant::now();
    let done = match to {
        ExportCommand::Wordpress { .. } => {
            crate::server::export::wordpress::export(&site, file).await
        }
        ExportCommand::Json { .. } => crate::server::export::json::export(&site, file).await,
    };
    let done = match done {
        Ok(d) => d,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e.into());
        }
    };
    std::fs::rename(&partial, &out)?;
    println!(
        "exported {done} to {} in {:.1} s",
        out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `timelines reindex`: opens the configured database (migrating it) and rebuilds the index.
async fn reindex(config_path: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let config = config::Config::load(config_path)?;
    let store = store::Store::open(&config.server.database_url).await?;
    let started = std::time::Instant::now();
    let n = store.reindex_search().await?;
    println!(
        "indexed {n} articles in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    store.settle().await;
    Ok(())
}

/// `timelines generate --articles N`: opens the configured database (loading the demo newsroom
/// into an empty one when the configuration says so, for its categories and authors) and adds
/// N generated articles.
async fn generate_articles(
    config_path: &std::path::Path,
    articles: u64,
    seed: u64,
) -> Result<(), Box<dyn std::error::Error>> {
    let config = config::Config::load(config_path)?;
    let state = AppState::open_for_command(config).await?;
    let started = std::time::Instant::now();
    let n = generate::generate(&state.store, articles, seed, clock::now().unix_timestamp()).await?;
    println!(
        "generated {n} articles in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    state.store.settle().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// `timelines copy-store`: copies every table from `from` into `to`, then prints each table's
/// count on both sides; fails when any differs.
async fn copy_store(from: &str, to: &str) -> Result<(), Box<dyn std::error::Error>> {
    if from == to {
        return Err("--from and --to name the same database".into());
    }
    let source = store::Store::open(from).await?;
    let target = store::Store::open(to).await?;
    let report = target.copy_from(&source).await?;
    target.settle().await;
    println!("{:<24} {:>10} {:>10}", "table", "from", "to");
    for (table, from, to) in &report.tables {
        println!("{table:<24} {from:>10} {to:>10}");
    }
    println!("search index rebuilt: {} articles", report.articles_indexed);
    if report.complete() {
        println!("copied: every table holds as many rows on both sides");
        Ok(())
    } else {
        Err("the counts differ (see above): something wrote to the target during the copy".into())
    }
}

/// `timelines backup DIR`.
async fn backup(
    config_path: &std::path::Path,
    dir: &std::path::Path,
) -> Result<(), Box<dyn std::error::Error>> {
    let config = config::Config::load(config_path)?;
    let started = std::time::Instant::now();
    let done = crate::server::backup::backup(&config, dir).await?;
    let m = &done.manifest;
    println!(
        "backed up {} articles, {} tables, {} media files ({} bytes) from {} into {} in {:.1} s",
        m.articles(),
        m.tables.len(),
        m.media.files,
        m.media.bytes,
        m.source,
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    warn_missing(
        &done.pictures_without_files,
        "have no original in the backup (deleted while it ran?)",
    );
    Ok(())
}

/// `timelines restore DIR`.
async fn restore(
    config_path: &std::path::Path,
    dir: &std::path::Path,
    replace: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let config = config::Config::load(config_path)?;
    let done = crate::server::backup::restore(&config, dir, replace).await?;
    let m = &done.manifest;
    println!(
        "restored the backup of {} ({} articles, {} tables, {} media files) into {} and {}; \
         every table copied whole; everyone signed out",
        m.made_at,
        m.articles(),
        m.tables.len(),
        m.media.files,
        config::redacted(&config.server.database_url),
        config.media.dir
    );
    warn_missing(&done.pictures_without_files, "are not in the backup");
    Ok(())
}

/// Says which pictures have no file.
fn warn_missing(keys: &[String], why: &str) {
    if !keys.is_empty() {
        println!(
            "{} pictures' files {why}; their records are kept: {}",
            keys.len(),
            keys.join(", ")
        );
    }
}
