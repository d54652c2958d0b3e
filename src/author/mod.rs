//! Commands that write documents: `meta`, `new`, `init`, `index`, and the
//! fixes of `check --fix`.

pub mod fix;
pub mod index;
pub mod init;
pub mod meta;
pub mod new;
