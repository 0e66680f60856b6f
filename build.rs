//! include_dir does not notice files added to `knowledge/`, so ask Cargo to rebuild when it changes.

fn main() {
    println!("cargo::rerun-if-changed=knowledge");
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if linux_gnu && std::env::var_os("MSADVISE_PIE").is_none() {
        println!("cargo::rustc-link-arg-bins=-no-pie");
        println!("cargo::rustc-link-arg-bins=-Wl,-z,lazy");
    }
    println!("cargo::rerun-if-env-changed=MSADVISE_PIE");
}
