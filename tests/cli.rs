//! CLI behaviour as data: each `tests/cmd/<case>.toml` runs the binary on the
//! tree `<case>.in/` (copied to a sandbox) and pins its exit status, standard
//! output and standard error. `TRYCMD=overwrite cargo test --test cli`
//! re-records them; review the diff like any snapshot.

#[test]
fn cli() {
    trycmd::TestCases::new()
        .env("COLUMNS", "100")
        .case("tests/cmd/*.toml");
}
