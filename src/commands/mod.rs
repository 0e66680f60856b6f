//! One module per subcommand: each gathers what it shows and hands it to `output`.

pub mod assess;
pub mod boundaries;
pub mod compare;
pub mod explain;
pub mod glossary;
pub mod knowledge;
pub mod questions;
pub mod scan;
pub mod schema;
pub mod search;
pub mod shell;
pub mod topics;
