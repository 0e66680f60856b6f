//! include_dir does not notice files added to `knowledge/`, so ask Cargo to rebuild when it changes.

fn main() {
    println!("cargo::rerun-if-changed=knowledge");
}
