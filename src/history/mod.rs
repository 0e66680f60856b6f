//! Reading git history without trusting the repository: a guarded git runner, a streaming
//! commit reader, and the people behind the commits (bots left out, identities merged).

pub(crate) mod git;
pub(crate) mod log;
pub(crate) mod people;
