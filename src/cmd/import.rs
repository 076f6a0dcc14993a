//! `scrutiny import ilacs`: runs an import (see [`crate::import`]) and prints
//! its summary, file by file.

use crate::cli::ImportArgs;
use crate::error::Error;
use crate::import::{self, ImportOptions};

pub fn ilacs(args: &ImportArgs) -> Result<(), Error> {
    let opts = ImportOptions {
        file: args.file.clone(),
        content: args.content.clone(),
        write: args.write,
        skip_bad: args.skip_bad,
    };
    let report = import::import(&opts)?;
    print!("{}", import::summary(&report, &args.content));
    Ok(())
}
