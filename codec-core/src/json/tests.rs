//! The scanner is crate-private: its examples and tests are here.

use super::error::MAX_DEPTH;
use super::*;
extern crate std;
use proptest::prelude::*;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

#[test]
fn example_1() {
    let object = JsonObject::parse(r#"{"k":"a\"b"}"#).unwrap();
    assert_eq!(object.get("k").unwrap().as_str().unwrap().raw(), r#"a\"b"#);
}

#[test]
fn example_2() {
    let object = JsonObject::parse(r#"{"k":"\u00e9t\u00e9"}"#).unwrap();
    assert_eq!(
        object.get("k").unwrap().as_str().unwrap().chars().count(),
        3
    );
}

#[test]
fn example_5() {
    let object = JsonObject::parse(r#"{"k":"\u0041BC"}"#).unwrap();
    assert!(
        object
            .get("k")
            .unwrap()
            .as_str()
            .unwrap()
            .eq_unescaped("ABC")
    );
}

#[test]
fn example_6() {
    let object = JsonObject::parse(r#"{"k":"a\/b"}"#).unwrap();
    assert_eq!(
        object
            .get("k")
            .unwrap()
            .as_str()
            .unwrap()
            .chars()
            .collect::<Vec<_>>(),
        ['a', '/', 'b']
    );
}

#[test]
fn example_7() {
    let object = JsonObject::parse(r#"{"n": 200, "ok": true, "none": null}"#).unwrap();
    assert_eq!(object.get("n").unwrap().as_number(), Some("200"));
    assert_eq!(object.get("ok"), Some(JsonValue::Bool(true)));
}

#[test]
fn example_8() {
    assert!(
        JsonObject::parse(r#"{"a":"x"}"#)
            .unwrap()
            .get("a")
            .unwrap()
            .as_str()
            .is_some()
    );
}

#[test]
fn example_9() {
    assert_eq!(
        JsonObject::parse(r#"{"a":-1.5e3}"#)
            .unwrap()
            .get("a")
            .unwrap()
            .as_number(),
        Some("-1.5e3")
    );
}

#[test]
fn example_10() {
    let object = JsonObject::parse(r#"{"a": 1, "nested": {"x": [1, 2]}, "a": 2}"#).unwrap();
    assert_eq!(object.members().count(), 3);
    assert_eq!(object.get("a").unwrap().as_number(), Some("2")); // duplicates: the last wins
}

#[test]
fn example_11() {
    assert!(JsonObject::parse(" {} ").is_ok());
    assert_eq!(
        JsonObject::parse("[]"),
        Err(JsonError::Shape {
            expected: "an object"
        })
    );
}

#[test]
fn example_12() {
    assert_eq!(
        JsonObject::parse_bytes(b"{\"a\":\"\xff\"}"),
        Err(JsonError::NotUtf8 { valid_up_to: 6 })
    );
}

#[test]
fn example_13() {
    let object = JsonObject::parse(r#"{"a":1,"b":2}"#).unwrap();
    let keys: Vec<String> = object.members().map(|(k, _)| k.to_string()).collect();
    assert_eq!(keys, ["a", "b"]);
}

#[test]
fn example_14() {
    assert!(JsonObject::parse("{}").unwrap().get("missing").is_none());
}

#[test]
fn example_15() {
    assert!(
        JsonObject::parse(" {} ")
            .unwrap()
            .members()
            .next()
            .is_none()
    );
}

#[test]
fn example_16() {
    let object = JsonObject::parse(r#"{"cookies": ["a=1", "b=2"]}"#).unwrap();
    let JsonValue::Array(cookies) = object.get("cookies").unwrap() else {
        panic!()
    };
    assert_eq!(cookies.values().count(), 2);
}

#[test]
fn example_17() {
    let object = JsonObject::parse(r#"{"a":[true,null]}"#).unwrap();
    let JsonValue::Array(array) = object.get("a").unwrap() else {
        panic!()
    };
    assert_eq!(
        array.values().collect::<Vec<_>>(),
        [JsonValue::Bool(true), JsonValue::Null]
    );
}

#[test]
fn example_18() {
    assert_eq!(
        JsonObject::parse(r#"{"x":{}}"#).unwrap().members().count(),
        1
    );
}

#[test]
fn example_19() {
    let object = JsonObject::parse(r#"{"a":[]}"#).unwrap();
    let JsonValue::Array(array) = object.get("a").unwrap() else {
        panic!()
    };
    assert_eq!(array.values().count(), 0);
}

#[test]
fn json_reader_accepts_full_syntax_and_skips_unknown_members() {
    let text = r#" { "ErrorCode" : "E", "n": -0.5e+10, "deep": {"a": [1, {"b": [true, false, null, "x\u00e9"]}, []]},
        "empty": {}, "arr": [ ], "esc": "\"\\\/\b\f\n\r\t\ud83d\ude00", "ErrorCode": "last" } "#;
    let object = JsonObject::parse(text).unwrap();
    assert_eq!(object.members().count(), 7);
    assert!(
        object
            .get("ErrorCode")
            .unwrap()
            .as_str()
            .unwrap()
            .eq_unescaped("last")
    );
    assert_eq!(
        object.get("esc").unwrap().as_str().unwrap().to_string(),
        "\"\\/\u{8}\u{c}\n\r\t😀"
    );
    assert_eq!(object.get("n").unwrap().as_number(), Some("-0.5e+10"));
}

#[test]
fn json_reader_refuses_malformed_text_with_offsets() {
    let cases: &[(&str, JsonError)] = &[
        (
            "",
            JsonError::Syntax {
                offset: 0,
                expected: "a value",
            },
        ),
        (
            "{",
            JsonError::Syntax {
                offset: 1,
                expected: "a string key",
            },
        ),
        (
            "{\"a\":1,}",
            JsonError::Syntax {
                offset: 7,
                expected: "a string key",
            },
        ),
        (
            "{\"a\":01}",
            JsonError::Syntax {
                offset: 6,
                expected: "',' or '}'",
            },
        ),
        (
            "{\"a\":1.}",
            JsonError::Syntax {
                offset: 7,
                expected: "a digit after '.'",
            },
        ),
        (
            "{\"a\":tru}",
            JsonError::Syntax {
                offset: 5,
                expected: "true, false or null",
            },
        ),
        (
            "{\"a\":\"\\x\"}",
            JsonError::Syntax {
                offset: 7,
                expected: "an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
            },
        ),
        (
            "{\"a\":\"\\ud83d\"}",
            JsonError::Syntax {
                offset: 12,
                expected: "a low surrogate \\uDC00-\\uDFFF",
            },
        ),
        (
            "{\"a\":\"\\ude00\"}",
            JsonError::Syntax {
                offset: 6,
                expected: "a high surrogate before a low one",
            },
        ),
        (
            "{\"a\":\"\u{1}\"}",
            JsonError::Syntax {
                offset: 6,
                expected: "an escaped control character",
            },
        ),
        (
            "{\"a\":\"open}",
            JsonError::Syntax {
                offset: 11,
                expected: "'\"' to end the string",
            },
        ),
        (
            "{} {}",
            JsonError::Syntax {
                offset: 3,
                expected: "end of input",
            },
        ),
        (
            "[1]",
            JsonError::Shape {
                expected: "an object",
            },
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(JsonObject::parse(text), Err(*expected), "{text:?}");
    }
}

#[test]
fn json_nesting_is_bounded_without_recursion() {
    let ok = format!(
        "{{\"a\":{}{}}}",
        "[".repeat(MAX_DEPTH - 1),
        "]".repeat(MAX_DEPTH - 1)
    );
    assert!(JsonObject::parse(&ok).is_ok());
    let deep = format!(
        "{{\"a\":{}{}}}",
        "[".repeat(MAX_DEPTH),
        "]".repeat(MAX_DEPTH)
    );
    assert!(matches!(
        JsonObject::parse(&deep),
        Err(JsonError::TooDeep { .. })
    ));
    // Far deeper than any stack would survive with recursion: refused at once.
    let hostile = format!("{{\"a\":{}", "[".repeat(1_000_000));
    assert!(matches!(
        JsonObject::parse(&hostile),
        Err(JsonError::TooDeep { offset: 132 })
    ));
}

proptest! {
    #[test]
    fn json_reader_never_panics_on_arbitrary_text(text in "\\PC{0,64}|[{}\\[\\]\",:0-9a-z\\\\ ]{0,64}") {
        if let Ok(object) = JsonObject::parse(&text) {
            for (key, _) in object.members() {
                let _ = key.to_string();
            }
        }
    }
}

#[test]
fn a_strings_text_alone_is_checked_as_inside_its_quotes() {
    for good in [
        "",
        "plain",
        r#"\"\\\/\b\f\n\r\t"#,
        r"\u00e9\ud83d\ude00",
        "é 😀",
    ] {
        assert_eq!(JsonStr::parse(good).unwrap().raw(), good);
    }
    for (bad, offset) in [
        (r#"a"b"#, 1),
        (r"trailing\", 9),
        (r"\x", 1),
        (r"\ud83d", 6),
        (r"\ude00", 0),
        ("tab\there", 3),
    ] {
        let got = JsonStr::parse(bad);
        assert!(
            matches!(got, Err(JsonError::Syntax { offset: o, .. }) if o == offset),
            "{bad:?}: {got:?}"
        );
    }
}

proptest! {
    #[test]
    fn a_strings_raw_text_parses_again_and_unescapes_to_the_text(text in "\\PC{0,32}") {
        let quoted = format!("{{\"k\":{}}}", json_quote(&text));
        let object = JsonObject::parse(&quoted).unwrap();
        let value = object.get("k").unwrap().as_str().unwrap();
        let again = JsonStr::parse(value.raw()).unwrap();
        prop_assert_eq!(again, value);
        prop_assert_eq!(again.to_string(), text);
    }
}

/// `text` as a JSON string, every character outside printable ASCII escaped.
fn json_quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
    out
}
