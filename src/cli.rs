//! Every subcommand and flag, declared once; turning them into [`Options`]
//! (usage mistakes end here, exit 2); running the command and printing its
//! outcome. A new command is a variant of [`Command`] and a file in
//! [`crate::cmd`].

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::cmd::{self, Options};
use crate::content::diag;
use crate::error::Error;

#[derive(Parser, Debug)]
#[command(
    name = "scrutiny",
    version,
    about = "Builds the children's services inspections portal from content files"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder (default `public/`).
    Build(BuildArgs),
    /// Check the content and every internal link of the site; writes nothing.
    Check(CheckArgs),
    /// Build in memory, serve on localhost, rebuild and reload pages on changes.
    Serve(ServeArgs),
    /// Bring the content in line with a file of Ofsted's published outcomes.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write a new inspection or response file to fill in; it builds as written.
    #[command(subcommand)]
    New(NewCommand),
    /// Start a new portal in DIR: settings, frameworks and one example authority.
    Init {
        /// The folder to create the portal in (its content goes in DIR/content).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum NewCommand {
    /// authorities/<AUTHORITY>/inspections/<YYYY-MM>-<FRAMEWORK>.md
    Inspection {
        /// The authority's folder name (its slug).
        authority: String,
        /// The framework [default: that of the most recently published inspection].
        #[arg(long, value_name = "ID")]
        framework: Option<String>,
        /// The report's publication date [default: today].
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        /// The content folder.
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
    },
    /// authorities/<AUTHORITY>/responses/<today>-response-to-<INSPECTION>.md
    Response {
        /// The authority's folder name (its slug).
        authority: String,
        /// The inspection it responds to (its file name without `.md`).
        #[arg(long, value_name = "INSPECTION")]
        to: String,
        /// The content folder.
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// ILACS outcomes, one row per report (the format of ofsted-ilacs-outcomes.csv).
    Ilacs(ImportArgs),
}

#[derive(Args, Debug, Clone)]
pub struct ImportArgs {
    /// The outcomes file (CSV).
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// The content folder to bring up to date.
    #[arg(long, default_value = "content", value_name = "DIR")]
    pub content: PathBuf,
    /// Write the changes; without it, only print what would change.
    #[arg(long)]
    pub write: bool,
    /// Import the rows that can be trusted and list the others, instead of refusing the file.
    #[arg(long)]
    pub skip_bad: bool,
}

impl ImportArgs {
    /// The import's options, as the import layer takes them.
    fn options(&self) -> crate::import::ImportOptions {
        crate::import::ImportOptions {
            file: self.file.clone(),
            content: self.content.clone(),
            write: self.write,
            skip_bad: self.skip_bad,
        }
    }
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
}

#[derive(Args, Debug, Clone)]
pub struct CommonArgs {
    /// The content folder.
    #[arg(long, default_value = "content", value_name = "DIR")]
    pub content: PathBuf,
    /// Publish under this URL instead of site.yaml's `base_url`.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Templates folder overriding the built-in templates [default: templates/ beside the content folder].
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Static files folder [default: static/ beside the content folder].
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// A previous build's data/urls.txt (or its output folder): fail if a URL it
    /// published would be lost, naming the alias that would keep it.
    #[arg(long, value_name = "PATH")]
    pub previous: Option<PathBuf>,
}

#[derive(Args, Debug, Clone)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// The output folder; replaced whole, and only when the build succeeds.
    #[arg(long, default_value = "public", value_name = "DIR")]
    pub output: PathBuf,
    /// Replace an output folder that holds files scrutiny did not write.
    #[arg(long)]
    pub force: bool,
}

impl CommonArgs {
    /// The options for a command writing to `output`, or a usage error.
    fn options(&self, output: PathBuf) -> Result<Options, Error> {
        if !self.content.is_dir() {
            let looked =
                std::path::absolute(&self.content).unwrap_or_else(|_| self.content.clone());
            return Err(Error::Usage(format!(
                "no content folder at {}; run scrutiny in the project folder, or point to the content with `--content DIR`",
                looked.display()
            )));
        }
        let mut o = Options::new(self.content.clone(), output);
        if let Some(t) = &self.templates {
            o.templates = t.clone();
        }
        if let Some(s) = &self.static_dir {
            o.static_dir = s.clone();
        }
        if let Some(url) = &self.base_url {
            if !crate::content::is_web_url(url) {
                return Err(Error::Usage(format!(
                    "--base-url `{url}` is not an absolute http(s) URL (for example `https://example.org/portal/`)"
                )));
            }
            o.base_url = Some(if url.ends_with('/') {
                url.clone()
            } else {
                format!("{url}/")
            });
        }
        o.strict = self.strict;
        Ok(o)
    }
}

/// Runs a command and returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    let result = match &cli.command {
        Command::Build(args) => args.common.options(args.output.clone()).and_then(|mut o| {
            o.force = args.force;
            build(&o)
        }),
        Command::Check(args) => args
            .common
            .options(PathBuf::from("public"))
            .and_then(|o| check(&o, args.previous.as_deref())),
        Command::Serve(args) => args
            .common
            .options(PathBuf::from("public"))
            .and_then(|o| cmd::serve::serve(o, &args.bind, args.port)),
        Command::Import(ImportCommand::Ilacs(args)) => cmd::import::ilacs(&args.options()),
        Command::New(new) => scaffold_new(new),
        Command::Init { dir } => cmd::scaffold::init(dir).map(|files| {
            for f in &files {
                println!("Wrote {}", f.display());
            }
            println!(
                "Next: set `title` and `base_url` in {}, then run `{}`.",
                dir.join("content/site.yaml").display(),
                own_command("build", &dir.join("content"))
            );
        }),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            report(&e);
            e.exit_code()
        }
    }
}

