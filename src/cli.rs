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
        "To browse it, run `scrutiny serve`, or serve {} with any static web server (e.g. `python3 -m http.server --directory {} 8000`).",
        o.output.display(),
        o.output.display()
    );
    Ok(())
}

fn check(o: &Options, previous: Option<&std::path::Path>) -> Result<(), Error> {
    let r = cmd::check::check(o, previous)?;
    print_warnings(&r.warnings);
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
