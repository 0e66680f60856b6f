//! One module per subcommand: each gathers what it shows and hands it to `output`.

pub mod assess;
pub mod explain;
pub mod questions;
pub mod topics;
