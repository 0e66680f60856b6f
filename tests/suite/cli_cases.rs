//! CLI cases as files: `tests/cmd/*.toml`, each with args, expected output and exit status; and
//! the README's `console` examples, so that the documentation cannot drift from the program.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml").case("README.md");
}

/// The README states the questionnaire's size; it must be the size of the built-in one.
#[test]
fn the_readme_counts_the_questions_and_dimensions_right() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let json = String::from_utf8(crate::msadvise(&["questions", "--format", "json"]).stdout).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let questions = doc["questions"].as_array().unwrap().len();
    let dimensions = doc["dimensions"].as_array().unwrap().len();
    let words =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    let flat = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&format!("asks up to {questions} questions")), "README: `asks up to {questions} questions`");
    assert!(
        flat.contains(&format!("in {} dimensions", words[dimensions])),
        "README: `in {} dimensions`",
        words[dimensions]
    );
}
