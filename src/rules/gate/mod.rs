//! DC6xx: the change gate (`--base`).

pub mod unexplained_change;
