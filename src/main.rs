//! The `scrutiny` command: parse the arguments, run one command, exit with its code.

use clap::Parser;

// A build allocates millions of small strings and template values from two
// threads at once; mimalloc's thread-local heaps do that far faster than
// glibc's malloc (which was about a tenth of a national build's time). Its
// `no_thp` build keeps it off transparent huge pages: they were a little
// faster but put a national build's peak memory at the 100 MiB budget.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // Like other Unix tools, end quietly when the reader of our output goes
    // away (`scrutiny build | head -1`) instead of panicking on the write.
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = scrutiny::cli::Cli::parse();
    std::process::ExitCode::from(scrutiny::cli::run(cli))
}
