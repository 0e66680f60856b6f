//! CLI cases as files: `tests/cmd/*.toml`, each with args, expected output and exit status.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
