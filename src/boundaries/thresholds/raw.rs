//! The history thresholds as written, every key optional so that a pack may set only some; merged
//! over the built-in file and checked, each problem reported where its value is written.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{BoundaryChanges, ConfidenceBand, Defaults, Level, Ownership, Thresholds};
use crate::error::Diagnostic;
use crate::yaml::{located, number};

type Opt<T> = Option<Spanned<T>>;

/// The longest window, as for `--since`: a hundred years.
const MAX_WINDOW_MONTHS: u32 = 1200;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct Raw {
    defaults: RawDefaults,
    #[serde(deserialize_with = "given")]
    confidence: Opt<Vec<RawBand>>,
    boundary_changes: RawBoundaryChanges,
    ownership: RawOwnership,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawDefaults {
    #[serde(deserialize_with = "given")]
    window_months: Opt<i64>,
    #[serde(deserialize_with = "given")]
    bulk_limit: Opt<i64>,
    #[serde(deserialize_with = "given")]
    min_module_commits: Opt<i64>,
    #[serde(deserialize_with = "given")]
    min_shared_commits: Opt<i64>,
    #[serde(deserialize_with = "given")]
    min_degree: Opt<f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    min_commits: Spanned<i64>,
    min_months: Spanned<f64>,
    level: Spanned<Level>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawBoundaryChanges {
    #[serde(deserialize_with = "given")]
    min_modules: Opt<i64>,
    #[serde(deserialize_with = "given")]
    constantly: Opt<f64>,
    #[serde(deserialize_with = "given")]
    sometimes: Opt<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawOwnership {
    #[serde(deserialize_with = "given")]
    min_people: Opt<i64>,
    #[serde(deserialize_with = "given")]
    min_modules: Opt<i64>,
    #[serde(deserialize_with = "given")]
    clear_owners: Opt<f64>,
    #[serde(deserialize_with = "given")]
    unclear_owners: Opt<f64>,
    #[serde(deserialize_with = "given")]
    max_modules_one_owner: Opt<f64>,
}

/// A key that is written has a value: `key: ~` is refused, as leaving the key out keeps the
/// built-in value.
fn given<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Opt<T>, D::Error> {
    let found = Spanned::<Option<T>>::deserialize(d)?;
    match found.value {
        Some(value) => Ok(Some(Spanned { value, referenced: found.referenced, defined: found.defined })),
        None => Err(serde::de::Error::custom("a value is needed here, not nothing (null or `~`)")),
    }
}

/// A pack's file; one that sets nothing (empty, or only comments) keeps every built-in value.
pub(super) fn parse(file: &str, text: &str) -> Result<Raw, Diagnostic> {
    let blank = text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if blank { Ok(Raw::default()) } else { crate::yaml::parse(file, text) }
}

/// A value in use and where it is written.
struct Set<'a, T> {
    value: T,
    file: &'a str,
    line: u64,
    column: u64,
    from_pack: bool,
}

impl<T> Set<'_, T> {
    fn problem(&self, message: String) -> Diagnostic {
        Diagnostic::new(self.file, message).at(self.line, self.column)
    }
}

/// Where each value comes from, and the problems found so far.
struct Merge<'a> {
    pack: &'a str,
    builtin: &'a str,
    problems: Vec<Diagnostic>,
}

