//! `scrutiny import ilacs`: runs an import (see [`crate::import`]) and prints
//! its summary, file by file.

use crate::error::Error;
use crate::import::{self, ImportOptions};

pub fn ilacs(opts: &ImportOptions) -> Result<(), Error> {
    let report = import::import(opts)?;
    print!("{}", import::summary(&report, &opts.content));
    Ok(())
}
