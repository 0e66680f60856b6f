//! Answers a scan inferred and no person confirmed: how much each counts, by the scan's confidence.

pub use crate::scan::Confidence;

use super::model::Questionnaire;

/// The confidences an answers file can mark an answer with, as written there.
pub const VALID: &str = "low, medium, high";

/// A confidence as an answers file writes it.
pub fn parse(s: &str) -> Option<Confidence> {
    [Confidence::Low, Confidence::Medium, Confidence::High].into_iter().find(|c| c.label() == s)
}

/// How much an answer inferred with `confidence` counts, 0-1: the questionnaire's `inferred_*`.
pub fn weight(q: &Questionnaire, confidence: Confidence) -> f64 {
    match confidence {
        Confidence::Low => q.scoring.inferred_low.value,
        Confidence::Medium => q.scoring.inferred_medium.value,
        Confidence::High => q.scoring.inferred_high.value,
    }
}

/// Per question, how much its answer counts: a person's fully, an inferred one by [`weight`].
pub fn weights(q: &Questionnaire, inferred: &[Option<Confidence>]) -> Vec<f64> {
    inferred.iter().map(|c| c.map_or(1.0, |c| weight(q, c))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_confidence_reads_back_as_written_and_counts_by_its_constant() {
        let q = crate::knowledge::builtin::questionnaire().unwrap();
        let all = [Confidence::Low, Confidence::Medium, Confidence::High];
        assert_eq!(VALID, all.map(Confidence::label).join(", "));
        for c in all {
            assert_eq!(parse(c.label()), Some(c));
        }
        assert_eq!(parse("Low"), None);
        assert_eq!(parse("sure"), None);
        let w = weights(&q, &[None, Some(Confidence::Low), Some(Confidence::Medium), Some(Confidence::High)]);
        let s = &q.scoring;
        assert_eq!(w, [1.0, s.inferred_low.value, s.inferred_medium.value, s.inferred_high.value]);
    }
}