impl<'a> Merge<'a> {
    /// The pack's value for `key` if it sets one, else the built-in one.
    fn take<T: Clone>(&mut self, pack: &Opt<T>, builtin: &Opt<T>, key: &str) -> Option<Set<'a, T>> {
        let (file, found, from_pack) = match (pack, builtin) {
            (Some(found), _) => (self.pack, found, true),
            (None, Some(found)) => (self.builtin, found, false),
            (None, None) => {
                self.problems.push(Diagnostic::new(self.builtin, format!("`{key}` is missing")));
                return None;
            }
        };
        let at = &found.referenced;
        Some(Set { value: found.value.clone(), file, line: at.line(), column: at.column(), from_pack })
    }

    fn check<T>(&mut self, at: &Set<'_, T>, ok: bool, message: impl FnOnce() -> String) {
        if !ok {
            self.problems.push(at.problem(message()));
        }
    }

    /// A count of at least `min`, as the type it is used as (a count too large for it is as
    /// good as endless, and is taken as the largest it holds).
    fn count<T: TryFrom<i64> + Bounded>(&mut self, at: &Set<'_, i64>, min: i64, key: &str, why: &str) -> T {
        let v = at.value;
        self.check(at, v >= min, || format!("{key} must be at least {min}{why}, not {v}"));
        T::try_from(v.max(min)).unwrap_or(T::MAX)
    }

    fn share(&mut self, at: &Set<'_, f64>, key: &str) {
        let v = at.value;
        self.check(at, (0.0..=1.0).contains(&v), || {
            format!("{key} is a share: give a number from 0 to 1, not {}", number(v))
        });
    }

    /// `low` must be below `high`; the problem is shown at the one the pack set (`low` if both).
    fn below(&mut self, low: &Set<'_, f64>, high: &Set<'_, f64>, keys: (&str, &str)) {
        if low.value < high.value || low.value.is_nan() || high.value.is_nan() {
            return;
        }
        let message = format!("{} ({}) must be below {} ({})", keys.0, number(low.value), keys.1, number(high.value));
        let at = if low.from_pack || !high.from_pack { low.problem(message) } else { high.problem(message) };
        self.problems.push(at);
    }
}

/// The largest value of a count type.
trait Bounded {
    const MAX: Self;
}

impl Bounded for u32 {
    const MAX: u32 = u32::MAX;
}

impl Bounded for usize {
    const MAX: usize = usize::MAX;
}

/// The pack's values (if any) over the built-in ones, checked.
pub(super) fn merge(pack: Option<(&str, Raw)>, builtin: (&str, Raw)) -> Result<Thresholds, Vec<Diagnostic>> {
    let (pack_file, p) = pack.unwrap_or((builtin.0, Raw::default()));
    let (builtin_file, b) = builtin;
    let mut m = Merge { pack: pack_file, builtin: builtin_file, problems: Vec::new() };
    let defaults = defaults(&mut m, &p.defaults, &b.defaults);
    let confidence = confidence(&mut m, &p.confidence, &b.confidence);
    let boundary_changes = boundary_changes(&mut m, &p.boundary_changes, &b.boundary_changes);
    let ownership = ownership(&mut m, &p.ownership, &b.ownership);
    match (defaults, confidence, boundary_changes, ownership) {
        (Some(defaults), Some(confidence), Some(boundary_changes), Some(ownership)) if m.problems.is_empty() => {
            Ok(Thresholds { defaults, confidence, boundary_changes, ownership })
        }
        _ => Err(m.problems),
    }
}

fn defaults(m: &mut Merge<'_>, p: &RawDefaults, b: &RawDefaults) -> Option<Defaults> {
    let window = m.take(&p.window_months, &b.window_months, "defaults.window_months");
    let bulk = m.take(&p.bulk_limit, &b.bulk_limit, "defaults.bulk_limit");
    let module = m.take(&p.min_module_commits, &b.min_module_commits, "defaults.min_module_commits");
    let shared = m.take(&p.min_shared_commits, &b.min_shared_commits, "defaults.min_shared_commits");
    let degree = m.take(&p.min_degree, &b.min_degree, "defaults.min_degree");
    let (window, bulk, module, shared, degree) = (window?, bulk?, module?, shared?, degree?);
    let v = window.value;
    m.check(&window, (1..=i64::from(MAX_WINDOW_MONTHS)).contains(&v), || {
        format!("defaults.window_months must be from 1 to {MAX_WINDOW_MONTHS} (100 years), not {v}")
    });
    m.share(&degree, "defaults.min_degree");
    Some(Defaults {
        window_months: u32::try_from(v).unwrap_or(1).clamp(1, MAX_WINDOW_MONTHS),
        bulk_limit: m.count(&bulk, 2, "defaults.bulk_limit", " (a commit of one file cannot couple)"),
        min_module_commits: m.count(&module, 1, "defaults.min_module_commits", ""),
        min_shared_commits: m.count(&shared, 1, "defaults.min_shared_commits", ""),
        min_degree: degree.value,
    })
}

