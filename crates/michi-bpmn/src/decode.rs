//! Bytes to text. BPMN files arrive as UTF-8 (with or without a byte-order mark), as UTF-16 with a
//! mark, or in the encoding their XML declaration names (ISO-8859-1 and windows-1252 are common in
//! older tools). Everything becomes UTF-8 text; what cannot be decoded is an error with a position.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::BpmnError;

/// The encoding the XML declaration names, if any (read from the ASCII-compatible start).
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(256)];
    let head = std::str::from_utf8(head).ok().or_else(|| {
        let end = head.iter().position(|&b| b > 0x7f).unwrap_or(head.len());
        std::str::from_utf8(&head[..end]).ok()
    })?;
    let decl = head.strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// Line and column (1-based, in characters) of byte `offset` in `valid`, the text before it.
fn position(valid: &str) -> (usize, usize) {
    let line = valid.matches('\n').count() + 1;
    let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, BpmnError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).expect("valid up to here");
            let (line, column) = position(valid);
            Err(BpmnError::InvalidUtf8 { line, column })
        }
    }
}

/// Decodes a file's bytes to text.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, BpmnError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    for (bom, encoding) in [(&b"\xFF\xFE"[..], UTF_16LE), (&b"\xFE\xFF"[..], UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return encoding
                .decode_without_bom_handling_and_without_replacement(rest)
                .map(|t| Cow::Owned(t.into_owned()))
                .ok_or_else(|| BpmnError::InvalidEncoding { encoding: encoding.name().into() });
        }
    }
    let Some(label) = declared_encoding(bytes) else { return utf8(bytes) };
    let encoding = Encoding::for_label(label.trim().as_bytes()).ok_or(BpmnError::UnsupportedEncoding(label.clone()))?;
    if encoding == UTF_8 {
        return utf8(bytes);
    }
    if encoding == UTF_16LE || encoding == UTF_16BE {
        // A UTF-16 file without a byte-order mark cannot have an ASCII declaration we just read.
        return Err(BpmnError::InvalidEncoding { encoding: label });
    }
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| Cow::Owned(t.into_owned()))
        .ok_or(BpmnError::InvalidEncoding { encoding: label })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_with_and_without_bom() {
        let plain = "<?xml version=\"1.0\"?><a>日本</a>";
        assert_eq!(decode(plain.as_bytes()).unwrap(), plain);
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), plain.as_bytes()].concat();
        assert_eq!(decode(&with_bom).unwrap(), plain);
    }

    #[test]
    fn reads_latin1_and_windows_1252_declarations() {
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>Caf".to_vec();
        bytes.push(0xE9); // é in ISO-8859-1
        bytes.extend_from_slice(b"</a>");
        assert!(decode(&bytes).unwrap().contains("Café"));
        let mut bytes = b"<?xml version='1.0' encoding='windows-1252'?><a>".to_vec();
        bytes.push(0x80); // € in windows-1252
        bytes.extend_from_slice(b"</a>");
        assert!(decode(&bytes).unwrap().contains('€'));
    }

    #[test]
    fn reads_utf16_with_a_bom() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>道</a>";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap(), text);
    }

    #[test]
    fn invalid_utf8_names_its_position() {
        let mut bytes = b"<?xml version=\"1.0\"?>\n<a>\n  ok".to_vec();
        bytes.push(0xFF);
        assert_eq!(decode(&bytes), Err(BpmnError::InvalidUtf8 { line: 3, column: 5 }));
    }

    #[test]
    fn unknown_encodings_are_named() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"EBCDIC-XYZ\"?><a/>";
        assert_eq!(decode(bytes), Err(BpmnError::UnsupportedEncoding("EBCDIC-XYZ".into())));
    }
}
