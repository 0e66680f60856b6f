//! Pretty JSON, byte for byte as `serde_json::to_string_pretty` writes it, in fewer writes.
//!
//! serde_json's `PrettyFormatter` writes a line break, then the indentation one level at a time,
//! each piece a separate small write: for `assess --format json` (30 KB) that is most of the
//! 0.7M instructions spent writing the document. This formatter writes the separator, the line
//! break and the whole indentation as one slice of a constant. A test holds it to serde_json's.

use std::io::{self, Write};

use serde::Serialize;

/// `,` then a line break and spaces for the deepest indentation written in one piece.
const BREAK: &str = concat!(
    ",\n",
    "                                                                ",
    "                                                                "
);
const INDENT: &[u8] = b"  ";

/// The same output as `serde_json::to_string_pretty`.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(16 * 1024);
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, Pretty::default()))?;
    String::from_utf8(out).map_err(|e| serde_json::Error::io(io::Error::other(e)))
}

#[derive(Default)]
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break and the current indentation, after a comma unless `first`.
    fn next_line<W: ?Sized + Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        let start = usize::from(first);
        match BREAK.as_bytes().get(start..2 + INDENT.len() * self.level) {
            Some(piece) => writer.write_all(piece),
            None => {
                writer.write_all(&BREAK.as_bytes()[start..2])?;
                (0..self.level).try_for_each(|_| writer.write_all(INDENT))
            }
        }
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.next_line(writer, true)?;
        }
        writer.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.next_line(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.next_line(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            (-1e6f64..1e6).prop_map(Value::from),
            "[a-z \"\\\\\n\té→\u{1F600}]{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(8, 400, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec(("[a-z_]{0,6}", inner), 0..6)
                    .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Any document as serde_json writes it.
        #[test]
        fn writes_what_serde_json_writes(v in value()) {
            prop_assert_eq!(to_string_pretty(&v).unwrap(), serde_json::to_string_pretty(&v).unwrap());
        }
    }

    #[test]
    fn deep_nesting_past_the_constant() {
        let mut v = Value::from(1);
        for _ in 0..100 {
            v = Value::Array(vec![v, Value::Object(serde_json::Map::new()), Value::Array(Vec::new())]);
        }
        assert_eq!(to_string_pretty(&v).unwrap(), serde_json::to_string_pretty(&v).unwrap());
    }
}