fn confidence(m: &mut Merge<'_>, p: &Opt<Vec<RawBand>>, b: &Opt<Vec<RawBand>>) -> Option<Vec<ConfidenceBand>> {
    let list = m.take(p, b, "confidence")?;
    m.check(&list, !list.value.is_empty(), || "confidence needs at least one band".to_string());
    for (i, band) in list.value.iter().enumerate() {
        let commits = band.min_commits.value;
        if commits < 0 {
            let message = format!("confidence min_commits must be at least 0, not {commits}");
            m.problems.push(located(list.file, &band.min_commits, message));
        }
        let months = band.min_months.value;
        if !(0.0..=f64::from(MAX_WINDOW_MONTHS)).contains(&months) {
            let message =
                format!("confidence min_months must be from 0 to {MAX_WINDOW_MONTHS}, not {}", number(months));
            m.problems.push(located(list.file, &band.min_months, message));
        }
        let Some(before) = i.checked_sub(1).map(|j| &list.value[j]) else { continue };
        if band.min_commits.value > before.min_commits.value || band.level.value > before.level.value {
            let message = "confidence bands go from the most demanding to the least: this one asks for more \
                           commits, or earns a higher level, than the band before it";
            m.problems.push(located(list.file, &band.min_commits, message));
        }
    }
    let bands = list.value.iter().map(|band| ConfidenceBand {
        min_commits: u64::try_from(band.min_commits.value).unwrap_or(0),
        min_months: band.min_months.value,
        level: band.level.value,
    });
    Some(bands.collect())
}

fn boundary_changes(m: &mut Merge<'_>, p: &RawBoundaryChanges, b: &RawBoundaryChanges) -> Option<BoundaryChanges> {
    let min_modules = m.take(&p.min_modules, &b.min_modules, "boundary_changes.min_modules");
    let constantly = m.take(&p.constantly, &b.constantly, "boundary_changes.constantly");
    let sometimes = m.take(&p.sometimes, &b.sometimes, "boundary_changes.sometimes");
    let (min_modules, constantly, sometimes) = (min_modules?, constantly?, sometimes?);
    let min_modules = m.count(&min_modules, 2, "boundary_changes.min_modules", " (a change across modules needs two)");
    m.share(&constantly, "boundary_changes.constantly");
    m.share(&sometimes, "boundary_changes.sometimes");
    m.below(&sometimes, &constantly, ("boundary_changes.sometimes", "boundary_changes.constantly"));
    Some(BoundaryChanges { min_modules, constantly: constantly.value, sometimes: sometimes.value })
}

fn ownership(m: &mut Merge<'_>, p: &RawOwnership, b: &RawOwnership) -> Option<Ownership> {
    let people = m.take(&p.min_people, &b.min_people, "ownership.min_people");
    let modules = m.take(&p.min_modules, &b.min_modules, "ownership.min_modules");
    let clear = m.take(&p.clear_owners, &b.clear_owners, "ownership.clear_owners");
    let unclear = m.take(&p.unclear_owners, &b.unclear_owners, "ownership.unclear_owners");
    let one = m.take(&p.max_modules_one_owner, &b.max_modules_one_owner, "ownership.max_modules_one_owner");
    let (people, modules, clear, unclear, one) = (people?, modules?, clear?, unclear?, one?);
    let min_people = m.count(&people, 1, "ownership.min_people", "");
    let min_modules = m.count(&modules, 1, "ownership.min_modules", "");
    m.share(&clear, "ownership.clear_owners");
    m.share(&unclear, "ownership.unclear_owners");
    m.share(&one, "ownership.max_modules_one_owner");
    m.below(&unclear, &clear, ("ownership.unclear_owners", "ownership.clear_owners"));
    Some(Ownership {
        min_people,
        min_modules,
        clear_owners: clear.value,
        unclear_owners: unclear.value,
        max_modules_one_owner: one.value,
    })
}
