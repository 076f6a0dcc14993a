//! Rebuilds the binary when a built-in template or static file changes: both
//! folders are embedded whole (see `src/render/builtin.rs`), and the
//! embedding macro cannot tell Cargo which files it read.

fn main() {
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=static");
}