fn build(o: &Options) -> Result<(), Error> {
    let r = cmd::build::build(o)?;
    print_warnings(&r.warnings);
    warn_if_placeholder(&r.base_url);
    if r.reused == r.files {
        println!(
            "Nothing changed: the {} pages ({} files) in {} are up to date ({} ms).",
            r.pages,
            r.files,
            o.output.display(),
            r.elapsed.as_millis()
        );
    } else {
        println!(
            "Built {} pages ({} files: {} rendered, {:.1} MiB; {} unchanged) in {} ms into {}",
            r.pages,
            r.files,
            r.files - r.reused,
            r.bytes as f64 / 1048576.0,
            r.reused,
            r.elapsed.as_millis(),
            o.output.display()
        );
    }
    // The site's links are root-relative (under the base URL's path), so
    // opening index.html from disk shows it without styles or working links.
    println!(
        "To browse it, run `{}`, or serve {} with any static web server (e.g. `python3 -m http.server --directory {} 8000`).",
        own_command("serve", &o.content),
        o.output.display(),
        o.output.display()
    );
    Ok(())
}

/// A command for the same content, spelt the way this binary was started, so
/// a hint works as printed: `cargo run --release -- serve` under cargo,
/// `scrutiny serve` when found on the PATH, the path that ran it otherwise.
fn own_command(subcommand: &str, content: &std::path::Path) -> String {
    let argv0 = std::env::args().next().unwrap_or_else(|| "scrutiny".into());
    let mut command = if !argv0.contains('/') {
        format!("{argv0} {subcommand}")
    } else if std::env::var_os("CARGO").is_some() && argv0.contains("/target/") {
        let release = if argv0.contains("/release/") {
            " --release"
        } else {
            ""
        };
        format!("cargo run{release} -- {subcommand}")
    } else {
        format!("{} {subcommand}", shell_word(&argv0))
    };
    if content != std::path::Path::new("content") {
        command += &format!(" --content {}", shell_word(&content.to_string_lossy()));
    }
    command
}

/// A word as a POSIX shell reads it back: quoted only when it needs to be.
fn shell_word(s: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+:=@,".contains(c);
    if !s.is_empty() && s.chars().all(plain) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// One line on stderr when the site is built for a stand-in base URL, which
/// would end up in every canonical link, the sitemap and the feeds.
fn warn_if_placeholder(base_url: &str) {
    if crate::site::urls::is_placeholder(base_url) {
        eprintln!(
            "warning: the base URL {base_url} is a placeholder; before publishing, set `base_url` in site.yaml or pass `--base-url https://your.site/` (see docs/publishing.md)"
        );
    }
}

fn scaffold_new(new: &NewCommand) -> Result<(), Error> {
    let path = match new {
        NewCommand::Inspection {
            authority,
            framework,
            published,
            content,
        } => cmd::scaffold::new_inspection(
            content,
            authority,
            framework.as_deref(),
            published.as_deref(),
        )?,
        NewCommand::Response {
            authority,
            to,
            content,
        } => cmd::scaffold::new_response(content, authority, to)?,
    };
    println!(
        "Wrote {}: fill in the fields marked `...`, then build.",
        path.display()
    );
    Ok(())
}

fn check(o: &Options, previous: Option<&std::path::Path>) -> Result<(), Error> {
    let r = cmd::check::check(o, previous)?;
    print_warnings(&r.warnings);
    warn_if_placeholder(&r.base_url);
    println!(
        "Checked {} pages and {} files in {} ms: content valid, every internal link resolves{}.",
        r.pages,
        r.files,
        r.elapsed.as_millis(),
        if previous.is_some() {
            ", no URL of the previous build is lost"
        } else {
            ""
        }
    );
    Ok(())
}

fn print_warnings(warnings: &[crate::content::Diagnostic]) {
    if !warnings.is_empty() {
        eprint!(
            "{}",
            diag::render_all(warnings, std::io::stderr().is_terminal())
        );
    }
}

fn report(e: &Error) {
    match e {
        Error::Content(diags) => {
            eprint!(
                "{}",
                diag::render_all(diags, std::io::stderr().is_terminal())
            );
            eprintln!(
                "error: the content is invalid; nothing was written and the previous output is unchanged"
            );
        }
        Error::Links(broken) => {
            for b in broken {
                eprintln!("error: {}: broken internal link `{}`", b.page, b.target);
            }
            eprintln!("error: {} broken internal link(s)", broken.len());
        }
        Error::LostUrls(lost) => {
            for l in lost {
                eprintln!("error: {} would be lost: {}", l.url, l.advice);
            }
            eprintln!(
                "error: {} URL(s) the previous build published would disappear; add the aliases above (or restore the pages) before publishing",
                lost.len()
            );
        }
        Error::Import(e) => report_import(e),
        other => eprintln!("error: {other}"),
    }
}

fn report_import(e: &crate::import::ImportError) {
    use crate::import::ImportError;
    match e {
        ImportError::BadRows(rows) => {
            for r in rows {
                eprintln!("error: {r}");
            }
        }
        ImportError::Content(diags) | ImportError::Generated(diags) => {
            eprint!(
                "{}",
                diag::render_all(diags, std::io::stderr().is_terminal())
            );
        }
        _ => {}
    }
    eprintln!("error: {e}");
}
